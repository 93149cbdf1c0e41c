package org.idempiere.subscription.plugin.host;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The iDempiere document whose event the current thread is handling. While an order's "after
 * complete" or "after void" calls the engine, {@link IdempiereHostContext} runs the engine's
 * transaction inside the order's own {@code Trx} (see {@link JoinedTransaction}) and gives the
 * engine the order's organization, and {@link IdempiereOrders} reads that order as one whose
 * completion is under way.
 */
public final class DocumentScope {
    private static final ThreadLocal<Document> CURRENT = new ThreadLocal<>();

    private DocumentScope() {
    }

    /**
     * @param orderId {@code C_Order_ID} of the order whose event is handled
     * @param orgId   its {@code AD_Org_ID}
     * @param trxName its transaction ({@code PO.get_TrxName()}); null when it has none, and then
     *                the engine opens its own transaction as usual
     * @param order   the order as the event's {@code MOrder} holds it in memory, null if not read:
     *                {@code MOrder.completeIt} sets the definite document number (and, where the
     *                document type says so, the order date) before the after-complete event and
     *                saves them only after it, so the database still has the draft's values
     */
    public record Document(int orderId, int orgId, String trxName, OrderFacts order) {

        /** A scope without the order's in-memory values. */
        public Document(int orderId, int orgId, String trxName) {
            this(orderId, orgId, trxName, null);
        }
    }

    /** Runs {@code work} with {@code document} as the current scope, restoring the previous one after. */
    public static <T> T run(Document document, Supplier<T> work) {
        Document outer = CURRENT.get();
        CURRENT.set(document);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** @return the document of the current thread's scope, if any */
    public static Optional<Document> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * @return the order whose event is handled, as its {@code MOrder} holds it in memory, when
     *         {@code orderId} is that order and the scope carries it; else empty (read it from
     *         the database)
     */
    static Optional<OrderFacts> eventOrder(long orderId) {
        Document d = CURRENT.get();
        return d != null && d.orderId() == orderId ? Optional.ofNullable(d.order()) : Optional.empty();
    }

    /** @return whether the current scope is the event of this order */
    static boolean isEventOf(long orderId) {
        Document d = CURRENT.get();
        return d != null && d.orderId() == orderId;
    }
}
