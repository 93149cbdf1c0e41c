package org.idempiere.subscription.api.host;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Tenant, time, transactions and ids, as the host defines them. In iDempiere: {@code Env},
 * {@code Trx} and {@code DB.getNextID}; in the sandbox: a PostgreSQL connection pool, sequences
 * and a test clock.
 */
@org.osgi.annotation.versioning.ProviderType
public interface HostContext {

    /** @return the tenant the current call acts for */
    Tenant tenant();

    /** @return the clock of "now" for billing and the like; a test clock in the sandbox */
    Clock clock();

    /** @return today's date on {@link #clock()} */
    default LocalDate today() {
        return LocalDate.now(clock());
    }

    /**
     * Runs {@code work} in a new transaction: commits when it returns, rolls back when it throws
     * (the exception is rethrown; a {@link java.sql.SQLException} wrapped as a
     * {@link org.idempiere.subscription.api.SubscriptionException} HOST_FAILURE).
     */
    <T> T inTransaction(TxWork<T> work);

    /**
     * How many threads the engine may use at once for one batch job (a billing run). Those
     * threads call this host's ports without the calling thread's context, so a host whose
     * tenant or session lives in thread-local state must answer 1 (the default).
     */
    default int parallelism() {
        return 1;
    }

    /**
     * How many payment attempts the engine may collect at once (one worker thread each): a
     * gateway call waits on the network, not on a core, so a host may allow more than its cores,
     * up to what its database sessions and the gateway's rate limits bear. Like
     * {@link #parallelism()}, the workers call this host's ports without the calling thread's
     * context, so a host whose tenant or session lives in thread-local state must answer 1 (the
     * default): the attempts are then collected one after another in the calling thread.
     */
    default int paymentParallelism() {
        return 1;
    }

    /** Allocates a new id for a record of {@code tableName} (one of our {@code SUB_} tables). */
    long nextId(Tx tx, String tableName);

    /**
     * The document number of a new record of {@code tableName} (one of our {@code SUB_} tables)
     * from the host's numbering, so that records the engine creates and records users enter in
     * the host's windows share one sequence. In iDempiere: the tenant's {@code DocumentNo_<table>}
     * sequence ({@code DB.getDocumentNo}, which creates it on first use).
     *
     * @return empty when the host has no numbering of its own (the default): the engine then
     *         numbers the record from its id
     */
    default java.util.Optional<String> documentNo(Tx tx, String tableName) {
        return java.util.Optional.empty();
    }

    /**
     * Allocates {@code count} new ids at once, for batched writes. The default asks
     * {@link #nextId} once per id; a host with a cheaper block allocation overrides it.
     */
    default long[] nextIds(Tx tx, String tableName, int count) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = nextId(tx, tableName);
        }
        return ids;
    }

    /**
     * Runs {@code work} acting for {@code tenant}: every port and {@link #tenant()} called from it,
     * in this thread, act for that tenant. The customer portal uses it: its caller is signed in by a
     * link that names the tenant, not by the host. The default runs {@code work} only for the
     * tenant the call already acts for (a host of one tenant).
     *
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN naming {@code tenant} for
     *         a tenant this host cannot act for
     */
    default <T> T actingFor(Tenant tenant, java.util.function.Supplier<T> work) {
        if (tenant.clientId() != tenant().clientId()) {
            throw org.idempiere.subscription.api.SubscriptionException.unknown("tenant", tenant.clientId());
        }
        return work.get();
    }

    /**
     * A setting of the current tenant from the host's own configuration (iDempiere: the system
     * configurator, {@code AD_SysConfig}, for the tenant or the system), such as
     * {@code SUBSCRIPTIONS_PORTAL_URL}.
     *
     * @return empty when the host has no such setting (the engine's default applies)
     */
    default java.util.Optional<String> setting(String name) {
        return java.util.Optional.empty();
    }

    /**
     * Vacuums and analyzes our tables after a mass delete (PostgreSQL's {@code VACUUM (ANALYZE)}), so reads
     * stop visiting the dead rows at once instead of when autovacuum comes by. {@code VACUUM} cannot run in a
     * transaction: the host runs it on a connection of its own in auto-commit mode, outside any transaction of
     * the caller, and waits for it. Which tables and when is the engine's decision (decision 0037).
     *
     * @param tables names of the engine's own tables, letters, digits and underscores only
     * @return whether it ran; the default (a host or database that cannot) does nothing and answers false,
     *         and autovacuum then does it later
     * @throws IllegalArgumentException for a table name that is not a plain identifier
     */
    default boolean vacuum(java.util.List<String> tables) {
        return false;
    }

    /**
     * The {@code VACUUM (ANALYZE)} statement of {@link #vacuum}, for hosts to run.
     *
     * @throws IllegalArgumentException for a name that is not a plain identifier
     */
    static String vacuumStatement(java.util.List<String> tables) {
        for (String t : tables) {
            if (!t.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("tables: " + t + " is not a table name");
            }
        }
        return "VACUUM (ANALYZE) " + String.join(", ", tables);
    }
}
