package org.idempiere.subscription.core.internal.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.host.Catalog.PriceKey;
import org.idempiere.subscription.api.service.Term;
import org.idempiere.subscription.core.internal.pricing.PricedLine;
import org.idempiere.subscription.core.internal.pricing.Pricer;

/**
 * What should be billed for a subscription: its due periods, each period's charge split by line
 * version, and what a change of the line versions owes for periods billed already. Plain values in
 * ({@link Timeline}, {@link PriceBook}), plain values out: the billing run, its dry run, the
 * next-invoice preview and every change ask this class, and only load and save around it.
 *
 * <pre>
 *  in advance:  |-- period 0 --|-- period 1 --|      invoiced on each period's first day
 *               ^inv           ^inv
 *  in arrears:  |-- period 0 --|-- period 1 --|      invoiced the day after each period
 *                              ^inv           ^inv
 * </pre>
 */
public final class BillingPlan {
    private BillingPlan() {
    }

    /**
     * One period to invoice, dated.
     *
     * @param period       the days billed: a whole period, a shorter first one, or the served part of a last one
     * @param dateInvoiced the invoice's date
     * @param whole        the whole period {@code period} is part of: a part is charged as its share by days
     * @param priceDate    the day list prices are taken on ({@link Schedule#priceDateOf})
     */
    public record Period(ServicePeriod period, LocalDate dateInvoiced, ServicePeriod whole, LocalDate priceDate) {
    }

    /**
     * What planning up to a day gives.
     *
     * @param periods     the periods to invoice, in order
     * @param next        the next invoice date after them; null when nothing served is left to bill
     * @param termEndDate the term's last day after any renewals; null when open-ended
     * @param expiresOn   the day a fixed term that does not renew (or notice not to renew) ended the subscription
     */
    public record Outcome(List<Period> periods, LocalDate next, LocalDate termEndDate, Optional<LocalDate> expiresOn) {
        public Outcome {
            periods = List.copyOf(periods);
        }
    }

    /**
     * Every period invoiced on or before {@code asOf}, from the timeline's next invoice date on: in
     * advance a period is invoiced on its first day, in arrears on the day after its last. A period
     * after the end of a fixed term renews the term when the plan renews automatically; otherwise
     * planning stops and the subscription expires the day after its term (or after the day notice
     * not to renew ends it). A paused or closed subscription stops after the last period that
     * started by its last day served; in arrears that period is billed for its served days only.
     * A period with nothing to charge (all its days in a pause) is passed over without an invoice.
     * Planning stops before a pending change of recurrence: its periods are planned once it applies.
     */
    public static Outcome due(Timeline t, LocalDate asOf) {
        Schedule schedule = t.schedule();
        boolean inAdvance = t.plan().billing() == BillingTiming.IN_ADVANCE;
        Optional<Term> term = t.plan().term();
        LocalDate termEnd = t.termEndDate();
        LocalDate next = t.nextInvoiceDate();
        LocalDate serviceEnd = t.serviceEnd();
        // in arrears the last period of a closed subscription is billed for its served days; a pause
        // ended its lines the day before, so their versions already show the days served
        boolean clip = serviceEnd != null && !inAdvance && !t.paused();
        List<Period> out = new ArrayList<>();
        while (next != null && !next.isAfter(asOf)) {
            long index = schedule.indexOfPeriodContaining(inAdvance ? next : next.minusDays(1));
            ServicePeriod period = schedule.periodAt(index);
            if (serviceEnd != null && period.start().isAfter(serviceEnd) && !(t.paused() && t.setupFeeIn(period))) {
                return new Outcome(out, null, termEnd, Optional.empty()); // (a setup fee is due even if paused on the first day)
            }
            if (t.recurrenceChange() != null && !period.start().isBefore(t.recurrenceChange())) {
                return new Outcome(out, next, termEnd, Optional.empty());
            }
            if (t.dateEnds() != null && period.start().isAfter(t.dateEnds())) {
                return new Outcome(out, next, termEnd, Optional.of(t.dateEnds().plusDays(1)));
            }
            if (termEnd != null && term.isPresent() && period.start().isAfter(termEnd)) {
                if (!term.get().autoRenew()) {
                    return new Outcome(out, next, termEnd, Optional.of(termEnd.plusDays(1)));
                }
                termEnd = schedule.nextTermEnd(termEnd, term.get());
                continue;
            }
            ServicePeriod billed = clip && period.end().isAfter(serviceEnd) ? new ServicePeriod(period.start(), serviceEnd) : period;
            if (t.chargesFor(billed)) {
                out.add(new Period(billed, next, schedule.wholePeriodOf(index), schedule.priceDateOf(index, t.priceUpdate(), term)));
            }
            next = schedule.invoiceDateOf(index + 1);
            if (serviceEnd != null && schedule.periodAt(index + 1).start().isAfter(serviceEnd)) {
                next = null; // nothing served is left
            }
        }
        return new Outcome(out, next, termEnd, Optional.empty());
    }

    /** Adds the list prices charging {@code p} needs to {@code keys}. */
    public static void addKeys(Set<PriceKey> keys, Timeline t, long priceListId, Period p) {
        PriceBook.addKeys(keys, priceListId, p.priceDate(), t.linesFor(p.period()));
    }

    /**
     * The charge of one period, a priced line per version billed: a recurring version valid on
     * only some of the whole period's days (a shorter first period, a version a change started or
     * ended, the served part of a last period) is charged its share by days
     * ({@link org.idempiere.subscription.core.internal.pricing.LinePricing#prorate}); a setup fee
     * never is.
     */
    public static List<PricedLine> charge(Timeline t, Period p, PriceBook prices) {
        return charge(t, p, t.linesFor(p.period()), prices);
    }

    /** {@link #charge(Timeline, Period, PriceBook)} of the versions {@code lines} billed for {@code p} ({@link Timeline#linesFor}). */
    public static List<PricedLine> charge(Timeline t, Period p, List<org.idempiere.subscription.api.service.SubscriptionLine> lines,
            PriceBook prices) {
        List<PricedLine> priced = prices.price(p.priceDate(), lines);
        List<PricedLine> out = new ArrayList<>(priced.size());
        for (PricedLine l : priced) {
            ServicePeriod days = l.line().setupFee() ? p.whole() : t.daysBilled(l.line(), p.period()).orElseThrow();
            out.add(days.equals(p.whole()) ? l : Pricer.prorate(List.of(l), p.whole(), days, prices.currency()).get(0));
        }
        return out;
    }

    /** The days of {@code p} a version is charged for: a setup fee on the whole period, a recurring version on its valid days. */
    public static ServicePeriod daysOf(Timeline t, Period p, PricedLine l) {
        return l.line().setupFee() ? p.period() : t.daysBilled(l.line(), p.period()).orElse(p.period());
    }
}
