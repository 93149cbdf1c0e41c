package org.idempiere.subscription.sandbox.internal.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the statements run on the connections it wraps: every {@code execute…} call of a
 * statement the connection made. Tests read the count to pin how many times a path asks the
 * database (a transaction's count says less: one transaction may run one statement or forty).
 * Thread-safe.
 */
final class StatementCounter {
    private final AtomicLong executed = new AtomicLong();

    /** {@code c}, with the statements it makes counted when run. */
    Connection wrap(Connection c) {
        return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Handler(c, true));
    }

    /** How many statements ran on the wrapped connections so far. */
    long executed() {
        return executed.get();
    }

    /** Passes every call on; counts a statement's runs, wraps the statements a connection makes. */
    private final class Handler implements InvocationHandler {
        private final Object target;
        private final boolean connection;

        Handler(Object target, boolean connection) {
            this.target = target;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (!connection && name.startsWith("execute")) {
                executed.incrementAndGet();
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
                        new Handler(answer, false));
            }
            return answer;
        }
    }
}
