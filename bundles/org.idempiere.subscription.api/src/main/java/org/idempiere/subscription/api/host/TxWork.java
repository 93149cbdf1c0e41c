package org.idempiere.subscription.api.host;

import java.sql.SQLException;

/** Work done inside one transaction; see {@link HostContext#inTransaction(TxWork)}. */
@FunctionalInterface
@org.osgi.annotation.versioning.ConsumerType
public interface TxWork<T> {
    /** Does the work; any exception rolls the transaction back. */
    T run(Tx tx) throws SQLException;
}
