package org.idempiere.subscription.sandbox.internal.host;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.host.TxWork;
import org.idempiere.subscription.sandbox.internal.SandboxConfig;
import org.idempiere.subscription.sandbox.internal.db.ConnectionPool;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.sandbox.internal.db.SandboxDatabase;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Tenant, time, transactions and ids of the reference host: the sandbox's tenant (and, for the
 * portal acting for a customer's tenant, any other of {@code sbx_tenant}), the test clock,
 * a pooled PostgreSQL connection per transaction, ids from each table's sequence.
 *
 * <p>While an order's document action runs its quote-to-contract "event" ({@link #joining}), a
 * transaction the engine opens on that thread joins the order's transaction behind a savepoint,
 * as the iDempiere binding does inside an order's document event (decisions/0014, 0031): the
 * subscriptions commit or roll back with the order.
 */
@Component(service = {HostContext.class, ReferenceHostContext.class})
public final class ReferenceHostContext implements HostContext {
    /** The sandbox's only tenant, organization and acting user. */
    public static final Tenant TENANT = new Tenant(1000000, 1000000, 100);
    private static final Pattern TABLE = Pattern.compile("SUB_[A-Za-z]+");

    private final ConnectionPool pool;
    private final TestClock clock;

    private final String portalUrl;
    /** The transaction of the document action under way on this thread, if one is. */
    private final ThreadLocal<Tx> joined = new ThreadLocal<>();

    @Activate
    public ReferenceHostContext(@Reference SandboxDatabase database, @Reference TestClock clock, BundleContext context) {
        this.pool = database.pool();
        this.clock = clock;
        this.portalUrl = "http://127.0.0.1:" + SandboxConfig.of(context).httpPort().orElse("8080") + "/subscriptions/portal";
    }

    /**
     * The setting's row in {@code sbx_setting}; {@code SUBSCRIPTIONS_PORTAL_URL} defaults to the
     * sandbox's own portal on loopback.
     */
    @Override
    public Optional<String> setting(String name) {
        Optional<String> stored = inTransaction(tx -> Rows.first(tx.connection(), "SELECT value FROM sbx_setting WHERE name = ?",
                rs -> rs.getString(1), name));
        return stored.isPresent() || !"SUBSCRIPTIONS_PORTAL_URL".equals(name) ? stored : Optional.of(portalUrl);
    }

    /** The tenant a thread acts for inside {@link #actingFor}; none: {@link #TENANT}. */
    private static final ThreadLocal<Tenant> ACTING = new ThreadLocal<>();

    /** @return the tenant the calling thread acts for: {@link #TENANT}, or another inside {@link #actingFor} */
    public static Tenant current() {
        Tenant t = ACTING.get();
        return t == null ? TENANT : t;
    }

    @Override
    public Tenant tenant() {
        return current();
    }

    /**
     * Acts for another tenant of {@code sbx_tenant} in this thread (the portal does, for the
     * tenant of a customer's link); the thread's tenant before is restored afterwards. Only a
     * client other than the thread's is looked up in {@code sbx_tenant}.
     */
    @Override
    public <T> T actingFor(Tenant tenant, java.util.function.Supplier<T> work) {
        if (tenant.equals(current())) {
            return work.get();
        }
        // the client the thread acts for exists: only another client is looked up (a transaction
        // of its own, so never call this for another client while holding a connection)
        boolean known = tenant.clientId() == current().clientId()
                || inTransaction(tx -> Rows.first(tx.connection(), "SELECT 1 FROM sbx_tenant WHERE ad_client_id = ?",
                        rs -> true, tenant.clientId())).isPresent();
        if (!known) {
            throw SubscriptionException.unknown("tenant", tenant.clientId());
        }
        Tenant before = ACTING.get();
        ACTING.set(tenant);
        try {
            return work.get();
        } finally {
            if (before == null) {
                ACTING.remove();
            } else {
                ACTING.set(before);
            }
        }
    }

    /**
     * One worker per core; one (the calling thread) while acting for another tenant, whose
     * thread-local tenant workers would not see.
     */
    @Override
    public int parallelism() {
        return ACTING.get() != null ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Gateway calls made at once: 64 by default (system property
     * {@code subscriptions.payments.parallelism}). A call waits on the gateway's latency far longer
     * than it uses a core, and holds a pooled connection only for its short transactions, never
     * across the latency, so more calls than connections only queue briefly for one. With 20 ms a
     * call, 64 keep about 20 calls under way, as many as two cores can record; 32 left the cores
     * idle at times, more did not help (measured with the payments benchmark).
     */
    @Override
    public int paymentParallelism() {
        if (ACTING.get() != null) {
            return 1; // workers would not see the thread's tenant
        }
        return Math.max(1, Integer.getInteger(PAYMENT_PARALLELISM, DEFAULT_PAYMENT_PARALLELISM));
    }

    /** The system property that overrides {@link #paymentParallelism()}. */
    public static final String PAYMENT_PARALLELISM = "subscriptions.payments.parallelism";
    private static final int DEFAULT_PAYMENT_PARALLELISM = 64;

    @Override
    public Clock clock() {
        return clock;
    }

    /**
     * Runs {@code work} so that every {@link #inTransaction} on this thread joins {@code tx}
     * instead of opening a transaction: behind a savepoint, rolled back to it when the work
     * throws, never committed there. The previous scope, if any, is restored afterwards.
     */
    public <T> T joining(Tx tx, java.util.function.Supplier<T> work) {
        Tx previous = joined.get();
        joined.set(tx);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                joined.remove();
            } else {
                joined.set(previous);
            }
        }
    }

    @Override
    public <T> T inTransaction(TxWork<T> work) {
        Tx outer = joined.get();
        if (outer != null) {
            return inSavepoint(outer, work);
        }
        Connection c = borrow();
        boolean broken = false;
        try {
            T result = work.run(() -> c);
            c.commit();
            return result;
        } catch (SQLException e) {
            broken = !rollback(c);
            throw SubscriptionException.hostFailure("Database error: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            broken = !rollback(c);
            throw e;
        } finally {
            pool.release(c, broken);
        }
    }

    /** On a pooled connection switched to auto-commit for the statement, as VACUUM needs. */
    @Override
    public boolean vacuum(java.util.List<String> tables) {
        String sql = HostContext.vacuumStatement(tables);
        Connection c = borrow();
        boolean broken = false;
        try (java.sql.Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute(sql);
            return true;
        } catch (SQLException e) {
            broken = true;
            throw SubscriptionException.hostFailure("Vacuum failed: " + e.getMessage(), e);
        } finally {
            try {
                c.setAutoCommit(false);
            } catch (SQLException e) {
                broken = true;
            }
            pool.release(c, broken);
        }
    }

    private Connection borrow() {
        try {
            return pool.borrow();
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure("No database connection: " + e.getMessage(), e);
        }
    }

    private static <T> T inSavepoint(Tx tx, TxWork<T> work) {
        Connection c = tx.connection();
        java.sql.Savepoint savepoint;
        try {
            savepoint = c.setSavepoint();
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure("Database error: " + e.getMessage(), e);
        }
        try {
            T result = work.run(tx);
            c.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException e) {
            rollback(c, savepoint, e);
            throw SubscriptionException.hostFailure("Database error: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            rollback(c, savepoint, e);
            throw e;
        }
    }

    private static void rollback(Connection c, java.sql.Savepoint savepoint, Throwable failure) {
        try {
            c.rollback(savepoint);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static boolean rollback(Connection c) {
        try {
            c.rollback();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public long nextId(Tx tx, String tableName) {
        return nextIds(tx, tableName, 1)[0];
    }

    /** A block of ids from the table's sequence in one statement. */
    @Override
    public long[] nextIds(Tx tx, String tableName, int count) {
        if (!TABLE.matcher(tableName).matches()) {
            throw new IllegalArgumentException("Not one of our tables: " + tableName);
        }
        return Rows.ids(tx.connection(), tableName.toLowerCase() + "_sq", count);
    }
}
