package org.idempiere.subscription.core.internal.analytics.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.service.RevenueBalance;
import org.idempiere.subscription.api.service.RevenueItem;
import org.idempiere.subscription.api.service.RevenueMonth;
import org.idempiere.subscription.core.internal.pricing.LinePricing;

/**
 * Ratable recognition by day, database-free. An amount A over the N days of its period is
 * recognized <b>cumulatively</b>: through the end of a day that is the k-th of the period,
 * {@code round(A × k / N)} half-up at the currency's scale (0 before the period, A from its last
 * day on) — the rounding of {@link LinePricing#prorate}, which the invoices' own day shares use.
 * What a month recognizes is that figure at its last day minus that figure at the day before it,
 * so the months of a period add up to exactly A, and no month's rounding error carries over.
 *
 * <pre>
 *  A = 100.00 over 2026-01-20 .. 2026-02-18 (30 days)
 *  through 01-31: round(100.00 × 12/30) =  40.00   January   40.00
 *  through 02-18: 100.00                            February  60.00
 * </pre>
 *
 * <p>At the end of a day D each item is in one of two states: invoiced (its invoice is dated on or
 * before D), when {@code amount − recognized(D)} is <i>deferred</i> revenue; or not yet invoiced
 * (in arrears, or a late run), when {@code recognized(D)} is <i>unbilled</i> revenue. Summed:
 * {@code deferred − unbilled = invoiced(D) − recognized(D)} exactly.
 *
 * <p>A reversal (an item of an invoice voided or reversed in the host, negated) recognizes from its
 * date on only: with its item, nothing changes before that day, and from it on they sum to zero
 * recognized and zero deferred.
 */
public final class Recognition {
    private Recognition() {
    }

    /**
     * What {@code r} has recognized up to the end of {@code date}. A {@link Recognizable.Kind#REVERSAL}
     * has recognized nothing before its date, then the same as an ordinary item of its amount and days.
     */
    public static BigDecimal through(Recognizable r, LocalDate date) {
        ServicePeriod p = r.days();
        if (date.isBefore(p.start()) || r.kind() == Recognizable.Kind.REVERSAL && date.isBefore(r.dateInvoiced())) {
            return zero(r);
        }
        if (!date.isBefore(p.end())) {
            return r.amount();
        }
        return LinePricing.prorate(r.amount(), p, new ServicePeriod(p.start(), date), r.currency());
    }

    /** What {@code r} recognizes from {@code from} to {@code to}, both included. */
    public static BigDecimal within(Recognizable r, LocalDate from, LocalDate to) {
        return through(r, to).subtract(through(r, from.minusDays(1)));
    }

    /** Whether the invoice of {@code r} is dated on or before {@code date}. */
    public static boolean invoicedBy(Recognizable r, LocalDate date) {
        return !r.dateInvoiced().isAfter(date);
    }

    /** Deferred revenue of {@code r} at the end of {@code date}: invoiced and not yet recognized. */
    public static BigDecimal deferred(Recognizable r, LocalDate date) {
        return invoicedBy(r, date) ? r.amount().subtract(through(r, date)) : zero(r);
    }

    /** Unbilled revenue of {@code r} at the end of {@code date}: recognized and not yet invoiced. */
    public static BigDecimal unbilled(Recognizable r, LocalDate date) {
        return invoicedBy(r, date) ? zero(r) : through(r, date);
    }

    /**
     * Whether {@code r} has any figure in the days {@code from}..{@code to} or a balance at the end
     * of the day before {@code from} or of {@code to}: its days or its invoice date reach the range,
     * or it spans the range's start or end unbalanced.
     */
    public static boolean touches(Recognizable r, LocalDate from, LocalDate to) {
        LocalDate before = from.minusDays(1);
        boolean settledBefore = !r.days().end().isAfter(before) && invoicedBy(r, before);
        boolean untouchedUntilAfter = r.days().start().isAfter(to) && r.dateInvoiced().isAfter(to);
        return !settledBefore && !untouchedUntilAfter;
    }

    /**
     * The schedule of {@code items} from month {@code from} to {@code to}: one row per currency and
     * month (ordered by currency, then month), for every currency among the items.
     */
    public static List<RevenueMonth> schedule(Iterable<Recognizable> items, YearMonth from, YearMonth to) {
        int months = (int) (to.getYear() * 12L + to.getMonthValue() - from.getYear() * 12L - from.getMonthValue()) + 1;
        Map<String, Sums[]> byCurrency = new TreeMap<>();
        for (Recognizable r : items) {
            Sums[] sums = byCurrency.computeIfAbsent(r.currency().getCurrencyCode(), c -> {
                Sums[] s = new Sums[months + 1];
                for (int i = 0; i <= months; i++) {
                    s[i] = new Sums();
                }
                return s;
            });
            LocalDate previousEnd = from.atDay(1).minusDays(1);
            sums[0].add(r, previousEnd, previousEnd, BigDecimal.ZERO);
            BigDecimal recognizedBefore = through(r, previousEnd);
            for (int i = 1; i <= months; i++) {
                YearMonth m = from.plusMonths(i - 1);
                LocalDate end = m.atEndOfMonth();
                if (r.days().end().isBefore(m.atDay(1)) && invoicedBy(r, previousEnd)) {
                    recognizedBefore = r.amount(); // settled: nothing more in this or later months
                    previousEnd = end;
                    continue;
                }
                BigDecimal recognizedNow = through(r, end);
                sums[i].add(r, previousEnd, end, recognizedNow.subtract(recognizedBefore));
                recognizedBefore = recognizedNow;
                previousEnd = end;
            }
        }
        List<RevenueMonth> out = new ArrayList<>();
        byCurrency.forEach((currency, sums) -> {
            int scale = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
            for (int i = 1; i <= months; i++) {
                out.add(new RevenueMonth(from.plusMonths(i - 1), currency, sums[i - 1].deferred.setScale(scale),
                        sums[i - 1].unbilled.setScale(scale), sums[i].invoiced.setScale(scale), sums[i].adjusted.setScale(scale),
                        sums[i].recognized.setScale(scale), sums[i].deferred.setScale(scale), sums[i].unbilled.setScale(scale)));
            }
        });
        return out;
    }

    /**
     * The items of {@code month} with their figures: every item with something invoiced or
     * recognized in the month or a balance at its end.
     */
    public static List<RevenueItem> itemsOf(Iterable<Recognizable> items, YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        List<RevenueItem> out = new ArrayList<>();
        for (Recognizable r : items) {
            BigDecimal invoiced = !r.dateInvoiced().isBefore(first) && !r.dateInvoiced().isAfter(last) ? r.amount() : zero(r);
            BigDecimal recognized = within(r, first, last);
            BigDecimal deferred = deferred(r, last);
            BigDecimal unbilled = unbilled(r, last);
            if (invoiced.signum() != 0 || recognized.signum() != 0 || deferred.signum() != 0 || unbilled.signum() != 0) {
                out.add(new RevenueItem(r.kind().name(), r.id(), r.subscriptionId(), r.invoiceId(), r.dateInvoiced(),
                        r.days().start(), r.days().end(), r.currency().getCurrencyCode(), r.amount(), invoiced, recognized,
                        deferred, unbilled));
            }
        }
        out.sort(Comparator.comparing(RevenueItem::currency).thenComparing(RevenueItem::kind)
                .thenComparingLong(RevenueItem::subscriptionId).thenComparing(RevenueItem::periodStart)
                .thenComparingLong(RevenueItem::itemId));
        return out;
    }

    /**
     * The balances of {@code items} at the end of {@code date}, per currency (ordered by code).
     * {@code settledInvoiced} gives, per currency, what items left out of {@code items} because
     * they were invoiced and fully recognized by {@code date} add to both invoiced and recognized.
     */
    public static List<RevenueBalance> balances(Iterable<Recognizable> items, LocalDate date,
            Map<String, BigDecimal> settledInvoiced) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        settledInvoiced.forEach((c, a) -> sums.put(c, new BigDecimal[] {a, a, BigDecimal.ZERO, BigDecimal.ZERO}));
        for (Recognizable r : items) {
            BigDecimal[] s = sums.computeIfAbsent(r.currency().getCurrencyCode(),
                    c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            if (invoicedBy(r, date)) {
                s[0] = s[0].add(r.amount());
            }
            s[1] = s[1].add(through(r, date));
            s[2] = s[2].add(deferred(r, date));
            s[3] = s[3].add(unbilled(r, date));
        }
        List<RevenueBalance> out = new ArrayList<>();
        sums.forEach((c, s) -> {
            int scale = java.util.Currency.getInstance(c).getDefaultFractionDigits();
            out.add(new RevenueBalance(date, c, s[0].setScale(scale), s[1].setScale(scale), s[2].setScale(scale),
                    s[3].setScale(scale)));
        });
        return out;
    }

    private static BigDecimal zero(Recognizable r) {
        return BigDecimal.ZERO.setScale(r.currency().getDefaultFractionDigits());
    }

    /** The figures of one month of one currency. */
    private static final class Sums {
        BigDecimal invoiced = BigDecimal.ZERO;
        BigDecimal adjusted = BigDecimal.ZERO;
        BigDecimal recognized = BigDecimal.ZERO;
        BigDecimal deferred = BigDecimal.ZERO;
        BigDecimal unbilled = BigDecimal.ZERO;

        /** Adds {@code r}'s figures for the days after {@code previousEnd} up to {@code end}. */
        void add(Recognizable r, LocalDate previousEnd, LocalDate end, BigDecimal recognizedInMonth) {
            if (r.dateInvoiced().isAfter(previousEnd) && !r.dateInvoiced().isAfter(end)) {
                if (r.kind() == Recognizable.Kind.PERIOD) {
                    invoiced = invoiced.add(r.amount());
                } else {
                    adjusted = adjusted.add(r.amount());
                }
            }
            recognized = recognized.add(recognizedInMonth);
            deferred = deferred.add(deferred(r, end));
            unbilled = unbilled.add(unbilled(r, end));
        }
    }
}
