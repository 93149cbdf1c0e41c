package org.idempiere.subscription.sandbox.internal.host;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.host.TxWork;
import org.idempiere.subscription.sandbox.internal.db.ConnectionPool;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.sandbox.internal.db.SandboxDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Tenant, time, transactions and ids of the reference host: one sandbox tenant, the test clock,
 * a pooled PostgreSQL connection per transaction, ids from each table's sequence.
 */
@Component(service = HostContext.class)
public final class ReferenceHostContext implements HostContext {
    /** The sandbox's only tenant, organization and acting user. */
    public static final Tenant TENANT = new Tenant(1000000, 1000000, 100);
    private static final Pattern TABLE = Pattern.compile("SUB_[A-Za-z]+");

    private final ConnectionPool pool;
    private final TestClock clock;

    @Activate
    public ReferenceHostContext(@Reference SandboxDatabase database, @Reference TestClock clock) {
        this.pool = database.pool();
        this.clock = clock;
    }

    @Override
    public Tenant tenant() {
        return TENANT;
    }

    /** The reference host has no thread-local state: one worker per core. */
    @Override
    public int parallelism() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
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
        return Math.max(1, Integer.getInteger(PAYMENT_PARALLELISM, DEFAULT_PAYMENT_PARALLELISM));
    }

    /** The system property that overrides {@link #paymentParallelism()}. */
    public static final String PAYMENT_PARALLELISM = "subscriptions.payments.parallelism";
    private static final int DEFAULT_PAYMENT_PARALLELISM = 64;

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public <T> T inTransaction(TxWork<T> work) {
        Connection c;
        try {
            c = pool.borrow();
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure("No database connection: " + e.getMessage(), e);
        }
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
