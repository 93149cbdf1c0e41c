package org.idempiere.subscription.plugin.event;

import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.InvoiceReversal;
import org.idempiere.subscription.plugin.host.DocumentScope;

/**
 * What reversing an iDempiere sales invoice does to subscription revenue, decided without
 * iDempiere; {@link InvoiceEventDelegate} only reads the invoice and its reversal and hands them
 * here.
 *
 * <p>The engine ({@link BillingService#invoiceReversed}) decides whether the invoice is one it
 * created: for any other invoice it writes nothing and the reversal goes on as without the plugin
 * (logged at debug level). For its own, it reverses the invoice's revenue as of the reversal's day,
 * once: a second event for the same invoice (a retried action) writes nothing. It runs in the
 * invoice's transaction ({@link DocumentScope}), so the revenue reversal commits or rolls back with
 * the host's reversal; a failure, or an engine that is not running, fails the reversal with a
 * message, as an order fails to complete without its subscriptions.
 */
final class RevenueReversal {
    private static final System.Logger LOG = System.getLogger(RevenueReversal.class.getName());
    /** The engine, bound by {@link OrderEventManager}; empty while it is not running. */
    private static final AtomicReference<BillingService> ENGINE = new AtomicReference<>();

    private RevenueReversal() {
    }

    /** The document actions that reverse a completed invoice (Void of a completed invoice is one of them). */
    enum Action {
        REVERSE_CORRECT("Reverse - Correct"), REVERSE_ACCRUAL("Reverse - Accrual");

        private final String label;

        Action(String label) {
            this.label = label;
        }
    }

    /**
     * A reversed sales invoice.
     *
     * @param invoiced   the invoice's date
     * @param reversed   the reversal's invoice date: the invoice's own for Reverse - Correct, the day of
     *                   the action for Reverse - Accrual
     * @param reversalNo the reversal's document number, empty if unknown
     */
    record Reversed(Action action, int invoiceId, String documentNo, int orgId, LocalDate invoiced, LocalDate reversed,
            String reversalNo) {

        /**
         * The day the revenue is reversed: the reversal's, but never before the invoice's own (a
         * post-dated invoice reversed with accrual today), which the engine would refuse.
         */
        LocalDate day() {
            return reversed.isBefore(invoiced) ? invoiced : reversed;
        }

        String description() {
            return action.label + (reversalNo.isBlank() ? "" : " " + reversalNo) + " of " + documentNo;
        }
    }

    /**
     * Hands the reversed invoice to the engine in the invoice's transaction.
     *
     * @param trxName the invoice's transaction, null if it has none (the engine then opens its own)
     * @return what the engine recorded; empty for an invoice that is not the engine's
     * @throws IllegalStateException when the engine is not running
     * @throws RuntimeException      what the engine throws ({@link #failureMessage} words it)
     */
    static Optional<InvoiceReversal> handle(Reversed r, String trxName) {
        BillingService engine = Optional.ofNullable(ENGINE.get()).orElseThrow(() -> new IllegalStateException(
                "the subscription engine is not running (is org.idempiere.subscription.core active?)"));
        // orderId 0: the scope is an invoice's, no order is being completed
        Optional<InvoiceReversal> out = DocumentScope.run(new DocumentScope.Document(0, r.orgId(), trxName),
                () -> engine.invoiceReversed(r.invoiceId(), r.day(), r.description()));
        if (out.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Invoice " + r.documentNo() + " (" + r.invoiceId() + ") reversed: not a"
                    + " subscription invoice, no revenue to reverse");
        } else if (out.get().alreadyRecorded()) {
            LOG.log(System.Logger.Level.INFO, () -> "Invoice " + r.documentNo() + " (" + r.invoiceId() + "): its revenue was"
                    + " reversed before, on " + out.get().date() + "; nothing done again");
        }
        return out;
    }

    /** @return the message the user sees when {@link #handle} failed: which invoice, why */
    static String failureMessage(String documentNo, RuntimeException failure) {
        return "The subscription revenue of invoice " + documentNo + " could not be reversed: " + QuoteToContract.reason(failure);
    }

    static void engineBound(BillingService engine) {
        ENGINE.set(engine);
    }

    static void engineUnbound(BillingService engine) {
        ENGINE.compareAndSet(engine, null);
    }
}
