package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_UOM_Conversion}; never shipped. */
public class X_C_UOM_Conversion extends PO {

    public X_C_UOM_Conversion(Properties ctx, int C_UOM_Conversion_ID, String trxName) {
        super(ctx, C_UOM_Conversion_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }
}
