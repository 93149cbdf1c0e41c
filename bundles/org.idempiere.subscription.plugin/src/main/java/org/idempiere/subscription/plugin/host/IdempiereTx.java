package org.idempiere.subscription.plugin.host;

import java.sql.Connection;
import java.util.Objects;
import org.idempiere.subscription.api.host.Tx;

/**
 * A {@link Tx} over an iDempiere {@code Trx}: the engine writes its {@code SUB_} tables with JDBC
 * on {@link #connection()}, which is the {@code Trx}'s own connection, and the ports create and read
 * iDempiere records with {@link #trxName()}. Both therefore commit or roll back together, when
 * {@link IdempiereHostContext#inTransaction} ends the {@code Trx}.
 *
 * @param trxName    the iDempiere transaction name to pass to {@code PO} constructors and queries
 * @param connection the {@code Trx}'s JDBC connection (auto-commit off); never closed by its users
 */
public record IdempiereTx(String trxName, Connection connection) implements Tx {

    public IdempiereTx {
        Objects.requireNonNull(trxName, "trxName");
        Objects.requireNonNull(connection, "connection");
    }

    /**
     * @return {@code tx} as an iDempiere transaction
     * @throws IllegalArgumentException if {@code tx} was not opened by {@link IdempiereHostContext}:
     *         a port must never write outside the caller's iDempiere transaction
     */
    public static IdempiereTx of(Tx tx) {
        if (tx instanceof IdempiereTx idempiereTx) {
            return idempiereTx;
        }
        throw new IllegalArgumentException("Not a transaction opened by IdempiereHostContext: " + tx);
    }
}
