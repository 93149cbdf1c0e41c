package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_AD_Client}; never shipped. */
public class X_AD_Client extends PO {

    public X_AD_Client(Properties ctx, int AD_Client_ID, String trxName) {
        super(ctx, AD_Client_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }
}
