package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MTax}; never shipped. */
public class MTax extends X_C_Tax {

    public MTax(Properties ctx, int C_Tax_ID, String trxName) {
        super(ctx, C_Tax_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public static MTax get(Properties ctx, int C_Tax_ID) {
        throw new UnsupportedOperationException("compile-only");
    }
}
