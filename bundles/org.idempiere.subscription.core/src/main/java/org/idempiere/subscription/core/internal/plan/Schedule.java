package org.idempiere.subscription.core.internal.plan;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.Term;

/**
 * The service periods of one subscription, numbered from 0 (the period that starts on the start
 * date).
 *
 * <ul>
 * <li><b>Anniversary</b> (no billing day): periods are counted from the start date, so month ends
 * do not drift ({@link Recurrence#periodStart}).</li>
 * <li><b>Calendar</b> (billing day {@code d}): every period starts on day {@code d} of a month (the
 * month's last day when it is shorter), every {@code N} months. A subscription that starts on
 * another day first has a shorter period, from its start date to the day before the first
 * aligned date; that period is part of the whole period before the first aligned date, and is
 * charged as its share by days ({@link org.idempiere.subscription.core.internal.pricing.LinePricing#prorate}).</li>
 * </ul>
 * A fixed term counts whole periods: a shorter first period comes on top of them.
 */
public final class Schedule {
    private final Recurrence recurrence;
    private final BillingTiming billing;
    private final LocalDate start;
    private final int day;          // 0: anniversary
    private final LocalDate anchor; // the first whole period's start
    private final boolean shortFirst;

    private Schedule(PlanSettings plan, LocalDate start) {
        this.recurrence = plan.recurrence();
        this.billing = plan.billing();
        this.start = start;
        this.day = plan.billingDay().orElse(0);
        if (day == 0) {
            anchor = start;
        } else {
            LocalDate candidate = aligned(YearMonth.from(start));
            anchor = candidate.isBefore(start) ? aligned(YearMonth.from(start).plusMonths(1)) : candidate;
        }
        shortFirst = !anchor.equals(start);
    }

    /** The schedule of a subscription starting on {@code start} with {@code plan}. */
    public static Schedule of(PlanSettings plan, LocalDate start) {
        return new Schedule(plan, start);
    }

    private LocalDate aligned(YearMonth month) {
        return month.atDay(Math.min(day, month.lengthOfMonth()));
    }

    /** Start of whole period {@code j}, counted from the anchor (j = -1: the whole period around a short first one). */
    private LocalDate wholeStart(long j) {
        if (day == 0) {
            return recurrence.periodStart(anchor, j);
        }
        return aligned(YearMonth.from(anchor).plusMonths(Math.multiplyExact(j, (long) recurrence.every())));
    }

    /** Period {@code index}: 0 starts on the start date. */
    public ServicePeriod periodAt(long index) {
        if (shortFirst && index == 0) {
            return new ServicePeriod(start, anchor.minusDays(1));
        }
        long j = shortFirst ? index - 1 : index;
        return new ServicePeriod(wholeStart(j), wholeStart(j + 1).minusDays(1));
    }

    /**
     * The whole period period {@code index} belongs to: the period itself, except for a shorter
     * first period, which is the tail of the whole period that ends the day before the first
     * aligned date.
     */
    public ServicePeriod wholePeriodOf(long index) {
        if (shortFirst && index == 0) {
            return new ServicePeriod(wholeStart(-1), anchor.minusDays(1));
        }
        return periodAt(index);
    }

    /** @return whether period {@code index} is shorter than a whole period, and so charged by days */
    public boolean isPartial(long index) {
        return shortFirst && index == 0;
    }

    /**
     * The index of the period that contains {@code date}.
     *
     * @throws SubscriptionException INVALID_VALUE if {@code date} is before the start
     */
    public long indexOfPeriodContaining(LocalDate date) {
        if (date.isBefore(start)) {
            throw SubscriptionException.invalid("date", date, "is before the start " + start);
        }
        if (shortFirst && date.isBefore(anchor)) {
            return 0;
        }
        long j;
        if (day == 0) {
            j = recurrence.indexOfPeriodContaining(anchor, date);
        } else {
            j = ChronoUnit.MONTHS.between(YearMonth.from(anchor), YearMonth.from(date)) / recurrence.every();
            while (wholeStart(j).isAfter(date)) {
                j--;
            }
            while (!wholeStart(j + 1).isAfter(date)) {
                j++;
            }
        }
        return shortFirst ? j + 1 : j;
    }

    /** The day period {@code index} is invoiced: its first day in advance, the day after its last in arrears. */
    public LocalDate invoiceDateOf(long index) {
        ServicePeriod p = periodAt(index);
        return billing == BillingTiming.IN_ADVANCE ? p.start() : p.nextStart();
    }

    /** The first invoice date: of period 0. */
    public LocalDate firstInvoiceDate() {
        return invoiceDateOf(0);
    }

    /**
     * The next invoice date of a subscription whose service ends on {@code serviceEnd}:
     * {@code next}, if the period it invoices started by then; else null (nothing served is left to bill).
     */
    public LocalDate servedNext(LocalDate next, LocalDate serviceEnd) {
        if (next == null || serviceEnd.isBefore(start)) {
            return null;
        }
        LocalDate day = billing == BillingTiming.IN_ADVANCE ? next : next.minusDays(1);
        if (day.isBefore(start)) {
            return null;
        }
        return periodAt(indexOfPeriodContaining(day)).start().isAfter(serviceEnd) ? null : next;
    }

    /**
     * When billing continues after a pause or a close: with the first period that starts on or
     * after {@code date} (periods stay where the schedule puts them).
     */
    public LocalDate nextInvoiceFrom(LocalDate date) {
        LocalDate from = date.isBefore(start) ? start : date;
        long k = indexOfPeriodContaining(from);
        if (!periodAt(k).start().equals(from)) {
            k++;
        }
        return invoiceDateOf(k);
    }

    /**
     * The first day of the fixed term period {@code index} belongs to: terms are runs of
     * {@code term.periods()} whole periods from the first whole one; a shorter first period belongs
     * to the first term, which starts on the start date.
     */
    public LocalDate termStartOf(long index, Term term) {
        long offset = shortFirst ? 1 : 0;
        if (index < offset + term.periods()) {
            return start;
        }
        long first = offset + ((index - offset) / term.periods()) * term.periods();
        return periodAt(first).start();
    }

    /**
     * The day the list prices of period {@code index} are taken on: its invoice date, except for a
     * fixed-term plan whose price updates reach subscribers at renewal, where it is the first day
     * of the period's term (an open-ended plan renews every period).
     */
    public LocalDate priceDateOf(long index, PriceUpdate policy, java.util.Optional<Term> term) {
        if (policy == PriceUpdate.AT_RENEWAL && term.isPresent()) {
            return termStartOf(index, term.get());
        }
        return invoiceDateOf(index);
    }

    /** The last day of the first term: the end of its last whole period (a short first period is extra). */
    public LocalDate firstTermEnd(Term term) {
        return periodAt(shortFirst ? term.periods() : term.periods() - 1L).end();
    }

    /** The last day of the term after the one ending on {@code termEnd}. */
    public LocalDate nextTermEnd(LocalDate termEnd, Term term) {
        return periodAt(indexOfPeriodContaining(termEnd) + term.periods()).end();
    }
}
