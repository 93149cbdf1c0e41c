package org.idempiere.subscription.plugin.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.ContractService;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.plugin.event.QuoteToContract.Call;
import org.idempiere.subscription.plugin.event.QuoteToContract.DocEvent;
import org.idempiere.subscription.plugin.host.DocumentScope;
import org.idempiere.subscription.plugin.host.OrderFacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QuoteToContractTest {
    private static final OrderFacts.Line HOSTING = new OrderFacts.Line(2001, 10, 1000017, new BigDecimal("2"), 100,
            new BigDecimal("44.10"), true, 1000001);
    private static final OrderFacts.Line SETUP = new OrderFacts.Line(2002, 20, 1000030, BigDecimal.ONE, 100,
            new BigDecimal("150.00"), false, 0);

    private final Engine engine = new Engine();

    @AfterEach
    void unbind() {
        QuoteToContract.engineUnbound(engine);
    }

    private static OrderFacts order(int id, String docSubTypeSO, String docStatus, int quotationId, OrderFacts.Line... lines) {
        return new OrderFacts(id, "DOC-" + id, 11, true, "SOO", docSubTypeSO, docStatus, 1000009, 1000012, 0, 1000009,
                1000012, 0, 1000001, 102, 0, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 20), quotationId, List.of(lines));
    }

    @ParameterizedTest
    @EnumSource(DocEvent.class)
    void decide_salesOrderWithSubscriptionProduct_callsAboutItself(DocEvent event) {
        assertEquals(Optional.of(new Call(event, 100)),
                QuoteToContract.decide(event, order(100, "SO", "IP", 0, HOSTING, SETUP), Optional.empty()));
    }

    @ParameterizedTest
    @EnumSource(DocEvent.class)
    void decide_orderWithoutSubscriptionProduct_nothing(DocEvent event) {
        assertEquals(Optional.empty(), QuoteToContract.decide(event, order(100, "SO", "IP", 0, SETUP), Optional.empty()));
        assertEquals(Optional.empty(), QuoteToContract.decide(event, order(100, "SO", "IP", 0), Optional.empty()));
    }

    @ParameterizedTest
    @EnumSource(DocEvent.class)
    void decide_proposalReturnOrPurchaseOrder_nothing(DocEvent event) {
        assertEquals(Optional.empty(), QuoteToContract.decide(event, order(100, "ON", "IP", 0, HOSTING), Optional.empty()));
        assertEquals(Optional.empty(), QuoteToContract.decide(event, order(100, "RM", "IP", 0, HOSTING), Optional.empty()));
        OrderFacts purchase = new OrderFacts(100, "PO-100", 11, false, "POO", null, "IP", 5, 6, 0, 5, 6, 0, 7, 102, 0,
                null, LocalDate.of(2026, 1, 5), 0, List.of(HOSTING));
        assertEquals(Optional.empty(), QuoteToContract.decide(event, purchase, Optional.empty()));
    }

    @Test
    void decide_bindingQuotation_itselfCounts() {
        assertEquals(Optional.of(new Call(DocEvent.COMPLETED, 90)),
                QuoteToContract.decide(DocEvent.COMPLETED, order(90, "OB", "IP", 0, HOSTING), Optional.empty()));
    }

    /** Copy Order from a completed binding quotation: the quotation's contract, never a second one. */
    @ParameterizedTest
    @EnumSource(DocEvent.class)
    void decide_orderCopiedFromASettledBindingQuotation_theQuotationsContract(DocEvent event) {
        for (String status : List.of("CO", "CL")) {
            OrderFacts quotation = order(90, "OB", status, 0, HOSTING);
            assertEquals(Optional.of(new Call(event, 90)),
                    QuoteToContract.decide(event, order(100, "SO", "IP", 90, HOSTING), Optional.of(quotation)), status);
        }
    }

    @Test
    void decide_orderCopiedFromAQuotationWithoutContract_itsOwn() {
        List<OrderFacts> noContract = List.of(
                order(90, "ON", "CO", 0, HOSTING),      // proposal: not binding, made no contract
                order(90, "OB", "DR", 0, HOSTING),      // never completed
                order(90, "OB", "VO", 0, HOSTING),      // voided
                order(90, "OB", "CO", 0, SETUP));       // no subscription product on the quotation
        for (OrderFacts quotation : noContract) {
            assertEquals(Optional.of(new Call(DocEvent.COMPLETED, 100)), QuoteToContract.decide(DocEvent.COMPLETED,
                    order(100, "SO", "IP", 90, HOSTING), Optional.of(quotation)), quotation.toString());
        }
    }

    @Test
    void decide_quotationFactsOfAnotherOrder_ignored() {
        OrderFacts unrelated = order(91, "OB", "CO", 0, HOSTING);
        assertEquals(Optional.of(new Call(DocEvent.COMPLETED, 100)), QuoteToContract.decide(DocEvent.COMPLETED,
                order(100, "SO", "IP", 90, HOSTING), Optional.of(unrelated)));
    }

    @Test
    void handle_completed_createsInTheOrdersScope() {
        QuoteToContract.engineBound(engine);
        OrderFacts completing = order(100, "SO", "IP", 0, HOSTING);
        QuoteToContract.handle(DocEvent.COMPLETED, completing, Optional.empty(), "POSave_1");
        // the scope carries the event's order as held in memory (its definite number is not saved yet)
        assertEquals(List.of("create 100 in " + new DocumentScope.Document(100, 11, "POSave_1", completing)), engine.calls);
        assertEquals(Optional.empty(), DocumentScope.current());
    }

    @Test
    void handle_voided_cancelsInTheOrdersScope() {
        QuoteToContract.engineBound(engine);
        OrderFacts voiding = order(100, "SO", "CO", 0, HOSTING);
        QuoteToContract.handle(DocEvent.VOIDED, voiding, Optional.empty(), "POSave_2");
        assertEquals(List.of("voided 100 in " + new DocumentScope.Document(100, 11, "POSave_2", voiding)), engine.calls);
    }

    @Test
    void handle_copiedFromQuotation_asksForTheQuotationsSubscriptionsInTheOrdersScope() {
        QuoteToContract.engineBound(engine);
        OrderFacts copied = order(100, "SO", "IP", 90, HOSTING);
        QuoteToContract.handle(DocEvent.COMPLETED, copied, Optional.of(order(90, "OB", "CL", 0, HOSTING)), "POSave_1");
        assertEquals(List.of("create 90 in " + new DocumentScope.Document(100, 11, "POSave_1", copied)), engine.calls);
    }

    @Test
    void handle_orderThatDoesNotConcernContracts_engineNotCalled_notEvenNeeded() {
        assertEquals(List.of(), QuoteToContract.handle(DocEvent.COMPLETED, order(100, "SO", "IP", 0, SETUP),
                Optional.empty(), "POSave_1"));
        assertEquals(List.of(), engine.calls);
    }

    @Test
    void handle_engineNotRunning_refusedSoTheOrderDoesNotCompleteWithoutItsSubscriptions() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> QuoteToContract.handle(
                DocEvent.COMPLETED, order(100, "SO", "IP", 0, HOSTING), Optional.empty(), "POSave_1"));
        assertTrue(e.getMessage().contains("not running"), e.getMessage());
    }

    @Test
    void handle_engineRefuses_exceptionPassesOn_scopeCleared() {
        SubscriptionException refusal = SubscriptionException.invalid("SUB_Template_ID", 1000001, "is not active");
        engine.failure = refusal;
        QuoteToContract.engineBound(engine);
        assertSame(refusal, assertThrows(SubscriptionException.class, () -> QuoteToContract.handle(DocEvent.COMPLETED,
                order(100, "SO", "IP", 0, HOSTING), Optional.empty(), "POSave_1")));
        assertEquals(Optional.empty(), DocumentScope.current());
    }

    @Test
    void failureMessage_namesOrderWhatAndWhy() {
        assertEquals("The subscriptions of order SO-1001 could not be created: SUB_Template_ID '1000001' is not active",
                QuoteToContract.failureMessage(DocEvent.COMPLETED, "SO-1001",
                        SubscriptionException.invalid("SUB_Template_ID", 1000001, "is not active")));
        assertEquals("The subscriptions of order SO-1001 could not be cancelled: NullPointerException",
                QuoteToContract.failureMessage(DocEvent.VOIDED, "SO-1001", new NullPointerException()));
    }

    @Test
    void engine_boundAndUnbound_anotherUnbindLeavesTheCurrentOne() {
        Engine other = new Engine();
        QuoteToContract.engineBound(engine);
        QuoteToContract.engineUnbound(other);
        assertEquals(Optional.of(engine), QuoteToContract.engine());
        QuoteToContract.engineUnbound(engine);
        assertEquals(Optional.empty(), QuoteToContract.engine());
    }

    /** Records what it is asked and in which document scope. */
    private static final class Engine implements ContractService {
        final List<String> calls = new ArrayList<>();
        RuntimeException failure;

        @Override
        public List<Subscription> createFromOrder(long orderId) {
            return record("create " + orderId);
        }

        @Override
        public List<Subscription> orderVoided(long orderId) {
            return record("voided " + orderId);
        }

        private List<Subscription> record(String call) {
            calls.add(call + " in " + DocumentScope.current().map(Object::toString).orElse("no scope"));
            if (failure != null) {
                throw failure;
            }
            return List.of();
        }
    }
}
