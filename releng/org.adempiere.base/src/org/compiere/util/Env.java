package org.compiere.util;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.util.Env}; never shipped. */
public final class Env {

    public static final String M_WAREHOUSE_ID = "#M_Warehouse_ID";

    public static final String AD_CLIENT_ID = "#AD_Client_ID";

    public static final String AD_ORG_ID = "#AD_Org_ID";

    public static final String AD_USER_ID = "#AD_User_ID";

    public static void setContext(Properties ctx, String context, int value) {
        throw new UnsupportedOperationException("compile-only");
    }

    public static final Properties getCtx() {
        throw new UnsupportedOperationException("compile-only");
    }

    public static int getContextAsInt(Properties ctx, String context) {
        throw new UnsupportedOperationException("compile-only");
    }

    public static int getAD_Client_ID(Properties ctx) {
        throw new UnsupportedOperationException("compile-only");
    }

    public static int getAD_Org_ID(Properties ctx) {
        throw new UnsupportedOperationException("compile-only");
    }

    public static int getAD_User_ID(Properties ctx) {
        throw new UnsupportedOperationException("compile-only");
    }

    public static String getAD_Language(Properties ctx) {
        throw new UnsupportedOperationException("compile-only");
    }
}
