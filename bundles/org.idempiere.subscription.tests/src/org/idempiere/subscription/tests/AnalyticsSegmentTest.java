package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.AnalyticsWorld.EUR;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.AnalyticsGroup;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.Breakdown;
import org.idempiere.subscription.api.service.DrillDown;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.KpiPanel;
import org.idempiere.subscription.api.service.Kpis;
import org.idempiere.subscription.api.service.LedgerLine;
import org.idempiere.subscription.api.service.MrrMovements;
import org.idempiere.subscription.api.service.MrrPeriod;
import org.idempiere.subscription.api.service.Segment;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Breakdowns by country, region and sales representative, and series, KPIs and drill-downs filtered by them and by
 * product (decision 0058), on a small ledger in a tenant of its own, every figure written by hand.
 *
 * <pre>
 * EUR, monthly plans P and Q; range 2025-01-01..2025-03-31, by month.
 * C1 SK "Bratislava"   S1 plan P, rep Alice; lines X 50.00 + Y 100.00 (X 1/3, Y 2/3)
 *                                  2024-12-01 NEW 100.00, 2025-02-10 EX 150.00, 2025-03-12 EX 175.00
 *                             S4 plan Q, no rep; line Z   2025-03-01 NEW 20.00
 * C2 SK "Košice"        S2 plan P, rep Bob; line X  2025-01-15 NEW 60.00, 2025-03-20 CHURN 0
 * C3 CZ, no region            S3 plan Q -> P, rep Alice; line Y
 *                                  2024-11-01 NEW 40.00 (Q), 2025-02-01 EX 50.00 (change to P), 2025-03-05 CT 30.00 (P)
 * </pre>
 */
class AnalyticsSegmentTest {
    private static AnalyticsWorld w;
    private static long p;
    private static long q;
    private static long alice;
    private static long bob;
    private static long x;
    private static long y;
    private static long s3;
    private static final AnalyticsQuery RANGE = AnalyticsQuery.of(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-03-31"),
            Granularity.MONTH);

    @BeforeAll
    static void ledger() {
        w = AnalyticsWorld.create();
        Recurrence monthly = new Recurrence(1, RecurrenceUnit.MONTH);
        p = w.plan("P", monthly, BillingTiming.IN_ADVANCE);
        q = w.plan("Q", monthly, BillingTiming.IN_ADVANCE);
        MasterData data = service(MasterData.class);
        alice = w.as(() -> data.createSalesRep("Alice Rep", Optional.empty()).id());
        bob = w.as(() -> data.createSalesRep("Bob Rep", Optional.empty()).id());
        long c1 = w.as(() -> data.createCustomer(unique("C1"), Optional.empty(), "SK", Optional.of("Bratislava"), Optional.empty()).id());
        long c2 = w.as(() -> data.createCustomer(unique("C2"), Optional.empty(), "SK", Optional.of("Košice"), Optional.empty()).id());
        long c3 = w.as(() -> data.createCustomer(unique("C3"), Optional.empty(), "CZ", Optional.empty(), Optional.empty()).id());
        x = w.as(() -> Sandbox.product("50.00"));
        y = w.as(() -> Sandbox.product("100.00"));
        long z = w.as(() -> Sandbox.product("20.00"));

        long s1 = w.subscription(c1, p, EUR, "2024-12-01");
        rep(s1, alice);
        line(s1, x, "50.00");
        line(s1, y, "100.00");
        w.entry(s1, "2024-12-01", ChangeType.NEW, "0", "100.00", EUR, false);
        w.entry(s1, "2025-02-10", ChangeType.EXPANSION, "100.00", "150.00", EUR, false);
        w.entry(s1, "2025-03-12", ChangeType.EXPANSION, "150.00", "175.00", EUR, false);

        long s2 = w.subscription(c2, p, EUR, "2025-01-15");
        rep(s2, bob);
        line(s2, x, "60.00");
        w.entry(s2, "2025-01-15", ChangeType.NEW, "0", "60.00", EUR, false);
        w.entry(s2, "2025-03-20", ChangeType.CHURN, "60.00", "0", EUR, false);

        s3 = w.subscription(c3, q, EUR, "2024-11-01");
        rep(s3, alice);
        line(s3, y, "40.00");
        w.entry(s3, "2024-11-01", ChangeType.NEW, "0", "40.00", EUR, false);
        w.entry(s3, "2025-02-01", ChangeType.EXPANSION, "40.00", "50.00", EUR, false, p);
        w.setPlan(s3, p);
        w.entry(s3, "2025-03-05", ChangeType.CONTRACTION, "50.00", "30.00", EUR, false);

        long s4 = w.subscription(c1, q, EUR, "2025-03-01");
        line(s4, z, "20.00");
        w.entry(s4, "2025-03-01", ChangeType.NEW, "0", "20.00", EUR, false);
    }

    private static void rep(long subscription, long rep) {
        w.sql("UPDATE SUB_Subscription SET SalesRep_ID = ? WHERE SUB_Subscription_ID = ?", rep, subscription);
    }

    /** A recurring line at a fixed price, in the product's unit. */
    private static void line(long subscription, long product, String price) {
        w.line(subscription, product, new BigDecimal(price));
    }

    private static AnalyticsService analytics() {
        return service(AnalyticsService.class);
    }

    /** key label | start new expansion contraction churn | end subscriptions */
    private static String row(AnalyticsGroup g) {
        MrrMovements m = g.movements();
        return g.key() + " " + g.label() + " | " + g.mrrStart() + " " + m.newBusiness() + " " + m.expansion() + " " + m.contraction()
                + " " + m.churn() + " | " + g.mrrEnd() + " " + g.subscriptions();
    }

    /** start new expansion contraction churn end subscriptions, each period checked for MRR(end) = MRR(start) + movements */
    private static String period(MrrPeriod m) {
        MrrMovements v = m.movements();
        assertEquals(m.mrrEnd(), m.mrrStart().add(v.newBusiness()).add(v.expansion()).add(v.contraction()).add(v.churn())
                .add(v.reactivation()).add(v.currencyTransfer()).add(v.revaluation()), "identity in " + m);
        return m.start() + " " + m.mrrStart() + " " + v.newBusiness() + " " + v.expansion() + " " + v.contraction() + " " + v.churn()
                + " " + m.mrrEnd() + " " + m.subscriptions();
    }

    private static List<String> breakdown(AnalyticsQuery query, Breakdown.Dimension by) {
        return w.as(() -> analytics().breakdown(query, by)).groups().stream().map(AnalyticsSegmentTest::row).toList();
    }

    private static List<String> series(AnalyticsQuery query) {
        return w.as(() -> analytics().mrrSeries(query)).periods().stream().map(AnalyticsSegmentTest::period).toList();
    }

    @Test
    void byCountry_eachCustomersBillToCountry_withItsName() {
        assertEquals(List.of(
                "CZ Czechia | 40.00 0.00 10.00 -20.00 0.00 | 30.00 1",
                "SK Slovakia | 100.00 80.00 75.00 0.00 -60.00 | 195.00 2"), breakdown(RANGE, Breakdown.Dimension.COUNTRY));
    }

    @Test
    void byRegion_regionNamesWithTheirCountry_anAddressWithoutRegionUnderItsCountry() {
        assertEquals(List.of(
                "CZ Czechia | 40.00 0.00 10.00 -20.00 0.00 | 30.00 1",
                "SK/Bratislava Bratislava (SK) | 100.00 20.00 75.00 0.00 0.00 | 195.00 2",
                "SK/Košice Košice (SK) | 0.00 60.00 0.00 0.00 -60.00 | 0.00 0"), breakdown(RANGE, Breakdown.Dimension.REGION));
    }

    @Test
    void bySalesRep_rowsNamedAfterTheRepresentative_noneUnderTheEmptyKey() {
        assertEquals(List.of(
                "  | 0.00 20.00 0.00 0.00 0.00 | 20.00 1",
                alice + " Alice Rep | 140.00 0.00 85.00 -20.00 0.00 | 205.00 2",
                bob + " Bob Rep | 0.00 60.00 0.00 0.00 -60.00 | 0.00 0"), breakdown(RANGE, Breakdown.Dimension.SALES_REP));
    }

    /*
     * Plan P by each entry's own plan: S3 was on Q until 2025-02-01, when it moved to P from 40.00 to 50.00; P gets its
     * 40.00 as a plan transfer in (decision 0053) and the 10.00 more as expansion, not its 40.00 at the start; S4 is on
     * Q. P: start 100.00, new 60.00, plan transfer 40.00, expansion 10.00 + 75.00, contraction -20.00, churn -60.00,
     * end 175.00 + 30.00 = 205.00.
     */
    @Test
    void byCountry_filteredByPlan_followsEachEntrysPlan_andAddsUpToThePlansFigures() {
        AnalyticsQuery onP = RANGE.withTemplate(p);
        assertEquals(List.of(
                "CZ Czechia | 0.00 0.00 10.00 -20.00 0.00 | 30.00 1",
                "SK Slovakia | 100.00 60.00 75.00 0.00 -60.00 | 175.00 1"), breakdown(onP, Breakdown.Dimension.COUNTRY));
        assertEquals(List.of("40.00", "0.00"), w.as(() -> analytics().breakdown(onP, Breakdown.Dimension.COUNTRY)).groups().stream()
                .map(g -> g.movements().planTransfer().toPlainString()).toList(), "S3's 40.00 moved to P as a plan transfer");
        AnalyticsGroup plan = w.as(() -> analytics().breakdown(onP, Breakdown.Dimension.PLAN)).groups().get(0);
        assertEquals(p + " | 100.00 60.00 85.00 -20.00 -60.00 | 205.00 2", row(plan).replaceFirst(" [^|]*\\|", " |"));
        assertEquals("40.00", plan.movements().planTransfer().toPlainString());
        for (Breakdown.Dimension by : List.of(Breakdown.Dimension.COUNTRY, Breakdown.Dimension.REGION, Breakdown.Dimension.SALES_REP,
                Breakdown.Dimension.PRODUCT)) {
            List<AnalyticsGroup> rows = w.as(() -> analytics().breakdown(onP, by)).groups();
            assertEquals(plan.mrrStart(), rows.stream().map(AnalyticsGroup::mrrStart).reduce(BigDecimal.ZERO, BigDecimal::add), by.name());
            assertEquals(plan.mrrEnd(), rows.stream().map(AnalyticsGroup::mrrEnd).reduce(BigDecimal.ZERO, BigDecimal::add), by.name());
            assertEquals(plan.movements().expansion(), rows.stream().map(g -> g.movements().expansion())
                    .reduce(BigDecimal.ZERO, BigDecimal::add), by.name());
            assertEquals(plan.movements().planTransfer(), rows.stream().map(g -> g.movements().planTransfer())
                    .reduce(BigDecimal.ZERO, BigDecimal::add), by.name());
        }
    }

    @Test
    void seriesAndKpis_filteredByCountry() {
        AnalyticsQuery sk = RANGE.withSegment(Segment.ALL.withCountry("sk"));
        assertEquals(List.of(
                "2025-01-01 100.00 60.00 0.00 0.00 0.00 160.00 2",
                "2025-02-01 160.00 0.00 50.00 0.00 0.00 210.00 2",
                "2025-03-01 210.00 20.00 25.00 0.00 -60.00 195.00 2"), series(sk));
        KpiPanel k = w.as(() -> analytics().kpis(sk, null));
        // customers: C1 since 2024-12, C2 from 2025-01-15 to 2025-03-20
        assertEquals(List.of("1 1 0 0 2", "2 0 0 0 2", "2 0 1 0 1"), k.periods().stream().map(AnalyticsSegmentTest::customers).toList());
        assertEquals("1 1 1 0 1", customers(k.total()));
        Kpis march = k.periods().get(2);
        assertEquals(Optional.of(new BigDecimal("0.5000")), march.logoChurnRate());
        assertEquals(Optional.of(new BigDecimal("0.2857")), march.grossMrrChurnRate()); // 60 / 210
        assertEquals(Optional.of(new BigDecimal("0.8333")), march.netRevenueRetention()); // (210 + 25 - 60) / 210
        assertEquals(Optional.of(new BigDecimal("195.00")), k.total().arpa());
        assertEquals(new BigDecimal("0.00"), k.total().netRevenue());
    }

    private static String customers(Kpis k) {
        return k.customersStart() + " " + k.newCustomers() + " " + k.churnedCustomers() + " " + k.reactivatedCustomers() + " "
                + k.customersEnd();
    }

    /*
     * X is 1/3 of S1 (50.00 of 150.00) and all of S2. Start: S1's 100.00 -> 10000 cents x 1/3 = 3333.33: X 33.33 (Y 66.67 takes
     * the cent). S1's expansions, cumulated: to February 50.00 -> 16.67 (1666.67: X takes the cent), to March 75.00 -> 25.00,
     * so March 25.00 - 16.67 = 8.33. Y: S1's 66.67 + S3's 40.00 at the start, expansion 75.00 - 25.00 + S3's 10.00.
     */
    @Test
    void seriesFilteredByProduct_takesTheProductsShare_andAddsUpToItsBreakdownRow() {
        AnalyticsQuery withX = RANGE.withSegment(Segment.ALL.withProduct(x));
        assertEquals(List.of(
                "2025-01-01 33.33 60.00 0.00 0.00 0.00 93.33 2",
                "2025-02-01 93.33 0.00 16.67 0.00 0.00 110.00 2",
                "2025-03-01 110.00 0.00 8.33 0.00 -60.00 58.33 1"), series(withX));
        List<String> rows = breakdown(RANGE, Breakdown.Dimension.PRODUCT);
        assertEquals(x + " | 33.33 60.00 25.00 0.00 -60.00 | 58.33 1", rows.get(0).replaceFirst(" [^|]*\\|", " |"));
        assertEquals(y + " | 106.67 0.00 60.00 -20.00 0.00 | 146.67 2", rows.get(1).replaceFirst(" [^|]*\\|", " |"));
        KpiPanel k = w.as(() -> analytics().kpis(withX, null));
        assertEquals("1 1 1 0 1", customers(k.total()));
        assertEquals(new BigDecimal("58.33"), k.total().mrr().mrrEnd());
    }

    /**
     * The drill-down under a product filter lists each entry with the product's share, so the lines add up to the
     * product's figures exactly: S1's expansions of 50.00 and 25.00 are X's 16.67 (the share of 50.00) and 8.33 (the
     * share of 75.00, 25.00, minus 16.67), not 50.00 and 25.00; S2 is all X. A page of one line still carries the share
     * the whole list gives it.
     */
    @Test
    void drillDownFilteredByProduct_listsEachEntrysProductShare_addingUpToTheFigure() {
        AnalyticsQuery withX = RANGE.withSegment(Segment.ALL.withProduct(x));
        List<LedgerLine> lines = w.as(() -> analytics().entries(DrillDown.of(withX)));
        assertEquals(List.of("2025-01-15 NEW 60.00", "2025-02-10 EXPANSION 16.67", "2025-03-12 EXPANSION 8.33", "2025-03-20 CHURN -60.00"),
                lines.stream().map(l -> l.date() + " " + l.type() + " " + l.movement()).toList());
        assertEquals(List.of("100.00 150.00", "150.00 175.00"), lines.subList(1, 3).stream().map(l -> l.mrrBefore() + " " + l.mrrAfter())
                .toList(), "the entry's own MRR stays the subscription's");
        List<String> row = breakdown(RANGE, Breakdown.Dimension.PRODUCT);
        assertEquals(x + " | 33.33 60.00 25.00 0.00 -60.00 | 58.33 1", row.get(0).replaceFirst(" [^|]*\\|", " |"));
        assertEquals(new BigDecimal("25.00"), lines.stream().map(LedgerLine::movement).reduce(BigDecimal.ZERO, BigDecimal::add),
                "the lines add up to X's movements: 58.33 - 33.33");
        List<LedgerLine> expansions = w.as(() -> analytics().entries(new DrillDown(withX, Optional.of(ChangeType.EXPANSION),
                Optional.empty(), Optional.empty(), Optional.empty(), 1, 1)));
        assertEquals(List.of("2025-03-12 EXPANSION 8.33"), expansions.stream().map(l -> l.date() + " " + l.type() + " " + l.movement())
                .toList());
    }

    @Test
    void seriesFilteredBySalesRepAndRegion_andTheirDrillDowns() {
        AnalyticsQuery byAlice = new AnalyticsQuery(RANGE.from(), RANGE.to(), Granularity.QUARTER, Optional.empty(), Optional.empty(),
                Optional.empty(), Segment.ALL.withSalesRep(alice));
        assertEquals(List.of("2025-01-01 140.00 0.00 85.00 -20.00 0.00 205.00 2"), series(byAlice));
        AnalyticsQuery cz = RANGE.withSegment(Segment.ALL.withRegion("CZ"));
        assertEquals(List.of(
                "2025-01-01 40.00 0.00 0.00 0.00 0.00 40.00 1",
                "2025-02-01 40.00 0.00 10.00 0.00 0.00 50.00 1",
                "2025-03-01 50.00 0.00 0.00 -20.00 0.00 30.00 1"), series(cz));
        List<LedgerLine> lines = w.as(() -> analytics().entries(DrillDown.of(cz)));
        assertEquals(List.of("2025-02-01 EXPANSION 10.00", "2025-03-05 CONTRACTION -20.00"), lines.stream()
                .map(l -> l.date() + " " + l.type() + " " + l.movement()).toList());
        assertEquals(List.of(s3, s3), lines.stream().map(LedgerLine::subscriptionId).toList());
        List<LedgerLine> bobs = w.as(() -> analytics().entries(DrillDown.of(RANGE.withSegment(Segment.ALL.withSalesRep(bob)))));
        assertEquals(List.of("2025-01-15 NEW 60.00", "2025-03-20 CHURN -60.00"), bobs.stream()
                .map(l -> l.date() + " " + l.type() + " " + l.movement()).toList());
    }

    @Test
    void unknownProductCountryRegionOrRep_isRefusedNamingTheFieldAndTheValue_andWritesNothing() {
        long queued = Sandbox.count("SELECT COUNT(*) FROM SUB_AnalyticsQueue");
        long deltas = Sandbox.count("SELECT COUNT(*) FROM SUB_AnalyticsDelta");
        w.entry(s3, "2025-06-30", ChangeType.EXPANSION, "30.00", "30.00", EUR, false); // after the range: queued, not yet refreshed
        assertRefused(Segment.ALL.withProduct(999_999_999L), "productId", "999999999");
        assertRefused(Segment.ALL.withCountry("XX"), "country", "XX");
        assertRefused(Segment.ALL.withRegion("SK/Nowhere"), "region", "SK/Nowhere");
        assertRefused(Segment.ALL.withRegion("Atlantis/North"), "region", "Atlantis/North");
        assertRefused(Segment.ALL.withSalesRep(999_999_999L), "salesRepId", "999999999");
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> w.as(() -> analytics().cohorts(RANGE.withSegment(
                Segment.ALL.withCountry("SK")))));
        assertEquals(Optional.of("country"), e.field());
        assertEquals(queued + 1, Sandbox.count("SELECT COUNT(*) FROM SUB_AnalyticsQueue"), "nothing refreshed");
        assertEquals(deltas, Sandbox.count("SELECT COUNT(*) FROM SUB_AnalyticsDelta"), "nothing written");
    }

    private static void assertRefused(Segment s, String field, String value) {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> w.as(() -> analytics().mrrSeries(RANGE.withSegment(s))));
        assertEquals(Optional.of(field), e.field(), e.getMessage());
        assertEquals(Optional.of(value), e.value(), e.getMessage());
    }
}
