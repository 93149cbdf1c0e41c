package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_Conversion_Rate}; never shipped. */
public class X_C_Conversion_Rate extends PO {

    public X_C_Conversion_Rate(Properties ctx, int C_Conversion_Rate_ID, String trxName) {
        super(ctx, C_Conversion_Rate_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }
}
