package org.compiere.util;

import java.sql.Connection;
import java.sql.SQLException;

/** Compile-only signature of iDempiere 12's {@code org.compiere.util.Trx}; never shipped. */
public class Trx {

    private Trx(String trxName) {
        throw new UnsupportedOperationException("compile-only");
    }

    public static Trx get(String trxName, boolean createNew) {
        throw new UnsupportedOperationException("compile-only");
    }

    public static String createTrxName(String prefix) {
        throw new UnsupportedOperationException("compile-only");
    }

    public Connection getConnection() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getTrxName() {
        throw new UnsupportedOperationException("compile-only");
    }

    public boolean rollback() {
        throw new UnsupportedOperationException("compile-only");
    }

    public synchronized boolean commit(boolean throwException) throws SQLException {
        throw new UnsupportedOperationException("compile-only");
    }

    public synchronized boolean close() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setDisplayName(String displayName) {
        throw new UnsupportedOperationException("compile-only");
    }
}
