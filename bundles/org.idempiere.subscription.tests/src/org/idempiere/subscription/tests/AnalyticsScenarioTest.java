package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.AnalyticsWorld.CZK;
import static org.idempiere.subscription.tests.AnalyticsWorld.EUR;
import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.d;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.AnalyticsGroup;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.Breakdown;
import org.idempiere.subscription.api.service.ChurnAnalysis;
import org.idempiere.subscription.api.service.CohortCustomer;
import org.idempiere.subscription.api.service.CohortDrillDown;
import org.idempiere.subscription.api.service.CohortTable;
import org.idempiere.subscription.api.service.CustomerDrillDown;
import org.idempiere.subscription.api.service.DrillDown;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.KpiPanel;
import org.idempiere.subscription.api.service.Kpis;
import org.idempiere.subscription.api.service.LedgerLine;
import org.idempiere.subscription.api.service.MrrMovements;
import org.idempiere.subscription.api.service.MrrPeriod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A small tenant over 18 months (2024-01 to 2025-06), every figure computed by hand. Reporting currency EUR;
 * CZK at 0.04 EUR in 2024 and 0.041 EUR from 2025. Plans: M monthly, Q quarterly, Y yearly, A monthly in arrears
 * (a ledger entry carries MRR, so a yearly 2,400.00 is 200.00 a month).
 *
 * <pre>
 *  C1 sub1 M EUR  2024-01-10 NEW 100 | 04-01 upgrade to plan Q 150 | 06-10 EXPANSION 160 (appended last: dated in the
 *                 past) | 09-15 downgrade 120 (stored "before" 150: its movement is 120 - 160 = -40)
 *  C2 sub2 Y EUR  2024-02-01 NEW 200 | 2025-01-31 CHURN "Too expensive" (a late close: appended after a refresh)
 *  C3 sub3 M EUR  2024-03-05 NEW 50 | 06-01 pause (contraction to 0) | 08-01 resume 50 | 11-30 CHURN delinquent
 *                 | 2025-03-01 REACTIVATION 60
 *  C4 sub4 A EUR  2024-05-20 NEW 80 | 10-01 currency transfer to CZK 2,000 (80.00 EUR in 2024, 82.00 in 2025)
 *  C5 sub5 Q EUR  2025-02-10 NEW 90;  sub6 M EUR 2025-02-10 NEW 10 | 2025-05-31 CHURN "Missing feature"
 * </pre>
 */
class AnalyticsScenarioTest {
    static AnalyticsWorld w;
    static long m;
    static long q;
    static long y;
    static long a;
    static long tooExpensive;
    static long missingFeature;
    static long sub1;
    static long sub2;
    static long sub3;
    static long sub4;
    static long sub5;
    static long sub6;

    @BeforeAll
    static void ledger() {
        w = AnalyticsWorld.create();
        m = w.plan("M", Recurrence.monthly(), BillingTiming.IN_ADVANCE);
        q = w.plan("Q", new Recurrence(3, RecurrenceUnit.MONTH), BillingTiming.IN_ADVANCE);
        y = w.plan("Y", new Recurrence(1, RecurrenceUnit.YEAR), BillingTiming.IN_ADVANCE);
        a = w.plan("A", Recurrence.monthly(), BillingTiming.IN_ARREARS);
        tooExpensive = w.reason("Too expensive");
        missingFeature = w.reason("Missing feature");
        sub1 = w.subscription(1, m, EUR, "2024-01-10");
        sub2 = w.subscription(2, y, EUR, "2024-02-01");
        sub3 = w.subscription(3, m, EUR, "2024-03-05");
        sub4 = w.subscription(4, a, EUR, "2024-05-20");
        sub5 = w.subscription(5, q, EUR, "2025-02-10");
        sub6 = w.subscription(5, m, EUR, "2025-02-10");
        w.entry(sub1, "2024-01-10", ChangeType.NEW, "0", "100.00", EUR, false);
        w.entry(sub2, "2024-02-01", ChangeType.NEW, "0", "200.00", EUR, false);
        w.entry(sub3, "2024-03-05", ChangeType.NEW, "0", "50.00", EUR, false);
        w.setPlan(sub1, q);
        w.entry(sub1, "2024-04-01", ChangeType.EXPANSION, "100.00", "150.00", EUR, false);
        w.entry(sub4, "2024-05-20", ChangeType.NEW, "0", "80.00", EUR, false);
        w.entry(sub3, "2024-06-01", ChangeType.CONTRACTION, "50.00", "0.00", EUR, false);
        w.entry(sub3, "2024-08-01", ChangeType.EXPANSION, "0.00", "50.00", EUR, false);
        w.entry(sub1, "2024-09-15", ChangeType.CONTRACTION, "150.00", "120.00", EUR, false);
        w.entry(sub4, "2024-10-01", ChangeType.CURRENCY_TRANSFER, "80.00", "0.00", EUR, false);
        w.entry(sub4, "2024-10-01", ChangeType.CURRENCY_TRANSFER, "0.00", "2000.00", CZK, false);
        w.sql("UPDATE SUB_Subscription SET C_Currency_ID = ? WHERE SUB_Subscription_ID = ?", CZK, sub4);
        w.entry(sub3, "2024-11-30", ChangeType.CHURN, "50.00", "0.00", EUR, true);
        w.entry(sub5, "2025-02-10", ChangeType.NEW, "0", "90.00", EUR, false);
        w.entry(sub6, "2025-02-10", ChangeType.NEW, "0", "10.00", EUR, false);
        w.entry(sub3, "2025-03-01", ChangeType.REACTIVATION, "0.00", "60.00", EUR, false);
        w.closeReason(sub6, missingFeature, null);
        w.entry(sub6, "2025-05-31", ChangeType.CHURN, "10.00", "0.00", EUR, false);
        // net revenue: invoiced periods by their start, and one adjustment invoice of a change (one-time revenue)
        w.sql("INSERT INTO SUB_BillingRun (SUB_BillingRun_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, AsOfDate, DateStarted)"
                + " VALUES (?, ?, ?, 100, 100, ?, now())", 9_000_000 + w.tenant.clientId(), w.tenant.clientId(), w.tenant.orgId(), d("2024-12-31"));
        item(sub1, "2024-01-10", "100.00", EUR, 1);
        item(sub1, "2024-02-10", "100.00", EUR, 2);
        item(sub2, "2024-02-01", "2400.00", EUR, 3);
        item(sub4, "2024-10-20", "2000.00", CZK, 4);
        w.sql("INSERT INTO SUB_Change (SUB_Change_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, SUB_Subscription_ID, ValidFrom,"
                + " C_Invoice_ID, LineNetAmt) VALUES (?, ?, ?, 100, 100, ?, ?, 5, 26.67)", 9_100_000 + w.tenant.clientId(),
                w.tenant.clientId(), w.tenant.orgId(), sub1, d("2024-04-01"));
        w.as(() -> analytics().rebuildRevenue()); // periods written here, not by the engine: their revenue is recomputed
        // a first read refreshes what is there
        analytics(() -> analytics().mrrSeries(AnalyticsQuery.of(d("2024-01-01"), d("2025-06-30"), Granularity.MONTH)));
        // then an entry dated in the past and a late close
        w.entry(sub1, "2024-06-10", ChangeType.EXPANSION, "150.00", "160.00", EUR, false);
        w.closeReason(sub2, tooExpensive, "moved to a cheaper tool");
        w.entry(sub2, "2025-01-31", ChangeType.CHURN, "200.00", "0.00", EUR, false);
    }

    private static int items;

    private static void item(long sub, String start, String net, long currency, long invoice) {
        w.sql("INSERT INTO SUB_BillingItem (SUB_BillingItem_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, SUB_Subscription_ID,"
                + " SUB_BillingRun_ID, PeriodStart, PeriodEnd, C_Invoice_ID, LineNetAmt, C_Currency_ID) VALUES (?, ?, ?, 100, 100, ?, ?, ?, ?, ?, ?, ?)",
                9_200_000 + w.tenant.clientId() * 10 + items++, w.tenant.clientId(), w.tenant.orgId(), sub, 9_000_000 + w.tenant.clientId(),
                d(start), d(start).plusMonths(1).minusDays(1), invoice, new BigDecimal(net), currency);
    }

    private static <T> T analytics(java.util.function.Supplier<T> s) {
        return w.as(s);
    }

    private static AnalyticsService analytics() {
        return Sandbox.service(AnalyticsService.class);
    }

    private static String mv(MrrMovements x) {
        return String.join(" ", List.of(x.newBusiness(), x.expansion(), x.contraction(), x.churnVoluntary(), x.churnDelinquent(),
                x.reactivation(), x.currencyTransfer(), x.revaluation()).stream().map(BigDecimal::toPlainString).toList());
    }

    /** "start end | MRR at the start | new exp contr churn delinquent react transfer reval | MRR at the end | subscriptions" */
    private static String line(MrrPeriod p) {
        return p.start() + " " + p.end() + " | " + p.mrrStart() + " | " + mv(p.movements()) + " | " + p.mrrEnd() + " | " + p.subscriptions();
    }

    @Test
    void monthlySeries_inEur_convertsCzkAtEachMonthEnd_andAddsTheRateChangeAsRevaluation() {
        List<String> got = analytics(() -> analytics().mrrSeries(AnalyticsQuery.of(d("2024-01-01"), d("2025-06-30"), Granularity.MONTH)))
                .periods().stream().map(AnalyticsScenarioTest::line).toList();
        String z = "0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00";
        assertEquals(List.of(
                "2024-01-01 2024-01-31 | 0.00 | 100.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 | 100.00 | 1",
                "2024-02-01 2024-02-29 | 100.00 | 200.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 | 300.00 | 2",
                "2024-03-01 2024-03-31 | 300.00 | 50.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 | 350.00 | 3",
                "2024-04-01 2024-04-30 | 350.00 | 0.00 50.00 0.00 0.00 0.00 0.00 0.00 0.00 | 400.00 | 3",
                "2024-05-01 2024-05-31 | 400.00 | 80.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 | 480.00 | 4",
                "2024-06-01 2024-06-30 | 480.00 | 0.00 10.00 -50.00 0.00 0.00 0.00 0.00 0.00 | 440.00 | 3",
                "2024-07-01 2024-07-31 | 440.00 | " + z + " | 440.00 | 3",
                "2024-08-01 2024-08-31 | 440.00 | 0.00 50.00 0.00 0.00 0.00 0.00 0.00 0.00 | 490.00 | 4",
                "2024-09-01 2024-09-30 | 490.00 | 0.00 0.00 -40.00 0.00 0.00 0.00 0.00 0.00 | 450.00 | 4",
                "2024-10-01 2024-10-31 | 450.00 | " + z + " | 450.00 | 4",
                "2024-11-01 2024-11-30 | 450.00 | 0.00 0.00 0.00 0.00 -50.00 0.00 0.00 0.00 | 400.00 | 3",
                "2024-12-01 2024-12-31 | 400.00 | " + z + " | 400.00 | 3",
                "2025-01-01 2025-01-31 | 400.00 | 0.00 0.00 0.00 -200.00 0.00 0.00 0.00 2.00 | 202.00 | 2",
                "2025-02-01 2025-02-28 | 202.00 | 100.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 | 302.00 | 4",
                "2025-03-01 2025-03-31 | 302.00 | 0.00 0.00 0.00 0.00 0.00 60.00 0.00 0.00 | 362.00 | 5",
                "2025-04-01 2025-04-30 | 362.00 | " + z + " | 362.00 | 5",
                "2025-05-01 2025-05-31 | 362.00 | 0.00 0.00 0.00 -10.00 0.00 0.00 0.00 0.00 | 352.00 | 4",
                "2025-06-01 2025-06-30 | 352.00 | " + z + " | 352.00 | 4"), got);
    }

    @Test
    void perCurrency_theTransferLeavesEurAndEntersCzk_unconverted() {
        AnalyticsQuery oct = AnalyticsQuery.of(d("2024-10-01"), d("2024-10-31"), Granularity.MONTH);
        assertEquals("2024-10-01 2024-10-31 | 450.00 | 0.00 0.00 0.00 0.00 0.00 0.00 -80.00 0.00 | 370.00 | 3",
                line(analytics(() -> analytics().mrrSeries(oct.withCurrency("EUR"))).periods().get(0)));
        assertEquals("2024-10-01 2024-10-31 | 0.00 | 0.00 0.00 0.00 0.00 0.00 0.00 2000.00 0.00 | 2000.00 | 1",
                line(analytics(() -> analytics().mrrSeries(oct.withCurrency("CZK"))).periods().get(0)));
        // weeks: the backdated expansion on Monday 2024-06-10 lands in its ISO week; the range clips the first and last week
        List<String> weeks = analytics(() -> analytics().mrrSeries(AnalyticsQuery.of(d("2024-06-05"), d("2024-06-18"), Granularity.WEEK)))
                .periods().stream().map(AnalyticsScenarioTest::line).toList();
        assertEquals(List.of("2024-06-05 2024-06-09 | 430.00 | 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 | 430.00 | 3",
                "2024-06-10 2024-06-16 | 430.00 | 0.00 10.00 0.00 0.00 0.00 0.00 0.00 0.00 | 440.00 | 3",
                "2024-06-17 2024-06-18 | 440.00 | 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 | 440.00 | 3"), weeks);
    }

    private static String kpis(Kpis k) {
        return k.customersStart() + " " + k.newCustomers() + " " + k.churnedCustomers() + " " + k.reactivatedCustomers() + " "
                + k.customersEnd() + " | " + k.arr() + " " + k.arpa().map(BigDecimal::toPlainString).orElse("-") + " | "
                + String.join(" ", List.of(k.logoChurnRate(), k.grossMrrChurnRate(), k.netMrrChurnRate(), k.netRevenueRetention(),
                        k.grossRevenueRetention(), k.quickRatio()).stream().map(o -> o.map(BigDecimal::toPlainString).orElse("-")).toList())
                + " | " + k.ltv().map(BigDecimal::toPlainString).orElse("-") + (k.ltvCapped() ? " capped" : "") + " | " + k.netRevenue()
                + " " + k.oneTimeRevenue();
    }

    @Test
    void kpis_2024_and_firstHalfOf2025() {
        KpiPanel year = analytics(() -> analytics().kpis(AnalyticsQuery.of(d("2024-01-01"), d("2024-12-31"), Granularity.YEAR), null));
        // customers 0 -> 4 new (C1..C4), 1 churned (C3, delinquent; its pause was not churn) -> 3; MRR 0 -> 400.00
        // ARPA 400 / 3 = 133.33; no MRR at the start: no churn rates, LTV capped at 60 x 133.33 = 7999.80
        // quick ratio (430 + 110 + 0) / (90 + 50) = 3.8571; revenue 100 + 100 + 2400 + 2000 CZK x 0.04 + 26.67 = 2706.67
        assertEquals("0 4 1 0 3 | 4800.00 133.33 | - - - - - 3.8571 | 7999.80 capped | 2706.67 26.67", kpis(year.total()));
        assertEquals("2024-01-01 2024-12-31 | 0.00 | 430.00 110.00 -90.00 0.00 -50.00 0.00 0.00 0.00 | 400.00 | 3", line(year.total().mrr()));
        assertEquals(kpis(year.total()), kpis(year.periods().get(0)));
        KpiPanel half = analytics(() -> analytics().kpis(AnalyticsQuery.of(d("2025-01-01"), d("2025-06-30"), Granularity.QUARTER),
                new BigDecimal("0.8")));
        // customers 3 (C1, C2, C4) + 1 new (C5) - 1 churned (C2) + 1 reactivated (C3) = 4; MRR 400.00 -> 352.00 (CZK now 82.00)
        // logo churn 1/3; gross MRR churn 210/400; net (210 - 60)/400; NRR (400 + 60 - 210)/400; GRR (400 - 210)/400;
        // quick (100 + 60)/210; LTV 88.00 x 0.8 / (210/400 x 30.4375/181 days) = 70.4 x 72400 / 6391.875 = 797.41
        assertEquals("3 1 1 1 4 | 4224.00 88.00 | 0.3333 0.5250 0.3750 0.6250 0.4750 0.7619 | 797.41 | 0.00 0.00", kpis(half.total()));
        assertEquals("2025-01-01 2025-06-30 | 400.00 | 100.00 0.00 0.00 -210.00 0.00 60.00 0.00 2.00 | 352.00 | 4", line(half.total().mrr()));
        // Q1: 3 + 1 - 1 + 1 = 4; MRR 400 -> 362, ARPA 90.50; LTV 90.50 x 0.8 / (200/400 x 30.4375/90) = 72.4 x 36000 / 6087.5 = 428.16
        // Q2: 4 -> 4, 362 -> 352 (sub6 churned, C5 stays with sub5); LTV 70.4 / (10/362 x 30.4375/91) = 7619.x: capped at 60 x 70.4
        assertEquals("3 1 1 1 4 | 4344.00 90.50 | 0.3333 0.5000 0.3500 0.6500 0.5000 0.8000 | 428.16 | 0.00 0.00", kpis(half.periods().get(0)));
        assertEquals("4 0 0 0 4 | 4224.00 88.00 | 0.0000 0.0276 0.0276 0.9724 0.9724 0.0000 | 4224.00 capped | 0.00 0.00",
                kpis(half.periods().get(1)));
    }

    private static String cohort(CohortTable.Cohort c) {
        return c.start() + " x" + c.customers() + ": " + c.cells().stream().map(x -> x.active() + "/" + x.activeShare() + "/" + x.mrr()
                + "/" + x.netMrrRetention().map(BigDecimal::toPlainString).orElse("-")).collect(Collectors.joining(" "));
    }

    @Test
    void cohorts_byQuarter_shareActiveAndNetMrrRetention() {
        List<String> got = analytics(() -> analytics().cohorts(AnalyticsQuery.of(d("2024-01-01"), d("2025-06-30"), Granularity.QUARTER)))
                .cohorts().stream().map(AnalyticsScenarioTest::cohort).toList();
        assertEquals(List.of(
                // C1, C2, C3: quarter ends 100+200+50 | 160+200+0 (paused) | 120+200+50 | 120+200 (C3 churned) | 120+60 | 120+60
                "2024-01-01 x3: 3/1.0000/350.00/1.0000 3/1.0000/360.00/1.0286 3/1.0000/370.00/1.0571 2/0.6667/320.00/0.9143"
                        + " 2/0.6667/180.00/0.5143 2/0.6667/180.00/0.5143",
                // C4: 80 EUR, then 2000 CZK at 0.04 in 2024 and 0.041 in 2025
                "2024-04-01 x1: 1/1.0000/80.00/1.0000 1/1.0000/80.00/1.0000 1/1.0000/80.00/1.0000 1/1.0000/82.00/1.0250 1/1.0000/82.00/1.0250",
                // C5: 90 + 10, then sub6 churned
                "2025-01-01 x1: 1/1.0000/100.00/1.0000 1/1.0000/90.00/0.9000"), got);
        List<String> months = analytics(() -> analytics().cohorts(AnalyticsQuery.of(d("2024-03-01"), d("2024-03-31"), Granularity.MONTH)))
                .cohorts().stream().map(AnalyticsScenarioTest::cohort).toList();
        assertEquals(List.of("2024-03-01 x1: 1/1.0000/50.00/1.0000"), months);
    }

    /** "customer active mrr mrrPeriod0 documents" */
    private static String member(CohortCustomer c) {
        return c.customerId() + " " + (c.active() ? "active" : "gone") + " " + c.currency() + " " + c.mrr() + " " + c.mrrPeriod0() + " "
                + String.join(",", c.documentNos());
    }

    @Test
    void cohortCell_opensToItsCustomers_whoAddUpToTheCell() {
        AnalyticsQuery quarters = AnalyticsQuery.of(d("2024-01-01"), d("2025-06-30"), Granularity.QUARTER);
        // 2024-Q1 at the end of 2024-Q4 (period 3): C1 120 (upgraded, backdated expansion, downgraded), C2 200, C3 churned;
        // at the end of period 0: C1 100, C2 200, C3 50 - the cell 2 active, 320.00, of 350.00
        assertEquals(List.of("1 active EUR 120.00 100.00 A-" + sub1, "2 active EUR 200.00 200.00 A-" + sub2,
                "3 gone EUR 0.00 50.00 A-" + sub3), analytics(() -> analytics().cohortCustomers(new CohortDrillDown(quarters,
                        d("2024-01-01"), 3, 100, 0))).stream().map(AnalyticsScenarioTest::member).toList());
        // any day of the quarter names it; C3 is back in 2025-Q1 (reactivated 60), C2 churned on 2025-01-31
        assertEquals(List.of("1 active EUR 120.00 100.00 A-" + sub1, "2 gone EUR 0.00 200.00 A-" + sub2,
                "3 active EUR 60.00 50.00 A-" + sub3), analytics(() -> analytics().cohortCustomers(new CohortDrillDown(quarters,
                        d("2024-02-29"), 4, 100, 0))).stream().map(AnalyticsScenarioTest::member).toList());
        // C4 in CZK since 2024-10-01: 2,000 CZK at 0.041 = 82.00 at the end of 2025-Q1, 80.00 EUR at the end of 2024-Q2
        assertEquals(List.of("4 active EUR 82.00 80.00 A-" + sub4), analytics(() -> analytics().cohortCustomers(new CohortDrillDown(
                quarters, d("2024-04-01"), 3, 100, 0))).stream().map(AnalyticsScenarioTest::member).toList());
        // paging: the second customer of 2024-Q1 only
        assertEquals(List.of("2 active EUR 200.00 200.00 A-" + sub2), analytics(() -> analytics().cohortCustomers(new CohortDrillDown(
                quarters, d("2024-01-01"), 3, 1, 1))).stream().map(AnalyticsScenarioTest::member).toList());
        // every cell of the table adds up
        for (CohortTable.Cohort c : analytics(() -> analytics().cohorts(quarters)).cohorts()) {
            for (CohortTable.Cell cell : c.cells()) {
                List<CohortCustomer> got = analytics(() -> analytics().cohortCustomers(new CohortDrillDown(quarters, c.start(), cell.index(),
                        1000, 0)));
                assertEquals(c.customers(), got.size());
                assertEquals(cell.active(), got.stream().filter(CohortCustomer::active).count(), c.start() + " " + cell.index());
                assertEquals(cell.mrr(), got.stream().map(CohortCustomer::mrr).reduce(BigDecimal.ZERO, BigDecimal::add));
            }
        }
    }

    private static List<String> customers(AnalyticsQuery q, CustomerDrillDown.Kind kind) {
        return analytics(() -> analytics().customers(new CustomerDrillDown(q, kind, 100, 0))).stream()
                .map(l -> l.date() + " " + l.customerId() + " " + String.join(",", l.documentNos())).toList();
    }

    @Test
    void customerCounts_openToTheCustomersBehindThem() {
        AnalyticsQuery half = AnalyticsQuery.of(d("2025-01-01"), d("2025-06-30"), Granularity.QUARTER);
        // as kpis_2024_and_firstHalfOf2025: 3 + 1 new (C5) - 1 churned (C2) + 1 reactivated (C3) = 4
        assertEquals(List.of("2025-06-30 1 A-" + sub1, "2025-06-30 3 A-" + sub3, "2025-06-30 4 A-" + sub4, "2025-06-30 5 A-" + sub5),
                customers(half, CustomerDrillDown.Kind.ACTIVE), "sub6 churned on 2025-05-31; C5 stays with sub5");
        assertEquals(List.of("2025-02-10 5 A-" + sub5 + ",A-" + sub6), customers(half, CustomerDrillDown.Kind.NEW));
        assertEquals(List.of("2025-01-31 2 A-" + sub2), customers(half, CustomerDrillDown.Kind.CHURNED));
        assertEquals(List.of("2025-03-01 3 A-" + sub3), customers(half, CustomerDrillDown.Kind.REACTIVATED));
        AnalyticsQuery year = AnalyticsQuery.of(d("2024-01-01"), d("2024-12-31"), Granularity.YEAR);
        assertEquals(List.of("2024-01-10 1 A-" + sub1, "2024-02-01 2 A-" + sub2, "2024-03-05 3 A-" + sub3, "2024-05-20 4 A-" + sub4),
                customers(year, CustomerDrillDown.Kind.NEW));
        // C3's pause (2024-06-01) keeps it a customer; its delinquent close churns it
        assertEquals(List.of("2024-11-30 3 A-" + sub3), customers(year, CustomerDrillDown.Kind.CHURNED));
        // per currency: the transfer moves C4 from EUR to CZK on 2024-10-01
        assertEquals(List.of("2024-10-01 4 A-" + sub4, "2024-11-30 3 A-" + sub3), customers(year.withCurrency("EUR"),
                CustomerDrillDown.Kind.CHURNED));
        assertEquals(List.of("2024-10-01 4 A-" + sub4), customers(year.withCurrency("CZK"), CustomerDrillDown.Kind.NEW));
        // per plan: C1's upgrade moves it from M to Q on 2024-04-01
        assertEquals(List.of("2024-04-01 1 A-" + sub1), customers(year.withTemplate(q), CustomerDrillDown.Kind.NEW));
        assertEquals(List.of("2024-04-01 1 A-" + sub1, "2024-11-30 3 A-" + sub3), customers(year.withTemplate(m), CustomerDrillDown.Kind.CHURNED));
    }

    private static String group(AnalyticsGroup g) {
        return g.key() + " " + g.label() + " | " + g.mrrStart() + " | " + mv(g.movements()) + " | " + g.mrrEnd() + " | " + g.subscriptions();
    }

    /**
     * sub1's upgrade from M (100.00) to Q (150.00) on 2024-04-01: the 100.00 it had moves from M to Q as a plan transfer,
     * and the 50.00 it adds is Q's expansion (decision 0053); so M's row is 150 new + 50 (sub3's resume) expansion - 50
     * pause - 50 delinquent churn - 100 transferred out = 0, and Q's 100 transferred in + 60 expansion (50 + the backdated
     * 10) - 40 contraction = 120. The transfers net to zero in the total.
     */
    @Test
    void breakdownByPlan_movesTheMrrOfAnUpgradeToTheNewPlan_andItsIncreaseIsTheNewPlansExpansion() {
        Breakdown b = analytics(() -> analytics().breakdown(AnalyticsQuery.of(d("2024-01-01"), d("2024-12-31"), Granularity.MONTH),
                Breakdown.Dimension.PLAN));
        List<String> got = b.groups().stream().map(g -> g.key() + " | " + g.mrrStart() + " | " + mv(g.movements()) + " | PT "
                + g.movements().planTransfer() + " | " + g.mrrEnd() + " | " + g.subscriptions()).toList();
        assertEquals(List.of(
                m + " | 0.00 | 150.00 50.00 -50.00 0.00 -50.00 0.00 0.00 0.00 | PT -100.00 | 0.00 | 0",
                q + " | 0.00 | 0.00 60.00 -40.00 0.00 0.00 0.00 0.00 0.00 | PT 100.00 | 120.00 | 1",
                y + " | 0.00 | 200.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 | PT 0.00 | 200.00 | 1",
                a + " | 0.00 | 80.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 | PT 0.00 | 80.00 | 1"), got);
        Breakdown cur = analytics(() -> analytics().breakdown(AnalyticsQuery.of(d("2024-01-01"), d("2024-12-31"), Granularity.MONTH),
                Breakdown.Dimension.CURRENCY));
        assertEquals(List.of("EUR EUR | 0.00 | 430.00 110.00 -90.00 0.00 -50.00 0.00 -80.00 0.00 | 320.00 | 2",
                "CZK CZK | 0.00 | 0.00 0.00 0.00 0.00 0.00 0.00 80.00 0.00 | 80.00 | 1"), cur.groups().stream().map(AnalyticsScenarioTest::group).toList());
    }

    @Test
    void churn_byReasonPlanAndAge_andTheDrillDownShowsTheEntries() {
        ChurnAnalysis c = analytics(() -> analytics().churn(AnalyticsQuery.of(d("2024-01-01"), d("2025-06-30"), Granularity.MONTH)));
        assertEquals(List.of("  | 0.00 -50.00 | 1", tooExpensive + " Too expensive | -200.00 0.00 | 1", missingFeature
                + " Missing feature | -10.00 0.00 | 1"), c.byReason().stream().map(g -> g.key() + " " + g.label() + " | "
                + g.movements().churnVoluntary() + " " + g.movements().churnDelinquent() + " | " + g.subscriptions()).toList());
        assertEquals(List.of(m + " | -10.00 -50.00 | 2", y + " | -200.00 0.00 | 1"), c.byPlan().stream().map(g -> g.key() + " | "
                + g.movements().churnVoluntary() + " " + g.movements().churnDelinquent() + " | " + g.subscriptions()).toList());
        // ages: sub3 2024-03-05 -> 2024-11-30 8 months, sub2 2024-02-01 -> 2025-01-31 11 months, sub6 2025-02-10 -> 05-31 3 months
        assertEquals(List.of("0-3m | 0.00 0.00 | 0", "3-6m | -10.00 0.00 | 1", "6-12m | -200.00 -50.00 | 2", "12-24m | 0.00 0.00 | 0",
                "24m+ | 0.00 0.00 | 0"), c.byAge().stream().map(g -> g.key() + " | " + g.movements().churnVoluntary() + " "
                + g.movements().churnDelinquent() + " | " + g.subscriptions()).toList());
        AnalyticsQuery all = AnalyticsQuery.of(d("2024-01-01"), d("2025-06-30"), Granularity.MONTH);
        List<LedgerLine> reason = analytics(() -> analytics().entries(new DrillDown(all, Optional.of(ChangeType.CHURN), Optional.empty(),
                Optional.of(tooExpensive), Optional.empty(), 10, 0)));
        assertEquals(List.of(sub2 + " 2025-01-31 CHURN 200.00 0.00 -200.00 Too expensive: moved to a cheaper tool"), reason.stream()
                .map(l -> l.subscriptionId() + " " + l.date() + " " + l.type() + " " + l.mrrBefore() + " " + l.mrrAfter() + " "
                        + l.movement() + " " + l.closeReason().orElse("")).toList());
        // the downgrade's movement is measured from the backdated expansion (160), not from its stored "before" (150)
        List<LedgerLine> september = analytics(() -> analytics().entries(new DrillDown(AnalyticsQuery.of(d("2024-09-01"), d("2024-09-30"),
                Granularity.MONTH).withTemplate(q), Optional.of(ChangeType.CONTRACTION), Optional.empty(), Optional.empty(), Optional.empty(), 10, 0)));
        assertEquals(List.of(sub1 + " 160.00 120.00 -40.00"), september.stream().map(l -> l.subscriptionId() + " " + l.mrrBefore() + " "
                + l.mrrAfter() + " " + l.movement()).toList());
        // the upgrade shows under the plan it left too, with no movement of M's own there; as a plan transfer -100.00 out of M
        // and +100.00 into Q; as Q's expansion +50.00 (and not as M's)
        AnalyticsQuery april = AnalyticsQuery.of(d("2024-04-01"), d("2024-04-30"), Granularity.MONTH);
        java.util.function.Function<DrillDown, List<String>> lines = dd -> analytics(() -> analytics().entries(dd)).stream()
                .map(l -> l.subscriptionId() + " " + l.type() + " " + l.mrrBefore() + " " + l.mrrAfter() + " " + l.movement()).toList();
        assertEquals(List.of(sub1 + " EXPANSION 100.00 150.00 0.00"), lines.apply(DrillDown.of(april.withTemplate(m))));
        assertEquals(List.of(sub1 + " EXPANSION 100.00 150.00 -100.00"), lines.apply(new DrillDown(april.withTemplate(m),
                Optional.of(ChangeType.PLAN_TRANSFER), Optional.empty(), Optional.empty(), Optional.empty(), 10, 0)));
        assertEquals(List.of(sub1 + " EXPANSION 100.00 150.00 100.00"), lines.apply(new DrillDown(april.withTemplate(q),
                Optional.of(ChangeType.PLAN_TRANSFER), Optional.empty(), Optional.empty(), Optional.empty(), 10, 0)));
        assertEquals(List.of(sub1 + " EXPANSION 100.00 150.00 50.00"), lines.apply(new DrillDown(april.withTemplate(q),
                Optional.of(ChangeType.EXPANSION), Optional.empty(), Optional.empty(), Optional.empty(), 10, 0)));
        assertEquals(List.of(), lines.apply(new DrillDown(april.withTemplate(m), Optional.of(ChangeType.EXPANSION), Optional.empty(),
                Optional.empty(), Optional.empty(), 10, 0)));
    }

    @Test
    void badInput_namesTheFieldAndTheValue_andWritesNothing() {
        long queued = count("SELECT COUNT(*) FROM SUB_AnalyticsQueue");
        long deltas = count("SELECT COUNT(*) FROM SUB_AnalyticsDelta");
        w.entry(sub1, "2025-06-30", ChangeType.EXPANSION, "120.00", "120.00", EUR, false); // queued, not yet refreshed
        AnalyticsService s = analytics();
        assertRefused("to", "2124-01-01", () -> s.mrrSeries(AnalyticsQuery.of(d("2024-01-01"), d("2124-01-01"), Granularity.MONTH)));
        assertRefused("to", "2023-01-01", () -> s.kpis(AnalyticsQuery.of(d("2024-01-01"), d("2023-01-01"), Granularity.MONTH), null));
        assertRefused("templateId", "999999999", () -> s.breakdown(AnalyticsQuery.of(d("2024-01-01"), d("2024-12-31"), Granularity.MONTH)
                .withTemplate(999_999_999L), Breakdown.Dimension.PLAN));
        assertRefused("currency", "XYZ", () -> s.mrrSeries(AnalyticsQuery.of(d("2024-01-01"), d("2024-12-31"), Granularity.MONTH).withCurrency("XYZ")));
        assertRefused("granularity", "WEEK", () -> s.cohorts(AnalyticsQuery.of(d("2024-01-01"), d("2024-12-31"), Granularity.WEEK)));
        AnalyticsQuery quarters = AnalyticsQuery.of(d("2024-01-01"), d("2025-06-30"), Granularity.QUARTER);
        assertRefused("cohort", "2023-12-31", () -> s.cohortCustomers(new CohortDrillDown(quarters, d("2023-12-31"), 0, 10, 0)));
        assertRefused("cohort", "2025-07-01", () -> s.cohortCustomers(new CohortDrillDown(quarters, d("2025-07-01"), 0, 10, 0)));
        assertRefused("period", "6", () -> s.cohortCustomers(new CohortDrillDown(quarters, d("2024-01-01"), 6, 10, 0)));
        assertRefused("period", "-1", () -> s.cohortCustomers(new CohortDrillDown(quarters, d("2024-01-01"), -1, 10, 0)));
        assertRefused("granularity", "YEAR", () -> s.cohortCustomers(new CohortDrillDown(AnalyticsQuery.of(d("2024-01-01"),
                d("2025-06-30"), Granularity.YEAR), d("2024-01-01"), 0, 10, 0)));
        assertRefused("limit", "1001", () -> s.cohortCustomers(new CohortDrillDown(quarters, d("2024-01-01"), 0, 1001, 0)));
        assertRefused("limit", "0", () -> s.customers(new CustomerDrillDown(quarters, CustomerDrillDown.Kind.NEW, 0, 0)));
        assertRefused("offset", "-1", () -> s.customers(new CustomerDrillDown(quarters, CustomerDrillDown.Kind.NEW, 10, -1)));
        assertRefused("to", "2124-01-01", () -> s.customers(new CustomerDrillDown(AnalyticsQuery.of(d("2024-01-01"), d("2124-01-01"),
                Granularity.MONTH), CustomerDrillDown.Kind.ACTIVE, 10, 0)));
        SubscriptionException range = assertThrows(SubscriptionException.class, () -> analytics(() -> s.mrrSeries(AnalyticsQuery.of(
                d("2024-01-01"), d("2124-01-01"), Granularity.MONTH))));
        assertEquals(true, range.getMessage().contains("from 2024-01-01") && range.getMessage().contains("to 2034-01-01"),
                "the message names the days allowed: " + range.getMessage());
        assertRefused("grossMargin", "1.5", () -> s.kpis(AnalyticsQuery.of(d("2024-01-01"), d("2024-12-31"), Granularity.MONTH), new BigDecimal("1.5")));
        assertEquals(queued + 1, count("SELECT COUNT(*) FROM SUB_AnalyticsQueue"), "nothing refreshed");
        assertEquals(deltas, count("SELECT COUNT(*) FROM SUB_AnalyticsDelta"), "nothing written");
    }

    private static void assertRefused(String field, String value, Runnable call) {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> analytics(() -> {
            call.run();
            return null;
        }));
        assertEquals(ErrorCode.Kind.INVALID, e.code().kind(), e.getMessage());
        assertEquals(true, e.getMessage().contains(field) && e.getMessage().contains(value), e.getMessage());
    }
}
