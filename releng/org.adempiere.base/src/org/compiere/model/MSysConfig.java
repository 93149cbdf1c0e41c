package org.compiere.model;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MSysConfig}; never shipped. */
public class MSysConfig {

    public static String getValue(String Name, int AD_Client_ID) {
        throw new UnsupportedOperationException("compile-only");
    }
}
