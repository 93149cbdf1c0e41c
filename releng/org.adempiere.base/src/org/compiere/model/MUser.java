package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MUser}; never shipped. */
public class MUser extends X_AD_User {

    public MUser(Properties ctx, int AD_User_ID, String trxName) {
        super(ctx, AD_User_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public static MUser get(Properties ctx, int AD_User_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public void setEMail(String EMail) {
        throw new UnsupportedOperationException("compile-only");
    }
}
