package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MDocType}; never shipped. */
public class MDocType extends X_C_DocType {

    public MDocType(Properties ctx, int C_DocType_ID, String trxName) {
        super(ctx, C_DocType_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    static public MDocType get(Properties ctx, int C_DocType_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    static public int getDocType(String DocBaseType) {
        throw new UnsupportedOperationException("compile-only");
    }
}
