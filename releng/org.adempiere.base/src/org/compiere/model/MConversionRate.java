package org.compiere.model;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MConversionRate}; never shipped. */
public class MConversionRate extends X_C_Conversion_Rate {

    public MConversionRate(Properties ctx, int C_Conversion_Rate_ID, String trxName) {
        super(ctx, C_Conversion_Rate_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public static BigDecimal getRate(int CurFrom_ID, int CurTo_ID, Timestamp ConvDate, int ConversionType_ID,
            int AD_Client_ID, int AD_Org_ID) {
        throw new UnsupportedOperationException("compile-only");
    }
}
