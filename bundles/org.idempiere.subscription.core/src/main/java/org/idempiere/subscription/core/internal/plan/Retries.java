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
}
