package org.idempiere.subscription.plugin.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.adempiere.base.annotation.EventTopicDelegate;
import org.adempiere.base.annotation.ModelEventTopic;
import org.adempiere.base.event.annotations.ModelEventDelegate;
import org.adempiere.base.event.annotations.doc.AfterReverseAccrual;
import org.adempiere.base.event.annotations.doc.AfterReverseCorrect;
import org.compiere.model.MInvoice;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.InvoiceReversal;
import org.idempiere.subscription.plugin.host.DocumentScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/**
 * A reversed sales invoice hands its reversal to the engine's {@link BillingService#invoiceReversed}:
 * the delegate has the shape iDempiere 12 looks for (Reverse - Correct and Reverse - Accrual, which
 * Void of a completed invoice is), the call runs in the invoice's transaction and organization with
 * the reversal's day (never before the invoice's), an invoice the engine does not know is left
 * alone, a second event is answered from the first, and a failing or missing engine fails the
 * reversal with a message. The compile-only {@code MInvoice} cannot be constructed, so the engine
 * is a fake that records its calls and answers as the engine does (once per invoice, only for its
 * own invoices).
 */
class InvoiceEventDelegateTest {
    private static final long OURS = 1000412;
    private final List<String> calls = new ArrayList<>();
    private final Map<Long, InvoiceReversal> recorded = new HashMap<>();
    private RuntimeException failure;
    private final BillingService engine = (BillingService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BillingService.class}, (proxy, method, args) -> {
                if (!method.getName().equals("invoiceReversed")) {
                    throw new AssertionError("not to be called: " + method.getName());
                }
                long id = (Long) args[0];
                calls.add("reversed " + id + " on " + args[1] + " '" + args[2] + "' in "
                        + DocumentScope.current().map(Object::toString).orElse("no scope"));
                if (failure != null) {
                    throw failure;
                }
                if (id != OURS) {
                    return Optional.empty();
                }
                InvoiceReversal first = recorded.get(id);
                if (first != null) {
                    return Optional.of(new InvoiceReversal(id, first.date(), first.subscriptionIds(), "EUR", first.netReversed(),
                            first.oneTimeReversed(), true));
                }
                InvoiceReversal r = new InvoiceReversal(id, (LocalDate) args[1], List.of(7L), "EUR", new BigDecimal("-31.00"),
                        BigDecimal.ZERO.setScale(2), false);
                recorded.put(id, r);
                return Optional.of(r);
            });

    @AfterEach
    void unbind() {
        RevenueReversal.engineUnbound(engine);
    }

    private static RevenueReversal.Reversed reversed(RevenueReversal.Action action, long invoiceId, String invoiced, String reversed) {
        return new RevenueReversal.Reversed(action, (int) invoiceId, "INV-1001", 11, LocalDate.parse(invoiced),
                LocalDate.parse(reversed), "INV-1001^");
    }

    @Test
    void delegate_isFoundForInvoices_afterReverseCorrectAndAccrual() throws Exception {
        assertNotNull(InvoiceEventDelegate.class.getAnnotation(EventTopicDelegate.class));
        assertEquals(MInvoice.class, InvoiceEventDelegate.class.getAnnotation(ModelEventTopic.class).modelClass());
        assertEquals(ModelEventDelegate.class, InvoiceEventDelegate.class.getSuperclass());
        assertTrue(Modifier.isPublic(InvoiceEventDelegate.class.getDeclaredConstructor(MInvoice.class, Event.class).getModifiers()));
        Map<String, String> handlers = new TreeMap<>();
        for (Method m : InvoiceEventDelegate.class.getMethods()) {
            if (m.getDeclaringClass() != Object.class) {
                Arrays.stream(m.getAnnotations()).forEach(a -> handlers.put(a.annotationType().getSimpleName(), m.getName()));
            }
        }
        assertEquals(Map.of("AfterReverseCorrect", "afterReverseCorrect", "AfterReverseAccrual", "afterReverseAccrual"), handlers);
        assertEquals(AfterReverseCorrect.class, InvoiceEventDelegate.class.getMethod("afterReverseCorrect")
                .getAnnotations()[0].annotationType());
        assertEquals(AfterReverseAccrual.class, InvoiceEventDelegate.class.getMethod("afterReverseAccrual")
                .getAnnotations()[0].annotationType());
        assertEquals(OrderEventManager.DELEGATE_PACKAGE, InvoiceEventDelegate.class.getPackageName(), "found by the manager's scan");
        assertNotNull(OrderEventManager.class.getDeclaredMethod("bindBilling", BillingService.class), "the engine is bound for it");
    }

    @Test
    void handle_callsTheEngine_inTheInvoicesTransactionAndOrganization_withTheReversalsDay() {
        RevenueReversal.engineBound(engine);
        Optional<InvoiceReversal> r = RevenueReversal.handle(reversed(RevenueReversal.Action.REVERSE_ACCRUAL, OURS, "2026-03-01",
                "2026-03-10"), "InvRev_1");
        assertEquals(LocalDate.parse("2026-03-10"), r.orElseThrow().date());
        assertEquals(List.of("reversed 1000412 on 2026-03-10 'Reverse - Accrual INV-1001^ of INV-1001' in "
                + new DocumentScope.Document(0, 11, "InvRev_1")), calls);
        assertTrue(DocumentScope.current().isEmpty(), "the scope ends with the call");
    }

    @Test
    void reverseCorrect_isOnTheInvoicesOwnDay_andAPostDatedInvoiceIsNeverReversedBeforeItsDate() {
        assertEquals(LocalDate.parse("2026-03-01"), reversed(RevenueReversal.Action.REVERSE_CORRECT, OURS, "2026-03-01", "2026-03-01").day());
        assertEquals(LocalDate.parse("2026-04-01"), reversed(RevenueReversal.Action.REVERSE_ACCRUAL, OURS, "2026-04-01", "2026-03-20").day(),
                "an invoice dated 04-01 reversed with accrual on 03-20");
    }

    @Test
    void twice_isOnce_theSecondAnsweredFromTheFirst() {
        RevenueReversal.engineBound(engine);
        InvoiceReversal first = RevenueReversal.handle(reversed(RevenueReversal.Action.REVERSE_CORRECT, OURS, "2026-03-01", "2026-03-01"),
                "InvRev_1").orElseThrow();
        InvoiceReversal second = RevenueReversal.handle(reversed(RevenueReversal.Action.REVERSE_CORRECT, OURS, "2026-03-01", "2026-03-05"),
                "InvRev_2").orElseThrow();
        assertEquals(false, first.alreadyRecorded());
        assertEquals(true, second.alreadyRecorded());
        assertEquals(first.date(), second.date(), "the first reversal's day stands");
        assertEquals(1, recorded.size());
    }

    @Test
    void anInvoiceNotTheEngines_isLeftAlone() {
        RevenueReversal.engineBound(engine);
        assertEquals(Optional.empty(), RevenueReversal.handle(reversed(RevenueReversal.Action.REVERSE_CORRECT, 1000999, "2026-03-01",
                "2026-03-01"), "InvRev_1"));
        assertEquals(1, calls.size());
        assertEquals(0, recorded.size());
    }

    @Test
    void engineFails_theReversalFails_withAMessageNamingTheInvoice() {
        RevenueReversal.engineBound(engine);
        failure = SubscriptionException.hostFailure("Database error: deadlock detected", null);
        RuntimeException e = assertThrows(RuntimeException.class, () -> RevenueReversal.handle(reversed(
                RevenueReversal.Action.REVERSE_CORRECT, OURS, "2026-03-01", "2026-03-01"), "InvRev_1"));
        assertEquals("The subscription revenue of invoice INV-1001 could not be reversed: Database error: deadlock detected",
                RevenueReversal.failureMessage("INV-1001", e));
        assertTrue(DocumentScope.current().isEmpty());
    }

    @Test
    void engineNotRunning_theReversalFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RevenueReversal.handle(reversed(
                RevenueReversal.Action.REVERSE_CORRECT, OURS, "2026-03-01", "2026-03-01"), "InvRev_1"));
        assertTrue(e.getMessage().contains("not running"), e.getMessage());
        assertEquals(List.of(), calls);
    }

    @Test
    void unbindingAnotherEngine_keepsTheBoundOne() {
        RevenueReversal.engineBound(engine);
        BillingService other = (BillingService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BillingService.class}, (proxy, method, args) -> null);
        RevenueReversal.engineUnbound(other);
        assertTrue(RevenueReversal.handle(reversed(RevenueReversal.Action.REVERSE_CORRECT, OURS, "2026-03-01", "2026-03-01"), "x")
                .isPresent());
    }
}
