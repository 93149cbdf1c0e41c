package org.idempiere.subscription.core.internal.billing;

import java.time.LocalDate;
import java.util.List;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;

/** Which periods of a subscription are due, and when each is invoiced. */
final class Periods {
    private Periods() {
    }

    /** One invoice to create: a subscription's period, dated. */
    record Planned(SubscriptionRecord subscription, ServicePeriod period, LocalDate dateInvoiced) {
    }

    /**
     * Adds every period of {@code s} invoiced on or before {@code asOf}, from its next invoice
     * date on, to {@code out}: in advance a period is invoiced on its first day, in arrears on the
     * day after its last.
     *
     * @return the next invoice date after them
     */
    static LocalDate due(SubscriptionRecord s, Template template, LocalDate asOf, List<Planned> out) {
        Recurrence recurrence = template.recurrence();
        boolean inAdvance = template.billing() == BillingTiming.IN_ADVANCE;
        LocalDate next = s.nextInvoiceDate();
        while (!next.isAfter(asOf)) {
            LocalDate dayOfService = inAdvance ? next : next.minusDays(1);
            long index = recurrence.indexOfPeriodContaining(s.startDate(), dayOfService);
            ServicePeriod period = recurrence.periodAt(s.startDate(), index);
            out.add(new Planned(s, period, next));
            ServicePeriod following = recurrence.periodAt(s.startDate(), index + 1);
            next = inAdvance ? following.start() : following.nextStart();
        }
        return next;
    }
}
