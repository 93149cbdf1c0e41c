package org.idempiere.subscription.core.internal.plan;

import java.time.LocalDate;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionMove;
import org.idempiere.subscription.api.SubscriptionStatus;

/**
 * A subscription's place in its lifecycle, with the dates that decide its moves, and the one
 * check of a move: the status first ({@link SubscriptionMove#check}), then what its dates forbid.
 * Plain values; no database, no clock (today is given).
 *
 * @param status          draft, active, paused or closed
 * @param startDate       the first day of service
 * @param dateClosed      the day it was closed (or will be, when a run billing ahead expired it); null unless closed
 * @param dateEnds        the last day of service after notice not to renew; null when none
 * @param termEndDate     the current term's last day; null when open-ended
 * @param termExpires     whether its fixed term ends without renewal
 * @param nextInvoiceDate the invoice date billing continues with; null when nothing served is left to bill
 */
public record Lifecycle(SubscriptionStatus status, LocalDate startDate, LocalDate dateClosed, LocalDate dateEnds,
        LocalDate termEndDate, boolean termExpires, LocalDate nextInvoiceDate) {

    /**
     * The day a move made today takes effect: today, or the start date for a subscription that has
     * not started yet (so the ledger never shows a move before the start).
     */
    public LocalDate effectiveDay(LocalDate today) {
        return today.isBefore(startDate) ? startDate : today;
    }

    /**
     * Refuses {@code move} today unless the status allows it and the dates do:
     * <ul>
     * <li>a resume after the notice not to renew ended the service, or after a term that does not
     * renew ended, while paused (close it instead, then reactivate for a new term);</li>
     * <li>a reactivation before the day of the close (a run billing ahead closed it at its term's
     * end), or while days served before the close are still to be billed.</li>
     * </ul>
     *
     * @throws SubscriptionException INVALID_STATE naming the status or the date that forbids it
     */
    public void check(SubscriptionMove move, LocalDate today) {
        if (move == SubscriptionMove.RESUME && status == SubscriptionStatus.PAUSED && dateEnds != null && today.isAfter(dateEnds)) {
            throw SubscriptionException.invalidState("endsOn", dateEnds,
                    "has passed while it was paused: notice not to renew ended it; close it instead");
        }
        move.check(status);
        if (move == SubscriptionMove.RESUME && termExpires && termEndDate != null && today.isAfter(termEndDate)) {
            throw SubscriptionException.invalidState("termEndDate", termEndDate, "has passed while it was paused: the"
                    + " term ended without renewal; close it, then reactivate it to start a new term");
        }
        if (move == SubscriptionMove.REACTIVATE && dateClosed != null && dateClosed.isAfter(today)) {
            throw SubscriptionException.invalidState("dateClosed", dateClosed, "is after today (a run billing ahead"
                    + " closed it at the end of its term): reactivate it on or after that day");
        }
    }

    /**
     * Refuses a reactivation while days served before the close are still to be billed (the run
     * bills them first).
     *
     * @throws SubscriptionException INVALID_STATE naming {@code nextInvoiceDate}
     */
    public void checkNothingLeftToBill() {
        if (nextInvoiceDate != null) {
            throw SubscriptionException.invalidState("nextInvoiceDate", nextInvoiceDate,
                    "is still due for the days served before the close: run billing first, then reactivate");
        }
    }
}
