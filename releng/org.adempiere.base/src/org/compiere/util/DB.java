package org.compiere.util;

import org.adempiere.exceptions.DBException;

/** Compile-only signature of iDempiere 12's {@code org.compiere.util.DB}; never shipped. */
public final class DB {

    public static int getSQLValueEx(String trxName, String sql, Object... params) throws DBException {
        throw new UnsupportedOperationException("compile-only");
    }

    public static String getDocumentNo(int AD_Client_ID, String TableName, String trxName) {
        throw new UnsupportedOperationException("compile-only");
    }

    public static java.util.List<java.util.List<Object>> getSQLArrayObjectsEx(String trxName, String sql, Object... params) {
        throw new UnsupportedOperationException("compile-only");
    }

    public static int getNextID(int AD_Client_ID, String TableName, String trxName) {
        throw new UnsupportedOperationException("compile-only");
    }

    public static java.math.BigDecimal getSQLValueBDEx (String trxName, String sql, Object... params) throws DBException {
        throw new UnsupportedOperationException("compile-only");
    }

    public static java.sql.Connection createConnection (boolean autoCommit, int trxLevel) {
        throw new UnsupportedOperationException("compile-only");
    }

    public static boolean isPostgreSQL() {
        throw new UnsupportedOperationException("compile-only");
    }
}
