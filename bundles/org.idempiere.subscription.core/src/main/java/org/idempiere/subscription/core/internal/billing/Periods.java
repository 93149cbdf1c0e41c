package org.idempiere.subscription.core.internal.billing;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.Term;
import org.idempiere.subscription.core.internal.pricing.PricedLine;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;

/** Which periods of a subscription are due, when each is invoiced, and what its term does. */
final class Periods {
    private Periods() {
    }

    /**
     * One invoice to create: a subscription's period, dated.
     *
     * @param whole     the whole period {@code period} is part of: {@code period} itself unless it is a
     *                  shorter first period, which is charged as its share by days of {@code whole}
     * @param priceDate the day list prices are taken on ({@link Schedule#priceDateOf})
     */
    record Planned(SubscriptionRecord subscription, ServicePeriod period, LocalDate dateInvoiced, ServicePeriod whole,
            LocalDate priceDate) {

        /**
         * @return the lines priced for a whole period, as charged for this one: a recurring line
         *         valid on only some of the whole period's days (a shorter first period, a line a
         *         change started or ended) is prorated for those days; a setup fee never is
         */
        List<PricedLine> charged(List<PricedLine> priced, java.util.Currency currency) {
            List<PricedLine> out = new java.util.ArrayList<>(priced.size());
            for (PricedLine l : priced) {
                ServicePeriod days = l.line().setupFee() ? whole : subscription.daysBilled(l.line(), period).orElseThrow();
                out.add(days.equals(whole) ? l : Pricer.prorate(List.of(l), whole, days, currency).get(0));
            }
            return out;
        }
    }

    /**
     * What planning left behind.
     *
     * @param next        the next invoice date after the planned periods
     * @param termEndDate the term's last day after any renewals; null when open-ended
     * @param expiresOn   the day a fixed term that does not renew ended on (the day after its last)
     */
    record Outcome(LocalDate next, LocalDate termEndDate, Optional<LocalDate> expiresOn) {
    }

    /**
     * Adds every period of {@code s} invoiced on or before {@code asOf}, from its next invoice
     * date on, to {@code out}: in advance a period is invoiced on its first day, in arrears on the
     * day after its last. A period after the end of a fixed term renews the term (another
     * {@code periods} periods) when the plan renews automatically; otherwise planning stops and
     * the subscription expires the day after its term. A paused or closed subscription stops
     * after the last period that started by its last day served ({@link SubscriptionRecord#serviceEnd});
     * a period with nothing to charge (all its days in a pause) is passed over without an invoice.
     */
    static Outcome due(SubscriptionRecord s, LocalDate asOf, List<Planned> out) {
        PlanSettings plan = s.plan();
        Schedule schedule = Schedule.of(plan, s.periodsFrom());
        boolean inAdvance = plan.billing() == BillingTiming.IN_ADVANCE;
        Optional<Term> term = plan.term();
        LocalDate termEnd = s.termEndDate();
        LocalDate next = s.nextInvoiceDate();
        // a paused or closed subscription is billed for the days it was served, up to the day before
        // its pause or close; a pause ended its lines the day before, so they show the days served
        LocalDate serviceEnd = s.serviceEnd();
        boolean clip = serviceEnd != null && !inAdvance && s.datePaused() == null;
        while (next != null && !next.isAfter(asOf)) {
            LocalDate dayOfService = inAdvance ? next : next.minusDays(1);
            long index = schedule.indexOfPeriodContaining(dayOfService);
            ServicePeriod period = schedule.periodAt(index);
            if (serviceEnd != null && period.start().isAfter(serviceEnd) && !(s.datePaused() != null && s.setupFeeIn(period))) {
                return new Outcome(null, termEnd, Optional.empty()); // (a setup fee is due even if paused on the first day)
            }
            if (s.recurrenceChange() != null && !period.start().isBefore(s.recurrenceChange())) {
                return new Outcome(next, termEnd, Optional.empty()); // a change of recurrence first: then the new periods
            }
            if (s.dateEnds() != null && period.start().isAfter(s.dateEnds())) {
                return new Outcome(next, termEnd, Optional.of(s.dateEnds().plusDays(1))); // notice not to renew
            }
            if (termEnd != null && term.isPresent() && period.start().isAfter(termEnd)) {
                if (!term.get().autoRenew()) {
                    return new Outcome(next, termEnd, Optional.of(termEnd.plusDays(1)));
                }
                termEnd = schedule.nextTermEnd(termEnd, term.get());
                continue;
            }
            // in arrears the last period is billed for its served days only; in advance it was paid in full
            ServicePeriod billed = clip && period.end().isAfter(serviceEnd) ? new ServicePeriod(period.start(), serviceEnd) : period;
            if (s.chargesFor(billed)) { // not a period all of whose days fell into a pause
                out.add(new Planned(s, billed, next, schedule.wholePeriodOf(index),
                        schedule.priceDateOf(index, s.priceUpdate(), term)));
            }
            next = schedule.invoiceDateOf(index + 1);
            if (serviceEnd != null && schedule.periodAt(index + 1).start().isAfter(serviceEnd)) {
                next = null; // nothing served is left
            }
        }
        return new Outcome(next, termEnd, Optional.empty());
    }
}
