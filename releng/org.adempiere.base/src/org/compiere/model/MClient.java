package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MClient}; never shipped. */
public class MClient extends X_AD_Client {

    public MClient(Properties ctx, int AD_Client_ID, String trxName) {
        super(ctx, AD_Client_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public static MClient get(Properties ctx) {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Currency_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public org.compiere.util.EMail createEMail(String to, String subject, String message) {
        throw new UnsupportedOperationException("compile-only");
    }
}
