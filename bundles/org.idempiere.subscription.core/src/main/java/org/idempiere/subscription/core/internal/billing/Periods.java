package org.idempiere.subscription.core.internal.billing;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.api.service.Term;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;

/** Which periods of a subscription are due, when each is invoiced, and what its term does. */
final class Periods {
    private Periods() {
    }

    /** One invoice to create: a subscription's period, dated. */
    record Planned(SubscriptionRecord subscription, ServicePeriod period, LocalDate dateInvoiced) {
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
     * the subscription expires the day after its term.
     */
    static Outcome due(SubscriptionRecord s, Template template, LocalDate asOf, List<Planned> out) {
        Recurrence recurrence = template.recurrence();
        boolean inAdvance = template.billing() == BillingTiming.IN_ADVANCE;
        Optional<Term> term = template.term();
        LocalDate termEnd = s.termEndDate();
        LocalDate next = s.nextInvoiceDate();
        while (!next.isAfter(asOf)) {
            LocalDate dayOfService = inAdvance ? next : next.minusDays(1);
            long index = recurrence.indexOfPeriodContaining(s.startDate(), dayOfService);
            ServicePeriod period = recurrence.periodAt(s.startDate(), index);
            if (termEnd != null && term.isPresent() && period.start().isAfter(termEnd)) {
                if (!term.get().autoRenew()) {
                    return new Outcome(next, termEnd, Optional.of(termEnd.plusDays(1)));
                }
                long lastOfTerm = recurrence.indexOfPeriodContaining(s.startDate(), termEnd);
                termEnd = recurrence.periodAt(s.startDate(), lastOfTerm + term.get().periods()).end();
                continue;
            }
            out.add(new Planned(s, period, next));
            ServicePeriod following = recurrence.periodAt(s.startDate(), index + 1);
            next = inAdvance ? following.start() : following.nextStart();
        }
        return new Outcome(next, termEnd, Optional.empty());
    }
}
