package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_AD_User}; never shipped. */
public class X_AD_User extends PO {

    public X_AD_User(Properties ctx, int AD_User_ID, String trxName) {
        super(ctx, AD_User_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_BPartner_Location_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getEMail() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_BPartner_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getPhone() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setName(String Name) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setEMail(String EMail) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setPhone(String Phone) {
        throw new UnsupportedOperationException("compile-only");
    }
}
