package org.idempiere.subscription.core.internal.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.host.ChargeResult;

/**
 * What follows a charge's answer: the attempt's state, and after a failure the day of the next
 * attempt by the plan's retry schedule (days after the invoice's first failure). Plain values.
 *
 * <pre>
 *  retry days 1, 3, 5, 7; first failure on day F:
 *  attempt 1 fails on F   -> attempt 2 on F+1
 *  attempt 2 fails        -> attempt 3 on F+3
 *  attempt 3 fails        -> attempt 4 on F+5
 *  attempt 4 fails        -> attempt 5 on F+7
 *  attempt 5 fails        -> none: the invoice stays open, the subscription past due
 * </pre>
 */
public final class Retries {
    private Retries() {
    }

    /** The state an attempt ends in for a gateway answer. */
    public static PaymentStatus statusOf(ChargeResult.Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> PaymentStatus.SUCCEEDED;
            case DECLINED -> PaymentStatus.DECLINED;
            case ERRORED -> PaymentStatus.ERRORED;
            case UNKNOWN -> PaymentStatus.UNKNOWN;
        };
    }

    /**
     * The day of the attempt after failed attempt {@code attemptNo} (1 = the first charge), or
     * empty when the schedule has no more; never before {@code today}.
     *
     * @param firstFailure the day the invoice's first attempt failed
     */
    public static Optional<LocalDate> nextAttempt(List<Integer> retryDays, int attemptNo, LocalDate firstFailure, LocalDate today) {
        if (attemptNo < 1 || attemptNo > retryDays.size()) {
            return Optional.empty();
        }
        LocalDate day = firstFailure.plusDays(retryDays.get(attemptNo - 1));
        return Optional.of(day.isBefore(today) ? today : day);
    }

    /** The result code of an attempt whose answer stayed unknown too long: the seller resolves it. */
    public static final String UNKNOWN_ESCALATED = "unknown_at_processor";

    /**
     * Whether an attempt whose answer is still unknown is handed to the seller: once {@code days}
     * days have passed since its due day (it was first sent on or after that day, so its answer has
     * been unknown at most that long). Before, the collector keeps asking the gateway; after, the
     * attempt ends ERRORED with {@link #UNKNOWN_ESCALATED}, without a retry (the money may have
     * moved) and without a notice to the customer.
     *
     * <pre>
     *  days 3, due D:  still unknown on D, D+1, D+2 -> asked again
     *                  still unknown on D+3 or later -> ERRORED, for the seller
     * </pre>
     *
     * @param days at least 1
     */
    public static boolean unknownEscalates(LocalDate dueOn, LocalDate today, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1: " + days);
        }
        return !today.isBefore(dueOn.plusDays(days));
    }

    /** What the seller reads on an attempt {@link #unknownEscalates} ended: what happened and what to do. */
    public static String unknownEscalatedMessage(LocalDate dueOn, int days, String idempotencyKey) {
        return "Result unknown at the processor " + days + " days after " + dueOn + " (key " + idempotencyKey
                + "): check with the processor, then complete or void the payment; nothing is retried automatically";
    }
}
