package org.idempiere.subscription.core.internal.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.Function;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.CreditShare;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.core.internal.plan.Credits;
import org.junit.jupiter.api.Test;

/** The host settles behind a savepoint: what a host that cannot or refuses wrote is rolled back, the transaction goes on. */
class CreditSettlementTest {
    private static final Currency EUR = Currency.getInstance("EUR");

    /** A connection that only records what is done with savepoints. */
    private static final class Recorder {
        final List<String> calls = new ArrayList<>();
        final Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setSavepoint" -> {
                            calls.add("savepoint");
                            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Savepoint.class},
                                    (p, m, a) -> m.getName().equals("toString") ? "sp" : null);
                        }
                        case "rollback" -> calls.add("rollback to savepoint");
                        case "releaseSavepoint" -> calls.add("release");
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        final Tx tx = () -> connection;
    }

    /** A host whose settleWithCredit answers {@code answer} and records its calls; nothing else. */
    private static Payments host(List<String> seen, Function<List<CreditShare>, Boolean> answer) {
        return (Payments) Proxy.newProxyInstance(CreditSettlementTest.class.getClassLoader(), new Class<?>[] {Payments.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("settleWithCredit") && args[2] instanceof List<?> shares) {
                        @SuppressWarnings("unchecked")
                        List<CreditShare> typed = (List<CreditShare>) shares;
                        seen.add(args[1] + " " + typed);
                        return answer.apply(typed);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final List<Credits.FromInvoice> PARTS = List.of(new Credits.FromInvoice(11, new BigDecimal("99.16")),
            new Credits.FromInvoice(12, new BigDecimal("19.84")));

    @Test
    void settled_theSavepointIsReleased_andTheHostGetsTheSharesInOrder() throws Exception {
        Recorder r = new Recorder();
        List<String> seen = new ArrayList<>();
        assertTrue(new CreditSettlement(null, host(seen, s -> true)).settle(r.tx, 7, EUR, PARTS));
        assertEquals(List.of("savepoint", "release"), r.calls);
        assertEquals(List.of("7 " + List.of(new CreditShare(11, Money.of(new BigDecimal("99.16"), EUR)),
                new CreditShare(12, Money.of(new BigDecimal("19.84"), EUR)))), seen);
    }

    @Test
    void aHostThatCannot_isRolledBack() throws Exception {
        Recorder r = new Recorder();
        assertFalse(new CreditSettlement(null, host(new ArrayList<>(), s -> false)).settle(r.tx, 7, EUR, PARTS));
        assertEquals(List.of("savepoint", "rollback to savepoint"), r.calls);
    }

    @Test
    void aHostThatRefusesOrFails_isRolledBack_andTheTransactionGoesOn() throws Exception {
        Recorder r = new Recorder();
        assertFalse(new CreditSettlement(null, host(new ArrayList<>(), s -> {
            throw SubscriptionException.invalid("amount", s.get(0).amount(), "is more than credit invoice 11 has open");
        })).settle(r.tx, 7, EUR, PARTS));
        assertFalse(new CreditSettlement(null, host(new ArrayList<>(), s -> {
            throw new IllegalStateException("the allocation was not completed");
        })).settle(r.tx, 7, EUR, PARTS));
        assertEquals(List.of("savepoint", "rollback to savepoint", "savepoint", "rollback to savepoint"), r.calls);
    }
}
