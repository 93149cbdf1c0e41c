package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MCurrency}; never shipped. */
public class MCurrency extends X_C_Currency {

    public MCurrency(Properties ctx, int C_Currency_ID, String trxName) {
        super(ctx, C_Currency_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public static MCurrency get(Properties ctx, String ISOcode) {
        throw new UnsupportedOperationException("compile-only");
    }

    public static MCurrency get(Properties ctx, int C_Currency_ID) {
        throw new UnsupportedOperationException("compile-only");
    }
}
