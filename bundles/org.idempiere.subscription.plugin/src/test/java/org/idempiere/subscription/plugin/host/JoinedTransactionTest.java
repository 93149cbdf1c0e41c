package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.junit.jupiter.api.Test;

/**
 * The engine's work inside the order's transaction, on a JDBC connection that records what it is
 * asked: the savepoint brackets the work, nothing is ever committed, rolled back as a whole or closed.
 */
class JoinedTransactionTest {
    private final List<String> calls = new ArrayList<>();
    private final Savepoint savepoint = (Savepoint) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Savepoint.class}, (p, m, a) -> {
                throw new UnsupportedOperationException(m.getName());
            });
    private final Connection connection = connection(null);

    private Connection connection(String failing) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String call = method.getName() + (args == null ? "" : args.length == 1 && args[0] == savepoint
                            ? "(savepoint)" : "(" + args.length + ")");
                    calls.add(call);
                    if (method.getName().equals(failing)) {
                        throw new SQLException(failing + " failed");
                    }
                    return switch (method.getName()) {
                        case "setSavepoint" -> savepoint;
                        case "toString" -> "connection";
                        case "hashCode" -> 1;
                        case "equals" -> proxy == args[0];
                        default -> null;
                    };
                });
    }

    private static final UnaryOperator<RuntimeException> AS_IS = e -> e;

    @Test
    void success_workRunsOnTheOwnersTransaction_savepointReleased_nothingCommitted() {
        String result = JoinedTransaction.run("POSave_1", connection, tx -> {
            IdempiereTx t = IdempiereTx.of(tx);
            assertEquals("POSave_1", t.trxName());
            assertSame(connection, t.connection());
            calls.add("work");
            return "ok";
        }, AS_IS);
        assertEquals("ok", result);
        assertEquals(List.of("setSavepoint", "work", "releaseSavepoint(savepoint)"), calls);
    }

    @Test
    void sqlFailure_rolledBackToTheSavepoint_hostFailure() {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> JoinedTransaction.run("POSave_1",
                connection, tx -> {
                    throw new SQLException("duplicate key");
                }, AS_IS));
        assertEquals(ErrorCode.HOST_FAILURE, e.code());
        assertEquals("Database error: duplicate key", e.getMessage());
        assertEquals(List.of("setSavepoint", "rollback(savepoint)"), calls);
    }

    @Test
    void engineRefusal_rolledBackToTheSavepoint_sameException() {
        SubscriptionException refusal = SubscriptionException.invalid("SUB_Template_ID", 5, "is not active");
        assertSame(refusal, assertThrows(SubscriptionException.class, () -> JoinedTransaction.run("POSave_1", connection,
                tx -> {
                    throw refusal;
                }, e -> new IllegalStateException("must not translate our own exception"))));
        assertEquals(List.of("setSavepoint", "rollback(savepoint)"), calls);
    }

    @Test
    void hostRuntimeException_rolledBack_translated() {
        IllegalArgumentException hostError = new IllegalArgumentException("NoTax");
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> JoinedTransaction.run("POSave_1",
                connection, tx -> {
                    throw hostError;
                }, x -> SubscriptionException.hostFailure(x.getMessage(), x)));
        assertEquals("NoTax", e.getMessage());
        assertSame(hostError, e.getCause());
        assertEquals(List.of("setSavepoint", "rollback(savepoint)"), calls);
    }

    @Test
    void error_rolledBack_rethrown() {
        assertThrows(StackOverflowError.class, () -> JoinedTransaction.run("POSave_1", connection, tx -> {
            throw new StackOverflowError();
        }, AS_IS));
        assertEquals(List.of("setSavepoint", "rollback(savepoint)"), calls);
    }

    @Test
    void releaseFails_rolledBack_hostFailure() {
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> JoinedTransaction.run("POSave_1", connection("releaseSavepoint"), tx -> "ok", AS_IS));
        assertEquals(ErrorCode.HOST_FAILURE, e.code());
        assertEquals(List.of("setSavepoint", "releaseSavepoint(savepoint)", "rollback(savepoint)"), calls);
    }

    @Test
    void rollbackFails_originalFailureKept_rollbackFailureSuppressed() {
        SubscriptionException refusal = SubscriptionException.invalid("x", 1, "is wrong");
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> JoinedTransaction.run("POSave_1", connection("rollback"), tx -> {
                    throw refusal;
                }, AS_IS));
        assertSame(refusal, e);
        assertEquals("rollback failed", e.getSuppressed()[0].getMessage());
    }

    @Test
    void noSavepoint_workNeverRuns() {
        List<String> ran = new ArrayList<>();
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> JoinedTransaction.run("POSave_1", connection("setSavepoint"), tx -> ran.add("work"), AS_IS));
        assertEquals(ErrorCode.HOST_FAILURE, e.code());
        assertEquals(List.of(), ran);
    }

    @Test
    void noConnection_hostFailureNamingTheTransaction() {
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> JoinedTransaction.run("POSave_1", null, tx -> "ok", AS_IS));
        assertTrue(e.getMessage().contains("POSave_1"), e.getMessage());
    }

    @Test
    void neverCommitsRollsBackEverythingOrCloses() {
        JoinedTransaction.run("POSave_1", connection, tx -> "ok", AS_IS);
        assertThrows(SubscriptionException.class, () -> JoinedTransaction.run("POSave_1", connection, tx -> {
            throw new SQLException("x");
        }, AS_IS));
        assertTrue(calls.stream().noneMatch(c -> c.equals("commit") || c.equals("rollback") || c.equals("close")
                || c.startsWith("setAutoCommit")), calls.toString());
    }
}
