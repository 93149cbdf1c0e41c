package org.idempiere.subscription.sandbox.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A small bounded pool of PostgreSQL connections for the reference host. Connections are
 * created on demand up to the limit and checked when borrowed; a broken one is replaced.
 *
 * <p>It counts the borrows of a thread that already holds a connection ({@link #nestedBorrows()}):
 * under as many such requests at once as the pool has connections, each holds one and waits for a
 * second, and all stall until the wait gives up. Tests read the count to prove a path never does it.
 */
public final class ConnectionPool implements AutoCloseable {
    private final DataSource source;
    private final BlockingQueue<Connection> idle;
    private final Semaphore permits;
    private final ThreadLocal<int[]> held = ThreadLocal.withInitial(() -> new int[1]);
    private final AtomicLong nested = new AtomicLong();

    public ConnectionPool(DataSource source, int size) {
        this.source = source;
        this.idle = new ArrayBlockingQueue<>(size);
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
            Connection c = idle.poll();
            while (c != null && !c.isValid(2)) {
                closeQuietly(c);
                c = idle.poll();
            }
            if (c == null) {
                c = source.getConnection();
            }
            c.setAutoCommit(false);
            held.get()[0]++;
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
            if (broken || c.isClosed() || !idle.offer(c)) {
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

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // already unusable
        }
    }

    @Override
    public void close() {
        Connection c;
        while ((c = idle.poll()) != null) {
            closeQuietly(c);
        }
    }
}
