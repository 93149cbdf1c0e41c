package org.idempiere.subscription.api;

/**
 * The state of one payment attempt (list reference SUB_PaymentStatus):
 *
 * <pre>
 *   PENDING ──claim──► IN_FLIGHT ──answer──► SUCCEEDED | DECLINED | ERRORED
 *      ▲                  │                        (DECLINED, ERRORED: the next attempt of the
 *      │                  └──no answer──► UNKNOWN   retry schedule is PENDING on its day)
 *      │                                    │ status query: the final answer, or
 *      └──── the gateway never saw the key ─┘ (sent again with the same key)
 *   PENDING ──no usable method──► NO_METHOD ──a method is saved──► PENDING
 *   PENDING | NO_METHOD ──invoice paid otherwise, subscription closed──► CANCELLED
 * </pre>
 *
 * An attempt is never deleted or rolled back: its gateway answer stays for the seller to see.
 */
public enum PaymentStatus implements DictionaryCode {
    /** Waiting for its day, to be claimed by a collector. */
    PENDING("P"),
    /** Claimed by a collector, which is calling the gateway (outside any database transaction). */
    IN_FLIGHT("F"),
    /** The money moved and the payment is allocated to the invoice. */
    SUCCEEDED("S"),
    /** The gateway refused it; a later attempt may follow the retry schedule. */
    DECLINED("D"),
    /** The gateway or the host failed before deciding; nothing moved; a later attempt may follow. */
    ERRORED("E"),
    /** No answer in time: the money may have moved; the next collector asks the gateway. */
    UNKNOWN("U"),
    /** The customer has no usable payment method: asked to add one; pending again once they do. */
    NO_METHOD("N"),
    /** Not needed any more: the invoice was paid otherwise, or the subscription closed. */
    CANCELLED("X");

    private final String code;

    PaymentStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** @return whether nothing more happens to an attempt in this state */
    public boolean isFinal() {
        return this == SUCCEEDED || this == DECLINED || this == ERRORED || this == CANCELLED;
    }
}
