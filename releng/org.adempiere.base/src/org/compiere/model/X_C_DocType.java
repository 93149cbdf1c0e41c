package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_DocType}; never shipped. */
public class X_C_DocType extends PO {

    public X_C_DocType(Properties ctx, int C_DocType_ID, String trxName) {
        super(ctx, C_DocType_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    /** DocBaseType AR Invoice = ARI */
    public static final String DOCBASETYPE_ARInvoice = "ARI";
}
