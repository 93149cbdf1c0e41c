package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.AnalyticsWorld.CZK;
import static org.idempiere.subscription.tests.AnalyticsWorld.EUR;
import static org.idempiere.subscription.tests.Sandbox.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.service.AnalyticsGroup;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.Breakdown;
import org.idempiere.subscription.api.service.CohortCustomer;
import org.idempiere.subscription.api.service.CohortDrillDown;
import org.idempiere.subscription.api.service.CohortTable;
import org.idempiere.subscription.api.service.CustomerDrillDown;
import org.idempiere.subscription.api.service.CustomerLine;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.Kpis;
import org.idempiere.subscription.api.service.MrrMovements;
import org.idempiere.subscription.api.service.MrrPeriod;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.junit.jupiter.api.Test;

/**
 * Random ledgers, appended in random order (so most entries are dated before others already there, and closes
 * come late) in three batches with a read — a refresh — after each: every figure of the refreshed path then
 * equals a naive recomputation straight from {@code SUB_ChangeLog}, and {@code MRR(end) = MRR(start) + movements}
 * holds in every period.
 */
class AnalyticsPropertyTest {
    private static final LocalDate FROM = d("2024-01-01");
    private static final LocalDate TO = d("2025-12-31");

    /** A ledger row as read back. */
    record Row(long id, long sub, long customer, LocalDate day, String type, BigDecimal after, long currency, long plan, boolean delinquent) {
    }

    @Test
    void refreshedFigures_equalANaiveRecomputation_forRandomLedgersAppendedOutOfOrder() {
        for (long seed = 1; seed <= 3; seed++) {
            check(seed);
        }
    }

    private static void check(long seed) {
        Random r = new Random(seed);
        AnalyticsWorld w = AnalyticsWorld.create();
        long[] plans = {w.plan("P1", Recurrence.monthly(), BillingTiming.IN_ADVANCE), w.plan("P2", Recurrence.monthly(),
                BillingTiming.IN_ADVANCE), w.plan("P3", Recurrence.monthly(), BillingTiming.IN_ARREARS)};
        List<Runnable> appends = new ArrayList<>();
        for (int customer = 1; customer <= 25; customer++) {
            for (int n = 1 + r.nextInt(3); n > 0; n--) {
                appends.addAll(subscription(w, r, customer, plans));
            }
        }
        Collections.shuffle(appends, r);
        AnalyticsService analytics = Sandbox.service(AnalyticsService.class);
        int third = appends.size() / 3;
        for (int i = 0; i < appends.size(); i++) {
            appends.get(i).run();
            if (i == third) {
                w.as(() -> analytics.mrrSeries(AnalyticsQuery.of(FROM, TO, Granularity.MONTH))); // a read refreshes
            } else if (i == 2 * third) {
                w.as(analytics::refresh); // refreshes and compacts
            }
        }
        List<Row> ledger = w.as(() -> Sandbox.service(org.idempiere.subscription.api.host.HostContext.class).inTransaction(tx ->
                Rows.list(tx.connection(), "SELECT l.SUB_ChangeLog_ID, l.SUB_Subscription_ID, s.C_BPartner_ID, l.DateTrx, l.ChangeType,"
                        + " l.MRRAfter, l.C_Currency_ID, l.SUB_Template_ID, l.IsDelinquent FROM SUB_ChangeLog l JOIN SUB_Subscription s"
                        + " ON s.SUB_Subscription_ID = l.SUB_Subscription_ID WHERE l.AD_Client_ID = ?", rs -> new Row(rs.getLong(1),
                        rs.getLong(2), rs.getLong(3), Rows.date(rs, "DateTrx"), rs.getString(5), rs.getBigDecimal(6), rs.getLong(7),
                        rs.getLong(8), "Y".equals(rs.getString(9))), w.tenant.clientId())));
        ledger.sort(Comparator.comparing(Row::day).thenComparingLong(Row::id));
        List<LocalDate> monthEnds = new ArrayList<>();
        for (LocalDate m = FROM; m.isBefore(TO); m = m.plusMonths(1)) {
            monthEnds.add(m.plusMonths(1).minusDays(1));
        }
        for (long currency : new long[] {EUR, CZK}) {
            String iso = currency == EUR ? "EUR" : "CZK";
            List<MrrPeriod> fast = w.as(() -> analytics.mrrSeries(AnalyticsQuery.of(FROM, TO, Granularity.MONTH).withCurrency(iso))).periods();
            for (int i = 0; i < fast.size(); i++) {
                MrrPeriod p = fast.get(i);
                String at = "seed " + seed + " " + iso + " " + p.end();
                assertEquals(0, p.mrrEnd().compareTo(p.mrrStart().add(p.movements().total())), at + " identity");
                assertEquals(0, p.mrrEnd().compareTo(mrrAt(ledger, currency, p.end(), 0)), at + " MRR");
                assertEquals(subscriptionsAt(ledger, currency, p.end()), p.subscriptions(), at + " subscriptions");
                assertEquals(naiveMovements(ledger, currency, p.start(), p.end()), movements(p.movements()), at + " movements");
            }
        }
        // customers, converted MRR and its identity: the KPI panel, month by month, in EUR
        List<Kpis> kpis = w.as(() -> analytics.kpis(AnalyticsQuery.of(FROM, TO, Granularity.MONTH), null)).periods();
        Map<LocalDate, long[]> logos = naiveLogos(ledger, monthEnds);
        for (Kpis k : kpis) {
            String at = "seed " + seed + " " + k.end();
            long[] n = logos.get(k.end());
            assertEquals(n[0] + " " + n[1] + " " + n[2] + " " + n[3] + " " + n[4], k.customersStart() + " " + k.newCustomers() + " "
                    + k.churnedCustomers() + " " + k.reactivatedCustomers() + " " + k.customersEnd(), at + " customers");
            assertEquals(converted(ledger, k.end(), 0), k.mrr().mrrEnd(), at + " converted MRR");
            assertEquals(0, k.mrr().mrrEnd().compareTo(k.mrr().mrrStart().add(k.mrr().movements().total())), at + " converted identity");
        }
        // cohorts by month
        CohortTable cohorts = w.as(() -> analytics.cohorts(AnalyticsQuery.of(FROM, TO, Granularity.MONTH)));
        assertEquals(naiveCohorts(ledger, monthEnds), cohorts.cohorts().stream().map(c -> c.start() + " x" + c.customers() + ": "
                + String.join(" ", c.cells().stream().map(x -> x.active() + "/" + x.mrr()).toList())).toList(), "seed " + seed + " cohorts");
        // the customers behind every cohort cell and every customer count add up to them
        for (CohortTable.Cohort c : cohorts.cohorts()) {
            for (CohortTable.Cell cell : c.cells()) {
                String at = "seed " + seed + " cohort " + c.start() + " period " + cell.index();
                List<CohortCustomer> members = w.as(() -> analytics.cohortCustomers(new CohortDrillDown(AnalyticsQuery.of(FROM, TO,
                        Granularity.MONTH), c.start(), cell.index(), 1000, 0)));
                assertEquals(c.customers(), members.size(), at + " customers");
                assertEquals(cell.active(), members.stream().filter(CohortCustomer::active).count(), at + " active");
                assertEquals(cell.mrr(), members.stream().map(CohortCustomer::mrr).reduce(BigDecimal.ZERO, BigDecimal::add), at + " MRR");
                assertEquals(c.cells().get(0).mrr(), members.stream().map(CohortCustomer::mrrPeriod0).reduce(BigDecimal.ZERO,
                        BigDecimal::add), at + " MRR of period 0");
            }
        }
        for (Kpis k : kpis) {
            assertCustomerCounts(w, AnalyticsQuery.of(k.start(), k.end(), Granularity.MONTH), k, "seed " + seed + " " + k.end());
        }
        AnalyticsQuery whole = AnalyticsQuery.of(FROM, TO, Granularity.MONTH);
        for (AnalyticsQuery q : List.of(whole, whole.withTemplate(plans[0]), whole.withCurrency("CZK"))) {
            assertCustomerCounts(w, q, w.as(() -> analytics.kpis(q, null)).total(), "seed " + seed + " " + q);
        }
        // MRR by plan at the end, in EUR
        Breakdown byPlan = w.as(() -> analytics.breakdown(AnalyticsQuery.of(FROM, TO, Granularity.MONTH).withCurrency("EUR"),
                Breakdown.Dimension.PLAN));
        Map<String, BigDecimal> got = new TreeMap<>();
        for (AnalyticsGroup g : byPlan.groups()) {
            if (g.mrrEnd().signum() != 0) {
                got.put(g.key(), g.mrrEnd());
            }
        }
        Map<String, BigDecimal> naive = new TreeMap<>();
        for (long plan : plans) {
            BigDecimal v = mrrAt(ledger, EUR, TO, plan);
            if (v.signum() != 0) {
                naive.put(String.valueOf(plan), v);
            }
        }
        assertEquals(naive, got, "seed " + seed + " MRR by plan");
        // each plan's row of 2025, in EUR: its MRR at the start and end, its movements (plan transfers apart) and its identity
        LocalDate from2025 = d("2025-01-01");
        Breakdown plans2025 = w.as(() -> analytics.breakdown(AnalyticsQuery.of(from2025, TO, Granularity.MONTH).withCurrency("EUR"),
                Breakdown.Dimension.PLAN));
        Map<String, String> rows = new TreeMap<>();
        for (AnalyticsGroup g : plans2025.groups()) {
            MrrMovements x = g.movements();
            assertEquals(0, g.mrrEnd().compareTo(g.mrrStart().add(x.total())), "seed " + seed + " plan " + g.key() + " identity");
            rows.put(g.key(), g.mrrStart().stripTrailingZeros().toPlainString() + " | " + movements(x) + " | "
                    + g.mrrEnd().stripTrailingZeros().toPlainString());
        }
        Map<String, String> naiveRows = new TreeMap<>();
        for (long plan : plans) {
            BigDecimal start = mrrAt(ledger, EUR, from2025.minusDays(1), plan);
            BigDecimal end = mrrAt(ledger, EUR, TO, plan);
            String moves = naivePlanMovements(ledger, EUR, from2025, TO, plan);
            if (start.signum() != 0 || end.signum() != 0 || !moves.matches("[0 ]*")) {
                naiveRows.put(String.valueOf(plan), start.stripTrailingZeros().toPlainString() + " | " + moves + " | "
                        + end.stripTrailingZeros().toPlainString());
            }
        }
        rows.values().removeIf(v -> v.matches("0 \\| [0 ]*\\| 0"));
        assertEquals(naiveRows, rows, "seed " + seed + " plan rows of 2025");
    }

    /**
     * One plan's movements from {@code from} to {@code to} in a currency, by the rule of decision 0053: an entry moves MRR by its
     * MRR after minus the previous entry's, on its own plan; when the previous entry was on another plan, the previous MRR
     * moves from that plan to the entry's as a plan transfer. Order: as {@link #naiveMovements}, then the plan transfer.
     * Plan 0: every plan (the transfers then add up to zero).
     */
    private static String naivePlanMovements(List<Row> ledger, long currency, LocalDate from, LocalDate to, long plan) {
        BigDecimal[] m = new BigDecimal[8];
        java.util.Arrays.fill(m, BigDecimal.ZERO);
        Map<Long, Row> previous = new HashMap<>();
        for (Row x : ledger) {
            if (x.currency() != currency) {
                continue;
            }
            Row p = previous.get(x.sub());
            BigDecimal before = p == null ? BigDecimal.ZERO : p.after();
            previous.put(x.sub(), x);
            if (x.day().isBefore(from) || x.day().isAfter(to)) {
                continue;
            }
            if (p != null && p.plan() != x.plan() && before.signum() != 0) {
                if (plan == 0 || p.plan() == plan) {
                    m[7] = m[7].subtract(before);
                }
                if (plan == 0 || x.plan() == plan) {
                    m[7] = m[7].add(before);
                }
            }
            if ((plan == 0 || x.plan() == plan) && !x.type().equals("PT")) {
                int k = List.of("NW", "EX", "CT", "CH", "CHD", "RA", "CU").indexOf(x.type().equals("CH") && x.delinquent() ? "CHD" : x.type());
                m[k] = m[k].add(x.after().subtract(before));
            }
        }
        return String.join(" ", java.util.Arrays.stream(m).map(v -> v.stripTrailingZeros().toPlainString()).toList());
    }

    /** One subscription's valid random history, as appends to run in any order. */
    private static List<Runnable> subscription(AnalyticsWorld w, Random r, long customer, long[] plans) {
        long plan = plans[r.nextInt(plans.length)];
        long currency = r.nextInt(4) == 0 ? CZK : EUR;
        LocalDate day = FROM.plusDays(r.nextInt(600));
        long sub = w.subscription(customer, plan, currency, day.toString());
        List<Runnable> out = new ArrayList<>();
        BigDecimal mrr = amount(r, currency);
        String state = "ACTIVE";
        add(out, w, sub, day, ChangeType.NEW, mrr, currency, false, plan);
        while (true) {
            day = day.plusDays(1 + r.nextInt(120));
            if (day.isAfter(TO)) {
                return out;
            }
            int pick = r.nextInt(10);
            switch (state) {
                case "ACTIVE" -> {
                    if (pick < 3) {
                        plan = r.nextBoolean() ? plans[r.nextInt(plans.length)] : plan;
                        mrr = mrr.add(amount(r, currency));
                        add(out, w, sub, day, ChangeType.EXPANSION, mrr, currency, false, plan);
                    } else if (pick < 5) {
                        plan = r.nextInt(3) == 0 ? plans[r.nextInt(plans.length)] : plan; // a downgrade to another plan
                        mrr = mrr.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN).max(new BigDecimal("0.01"));
                        add(out, w, sub, day, ChangeType.CONTRACTION, mrr, currency, false, plan);
                    } else if (pick < 6) {
                        add(out, w, sub, day, ChangeType.CONTRACTION, BigDecimal.ZERO, currency, false, plan);
                        state = "PAUSED";
                    } else if (pick < 8) {
                        add(out, w, sub, day, ChangeType.CHURN, BigDecimal.ZERO, currency, r.nextBoolean(), plan);
                        state = "CLOSED";
                    } else if (pick < 9) {
                        long to = currency == EUR ? CZK : EUR;
                        add(out, w, sub, day, ChangeType.CURRENCY_TRANSFER, BigDecimal.ZERO, currency, false, plan);
                        currency = to;
                        mrr = amount(r, currency);
                        add(out, w, sub, day, ChangeType.CURRENCY_TRANSFER, mrr, currency, false, plan);
                    } else if (r.nextBoolean()) {
                        add(out, w, sub, day, ChangeType.NEW, BigDecimal.ZERO, currency, false, plan); // voided
                        return out;
                    } else { // a change of plan at the same MRR (decision 0053)
                        long other = plans[r.nextInt(plans.length)];
                        plan = other == plan ? plans[(java.util.Arrays.binarySearch(plans, plan) + 1) % plans.length] : other;
                        add(out, w, sub, day, ChangeType.PLAN_TRANSFER, mrr, currency, false, plan);
                    }
                }
                case "PAUSED" -> {
                    if (pick < 6) {
                        add(out, w, sub, day, ChangeType.EXPANSION, mrr, currency, false, plan);
                        state = "ACTIVE";
                    } else {
                        add(out, w, sub, day, ChangeType.CHURN, BigDecimal.ZERO, currency, false, plan);
                        state = "CLOSED";
                    }
                }
                default -> {
                    if (pick < 4) {
                        mrr = amount(r, currency);
                        add(out, w, sub, day, ChangeType.REACTIVATION, mrr, currency, false, plan);
                        state = "ACTIVE";
                    }
                }
            }
        }
    }

    private static void add(List<Runnable> out, AnalyticsWorld w, long sub, LocalDate day, ChangeType type, BigDecimal after,
            long currency, boolean delinquent, long plan) {
        out.add(() -> w.entry(sub, day.toString(), type, "0", after.toPlainString(), currency, delinquent, plan));
    }

    private static BigDecimal amount(Random r, long currency) {
        BigDecimal eur = BigDecimal.valueOf(1000 + r.nextInt(49_000), 2);
        return currency == CZK ? eur.multiply(BigDecimal.valueOf(25)) : eur;
    }

    /** MRR in a currency at the end of a day (of one plan, or all with 0): each subscription's last entry in it. */
    private static BigDecimal mrrAt(List<Row> ledger, long currency, LocalDate day, long plan) {
        Map<Long, Row> last = new HashMap<>();
        for (Row x : ledger) {
            if (x.currency() == currency && !x.day().isAfter(day)) {
                last.put(x.sub(), x);
            }
        }
        return last.values().stream().filter(x -> plan == 0 || x.plan() == plan).map(Row::after).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static long subscriptionsAt(List<Row> ledger, long currency, LocalDate day) {
        Map<Long, Row> last = new HashMap<>();
        for (Row x : ledger) {
            if (x.currency() == currency && !x.day().isAfter(day)) {
                last.put(x.sub(), x);
            }
        }
        return last.values().stream().filter(x -> x.after().signum() > 0).count();
    }

    private static BigDecimal converted(List<Row> ledger, LocalDate day, long plan) {
        BigDecimal rate = day.getYear() >= 2025 ? new BigDecimal("0.041") : new BigDecimal("0.04");
        return mrrAt(ledger, EUR, day, plan).setScale(2, RoundingMode.HALF_UP)
                .add(mrrAt(ledger, CZK, day, plan).multiply(rate).setScale(2, RoundingMode.HALF_UP));
    }

    /**
     * new, expansion, contraction, churn, delinquent churn, reactivation, currency transfer, plan transfer (zero over every
     * plan: a plan transfer's MRR leaves one plan and enters another): each entry's MRR after minus the one before it.
     */
    private static String naiveMovements(List<Row> ledger, long currency, LocalDate from, LocalDate to) {
        return naivePlanMovements(ledger, currency, from, to, 0);
    }

    private static String movements(MrrMovements x) {
        return String.join(" ", List.of(x.newBusiness(), x.expansion(), x.contraction(), x.churnVoluntary(), x.churnDelinquent(),
                x.reactivation(), x.currencyTransfer(), x.planTransfer()).stream().map(v -> v.stripTrailingZeros().toPlainString()).toList());
    }

    /**
     * The customers active at the end of a day, entry by entry in date and id order: a subscription is active after an entry
     * that leaves it MRR, or that contracts an active one to zero (a pause); a plan transfer leaves it as it was.
     */
    private static Set<Long> activeAt(List<Row> ledger, LocalDate day) {
        Map<Long, Boolean> active = new HashMap<>();
        Map<Long, Long> customer = new HashMap<>();
        for (Row x : ledger) {
            if (!x.day().isAfter(day)) {
                boolean was = active.getOrDefault(x.sub(), false);
                active.put(x.sub(), x.type().equals("PT") ? was : x.after().signum() > 0 || (x.type().equals("CT") && was));
                customer.put(x.sub(), x.customer());
            }
        }
        Set<Long> out = new HashSet<>();
        active.forEach((sub, a) -> {
            if (a) {
                out.add(customer.get(sub));
            }
        });
        return out;
    }

    /** Per month end: customers at the start, new, churned, reactivated, at the end; day by day. */
    private static Map<LocalDate, long[]> naiveLogos(List<Row> ledger, List<LocalDate> monthEnds) {
        Map<LocalDate, long[]> out = new HashMap<>();
        Set<Long> ever = new HashSet<>();
        Set<Long> before = activeAt(ledger, FROM.minusDays(1));
        ever.addAll(before);
        LocalDate day = FROM;
        for (LocalDate end : monthEnds) {
            long[] n = {before.size(), 0, 0, 0, 0};
            for (; !day.isAfter(end); day = day.plusDays(1)) {
                Set<Long> now = activeAt(ledger, day);
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
            out.put(end, n);
        }
        return out;
    }

    /** The lines of each customer count are as many as the count. */
    static void assertCustomerCounts(AnalyticsWorld w, AnalyticsQuery q, Kpis k, String at) {
        AnalyticsService analytics = Sandbox.service(AnalyticsService.class);
        long[] expected = {k.customersEnd(), k.newCustomers(), k.churnedCustomers(), k.reactivatedCustomers()};
        CustomerDrillDown.Kind[] kinds = CustomerDrillDown.Kind.values();
        for (int i = 0; i < kinds.length; i++) {
            CustomerDrillDown.Kind kind = kinds[i];
            List<CustomerLine> lines = w.as(() -> analytics.customers(new CustomerDrillDown(q, kind, 1000, 0)));
            assertEquals(expected[i], lines.size(), at + " " + kind);
            if (kind == CustomerDrillDown.Kind.ACTIVE) {
                assertEquals(lines.size(), lines.stream().map(CustomerLine::customerId).distinct().count(), at + " each active customer once");
            }
            lines.forEach(l -> assertEquals(false, l.documentNos().isEmpty(), at + " " + kind + " " + l));
        }
    }

    private static List<String> naiveCohorts(List<Row> ledger, List<LocalDate> monthEnds) {
        Map<Long, LocalDate> first = new TreeMap<>();
        for (LocalDate day = ledger.get(0).day(); !day.isAfter(TO); day = day.plusDays(1)) {
            for (Long c : activeAt(ledger, day)) {
                first.putIfAbsent(c, day.withDayOfMonth(1));
            }
        }
        TreeMap<LocalDate, List<Long>> byCohort = new TreeMap<>();
        first.forEach((c, m) -> byCohort.computeIfAbsent(m, k -> new ArrayList<>()).add(c));
        List<String> out = new ArrayList<>();
        byCohort.forEach((cohort, customers) -> {
            if (cohort.isBefore(FROM)) {
                return;
            }
            List<String> cells = new ArrayList<>();
            for (LocalDate end : monthEnds) {
                if (end.isBefore(cohort)) {
                    continue;
                }
                Set<Long> active = activeAt(ledger, end);
                List<Row> mine = ledger.stream().filter(x -> customers.contains(x.customer())).toList();
                cells.add(customers.stream().filter(active::contains).count() + "/" + converted(mine, end, 0));
            }
            out.add(cohort + " x" + customers.size() + ": " + String.join(" ", cells));
        });
        return out;
    }
}
