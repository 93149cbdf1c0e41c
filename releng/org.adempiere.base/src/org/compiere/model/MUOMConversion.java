package org.compiere.model;

import java.math.BigDecimal;
import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MUOMConversion}; never shipped. */
public class MUOMConversion extends X_C_UOM_Conversion {

    public MUOMConversion(Properties ctx, int C_UOM_Conversion_ID, String trxName) {
        super(ctx, C_UOM_Conversion_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    static public BigDecimal getProductRateFrom(Properties ctx, int M_Product_ID, int C_UOM_To_ID) {
        throw new UnsupportedOperationException("compile-only");
    }
}
