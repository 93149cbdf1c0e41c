package org.idempiere.subscription.api;

/**
 * The state of one payment attempt (list reference SUB_PaymentStatus):
 *
 * <pre>
 *   PENDING ──claim──► IN_FLIGHT ──answer──► SUCCEEDED | DECLINED | ERRORED
 *      ▲                  │   (DECLINED, ERRORED: the next attempt of the retry schedule is
 *      │                  │    PENDING on its day, unless the subscription is closed)
 *      │                  ├──host refused──► ERRORED (retried), CANCELLED if nothing is open
 *      │                  └──no answer──► UNKNOWN
 *      │                                    │ status query: the final answer; still none N days
 *      │                                    │ after the due day: ERRORED, for the seller
 *      └──── the gateway never saw the key ─┘ (sent again with the same key if the invoice still
 *                                              has that much open; else CANCELLED or ERRORED)
 *   PENDING ──no usable method──► NO_METHOD ──a method is saved──► PENDING
 *   PENDING (a retry) ──a new default method──► PENDING, due today
 *   PENDING | NO_METHOD ──invoice paid otherwise (next collection)──► CANCELLED
 *   PENDING | NO_METHOD (a retry) ──subscription closed──► CANCELLED
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
    /**
     * The gateway or the host failed, or the host refused the charge, before deciding: nothing
     * moved, and a later attempt may follow. Also an answer still unknown after the stated days,
     * handed to the seller (result code {@code unknown_at_processor}): no attempt follows.
     */
    ERRORED("E"),
    /** No answer in time: the money may have moved; the next collector asks the gateway (for a stated number of days). */
    UNKNOWN("U"),
    /** The customer has no usable payment method: asked to add one; pending again once they do. */
    NO_METHOD("N"),
    /** Not needed any more: the invoice was paid otherwise, or (a retry) the subscription closed. */
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
