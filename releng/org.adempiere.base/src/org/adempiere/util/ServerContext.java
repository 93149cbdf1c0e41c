package org.adempiere.util;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.adempiere.util.ServerContext}; never shipped. */
public final class ServerContext {

    private ServerContext() {
    }

    public static Properties getCurrentInstance() {
        throw new UnsupportedOperationException("compile-only");
    }

    public static void dispose() {
        throw new UnsupportedOperationException("compile-only");
    }

    public static void setCurrentInstance(Properties ctx) {
        throw new UnsupportedOperationException("compile-only");
    }
}
