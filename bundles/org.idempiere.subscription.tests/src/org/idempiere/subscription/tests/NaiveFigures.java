package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.AnalyticsWorld.CZK;
import static org.idempiere.subscription.tests.AnalyticsWorld.EUR;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.idempiere.subscription.api.service.AnalyticsGroup;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.Kpis;
import org.idempiere.subscription.api.service.MrrMovements;
import org.idempiere.subscription.api.service.MrrPeriod;

/**
 * The figures of docs/analytics.md computed the slow, obvious way, straight from the definitions — for
 * {@link AnalyticsPropertyTest} to hold the engine's figures against. Nothing here comes from the engine's
 * code: every amount re-reads the whole ledger, customers are followed day by day, and a figure is rounded
 * only where the chapter says. Amounts are in EUR with CZK converted at {@link AnalyticsWorld}'s rates
 * (0.04 in 2024, 0.041 from 2025) on the day the chapter names, or in one currency unconverted.
 */
final class NaiveFigures {
    /** Movement classes, in the order {@link #render(MrrMovements)} writes them (revaluation last). */
    static final List<String> CLASSES = List.of("NW", "EX", "CT", "CH", "CHD", "RA", "CU", "PT");
    private static final int NW = 0;
    private static final int EX = 1;
    private static final int CT = 2;
    private static final int CH = 3;
    private static final int CHD = 4;
    private static final int RA = 5;
    private static final int PT = 7;
    /** The LTV cap in months, and the average month in days (docs/analytics.md, "Rates and ratios"). */
    private static final BigDecimal LTV_CAP = BigDecimal.valueOf(60);
    private static final BigDecimal DAYS_PER_MONTH = new BigDecimal("30.4375");

    /** A ledger entry as read back from {@code SUB_ChangeLog}. */
    record Row(long id, long sub, long customer, LocalDate day, String type, BigDecimal after, long currency, long plan,
            boolean delinquent) {
    }

    /**
     * An invoiced amount as net revenue counts it: an invoiced period by its start, a change's adjustment invoice by its
     * day, a reversal by its day (negative); {@code oneTime} the setup fees of a period, the whole of an adjustment; in the
     * subscription's currency, under its plan now.
     */
    record Revenue(long sub, LocalDate day, long currency, long plan, BigDecimal net, BigDecimal oneTime) {
    }

    /**
     * Which figures: of one plan (0: every plan), one currency (0: every currency), some subscriptions (null: all), and
     * whether amounts are converted into EUR or stay in their one currency.
     */
    record Scope(long plan, long currency, Set<Long> subs, boolean converted) {
        static final Scope ALL = new Scope(0, 0, null, true);

        Scope ofPlan(long p) {
            return new Scope(p, currency, subs, converted);
        }

        /** In that currency only, unconverted (a query's {@code currency} filter). */
        Scope in(long c) {
            return new Scope(plan, c, subs, false);
        }

        /** In that currency only, converted (a currency's row in a reporting currency). */
        Scope convertedFrom(long c) {
            return new Scope(plan, c, subs, true);
        }

        Scope only(Set<Long> s) {
            return new Scope(plan, currency, s, converted);
        }

        boolean sees(long sub) {
            return subs == null || subs.contains(sub);
        }
    }

    private record SubCurrency(long sub, long currency) {
    }

    private record Last(long plan, long currency, boolean active) {
    }

    private final List<Row> ledger;
    private final List<Revenue> revenue;
    private final LocalDate lastDay;
    private final Map<Scope, TreeMap<LocalDate, Set<Long>>> daily = new HashMap<>();

    /** @param ledger every entry, ordered by day then id; {@code lastDay} the last day figures are asked for */
    NaiveFigures(List<Row> ledger, List<Revenue> revenue, LocalDate lastDay) {
        this.ledger = ledger;
        this.revenue = revenue;
        this.lastDay = lastDay;
    }

    static BigDecimal rate(long currency, LocalDate day, Scope s) {
        if (!s.converted() || currency == EUR) {
            return BigDecimal.ONE;
        }
        if (currency != CZK) {
            throw new IllegalArgumentException("no rate for " + currency);
        }
        return day.getYear() >= 2025 ? new BigDecimal("0.041") : new BigDecimal("0.04");
    }

    /** Each currency's amount × its rate on {@code day}, rounded half up to cents, then added. */
    static BigDecimal convert(Map<Long, BigDecimal> perCurrency, LocalDate day, Scope s) {
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        for (Map.Entry<Long, BigDecimal> e : perCurrency.entrySet()) {
            sum = sum.add(e.getValue().multiply(rate(e.getKey(), day, s)).setScale(2, RoundingMode.HALF_UP));
        }
        return sum;
    }

    /** Each subscription's latest entry in each currency at the end of {@code day}. */
    private Map<SubCurrency, Row> latest(Scope s, LocalDate day) {
        Map<SubCurrency, Row> last = new HashMap<>();
        for (Row x : ledger) {
            if (!x.day().isAfter(day) && s.sees(x.sub()) && (s.currency() == 0 || x.currency() == s.currency())) {
                last.put(new SubCurrency(x.sub(), x.currency()), x);
            }
        }
        return last;
    }

    /** MRR at the end of a day: the MRR after of each subscription's latest entry (on the scope's plan), per currency, converted. */
    BigDecimal mrr(Scope s, LocalDate day) {
        return convert(mrrPerCurrency(s, day), day, s);
    }

    private Map<Long, BigDecimal> mrrPerCurrency(Scope s, LocalDate day) {
        Map<Long, BigDecimal> sums = new HashMap<>();
        latest(s, day).values().stream().filter(x -> s.plan() == 0 || x.plan() == s.plan())
                .forEach(x -> sums.merge(x.currency(), x.after(), BigDecimal::add));
        return sums;
    }

    /** Subscriptions with MRR above zero at the end of a day. */
    long subscriptions(Scope s, LocalDate day) {
        return latest(s, day).values().stream().filter(x -> (s.plan() == 0 || x.plan() == s.plan()) && x.after().signum() > 0).count();
    }

    /**
     * The movements of the entries dated {@code from} to {@code to}, per class ({@link #CLASSES}), each class's sum per
     * currency converted at {@code to}: an entry moves MRR by its MRR after minus the previous entry's of the same
     * subscription and currency, on its own plan; when the previous entry was on another plan, the previous MRR leaves that
     * plan and enters the entry's (plan transfer). A {@code PT} entry moves nothing itself.
     */
    BigDecimal[] movements(Scope s, LocalDate from, LocalDate to) {
        List<Map<Long, BigDecimal>> sums = movementsPerCurrency(s, from, to);
        BigDecimal[] out = new BigDecimal[CLASSES.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = convert(sums.get(k), to, s);
        }
        return out;
    }

    /** As {@link #movements}, each class's sums per currency, unconverted. */
    private List<Map<Long, BigDecimal>> movementsPerCurrency(Scope s, LocalDate from, LocalDate to) {
        List<Map<Long, BigDecimal>> sums = new ArrayList<>();
        for (int k = 0; k < CLASSES.size(); k++) {
            sums.add(new HashMap<>());
        }
        Map<SubCurrency, Row> previous = new HashMap<>();
        for (Row x : ledger) {
            if (!s.sees(x.sub()) || (s.currency() != 0 && x.currency() != s.currency())) {
                continue;
            }
            Row p = previous.put(new SubCurrency(x.sub(), x.currency()), x);
            BigDecimal before = p == null ? BigDecimal.ZERO : p.after();
            if (x.day().isBefore(from) || x.day().isAfter(to)) {
                continue;
            }
            if (p != null && p.plan() != x.plan() && before.signum() != 0) {
                if (s.plan() == 0 || p.plan() == s.plan()) {
                    sums.get(PT).merge(x.currency(), before.negate(), BigDecimal::add);
                }
                if (s.plan() == 0 || x.plan() == s.plan()) {
                    sums.get(PT).merge(x.currency(), before, BigDecimal::add);
                }
            }
            if ((s.plan() == 0 || x.plan() == s.plan()) && !x.type().equals("PT")) {
                int k = CLASSES.indexOf(x.type().equals("CH") && x.delinquent() ? "CHD" : x.type());
                sums.get(k).merge(x.currency(), x.after().subtract(before), BigDecimal::add);
            }
        }
        return sums;
    }

    /**
     * The customers active at the end of each day, from the day before the ledger's first to {@link #lastDay}: a
     * subscription is active after an entry that leaves it MRR above zero, or that contracts an active one to zero; a plan
     * transfer leaves it as it was. A customer is active when one of its subscriptions is, on the scope's plan and in its
     * currency (those of the subscription's latest entry).
     */
    private TreeMap<LocalDate, Set<Long>> daily(Scope s) {
        Scope key = new Scope(s.plan(), s.currency(), s.subs(), false);
        return daily.computeIfAbsent(key, k -> {
            TreeMap<LocalDate, Set<Long>> out = new TreeMap<>();
            Map<Long, Last> last = new HashMap<>();
            Map<Long, Long> customer = new HashMap<>();
            int i = 0;
            LocalDate first = ledger.get(0).day();
            out.put(first.minusDays(1), Set.of());
            for (LocalDate day = first; !day.isAfter(lastDay); day = day.plusDays(1)) {
                for (; i < ledger.size() && ledger.get(i).day().equals(day); i++) {
                    Row x = ledger.get(i);
                    if (!s.sees(x.sub())) {
                        continue;
                    }
                    boolean was = last.containsKey(x.sub()) && last.get(x.sub()).active();
                    boolean active = x.type().equals("PT") ? was : x.after().signum() > 0 || (x.type().equals("CT") && was);
                    last.put(x.sub(), new Last(x.plan(), x.currency(), active));
                    customer.put(x.sub(), x.customer());
                }
                Set<Long> now = new HashSet<>();
                last.forEach((sub, l) -> {
                    if (l.active() && (s.plan() == 0 || l.plan() == s.plan()) && (s.currency() == 0 || l.currency() == s.currency())) {
                        now.add(customer.get(sub));
                    }
                });
                out.put(day, now);
            }
            return out;
        });
    }

    Set<Long> active(Scope s, LocalDate day) {
        Map.Entry<LocalDate, Set<Long>> e = daily(s).floorEntry(day);
        return e == null ? Set.of() : e.getValue();
    }

    /**
     * Customers at the start, new, churned, reactivated and at the end of a range, counted at the end of each day: new
     * when active for the first time, reactivated when active again, churned when no longer active.
     */
    long[] logos(Scope s, LocalDate from, LocalDate to) {
        Set<Long> ever = new HashSet<>();
        daily(s).headMap(from, false).values().forEach(ever::addAll);
        Set<Long> before = active(s, from.minusDays(1));
        long[] n = {before.size(), 0, 0, 0, 0};
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Set<Long> now = active(s, day);
            for (Long c : now) {
                if (!before.contains(c)) {
                    n[ever.add(c) ? 1 : 3]++;
                }
            }
            for (Long c : before) {
                if (!now.contains(c)) {
                    n[2]++;
                }
            }
            before = now;
        }
        n[4] = before.size();
        return n;
    }

    /** Net revenue (or its one-time part) of the amounts dated {@code from} to {@code to}, each currency converted at {@code to}. */
    BigDecimal revenue(Scope s, LocalDate from, LocalDate to, boolean oneTime) {
        Map<Long, BigDecimal> sums = new HashMap<>();
        for (Revenue v : revenue) {
            if (!v.day().isBefore(from) && !v.day().isAfter(to) && s.sees(v.sub()) && (s.plan() == 0 || v.plan() == s.plan())
                    && (s.currency() == 0 || v.currency() == s.currency())) {
                sums.merge(v.currency(), oneTime ? v.oneTime() : v.net(), BigDecimal::add);
            }
        }
        return convert(sums, to, s);
    }

    /** The periods of a range: calendar weeks (Monday first), months, quarters or years, the first and last clipped. */
    static List<LocalDate[]> periods(LocalDate from, LocalDate to, Granularity g) {
        List<LocalDate[]> out = new ArrayList<>();
        for (LocalDate s = startOf(from, g); !s.isAfter(to); s = next(s, g)) {
            LocalDate end = next(s, g).minusDays(1);
            out.add(new LocalDate[] {s.isBefore(from) ? from : s, end.isAfter(to) ? to : end});
        }
        return out;
    }

    static LocalDate startOf(LocalDate day, Granularity g) {
        return switch (g) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
            case YEAR -> LocalDate.of(day.getYear(), 1, 1);
        };
    }

    static LocalDate next(LocalDate start, Granularity g) {
        int months = g == Granularity.YEAR ? 12 : g == Granularity.QUARTER ? 3 : g == Granularity.MONTH ? 1 : 0;
        return months > 0 ? start.plusMonths(months) : start.plusDays(g == Granularity.WEEK ? 7 : 1);
    }

    /** a ÷ b to 4 decimals half up; "-" when b is zero. */
    static String ratio(BigDecimal a, BigDecimal b) {
        return b.signum() == 0 ? "-" : a.divide(b, 4, RoundingMode.HALF_UP).toPlainString();
    }

    /** The key figures of a range as {@link #render(Kpis)} writes the engine's. */
    String kpis(Scope s, LocalDate from, LocalDate to, BigDecimal margin) {
        BigDecimal start = mrr(s, from.minusDays(1));
        BigDecimal end = mrr(s, to);
        BigDecimal[] mv = movements(s, from, to);
        BigDecimal revaluation = end.subtract(start).subtract(Arrays.stream(mv).reduce(BigDecimal.ZERO, BigDecimal::add));
        long[] n = logos(s, from, to);
        BigDecimal losses = mv[CT].add(mv[CH]).add(mv[CHD]);
        BigDecimal gains = mv[NW].add(mv[EX]).add(mv[RA]);
        Optional<BigDecimal> arpa = n[4] == 0 ? Optional.empty()
                : Optional.of(end.divide(BigDecimal.valueOf(n[4]), 2, RoundingMode.HALF_UP));
        String ltv = "-";
        if (arpa.isPresent()) {
            BigDecimal perMonth = arpa.get().multiply(margin);
            BigDecimal cap = perMonth.multiply(LTV_CAP).setScale(2, RoundingMode.HALF_UP);
            ltv = cap.toPlainString() + " capped";
            if (start.signum() > 0 && losses.signum() < 0) {
                // ARPA × margin ÷ (gross MRR churn rate × 30.4375 ÷ days), in one exact division
                long days = ChronoUnit.DAYS.between(from, to) + 1;
                BigDecimal raw = perMonth.multiply(start).multiply(BigDecimal.valueOf(days))
                        .divide(losses.negate().multiply(DAYS_PER_MONTH), 2, RoundingMode.HALF_UP);
                if (raw.compareTo(cap) < 0) {
                    ltv = raw.toPlainString();
                }
            }
        }
        return line(from, to, start, mv, revaluation, end, subscriptions(s, to), end.multiply(BigDecimal.valueOf(12)), n,
                arpa.map(BigDecimal::toPlainString).orElse("-"),
                List.of(ratio(BigDecimal.valueOf(n[2]), BigDecimal.valueOf(n[0])), ratio(losses.negate(), start),
                        ratio(losses.add(mv[EX]).add(mv[RA]).negate(), start), ratio(start.add(mv[EX]).add(mv[RA]).add(losses), start),
                        ratio(start.add(losses), start), ratio(gains, losses.negate())),
                ltv, revenue(s, from, to, false), revenue(s, from, to, true));
    }

    /** The engine's key figures of a period, written as {@link #kpis(Scope, LocalDate, LocalDate, BigDecimal)} writes the naive ones. */
    static String render(Kpis k) {
        MrrPeriod m = k.mrr();
        MrrMovements x = m.movements();
        BigDecimal[] mv = {x.newBusiness(), x.expansion(), x.contraction(), x.churnVoluntary(), x.churnDelinquent(), x.reactivation(),
            x.currencyTransfer(), x.planTransfer()};
        return line(k.start(), k.end(), m.mrrStart(), mv, x.revaluation(), m.mrrEnd(), m.subscriptions(), k.arr(),
                new long[] {k.customersStart(), k.newCustomers(), k.churnedCustomers(), k.reactivatedCustomers(), k.customersEnd()},
                k.arpa().map(BigDecimal::toPlainString).orElse("-"), List.of(k.logoChurnRate(), k.grossMrrChurnRate(), k.netMrrChurnRate(),
                        k.netRevenueRetention(), k.grossRevenueRetention(), k.quickRatio()).stream()
                        .map(o -> o.map(BigDecimal::toPlainString).orElse("-")).toList(),
                k.ltv().map(BigDecimal::toPlainString).orElse("-") + (k.ltvCapped() ? " capped" : ""), k.netRevenue(), k.oneTimeRevenue());
    }

    private static String line(LocalDate from, LocalDate to, BigDecimal start, BigDecimal[] mv, BigDecimal revaluation, BigDecimal end,
            long subs, BigDecimal arr, long[] n, String arpa, List<String> rates, String ltv, BigDecimal net, BigDecimal oneTime) {
        return from + ".." + to + " | MRR " + start.toPlainString() + " " + amounts(mv) + " reval " + revaluation.toPlainString() + " = "
                + end.toPlainString() + ", " + subs + " subs | ARR " + arr.toPlainString() + " | customers " + n[0] + " +" + n[1] + " -"
                + n[2] + " r" + n[3] + " = " + n[4] + " | ARPA " + arpa + " | logo, gross, net churn, NRR, GRR, quick " + String.join(" ", rates)
                + " | LTV " + ltv + " | revenue " + net.toPlainString() + " one-time " + oneTime.toPlainString();
    }

    private static String amounts(BigDecimal[] mv) {
        return String.join(" ", Arrays.stream(mv).map(BigDecimal::toPlainString).toList());
    }

    /**
     * A breakdown's rows for a range, keyed as the engine keys them, each written as {@link #render(AnalyticsGroup)} does;
     * rows with nothing in them left out.
     *
     * @param groups each row's key and scope
     */
    Map<String, String> breakdown(Map<String, Scope> groups, LocalDate from, LocalDate to) {
        Map<String, String> out = new TreeMap<>();
        groups.forEach((key, s) -> row(out, key, mrr(s, from.minusDays(1)), movements(s, from, to), mrr(s, to), subscriptions(s, to)));
        return out;
    }

    private static void row(Map<String, String> out, String key, BigDecimal start, BigDecimal[] mv, BigDecimal end, long subs) {
        BigDecimal revaluation = end.subtract(start).subtract(Arrays.stream(mv).reduce(BigDecimal.ZERO, BigDecimal::add));
        if (start.signum() != 0 || end.signum() != 0 || subs != 0 || revaluation.signum() != 0
                || Arrays.stream(mv).anyMatch(v -> v.signum() != 0)) {
            out.put(key, start.toPlainString() + " | " + amounts(mv) + " reval " + revaluation.toPlainString() + " | "
                    + end.toPlainString() + ", " + subs + " subs");
        }
    }

    /**
     * The breakdown by product: each subscription's MRR at the start (per currency) and each class of its movements (per
     * currency) split over its products in proportion to their weights by largest remainder ({@link #split}); a product's
     * row adds its shares, converts each currency (the start at the day before the range, the movements and the end — the
     * start plus the movements — at its last day) and counts each subscription with MRR at the end in each of its products.
     *
     * @param weights each subscription's products (ascending ids) and their weights
     */
    Map<String, String> products(Scope base, LocalDate from, LocalDate to, Map<Long, Map<Long, BigDecimal>> weights) {
        Map<Long, Map<Long, BigDecimal>> start = new TreeMap<>(); // product -> currency -> amount
        Map<Long, List<Map<Long, BigDecimal>>> moves = new TreeMap<>();
        Map<Long, Set<Long>> subsOf = new TreeMap<>();
        weights.forEach((sub, w) -> {
            Scope one = base.only(Set.of(sub));
            w.keySet().forEach(p -> subsOf.computeIfAbsent(p, k -> new HashSet<>()).add(sub));
            mrrPerCurrency(one, from.minusDays(1)).forEach((c, amount) -> split(amount, w).forEach((p, part) -> start
                    .computeIfAbsent(p, k -> new HashMap<>()).merge(c, part, BigDecimal::add)));
            List<Map<Long, BigDecimal>> mv = movementsPerCurrency(one, from, to);
            for (int k = 0; k < mv.size(); k++) {
                int cls = k;
                mv.get(k).forEach((c, amount) -> split(amount, w).forEach((p, part) -> {
                    List<Map<Long, BigDecimal>> m = moves.computeIfAbsent(p, x -> new ArrayList<>());
                    while (m.size() < CLASSES.size()) {
                        m.add(new HashMap<>());
                    }
                    m.get(cls).merge(c, part, BigDecimal::add);
                }));
            }
        });
        Map<String, String> out = new TreeMap<>();
        subsOf.forEach((p, subs) -> {
            Map<Long, BigDecimal> s = start.getOrDefault(p, Map.of());
            Map<Long, BigDecimal> end = new HashMap<>(s);
            BigDecimal[] mv = new BigDecimal[CLASSES.size()];
            for (int k = 0; k < mv.length; k++) {
                Map<Long, BigDecimal> m = moves.containsKey(p) ? moves.get(p).get(k) : Map.of();
                m.forEach((c, a) -> end.merge(c, a, BigDecimal::add));
                mv[k] = convert(m, to, base);
            }
            row(out, String.valueOf(p), convert(s, from.minusDays(1), base), mv, convert(end, to, base), subscriptions(base.only(subs), to));
        });
        return out;
    }

    /**
     * An amount split over weighted parts to the cent: each part's exact share cut down to the cent, the cents left one
     * each to the largest cut-off remainders (on a tie the part first in the map); a negative amount split as its opposite.
     */
    static Map<Long, BigDecimal> split(BigDecimal amount, Map<Long, BigDecimal> weights) {
        BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP).movePointRight(2);
        BigDecimal total = weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Long> parts = new ArrayList<>(weights.keySet());
        Map<Long, BigDecimal> share = new HashMap<>();
        Map<Long, BigDecimal> remainder = new HashMap<>();
        BigDecimal left = cents.abs();
        for (Long p : parts) {
            BigDecimal exact = cents.abs().multiply(total.signum() == 0 ? BigDecimal.ONE : weights.get(p));
            BigDecimal whole = exact.divideToIntegralValue(total.signum() == 0 ? BigDecimal.valueOf(parts.size()) : total);
            share.put(p, whole);
            remainder.put(p, exact.subtract(whole.multiply(total.signum() == 0 ? BigDecimal.valueOf(parts.size()) : total)));
            left = left.subtract(whole);
        }
        List<Long> byRemainder = new ArrayList<>(parts);
        byRemainder.sort((a, b) -> remainder.get(b).compareTo(remainder.get(a)) != 0 ? remainder.get(b).compareTo(remainder.get(a))
                : Integer.compare(parts.indexOf(a), parts.indexOf(b)));
        for (int i = 0; i < left.intValueExact(); i++) {
            share.merge(byRemainder.get(i), BigDecimal.ONE, BigDecimal::add);
        }
        Map<Long, BigDecimal> out = new TreeMap<>();
        share.forEach((p, v) -> out.put(p, (cents.signum() < 0 ? v.negate() : v).movePointLeft(2).setScale(2)));
        return out;
    }

    /** The engine's breakdown rows, keyed and written as {@link #breakdown} writes the naive ones. */
    static Map<String, String> render(List<AnalyticsGroup> groups) {
        Map<String, String> out = new TreeMap<>();
        for (AnalyticsGroup g : groups) {
            MrrMovements x = g.movements();
            out.put(g.key(), g.mrrStart().toPlainString() + " | " + amounts(new BigDecimal[] {x.newBusiness(), x.expansion(),
                x.contraction(), x.churnVoluntary(), x.churnDelinquent(), x.reactivation(), x.currencyTransfer(), x.planTransfer()})
                    + " reval " + x.revaluation().toPlainString() + " | " + g.mrrEnd().toPlainString() + ", " + g.subscriptions() + " subs");
        }
        return out;
    }

    /**
     * Cohorts by month or quarter of the range: each customer in the cohort of the period it was first active in (cohorts
     * before the range's first period left out); for each period from the cohort's to the range's last, at the period's
     * (unclipped) end: active customers, their share of the cohort (4 decimals), the cohort's MRR converted at that day, and
     * that MRR ÷ the MRR of period 0 (4 decimals, "-" when that is 0).
     */
    List<String> cohorts(LocalDate from, LocalDate to, Granularity g, Function<Long, Set<Long>> subsOf) {
        Map<Long, LocalDate> first = new TreeMap<>();
        daily(Scope.ALL).forEach((day, active) -> active.forEach(c -> first.putIfAbsent(c, startOf(day, g))));
        LocalDate firstCohort = startOf(from, g);
        LocalDate lastStart = startOf(to, g);
        TreeMap<LocalDate, List<Long>> byCohort = new TreeMap<>();
        first.forEach((c, cohort) -> {
            if (!cohort.isBefore(firstCohort) && !cohort.isAfter(lastStart)) {
                byCohort.computeIfAbsent(cohort, k -> new ArrayList<>()).add(c);
            }
        });
        List<String> out = new ArrayList<>();
        byCohort.forEach((cohort, customers) -> {
            Set<Long> subs = new HashSet<>();
            customers.forEach(c -> subs.addAll(subsOf.apply(c)));
            List<String> cells = new ArrayList<>();
            BigDecimal base = null;
            for (LocalDate p = cohort; !p.isAfter(lastStart); p = next(p, g)) {
                LocalDate end = next(p, g).minusDays(1);
                Set<Long> active = active(Scope.ALL, end);
                long n = customers.stream().filter(active::contains).count();
                BigDecimal mrr = mrr(Scope.ALL.only(subs), end);
                base = base == null ? mrr : base;
                cells.add(end + " " + n + " " + ratio(BigDecimal.valueOf(n), BigDecimal.valueOf(customers.size())) + " " + mrr.toPlainString()
                        + " " + ratio(mrr, base));
            }
            out.add(cohort + " x" + customers.size() + ": " + String.join(", ", cells));
        });
        return out;
    }
}
