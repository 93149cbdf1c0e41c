package org.adempiere.base;

import java.math.BigDecimal;
import java.sql.Timestamp;

/** Compile-only signature of iDempiere 12's {@code org.adempiere.base.IProductPricing}; never shipped. */
public interface IProductPricing {

    void setInitialValues(int M_Product_ID, int C_BPartner_ID, BigDecimal qty, boolean isSOTrx, String trxName);

    boolean calculatePrice();

    void setM_PriceList_ID(int M_PriceList_ID);

    void setPriceDate(Timestamp priceDate);

    BigDecimal getPriceStd();

    boolean isCalculated();
}
