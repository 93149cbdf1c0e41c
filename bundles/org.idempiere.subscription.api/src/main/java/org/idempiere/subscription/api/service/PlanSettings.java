package org.idempiere.subscription.api.service;

import java.util.Objects;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.SubscriptionException;

/**
 * How a subscription is scheduled: a template's settings, or a subscription's (copied from its
 * template when it is created, with the overrides it was created with).
 *
 * @param recurrence the length of a period
 * @param billing    invoiced on the first day of a period, or the day after its last
 * @param term       a fixed term; empty for open-ended
 * @param billingDay calendar alignment: every period starts on this day of the month (1 to 31; in
 *                   shorter months the month's last day), and a subscription starting on another
 *                   day has a shorter first period, prorated by days; empty for anniversary
 *                   alignment (periods start on the start date's day). Monthly recurrences only.
 */
public record PlanSettings(Recurrence recurrence, BillingTiming billing, Optional<Term> term, Optional<Integer> billingDay) {

    /**
     * @throws SubscriptionException REQUIRED for a missing recurrence or billing; INVALID_VALUE
     *         naming {@code billingDay} outside 1 to 31 or with a recurrence that is not in months
     */
    public PlanSettings {
        if (recurrence == null) {
            throw SubscriptionException.required("recurrence");
        }
        if (billing == null) {
            throw SubscriptionException.required("billing");
        }
        term = Objects.requireNonNullElse(term, Optional.empty());
        billingDay = Objects.requireNonNullElse(billingDay, Optional.empty());
        if (billingDay.isPresent()) {
            int day = billingDay.get();
            if (day < 1 || day > 31) {
                throw SubscriptionException.invalid("billingDay", day, "must be between 1 and 31");
            }
            if (recurrence.unit() != RecurrenceUnit.MONTH) {
                throw SubscriptionException.invalid("billingDay", day, "aligns monthly recurrences only, not "
                        + recurrence.unit());
            }
        }
    }
}
