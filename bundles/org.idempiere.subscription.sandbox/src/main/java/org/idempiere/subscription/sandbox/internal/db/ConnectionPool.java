package org.idempiere.subscription.sandbox.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A small bounded pool of PostgreSQL connections for the reference host. Connections are
 * created on demand up to the limit. A connection that idled in the pool for longer than
 * {@value #CHECK_AFTER_IDLE_MS} ms is checked when borrowed (the server or the network may have
 * dropped it meanwhile) and replaced when broken; one given back moments ago is lent as it is,
 * since a check costs a round trip to the server on every borrow. A connection that fails in use
 * is given back as broken and closed (see {@link #release}).
 *
 * <p>It counts the borrows of a thread that already holds a connection ({@link #nestedBorrows()}):
 * under as many such requests at once as the pool has connections, each holds one and waits for a
 * second, and all stall until the wait gives up. Tests read the count to prove a path never does it.
 * It also counts every connection lent ({@link #borrows()}) and every statement run on them
 * ({@link #statements()}): tests read them to prove how many transactions a path takes and how
 * many times it asks the database.
 */
public final class ConnectionPool implements AutoCloseable {
    /** How long a connection may idle before it is checked again when borrowed. */
    static final long CHECK_AFTER_IDLE_MS = 5_000;

    private final DataSource source;
    /** The connections given back, the latest last: lent from the end, so the fewest server processes stay busy and warm. */
    private final BlockingDeque<Idle> idle;
    private final Semaphore permits;
    private final ThreadLocal<int[]> held = ThreadLocal.withInitial(() -> new int[1]);
    private final AtomicLong nested = new AtomicLong();
    private final AtomicLong lent = new AtomicLong();
    private final StatementCounter statements = new StatementCounter();

    /** A connection waiting in the pool since {@code since} ({@link System#nanoTime()}). */
    private record Idle(Connection connection, long since) {
        boolean idledLong(long now) {
            return now - since > TimeUnit.MILLISECONDS.toNanos(CHECK_AFTER_IDLE_MS);
        }
    }

    public ConnectionPool(DataSource source, int size) {
        this.source = source;
        this.idle = new LinkedBlockingDeque<>(size);
        this.permits = new Semaphore(size, true);
    }

    /** A connection with auto-commit off; give it back with {@link #release}. */
    public Connection borrow() throws SQLException {
        if (held.get()[0] > 0) {
            nested.incrementAndGet();
        }
        try {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new SQLException("No database connection free within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for a connection", e);
        }
        try {
            Connection c = null;
            Idle i;
            while (c == null && (i = idle.pollLast()) != null) {
                if (i.idledLong(System.nanoTime()) && !i.connection().isValid(2)) {
                    closeQuietly(i.connection());
                } else {
                    c = i.connection();
                }
            }
            if (c == null) {
                c = statements.wrap(source.getConnection());
            }
            c.setAutoCommit(false);
            held.get()[0]++;
            lent.incrementAndGet();
            return c;
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Returns a connection; a broken one is closed instead of kept. */
    public void release(Connection c, boolean broken) {
        int[] h = held.get();
        h[0] = Math.max(0, h[0] - 1);
        try {
            if (broken || c.isClosed() || !idle.offerLast(new Idle(c, System.nanoTime()))) {
                closeQuietly(c);
            }
        } catch (SQLException e) {
            closeQuietly(c);
        } finally {
            permits.release();
        }
    }

    /** How many times a thread borrowed a connection while it held another, since the pool was made. */
    public long nestedBorrows() {
        return nested.get();
    }

    /** How many connections were lent since the pool was made: one per transaction of the reference host. */
    public long borrows() {
        return lent.get();
    }

    /** How many statements ran on the pool's connections since it was made. */
    public long statements() {
        return statements.executed();
    }

    /**
     * Starts keeping the text of each statement run on the pool's connections (by any thread), or
     * stops and forgets them: tests name the statements a path ran when their count differs.
     */
    public void recordStatements(boolean on) {
        statements.record(on);
    }

    /** The texts of the statements run since {@link #recordStatements} began, in their order. */
    public java.util.List<String> recordedStatements() {
        return statements.recorded();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // already unusable
        }
    }

    @Override
    public void close() {
        Idle i;
        while ((i = idle.poll()) != null) {
            closeQuietly(i.connection());
        }
    }
}
