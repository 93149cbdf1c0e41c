package org.idempiere.subscription.core.internal.analytics.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.service.RevenueBalance;
import org.idempiere.subscription.api.service.RevenueItem;
import org.idempiere.subscription.api.service.RevenueMonth;

/**
 * Properties of recognition over random items (charges and credits, EUR and JPY, 1 to 800 days,
 * invoiced up to 60 days before their days start or up to 60 days after they end), each checked
 * against a naive recomputation: day by day, the exact fraction A × k / N rounded once.
 */
class RecognitionPropertyTest {
    private static final LocalDate EPOCH = LocalDate.of(2025, 1, 1);

    @Provide
    Arbitrary<List<Recognizable>> items() {
        Arbitrary<Recognizable> one = Combinators.combine(
                Arbitraries.integers().between(-1_000_000, 5_000_000),
                Arbitraries.integers().between(0, 900),
                Arbitraries.integers().between(1, 800),
                Arbitraries.integers().between(-60, 60),
                Arbitraries.of(Recognizable.Kind.values()),
                Arbitraries.of(RecognitionTest.EUR, RecognitionTest.JPY)).as((cents, start, days, invoiceShift, kind, currency) -> {
                    LocalDate from = EPOCH.plusDays(start);
                    LocalDate to = from.plusDays(days - 1);
                    LocalDate invoiced = invoiceShift <= 0 ? from.plusDays(invoiceShift) : to.plusDays(invoiceShift);
                    BigDecimal amount = BigDecimal.valueOf(cents, currency.getDefaultFractionDigits());
                    return new Recognizable(kind, 0, 0, 0, invoiced, new ServicePeriod(from, to), amount, currency);
                });
        return one.list().ofMinSize(1).ofMaxSize(25).map(l -> {
            List<Recognizable> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                Recognizable r = l.get(i);
                out.add(new Recognizable(r.kind(), i + 1, 10 + i % 4, 100 + i, r.dateInvoiced(), r.days(), r.amount(), r.currency()));
            }
            return out;
        });
    }

    /** The naive figure: A × (days elapsed) / N, rounded once, half-up; a reversal's only from its date on. */
    private static BigDecimal naiveThrough(Recognizable r, LocalDate date) {
        if (r.kind() == Recognizable.Kind.REVERSAL && date.isBefore(r.dateInvoiced())) {
            return BigDecimal.ZERO.setScale(r.currency().getDefaultFractionDigits());
        }
        long n = r.days().days();
        long k = Math.max(0, Math.min(n, ChronoUnit.DAYS.between(r.days().start(), date) + 1));
        return r.amount().multiply(BigDecimal.valueOf(k)).divide(BigDecimal.valueOf(n), r.currency().getDefaultFractionDigits(),
                RoundingMode.HALF_UP);
    }

    @Property(tries = 300)
    void everyItemsMonths_addUpToItsAmount_andNoMonthOverstepsIt(@ForAll("items") List<Recognizable> items) {
        for (Recognizable r : items) {
            BigDecimal sum = BigDecimal.ZERO;
            LocalDate last = r.kind() == Recognizable.Kind.REVERSAL && r.dateInvoiced().isAfter(r.days().end()) ? r.dateInvoiced()
                    : r.days().end();   // a reversal dated after its days takes it all back on its date
            for (YearMonth m = YearMonth.from(r.days().start()); !m.isAfter(YearMonth.from(last)); m = m.plusMonths(1)) {
                BigDecimal month = Recognition.within(r, m.atDay(1), m.atEndOfMonth());
                assertTrue(month.signum() == 0 || month.signum() == r.amount().signum(), r + " in " + m + ": " + month);
                assertTrue(month.abs().compareTo(r.amount().abs()) <= 0, r + " in " + m + ": " + month);
                assertEquals(naiveThrough(r, m.atEndOfMonth()).subtract(naiveThrough(r, m.atDay(1).minusDays(1))), month);
                sum = sum.add(month);
            }
            assertEquals(r.amount(), sum, r.toString());
        }
    }

    /**
     * An item and its reversal (decision 0057), dated any day from the item's invoice on: before
     * that day the pair recognizes, defers and bills exactly what the item alone does; from it on,
     * nothing recognized, nothing deferred, nothing unbilled, nothing invoiced. The months before
     * the reversal's keep their figures, and its month takes back all that was recognized before.
     */
    @Property(tries = 300)
    void anItemAndItsReversal_areTheItemBeforeTheReversalsDay_andNothingFromIt(@ForAll("items") List<Recognizable> items,
            @ForAll @IntRange(min = 0, max = 900) int after, @ForAll @IntRange(min = -70, max = 1000) int day) {
        Recognizable r = new Recognizable(Recognizable.Kind.PERIOD, 1, 1, 1, items.get(0).dateInvoiced(), items.get(0).days(),
                items.get(0).amount(), items.get(0).currency());
        LocalDate reversedOn = r.dateInvoiced().plusDays(after);
        Recognizable v = new Recognizable(Recognizable.Kind.REVERSAL, 2, 1, 1, reversedOn, r.days(), r.amount().negate(), r.currency());
        LocalDate date = EPOCH.plusDays(day);
        RevenueBalance alone = Recognition.balances(List.of(r), date, Map.of()).get(0);
        RevenueBalance pair = Recognition.balances(List.of(r, v), date, Map.of()).get(0);
        if (date.isBefore(reversedOn)) {
            assertEquals(alone, pair);
        } else {
            BigDecimal zero = BigDecimal.ZERO.setScale(r.currency().getDefaultFractionDigits());
            assertEquals(new RevenueBalance(date, r.currency().getCurrencyCode(), zero, zero, zero, zero), pair);
        }
        YearMonth month = YearMonth.from(date);
        List<RevenueMonth> both = Recognition.schedule(List.of(r, v), month, month);
        BigDecimal itemInMonth = Recognition.within(r, month.atDay(1), month.atEndOfMonth());
        if (month.isBefore(YearMonth.from(reversedOn))) {
            assertEquals(0, itemInMonth.compareTo(both.get(0).recognized()), "a month before the reversal's keeps its figure");
        } else if (month.equals(YearMonth.from(reversedOn))) {
            assertEquals(0, Recognition.through(r, month.atDay(1).minusDays(1)).negate().compareTo(both.get(0).recognized()),
                    "the reversal's month takes back what was recognized before it");
        } else {
            assertEquals(0, both.get(0).recognized().signum(), "nothing after the reversal's month");
        }
    }

    @Property(tries = 300)
    void atAnyDay_deferredMinusUnbilled_isInvoicedMinusRecognized(@ForAll("items") List<Recognizable> items,
            @ForAll @IntRange(min = -70, max = 1000) int day) {
        LocalDate date = EPOCH.plusDays(day);
        Map<String, BigDecimal> invoiced = new HashMap<>();
        Map<String, BigDecimal> recognized = new HashMap<>();
        for (Recognizable r : items) {
            String c = r.currency().getCurrencyCode();
            invoiced.merge(c, r.dateInvoiced().isAfter(date) ? BigDecimal.ZERO : r.amount(), BigDecimal::add);
            recognized.merge(c, naiveThrough(r, date), BigDecimal::add);
        }
        List<RevenueBalance> balances = Recognition.balances(items, date, Map.of());
        assertEquals(invoiced.size(), balances.size());
        for (RevenueBalance b : balances) {
            assertEquals(0, invoiced.get(b.currency()).compareTo(b.invoiced()), b.toString());
            assertEquals(0, recognized.get(b.currency()).compareTo(b.recognized()), b.toString());
            assertEquals(b.invoiced().subtract(b.recognized()), b.deferred().subtract(b.unbilled()), b.toString());
        }
    }

    /**
     * The schedule of a range equals the schedule of only the items that touch it (what the
     * database query reads), its months chain (each month starts where the one before ended) and
     * obey the movement identity, its balances are those at each month's end, and each month's
     * drill-down adds up to it.
     */
    @Property(tries = 200)
    void schedule_ofTheItemsTouchingARange_chainsReconcilesAndDrillsDown(@ForAll("items") List<Recognizable> items,
            @ForAll @IntRange(min = 0, max = 30) int startMonth, @ForAll @IntRange(min = 1, max = 14) int length) {
        YearMonth from = YearMonth.from(EPOCH).plusMonths(startMonth);
        YearMonth to = from.plusMonths(length - 1);
        List<Recognizable> touching = items.stream().filter(r -> Recognition.touches(r, from.atDay(1), to.atEndOfMonth())).toList();
        List<RevenueMonth> all = Recognition.schedule(items, from, to);
        List<RevenueMonth> read = Recognition.schedule(touching, from, to);
        assertEquals(all.stream().filter(m -> read.stream().anyMatch(r -> r.currency().equals(m.currency()))).toList(), read);
        for (RevenueMonth m : all) {
            assertTrue(m.deferredEnd().subtract(m.unbilledEnd()).subtract(m.deferredStart().subtract(m.unbilledStart()))
                    .compareTo(m.invoiced().add(m.adjusted()).subtract(m.recognized())) == 0, m.toString());
            RevenueBalance end = Recognition.balances(items, m.month().atEndOfMonth(), Map.of()).stream()
                    .filter(b -> b.currency().equals(m.currency())).findFirst().orElseThrow();
            assertEquals(end.deferred(), m.deferredEnd(), m.toString());
            assertEquals(end.unbilled(), m.unbilledEnd(), m.toString());
            if (!m.month().equals(from)) {
                RevenueMonth before = all.get(all.indexOf(m) - 1);
                assertEquals(before.deferredEnd(), m.deferredStart());
                assertEquals(before.unbilledEnd(), m.unbilledStart());
            }
            List<RevenueItem> drill = Recognition.itemsOf(touching, m.month()).stream()
                    .filter(i -> i.currency().equals(m.currency())).toList();
            assertEquals(0, m.recognized().compareTo(sum(drill, RevenueItem::recognizedInMonth)), m.toString());
            assertEquals(0, m.invoiced().add(m.adjusted()).compareTo(sum(drill, RevenueItem::invoicedInMonth)), m.toString());
            assertEquals(0, m.deferredEnd().compareTo(sum(drill, RevenueItem::deferredEnd)), m.toString());
            assertEquals(0, m.unbilledEnd().compareTo(sum(drill, RevenueItem::unbilledEnd)), m.toString());
        }
    }

    private static BigDecimal sum(List<RevenueItem> items, java.util.function.Function<RevenueItem, BigDecimal> f) {
        BigDecimal s = BigDecimal.ZERO;
        for (RevenueItem i : items) {
            s = s.add(f.apply(i));
        }
        return s;
    }
}
