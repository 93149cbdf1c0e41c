package org.compiere.model;

import java.util.List;
import java.util.Properties;
import org.adempiere.exceptions.DBException;

/**
 * Compile-only signature of iDempiere 12's {@code org.compiere.model.Query}; never shipped. Only
 * the members the binding calls are declared.
 */
public class Query {

    public Query(Properties ctx, String tableName, String whereClause, String trxName) {
        throw new UnsupportedOperationException("compile-only");
    }

    public Query setParameters(Object... parameters) {
        throw new UnsupportedOperationException("compile-only");
    }

    public Query setOrderBy(String orderBy) {
        throw new UnsupportedOperationException("compile-only");
    }

    public <T extends PO> List<T> list() throws DBException {
        throw new UnsupportedOperationException("compile-only");
    }
}
