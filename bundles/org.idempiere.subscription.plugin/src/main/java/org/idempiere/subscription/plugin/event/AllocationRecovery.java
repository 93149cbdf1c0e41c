package org.idempiere.subscription.plugin.event;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.plugin.host.DocumentScope;

/**
 * What completing an iDempiere allocation does to automatic payments, decided without iDempiere;
 * {@link AllocationEventDelegate} only reads the allocation's lines and hands them here.
 *
 * <p>A completed allocation may have paid invoices of subscriptions (a receipt, a transfer, a
 * credit note allocated to them in the ERP). The invoices of its lines ({@code C_Invoice_ID}, those
 * without one left out, each once) go to {@link PaymentService#recover}, which stops their dunning
 * at once: their retries and waiting attempts end when nothing is open, the subscription is no
 * longer past due when none of its failed invoices is unpaid. The engine decides which invoices are
 * its own and of the context's tenant; the others are ignored there, so an allocation of invoices
 * that are not a subscription's costs one query.
 *
 * <p>The engine runs in the allocation's transaction ({@link DocumentScope}), where the allocation
 * is already written, so it sees the invoices as paid and its changes commit or roll back with the
 * allocation. Unlike an order's, an allocation never fails because of the engine: when the engine
 * is not running or fails, the failure is logged, its work rolled back to its savepoint, and the
 * next collection's sweep stops the dunning as it did before (decision 0043).
 */
final class AllocationRecovery {
    private static final System.Logger LOG = System.getLogger(AllocationRecovery.class.getName());
    /** The engine, bound by {@link OrderEventManager}; empty while it is not running. */
    private static final AtomicReference<PaymentService> ENGINE = new AtomicReference<>();

    private AllocationRecovery() {
    }

    /** @return the invoices of an allocation's lines: positive ids only, each once, in line order */
    static List<Long> invoiceIds(int[] lineInvoiceIds) {
        Set<Long> out = new LinkedHashSet<>();
        for (int id : lineInvoiceIds) {
            if (id > 0) {
                out.add((long) id);
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Hands the allocation's invoices to the engine in the allocation's transaction.
     *
     * @param allocationId {@code C_AllocationHdr_ID}, for the log
     * @param orgId        the allocation's {@code AD_Org_ID}
     * @param trxName      the allocation's transaction, null if it has none (the engine then opens its own)
     * @return how many attempts the engine cancelled; empty when it was not called or failed
     */
    static Optional<Integer> handle(int allocationId, int orgId, Collection<Long> invoiceIds, String trxName) {
        if (invoiceIds.isEmpty()) {
            return Optional.empty();   // a payment allocated to an order or a charge only
        }
        PaymentService engine = ENGINE.get();
        if (engine == null) {
            LOG.log(System.Logger.Level.WARNING, "Allocation " + allocationId + " completed while the subscription engine is not"
                    + " running: the dunning of invoices " + invoiceIds + " stops at the next collection");
            return Optional.empty();
        }
        try {
            // orderId 0: the scope is an allocation's, no order is being completed
            return Optional.of(DocumentScope.run(new DocumentScope.Document(0, orgId, trxName), () -> engine.recover(invoiceIds)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Allocation " + allocationId + ": the dunning of invoices " + invoiceIds
                    + " could not be stopped at once; it stops at the next collection", e);
            return Optional.empty();
        }
    }

    static void engineBound(PaymentService engine) {
        ENGINE.set(engine);
    }

    static void engineUnbound(PaymentService engine) {
        ENGINE.compareAndSet(engine, null);
    }
}
