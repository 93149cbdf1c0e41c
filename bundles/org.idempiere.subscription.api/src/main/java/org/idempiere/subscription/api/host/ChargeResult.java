package org.idempiere.subscription.api.host;

import java.util.Optional;

/**
 * What the payment processor answered for one idempotency key. Immutable.
 *
 * @param outcome   succeeded, declined, errored, or unknown (no answer in time)
 * @param paymentId the host's payment document (iDempiere: {@code C_Payment_ID}), when one was made
 * @param reference the processor's reference for the transaction, when it gave one
 * @param code      the processor's result code (e.g. a decline reason such as {@code insufficient_funds})
 * @param message   the processor's message, safe to show to the seller
 */
public record ChargeResult(Outcome outcome, Optional<Long> paymentId, Optional<String> reference, Optional<String> code,
        String message) {

    /** The outcome of a charge or refund. */
    public enum Outcome {
        /** The money moved; the payment is allocated to the invoice. */
        SUCCEEDED,
        /** The processor refused it (e.g. insufficient funds, expired card): retrying later may help. */
        DECLINED,
        /** The processor or the host failed before deciding (e.g. a processing error); nothing moved. */
        ERRORED,
        /** No answer in time: the money may or may not have moved; ask {@link Payments#status} later. */
        UNKNOWN
    }

    /** @return whether the result is final (anything but {@link Outcome#UNKNOWN}) */
    public boolean isFinal() {
        return outcome != Outcome.UNKNOWN;
    }
}
