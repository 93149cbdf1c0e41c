package org.idempiere.subscription.plugin.host;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.UnaryOperator;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.TxWork;

/**
 * Runs the engine's work inside a transaction that belongs to someone else: the iDempiere
 * {@code Trx} of an order being completed or voided. The work's writes then commit or roll back
 * with the order; nothing here commits or closes. A savepoint taken before the work is rolled
 * back to when the work fails, so a failed step leaves neither half-written rows nor an aborted
 * PostgreSQL transaction behind, and the owner of the transaction decides what happens next (the
 * order event turns the failure into the document's error message).
 */
final class JoinedTransaction {

    private JoinedTransaction() {
    }

    /**
     * @param trxName    the owner's iDempiere transaction name, for the ports
     * @param connection the owner's connection (auto-commit off)
     * @param translate  turns a runtime exception of the host into the one to throw (as
     *                   {@link IdempiereHostContext#inTransaction} does for iDempiere's exceptions)
     * @throws SubscriptionException HOST_FAILURE for a database error or a missing connection
     */
    static <T> T run(String trxName, Connection connection, TxWork<T> work, UnaryOperator<RuntimeException> translate) {
        if (connection == null) {
            throw SubscriptionException.hostFailure("iDempiere gave transaction " + trxName + " no database connection", null);
        }
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure("Database error: " + e.getMessage(), e);
        }
        try {
            T result = work.run(new IdempiereTx(trxName, connection));
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException e) {
            rollback(connection, savepoint, e);
            throw SubscriptionException.hostFailure("Database error: " + e.getMessage(), e);
        } catch (SubscriptionException e) {
            rollback(connection, savepoint, e);
            throw e;
        } catch (RuntimeException e) {
            rollback(connection, savepoint, e);
            throw translate.apply(e);
        } catch (Error e) {
            rollback(connection, savepoint, e);
            throw e;
        }
    }

    private static void rollback(Connection connection, Savepoint savepoint, Throwable failure) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
