package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.AnalyticsWorld.CZK;
import static org.idempiere.subscription.tests.AnalyticsWorld.EUR;
import static org.idempiere.subscription.tests.Sandbox.d;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.host.HostContext;
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
import org.idempiere.subscription.api.service.KpiPanel;
import org.idempiere.subscription.api.service.Kpis;
import org.idempiere.subscription.api.service.MrrMovements;
import org.idempiere.subscription.api.service.MrrPeriod;
import org.idempiere.subscription.api.service.Segment;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.idempiere.subscription.tests.NaiveFigures.Revenue;
import org.idempiere.subscription.tests.NaiveFigures.Row;
import org.idempiere.subscription.tests.NaiveFigures.Scope;
import org.junit.jupiter.api.Test;

/**
 * Random ledgers, appended in random order (so most entries are dated before others already there, and closes
 * come late) in three batches with a read — a refresh — after each, with random invoiced periods, setup fees,
 * adjustment invoices and reversals (revenue rebuilt twice): every figure of the KPI panel (MRR, its movements
 * and identity, subscriptions, customers, ARR, ARPA, every rate, LTV and its cap, net and one-time revenue), by
 * month, by quarter over a range that cuts into quarters, by year and for the whole range, in EUR with CZK
 * converted, in each currency alone and for one plan; the cohort tables by month and by quarter (active, share,
 * MRR, net MRR retention); and the breakdowns by plan, currency, country, region and sales representative, row by
 * row and adding up to the totals — equal the naive recomputation of {@link NaiveFigures} from the rows written.
 * A failure names the seed, the query and the period.
 */
class AnalyticsPropertyTest {
    private static final LocalDate FROM = d("2024-01-01");
    private static final LocalDate TO = d("2025-12-31");
    /** Ranges that cut into their first and last period. */
    private static final LocalDate CUT_FROM = d("2024-02-10");
    private static final LocalDate CUT_TO = d("2025-11-20");
    private static final String[][] PLACES = {{"SK", "Bratislava"}, {"SK", "Košice"}, {"SK", null}, {"CZ", null}, {"AT", "Wien"}};

    @Test
    void everyFigure_equalsANaiveRecomputation_forRandomLedgersAndInvoicesAppendedOutOfOrder() {
        List<Kpis> seen = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            seen.addAll(check(seed));
        }
        assertCasesMet(seen);
    }

    /** What one seed wrote besides the ledger: customers' places, representatives, subscriptions, revenue. */
    private static final class World {
        final AnalyticsWorld w = AnalyticsWorld.create();
        final Random r;
        final long[] plans;
        final long[] reps;
        final long run = w.billingRun("2025-12-31");
        final Map<Long, String[]> place = new HashMap<>();
        final Map<Long, Long> repOf = new HashMap<>();
        final Map<Long, Long> customerOf = new HashMap<>();
        final long[] products = new long[3];
        /** Each subscription's products (ascending ids) with the net of their lines. */
        final Map<Long, Map<Long, BigDecimal>> weights = new HashMap<>();
        final List<Runnable> ledger = new ArrayList<>();
        final List<Runnable> invoices = new ArrayList<>();
        final List<Revenue> revenue = new ArrayList<>();
        long invoice = 1;

        World(long seed) {
            r = new Random(seed);
            plans = new long[] {w.plan("P1", Recurrence.monthly(), BillingTiming.IN_ADVANCE), w.plan("P2", Recurrence.monthly(),
                    BillingTiming.IN_ADVANCE), w.plan("P3", Recurrence.monthly(), BillingTiming.IN_ARREARS)};
            for (int i = 0; i < products.length; i++) {
                products[i] = w.as(() -> Sandbox.product("10.00"));
            }
            MasterData data = service(MasterData.class);
            reps = new long[] {w.as(() -> data.createSalesRep(unique("Rep"), Optional.empty()).id()),
                w.as(() -> data.createSalesRep(unique("Rep"), Optional.empty()).id())};
            for (int i = 0; i < 25; i++) {
                String[] p = PLACES[r.nextInt(PLACES.length)];
                long customer = w.as(() -> data.createCustomer(unique("Customer"), Optional.empty(), p[0], Optional.ofNullable(p[1]),
                        Optional.empty()).id());
                place.put(customer, p);
                for (int n = 1 + r.nextInt(3); n > 0; n--) {
                    subscription(customer);
                }
            }
        }

        /** One subscription's valid random history and invoices, as appends to run in any order. */
        private void subscription(long customer) {
            long plan = plans[r.nextInt(plans.length)];
            long currency = r.nextInt(4) == 0 ? CZK : EUR;
            LocalDate day = FROM.plusDays(r.nextInt(600));
            long sub = w.subscription(customer, plan, currency, day.toString());
            customerOf.put(sub, customer);
            if (r.nextInt(3) > 0) {
                long rep = reps[r.nextInt(reps.length)];
                w.sql("UPDATE SUB_Subscription SET SalesRep_ID = ? WHERE SUB_Subscription_ID = ?", rep, sub);
                repOf.put(sub, rep);
            }
            Map<Long, BigDecimal> lines = new java.util.TreeMap<>();
            for (int n = 1 + r.nextInt(3); n > 0; n--) {
                long product = products[r.nextInt(products.length)];
                BigDecimal price = BigDecimal.valueOf(100 + r.nextInt(9_900), 2);
                w.line(sub, product, price);
                lines.merge(product, price, BigDecimal::add);
            }
            weights.put(sub, lines);
            invoices(sub, day, currency, plan);
            BigDecimal mrr = amount(r, currency);
            String state = "ACTIVE";
            add(sub, day, ChangeType.NEW, mrr, currency, false, plan);
            while (true) {
                day = day.plusDays(1 + r.nextInt(120));
                if (day.isAfter(TO)) {
                    return;
                }
                int pick = r.nextInt(10);
                switch (state) {
                    case "ACTIVE" -> {
                        if (pick < 3) {
                            plan = r.nextBoolean() ? plans[r.nextInt(plans.length)] : plan;
                            mrr = mrr.add(amount(r, currency));
                            add(sub, day, ChangeType.EXPANSION, mrr, currency, false, plan);
                        } else if (pick < 5) {
                            plan = r.nextInt(3) == 0 ? plans[r.nextInt(plans.length)] : plan; // a downgrade to another plan
                            mrr = mrr.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN).max(new BigDecimal("0.01"));
                            add(sub, day, ChangeType.CONTRACTION, mrr, currency, false, plan);
                        } else if (pick < 6) {
                            add(sub, day, ChangeType.CONTRACTION, BigDecimal.ZERO, currency, false, plan);
                            state = "PAUSED";
                        } else if (pick < 8) {
                            add(sub, day, ChangeType.CHURN, BigDecimal.ZERO, currency, r.nextBoolean(), plan);
                            state = "CLOSED";
                        } else if (pick < 9) {
                            long to = currency == EUR ? CZK : EUR;
                            add(sub, day, ChangeType.CURRENCY_TRANSFER, BigDecimal.ZERO, currency, false, plan);
                            currency = to;
                            mrr = amount(r, currency);
                            add(sub, day, ChangeType.CURRENCY_TRANSFER, mrr, currency, false, plan);
                        } else if (r.nextBoolean()) {
                            add(sub, day, ChangeType.NEW, BigDecimal.ZERO, currency, false, plan); // voided
                            return;
                        } else { // a change of plan at the same MRR (decision 0053)
                            long other = plans[r.nextInt(plans.length)];
                            plan = other == plan ? plans[(java.util.Arrays.binarySearch(plans, plan) + 1) % plans.length] : other;
                            add(sub, day, ChangeType.PLAN_TRANSFER, mrr, currency, false, plan);
                        }
                    }
                    case "PAUSED" -> {
                        if (pick < 6) {
                            add(sub, day, ChangeType.EXPANSION, mrr, currency, false, plan);
                            state = "ACTIVE";
                        } else {
                            add(sub, day, ChangeType.CHURN, BigDecimal.ZERO, currency, false, plan);
                            state = "CLOSED";
                        }
                    }
                    default -> {
                        if (pick < 4) {
                            mrr = amount(r, currency);
                            add(sub, day, ChangeType.REACTIVATION, mrr, currency, false, plan);
                            state = "ACTIVE";
                        }
                    }
                }
            }
        }

        /**
         * Random invoiced months from the start (credits among them, some with setup fees, some reversed up to 90 days
         * later) and perhaps a change's adjustment invoice (or a change that invoiced nothing); revenue counts them in the
         * subscription's currency and plan as it stands (this world never changes them on the subscription).
         */
        private void invoices(long sub, LocalDate start, long currency, long plan) {
            for (int m = 0; m < 24; m++) {
                if (r.nextInt(5) == 0) {
                    LocalDate period = start.plusMonths(m);
                    BigDecimal net = scaled(BigDecimal.valueOf(-5_000 + r.nextInt(45_000), 2), currency);
                    BigDecimal setup = net.signum() > 0 && r.nextInt(3) == 0
                            ? net.multiply(BigDecimal.valueOf(r.nextInt(100))).divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN)
                            : BigDecimal.ZERO;
                    long id = invoice++;
                    invoices.add(() -> w.billingItem(run, sub, period, id, net, setup, currency));
                    revenue.add(new Revenue(sub, period, currency, plan, net, setup));
                    if (r.nextInt(5) == 0) {
                        LocalDate reversed = period.plusDays(r.nextInt(90));
                        invoices.add(() -> w.reversal(sub, id, period, reversed, net, setup, currency));
                        revenue.add(new Revenue(sub, reversed, currency, plan, net.negate(), setup.negate()));
                    }
                }
            }
            if (r.nextInt(3) == 0) {
                LocalDate day = start.plusDays(r.nextInt(500));
                BigDecimal net = scaled(BigDecimal.valueOf(-10_000 + r.nextInt(20_000), 2), currency);
                Long id = r.nextInt(4) == 0 ? null : invoice++;
                invoices.add(() -> w.adjustment(sub, day, id, net));
                if (id != null) {
                    revenue.add(new Revenue(sub, day, currency, plan, net, net));
                }
            }
        }

        private void add(long sub, LocalDate day, ChangeType type, BigDecimal after, long currency, boolean delinquent, long plan) {
            ledger.add(() -> w.entry(sub, day.toString(), type, "0", after.toPlainString(), currency, delinquent, plan));
        }

        /** The subscriptions of the customers whose key is each key. */
        Map<String, Set<Long>> subsBy(Function<Long, String> keyOfSub) {
            Map<String, Set<Long>> out = new HashMap<>();
            customerOf.keySet().forEach(sub -> out.computeIfAbsent(keyOfSub.apply(sub), k -> new HashSet<>()).add(sub));
            return out;
        }
    }

    private static BigDecimal amount(Random r, long currency) {
        return scaled(BigDecimal.valueOf(1000 + r.nextInt(49_000), 2), currency);
    }

    private static BigDecimal scaled(BigDecimal eur, long currency) {
        return currency == CZK ? eur.multiply(BigDecimal.valueOf(25)) : eur;
    }

    /** @return every period of the KPI panels checked */
    private static List<Kpis> check(long seed) {
        World world = new World(seed);
        AnalyticsWorld w = world.w;
        List<Runnable> appends = world.ledger;
        Collections.shuffle(appends, world.r);
        Collections.shuffle(world.invoices, world.r);
        AnalyticsService analytics = service(AnalyticsService.class);
        int third = appends.size() / 3;
        for (int i = 0; i < appends.size(); i++) {
            appends.get(i).run();
            if (i == third) {
                world.invoices.subList(0, world.invoices.size() / 2).forEach(Runnable::run);
                w.as(analytics::rebuildRevenue);
                w.as(() -> analytics.mrrSeries(AnalyticsQuery.of(FROM, TO, Granularity.MONTH))); // a read refreshes
            } else if (i == 2 * third) {
                w.as(analytics::refresh); // refreshes and compacts
            }
        }
        world.invoices.subList(world.invoices.size() / 2, world.invoices.size()).forEach(Runnable::run);
        w.as(analytics::rebuildRevenue); // replaces what the first rebuild wrote
        List<Row> ledger = w.as(() -> service(HostContext.class).inTransaction(tx -> Rows.list(tx.connection(),
                "SELECT l.SUB_ChangeLog_ID, l.SUB_Subscription_ID, s.C_BPartner_ID, l.DateTrx, l.ChangeType, l.MRRAfter, l.C_Currency_ID,"
                        + " l.SUB_Template_ID, l.IsDelinquent FROM SUB_ChangeLog l JOIN SUB_Subscription s"
                        + " ON s.SUB_Subscription_ID = l.SUB_Subscription_ID WHERE l.AD_Client_ID = ?", rs -> new Row(rs.getLong(1),
                        rs.getLong(2), rs.getLong(3), Rows.date(rs, "DateTrx"), rs.getString(5), rs.getBigDecimal(6), rs.getLong(7),
                        rs.getLong(8), "Y".equals(rs.getString(9))), w.tenant.clientId())));
        ledger.sort(Comparator.comparing(Row::day).thenComparingLong(Row::id));
        NaiveFigures naive = new NaiveFigures(ledger, world.revenue, TO);
        BigDecimal margin = BigDecimal.valueOf(50 + world.r.nextInt(51), 2);

        // the KPI panel: every period and the whole range, in EUR with CZK converted, in each currency alone, of one plan
        Map<String, Scope> scopes = new LinkedHashMap<>();
        scopes.put("converted", Scope.ALL);
        scopes.put("EUR", Scope.ALL.in(EUR));
        scopes.put("CZK", Scope.ALL.in(CZK));
        scopes.put("plan", Scope.ALL.ofPlan(world.plans[0]));
        // the segment filters (decision 0058): a country, a region, a sales representative, and a plan within a country
        Set<Long> inSk = world.subsBy(sub -> world.place.get(world.customerOf.get(sub))[0]).getOrDefault("SK", Set.of());
        scopes.put("country", Scope.ALL.only(inSk));
        scopes.put("region", Scope.ALL.only(world.subsBy(sub -> {
            String[] p = world.place.get(world.customerOf.get(sub));
            return p[1] == null ? p[0] : p[0] + "/" + p[1];
        }).getOrDefault("SK/Bratislava", Set.of())));
        scopes.put("rep", Scope.ALL.only(world.subsBy(sub -> String.valueOf(world.repOf.get(sub))).getOrDefault(
                String.valueOf(world.reps[0]), Set.of())));
        scopes.put("plan in country", Scope.ALL.ofPlan(world.plans[0]).only(inSk));
        List<Kpis> seen = new ArrayList<>();
        for (Granularity g : List.of(Granularity.MONTH, Granularity.QUARTER, Granularity.YEAR)) {
            LocalDate from = g == Granularity.QUARTER ? CUT_FROM : FROM;
            LocalDate to = g == Granularity.QUARTER ? CUT_TO : TO;
            List<LocalDate[]> periods = NaiveFigures.periods(from, to, g);
            scopes.forEach((name, s) -> {
                AnalyticsQuery q = query(AnalyticsQuery.of(from, to, g), name, world);
                KpiPanel panel = w.as(() -> analytics.kpis(q, margin));
                String at = "seed " + seed + " " + g + " " + name + " margin " + margin;
                assertEquals(periods.size(), panel.periods().size(), at + " periods");
                for (int i = 0; i < periods.size(); i++) {
                    Kpis k = panel.periods().get(i);
                    assertEquals(0, k.mrr().mrrEnd().compareTo(k.mrr().mrrStart().add(k.mrr().movements().total())), at + " identity " + k.end());
                    assertEquals(naive.kpis(s, periods.get(i)[0], periods.get(i)[1], margin), NaiveFigures.render(k), at);
                    seen.add(k);
                }
                assertEquals(naive.kpis(s, from, to, margin), NaiveFigures.render(panel.total()), at + " whole range");
                assertEquals(panel.periods().stream().map(Kpis::mrr).toList(), w.as(() -> analytics.mrrSeries(q)).periods(),
                        at + " series = the panel's MRR");
            });
        }

        // cohorts by month and by quarter (a range cutting into quarters: cells still at quarter ends)
        Function<Long, Set<Long>> subsOf = c -> world.subsBy(sub -> String.valueOf(world.customerOf.get(sub))).getOrDefault(
                String.valueOf(c), Set.of());
        for (Granularity g : List.of(Granularity.MONTH, Granularity.QUARTER)) {
            LocalDate from = g == Granularity.QUARTER ? CUT_FROM : FROM;
            LocalDate to = g == Granularity.QUARTER ? CUT_TO : TO;
            CohortTable cohorts = w.as(() -> analytics.cohorts(AnalyticsQuery.of(from, to, g)));
            assertEquals(naive.cohorts(from, to, g, subsOf), cohorts.cohorts().stream().map(c -> c.start() + " x" + c.customers() + ": "
                    + String.join(", ", c.cells().stream().map(x -> x.periodEnd() + " " + x.active() + " " + x.activeShare().toPlainString()
                            + " " + x.mrr().toPlainString() + " " + x.netMrrRetention().map(BigDecimal::toPlainString).orElse("-"))
                            .toList())).toList(), "seed " + seed + " cohorts by " + g);
        }
        assertDrillDownsAddUp(w, world.plans[0], seed);

        // breakdowns over a range cutting into months: each row, and the rows adding up to the total
        LocalDate from = d("2024-07-15");
        LocalDate to = d("2025-10-20");
        for (String name : List.of("converted", "EUR")) {
            Scope base = scopes.get(name);
            AnalyticsQuery q = query(AnalyticsQuery.of(from, to, Granularity.MONTH), name, world);
            MrrPeriod total = w.as(() -> analytics.kpis(q, null)).total().mrr();
            for (Breakdown.Dimension by : List.of(Breakdown.Dimension.PLAN, Breakdown.Dimension.CURRENCY, Breakdown.Dimension.COUNTRY,
                    Breakdown.Dimension.REGION, Breakdown.Dimension.SALES_REP, Breakdown.Dimension.PRODUCT)) {
                if (by == Breakdown.Dimension.CURRENCY && !base.converted()) {
                    continue;
                }
                Map<String, Scope> groups = new HashMap<>();
                switch (by) {
                    case PLAN -> {
                        for (long p : world.plans) {
                            groups.put(String.valueOf(p), base.ofPlan(p));
                        }
                    }
                    case CURRENCY -> {
                        groups.put("EUR", base.convertedFrom(EUR));
                        groups.put("CZK", base.convertedFrom(CZK));
                    }
                    case COUNTRY -> world.subsBy(sub -> world.place.get(world.customerOf.get(sub))[0]).forEach((k, subs) -> groups.put(k,
                            base.only(subs)));
                    case REGION -> world.subsBy(sub -> {
                        String[] p = world.place.get(world.customerOf.get(sub));
                        return p[1] == null ? p[0] : p[0] + "/" + p[1];
                    }).forEach((k, subs) -> groups.put(k, base.only(subs)));
                    case PRODUCT -> {
                    }
                    default -> world.subsBy(sub -> world.repOf.containsKey(sub) ? String.valueOf(world.repOf.get(sub)) : "")
                            .forEach((k, subs) -> groups.put(k, base.only(subs)));
                }
                List<AnalyticsGroup> rows = w.as(() -> analytics.breakdown(q, by)).groups();
                String at = "seed " + seed + " breakdown by " + by + " " + name;
                assertEquals(by == Breakdown.Dimension.PRODUCT ? naive.products(base, from, to, world.weights)
                        : naive.breakdown(groups, from, to), NaiveFigures.render(rows), at);
                if (!base.converted() || by == Breakdown.Dimension.CURRENCY) { // converted rows of one currency each add up exactly
                    assertEquals(NaiveFigures.render(List.of(new AnalyticsGroup("", "", total.mrrStart(), total.movements(), total.mrrEnd(),
                            total.subscriptions()))), NaiveFigures.render(List.of(sum(rows, by == Breakdown.Dimension.PRODUCT ? total.subscriptions() : -1))),
                            at + " rows add up to the total");
                }
            }
        }
        return seen;
    }

    /** The random world reaches the cases the definitions tell apart, so the checks above compare something. */
    private static void assertCasesMet(List<Kpis> seen) {
        Map<String, java.util.function.Predicate<Kpis>> cases = new LinkedHashMap<>();
        cases.put("LTV below its cap", k -> k.ltv().isPresent() && !k.ltvCapped());
        cases.put("LTV capped with churn", k -> k.ltvCapped() && k.grossMrrChurnRate().filter(v -> v.signum() > 0).isPresent());
        cases.put("LTV capped without MRR at the start", k -> k.ltvCapped() && k.mrr().mrrStart().signum() == 0);
        cases.put("no customers at the end", k -> k.arpa().isEmpty());
        cases.put("net MRR churn below zero", k -> k.netMrrChurnRate().filter(v -> v.signum() < 0).isPresent());
        cases.put("no quick ratio", k -> k.quickRatio().isEmpty() && k.mrr().mrrStart().signum() > 0);
        cases.put("a reactivated customer", k -> k.reactivatedCustomers() > 0);
        cases.put("delinquent churn", k -> k.mrr().movements().churnDelinquent().signum() < 0);
        cases.put("a plan transfer", k -> k.mrr().movements().planTransfer().signum() != 0);
        cases.put("a revaluation", k -> k.mrr().movements().revaluation().signum() != 0);
        cases.put("one-time revenue", k -> k.oneTimeRevenue().signum() > 0);
        cases.put("net revenue below zero", k -> k.netRevenue().signum() < 0);
        cases.forEach((name, test) -> assertEquals(true, seen.stream().anyMatch(test), "seeds 1-3 never had " + name));
    }

    /** The query of a scope's name: converted (no filter), in EUR or CZK alone, or of the first plan. */
    private static AnalyticsQuery query(AnalyticsQuery q, String scope, World world) {
        return switch (scope) {
            case "EUR", "CZK" -> q.withCurrency(scope);
            case "plan" -> q.withTemplate(world.plans[0]);
            case "country" -> q.withSegment(Segment.ALL.withCountry("SK"));
            case "region" -> q.withSegment(Segment.ALL.withRegion("SK/Bratislava"));
            case "rep" -> q.withSegment(Segment.ALL.withSalesRep(world.reps[0]));
            case "plan in country" -> q.withTemplate(world.plans[0]).withSegment(Segment.ALL.withCountry("SK"));
            default -> q;
        };
    }

    /** The rows' sums; their subscriptions, or {@code subscriptions} when not -1 (products count a subscription in each of theirs). */
    private static AnalyticsGroup sum(List<AnalyticsGroup> rows, long subscriptions) {
        BigDecimal[] s = new BigDecimal[11];
        java.util.Arrays.fill(s, BigDecimal.ZERO.setScale(2));
        long subs = 0;
        for (AnalyticsGroup g : rows) {
            MrrMovements x = g.movements();
            BigDecimal[] v = {g.mrrStart(), x.newBusiness(), x.expansion(), x.contraction(), x.churnVoluntary(), x.churnDelinquent(),
                x.reactivation(), x.currencyTransfer(), x.planTransfer(), x.revaluation(), g.mrrEnd()};
            for (int i = 0; i < v.length; i++) {
                s[i] = s[i].add(v[i]);
            }
            subs += g.subscriptions();
        }
        return new AnalyticsGroup("", "", s[0], new MrrMovements(s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9]), s[10],
                subscriptions == -1 ? subs : subscriptions);
    }

    /** The customers behind every monthly cohort cell and every customer count add up to them. */
    private static void assertDrillDownsAddUp(AnalyticsWorld w, long plan, long seed) {
        AnalyticsService analytics = service(AnalyticsService.class);
        AnalyticsQuery whole = AnalyticsQuery.of(FROM, TO, Granularity.MONTH);
        CohortTable cohorts = w.as(() -> analytics.cohorts(whole));
        for (CohortTable.Cohort c : cohorts.cohorts()) {
            for (CohortTable.Cell cell : c.cells()) {
                String at = "seed " + seed + " cohort " + c.start() + " period " + cell.index();
                List<CohortCustomer> members = w.as(() -> analytics.cohortCustomers(new CohortDrillDown(whole, c.start(), cell.index(),
                        1000, 0)));
                assertEquals(c.customers(), members.size(), at + " customers");
                assertEquals(cell.active(), members.stream().filter(CohortCustomer::active).count(), at + " active");
                assertEquals(cell.mrr(), members.stream().map(CohortCustomer::mrr).reduce(BigDecimal.ZERO, BigDecimal::add), at + " MRR");
                assertEquals(c.cells().get(0).mrr(), members.stream().map(CohortCustomer::mrrPeriod0).reduce(BigDecimal.ZERO,
                        BigDecimal::add), at + " MRR of period 0");
            }
        }
        for (Kpis k : w.as(() -> analytics.kpis(whole, null)).periods()) {
            assertCustomerCounts(w, AnalyticsQuery.of(k.start(), k.end(), Granularity.MONTH), k, "seed " + seed + " " + k.end());
        }
        for (AnalyticsQuery q : List.of(whole, whole.withTemplate(plan), whole.withCurrency("CZK"))) {
            assertCustomerCounts(w, q, w.as(() -> analytics.kpis(q, null)).total(), "seed " + seed + " " + q);
        }
    }

    /** The lines of each customer count are as many as the count. */
    static void assertCustomerCounts(AnalyticsWorld w, AnalyticsQuery q, Kpis k, String at) {
        AnalyticsService analytics = service(AnalyticsService.class);
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
}
