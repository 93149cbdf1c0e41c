package org.idempiere.subscription.core.internal.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.ChargeRequest;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.host.TxWork;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.core.internal.payments.GatewayCalls.Answer;
import org.idempiere.subscription.core.internal.payments.GatewayCalls.Call;
import org.idempiere.subscription.core.internal.plan.Retries;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore.Claimed;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore.Stored;
import org.junit.jupiter.api.Test;

/**
 * The collector's gateway calls decide the state an attempt ends in, before anything is recorded:
 * a host's refusal is a failure (or nothing open: cancelled), never an unknown answer asked about
 * forever; an attempt re-sent after the gateway never saw its key reads the open amount first;
 * an answer still unknown after the stated days is handed to the seller. A host and payments that
 * answer as told, on a fixed day (2026-03-13); attempt due 2026-03-10, EUR 119.00.
 */
class GatewayCallsTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 13);
    private static final LocalDate DUE = LocalDate.of(2026, 3, 10);

    /** What the fake payments answer, and what they were asked. */
    private static final class Told {
        Function<ChargeRequest, ChargeResult> charge = r -> result(ChargeResult.Outcome.SUCCEEDED);
        Optional<ChargeResult> status = Optional.empty();
        Optional<Money> open = Optional.of(eur("119.00"));
        final List<String> asked = new ArrayList<>();
    }

    private static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), EUR);
    }

    private static ChargeResult result(ChargeResult.Outcome outcome) {
        return new ChargeResult(outcome, Optional.empty(), Optional.empty(), Optional.empty(), outcome.name());
    }

    private static Answer call(Told told, boolean ask, int unknownDays) {
        Payments payments = (Payments) Proxy.newProxyInstance(Payments.class.getClassLoader(), new Class<?>[] { Payments.class },
                (proxy, m, args) -> {
                    told.asked.add(m.getName());
                    return switch (m.getName()) {
                        case "charge" -> told.charge.apply((ChargeRequest) args[0]);
                        case "status" -> told.status;
                        case "openAmount" -> told.open;
                        default -> throw new UnsupportedOperationException(m.getName());
                    };
                });
        Tx tx = (Tx) Proxy.newProxyInstance(Tx.class.getClassLoader(), new Class<?>[] { Tx.class }, (p, m, a) -> {
            throw new UnsupportedOperationException(m.getName());
        });
        InvocationHandler hosting = (proxy, m, args) -> switch (m.getName()) {
            case "clock" -> Clock.fixed(TODAY.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
            case "inTransaction" -> ((TxWork<?>) args[0]).run(tx);
            default -> m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, args) : null;
        };
        HostContext host = (HostContext) Proxy.newProxyInstance(HostContext.class.getClassLoader(),
                new Class<?>[] { HostContext.class }, hosting);
        PaymentAttempt a = new PaymentAttempt(1, 2, 3, 4, Optional.of(5L), eur("119.00"), 1, PaymentStatus.UNKNOWN, DUE,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        Claimed claimed = new Claimed(new Stored(a, "sub-pay-key", 102), ask ? PaymentStatus.UNKNOWN : PaymentStatus.PENDING, null);
        try (GatewayCalls calls = new GatewayCalls(host, payments, 1, unknownDays)) {
            return calls.make(List.of(new Call(claimed, eur("119.00"), 5, ask))).get(0);
        }
    }

    @Test
    void aResend_theHostRefuses_isAFailureFollowedUp_notUnknown() {
        Told told = new Told();
        told.charge = r -> {
            throw SubscriptionException.unknown("methodId", 5L); // the method was removed meanwhile
        };
        Answer x = call(told, true, 30);
        assertEquals(PaymentStatus.ERRORED, x.status());
        assertTrue(x.followUp(), "retried on the schedule, the customer told");
        assertEquals(Optional.of("refused"), x.result().code());
        assertEquals(List.of("status", "openAmount", "charge", "openAmount"), told.asked);
    }

    @Test
    void aFreshCharge_theHostRefuses_isAFailureToo() {
        Told told = new Told();
        told.charge = r -> {
            throw SubscriptionException.unknown("methodId", 5L);
        };
        Answer x = call(told, false, 30);
        assertEquals(PaymentStatus.ERRORED, x.status());
        assertTrue(x.followUp());
    }

    @Test
    void aHostFailure_isStillUnknown_moneyMayHaveMoved() {
        Told told = new Told();
        told.charge = r -> {
            throw SubscriptionException.hostFailure("connection lost", null);
        };
        assertEquals(PaymentStatus.UNKNOWN, call(told, false, 30).status());
    }

    @Test
    void aResend_nothingOpenAnyMore_isCancelledWithoutACharge() {
        Told told = new Told();
        told.open = Optional.of(eur("0.00"));
        Answer x = call(told, true, 30);
        assertEquals(PaymentStatus.CANCELLED, x.status());
        assertFalse(x.followUp());
        assertEquals(List.of("status", "openAmount"), told.asked, "never sent again");
    }

    @Test
    void aResend_lessOpenThanTheAttempt_isAFailureWithoutACharge_itsRetryChargesWhatIsOpen() {
        Told told = new Told();
        told.open = Optional.of(eur("19.00"));
        Answer x = call(told, true, 30);
        assertEquals(PaymentStatus.ERRORED, x.status());
        assertEquals(Optional.of("open_amount_changed"), x.result().code());
        assertEquals(List.of("status", "openAmount"), told.asked);
    }

    @Test
    void aResend_stillOpen_isSentAgainUnderTheSameKey() {
        Told told = new Told();
        List<String> keys = new ArrayList<>();
        told.charge = r -> {
            keys.add(r.idempotencyKey());
            return result(ChargeResult.Outcome.SUCCEEDED);
        };
        assertEquals(PaymentStatus.SUCCEEDED, call(told, true, 30).status());
        assertEquals(List.of("sub-pay-key"), keys);
    }

    /* due 03-10, asked on 03-13: with 3 days the answer is the seller's; with 4 it is asked again */
    @Test
    void stillUnknown_afterTheStatedDays_isErroredForTheSeller_withoutRetryOrNotice() {
        Told told = new Told();
        told.status = Optional.of(result(ChargeResult.Outcome.UNKNOWN));
        Answer x = call(told, true, 3);
        assertEquals(PaymentStatus.ERRORED, x.status());
        assertFalse(x.followUp(), "no retry (the money may have moved), no notice");
        assertEquals(Optional.of(Retries.UNKNOWN_ESCALATED), x.result().code());
        assertTrue(x.result().message().contains("complete or void the payment"), x.result().message());
        assertEquals(List.of("status"), told.asked, "never charged again");

        assertEquals(PaymentStatus.UNKNOWN, call(told, true, 4).status());
        told.status = Optional.empty();
        told.asked.clear();
        told.charge = r -> {
            throw new IllegalStateException("no answer");
        };
        assertEquals(PaymentStatus.UNKNOWN, call(told, true, 30).status(), "a re-send without an answer: asked next time");
        assertEquals(PaymentStatus.ERRORED, call(told, true, 3).status(), "... unless the stated days have passed");
    }
}
