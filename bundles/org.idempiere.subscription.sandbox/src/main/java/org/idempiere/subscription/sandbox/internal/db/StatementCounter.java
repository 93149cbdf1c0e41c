package org.idempiere.subscription.sandbox.internal.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the statements run on the connections it wraps: every {@code execute…} call of a
 * statement the connection made. Tests read the count to pin how many times a path asks the
 * database (a transaction's count says less: one transaction may run one statement or forty).
 * While {@link #record recording}, it also keeps the text of each statement run, so that a test
 * whose count differs can say which statements ran. Thread-safe.
 */
final class StatementCounter {
    /** The most statement texts kept while recording. */
    private static final int MAX_RECORDED = 1_000;
    private final AtomicLong executed = new AtomicLong();
    /** The texts of the statements run since recording began; null while not recording. */
    private List<String> recorded;

    /** {@code c}, with the statements it makes counted when run. */
    Connection wrap(Connection c) {
        return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Handler(c, true, null));
    }

    /** How many statements ran on the wrapped connections so far. */
    long executed() {
        return executed.get();
    }

    /** Starts keeping the text of each statement run (the first {@value #MAX_RECORDED}), or stops and forgets them. */
    synchronized void record(boolean on) {
        recorded = on ? new ArrayList<>() : null;
    }

    /** The texts of the statements run since {@link #record} began, in their order; empty when not recording. */
    synchronized List<String> recorded() {
        return recorded == null ? List.of() : List.copyOf(recorded);
    }

    private synchronized void ran(String sql) {
        if (recorded != null && recorded.size() < MAX_RECORDED) {
            recorded.add(sql);
        }
    }

    /** Passes every call on; counts a statement's runs, wraps the statements a connection makes. */
    private final class Handler implements InvocationHandler {
        private final Object target;
        private final boolean connection;
        /** A prepared statement's text; null for a plain statement, whose text comes with each run. */
        private final String sql;

        Handler(Object target, boolean connection, String sql) {
            this.target = target;
            this.connection = connection;
            this.sql = sql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (!connection && name.startsWith("execute")) {
                executed.incrementAndGet();
                ran(sql != null ? sql : args != null && args.length > 0 && args[0] instanceof String text ? text : name);
            }
            Object answer;
            try {
                answer = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (connection && answer instanceof Statement) {
                Class<?> type = answer instanceof CallableStatement ? CallableStatement.class
                        : answer instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
                        new Handler(answer, false,
                                args != null && args.length > 0 && args[0] instanceof String text ? text : null));
            }
            return answer;
        }
    }
}
