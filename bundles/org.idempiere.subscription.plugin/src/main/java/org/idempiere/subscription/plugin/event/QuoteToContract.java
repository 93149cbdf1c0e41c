package org.idempiere.subscription.plugin.event;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.idempiere.subscription.api.service.ContractService;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.plugin.host.DocumentScope;
import org.idempiere.subscription.plugin.host.OrderFacts;
import org.idempiere.subscription.plugin.host.OrderRules;

/**
 * What completing or voiding an iDempiere order does to subscriptions, decided without iDempiere;
 * {@link OrderEventDelegate} only reads the order and hands it here.
 *
 * <ul>
 * <li>Only an order that {@linkplain OrderRules#countsForContracts counts} (a sales order or a
 * binding quotation) and has a line with a subscription product concerns the engine. Every other
 * order completes and voids exactly as without the plugin: the engine is not even called.</li>
 * <li><b>Completed</b>: {@link ContractService#createFromOrder} creates the subscriptions; it is
 * idempotent, so completing again after a reactivation creates nothing new.</li>
 * <li><b>Voided</b> (also reached by Reverse-Correct, which iDempiere's {@code MOrder} implements
 * as a void): {@link ContractService#orderVoided} cancels those never invoiced.</li>
 * <li>Reactivated, closed: nothing happens; the subscriptions stay.</li>
 * <li>An order copied from a binding quotation ({@code QuotationOrder_ID}, set by iDempiere's Copy
 * Order process) whose quotation is completed or closed and has subscription products has its
 * contract already: the quotation's. Completing the order then asks for the quotation's
 * subscriptions (creating them only if the quotation has none yet) and voiding it cancels the
 * quotation's, so converting a quotation into an order never makes a second contract.</li>
 * </ul>
 *
 * <p>The engine runs in the order's transaction ({@link DocumentScope}): the subscriptions commit
 * with the order, and a failure makes the document action fail with the engine's message
 * (iDempiere turns an exception of an event delegate into the document's error), so no completed
 * order with subscription products lacks its subscriptions.
 */
final class QuoteToContract {
    /** The engine, bound by {@link OrderEventManager}; empty while it is not running. */
    private static final AtomicReference<ContractService> ENGINE = new AtomicReference<>();

    private QuoteToContract() {
    }

    /** The document events that concern contracts. */
    enum DocEvent {
        COMPLETED("created"), VOIDED("cancelled");

        private final String outcome;

        DocEvent(String outcome) {
            this.outcome = outcome;
        }
    }

    /**
     * One call to the engine.
     *
     * @param contractOrderId the order whose subscriptions the call is about: the order itself,
     *                        or the quotation it was copied from
     */
    record Call(DocEvent event, long contractOrderId) {
    }

    /** @return the call to make for this event of this order, empty when the order does not concern contracts */
    static Optional<Call> decide(DocEvent event, OrderFacts order, Optional<OrderFacts> quotation) {
        if (!OrderRules.countsForContracts(order) || !OrderRules.hasSubscriptionProduct(order)) {
            return Optional.empty();
        }
        long contractOrderId = quotation.filter(q -> q.id() == order.quotationOrderId() && q.id() != order.id())
                .filter(QuoteToContract::carriesTheContract).map(q -> (long) q.id()).orElse((long) order.id());
        return Optional.of(new Call(event, contractOrderId));
    }

    /** A quotation that made a contract when it was completed. */
    static boolean carriesTheContract(OrderFacts quotation) {
        return OrderRules.countsForContracts(quotation) && OrderRules.settled(quotation.docStatus())
                && OrderRules.hasSubscriptionProduct(quotation);
    }

    /**
     * Decides and, if the order concerns contracts, calls the engine in the order's transaction.
     *
     * @param trxName the order's iDempiere transaction, null if it has none
     * @return the subscriptions of the contract order; empty when nothing was called
     * @throws IllegalStateException when the order concerns contracts and the engine is not running
     * @throws RuntimeException      what the engine throws ({@link #failureMessage} words it for the user)
     */
    static List<Subscription> handle(DocEvent event, OrderFacts order, Optional<OrderFacts> quotation, String trxName) {
        Optional<Call> call = decide(event, order, quotation);
        if (call.isEmpty()) {
            return List.of();
        }
        ContractService engine = Optional.ofNullable(ENGINE.get()).orElseThrow(() -> new IllegalStateException(
                "the subscription engine is not running (is org.idempiere.subscription.core active?)"));
        long id = call.get().contractOrderId();
        return DocumentScope.run(new DocumentScope.Document(order.id(), order.orgId(), trxName, order),
                () -> event == DocEvent.COMPLETED ? engine.createFromOrder(id) : engine.orderVoided(id));
    }

    /** @return the message the user sees when {@link #handle} failed: which order, what, why */
    static String failureMessage(DocEvent event, String documentNo, RuntimeException failure) {
        return "The subscriptions of order " + documentNo + " could not be " + event.outcome + ": " + reason(failure);
    }

    /** @return a failure's message, or its kind when it has none: the "why" of a document's error */
    static String reason(RuntimeException failure) {
        return failure.getMessage() == null || failure.getMessage().isBlank() ? failure.getClass().getSimpleName()
                : failure.getMessage().strip();
    }

    static void engineBound(ContractService engine) {
        ENGINE.set(engine);
    }

    static void engineUnbound(ContractService engine) {
        ENGINE.compareAndSet(engine, null);
    }

    static Optional<ContractService> engine() {
        return Optional.ofNullable(ENGINE.get());
    }
}
