package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.ChangesTest.nextMonthOf;
import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.ForecastService;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.RevenueBalance;
import org.idempiere.subscription.api.service.RevenueService;
import org.idempiere.subscription.api.service.Segment;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Revenue recognition and the forecast filtered by plan, product, country, region and sales representative, through
 * the engine and the sandbox's invoices, every figure by hand.
 *
 * <pre>
 * M a 31-day month, N the next. Products X 31.00 and Y 62.00; plans A (no default lines) and B (X + Y), monthly in advance.
 *   S1 on A, a customer in SK, sales representative R, X + Y: invoiced on M1 for M: 93.00 (X 31.00, Y 62.00)
 *   S2 on A, a customer in CZ, X:                              invoiced on M1 for M: 31.00, on N1 for N: 31.00
 *   N1: S1 changes to B (same MRR) and is invoiced for N on B: 93.00
 *   N5: S1's invoice for M is voided in the host: its reversal (-93.00; X -31.00) recognizes -93.00 in N
 * Plan A by the plan of the days: M invoiced 124.00 (S1's M was on A), N invoiced 31.00, adjusted -93.00 (the reversal
 * of a period on A, although S1 is on B now), recognized 31.00 - 93.00 = -62.00. Plan B: N 93.00.
 * Product X on A: M 31.00 + 31.00; N invoiced 31.00, adjusted -31.00, recognized 0.00 — each item's X invoice lines.
 * </pre>
 */
class RevenueSegmentTest {
    private static LocalDate m;
    private static LocalDate n;
    private static long x;
    private static long y;
    private static long a;
    private static long b;
    private static long rep;
    private static long voided;
    private static Subscription s1;
    private static Subscription s2;

    private static LineDraft line(long product) {
        return new LineDraft(product, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO);
    }

    private static long plan(List<LineDraft> defaults) {
        return service(TemplateService.class).create(new TemplateDraft(unique("Segment plan"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE, defaults)).id();
    }

    @BeforeAll
    static void invoicedAndVoided() throws Exception {
        m = nextMonthOf(31);
        n = m.plusMonths(1);
        clockTo(m);
        x = product("31.00");
        y = product("62.00");
        a = plan(List.of());
        b = plan(List.of(line(x), line(y)));
        rep = service(MasterData.class).createSalesRep(unique("Rep"), Optional.empty()).id();
        SubscriptionService subscriptions = service(SubscriptionService.class);
        s1 = subscriptions.create(new SubscriptionDraft(a, customer("SK"), "EUR", m, Optional.empty(), List.of(line(x), line(y))));
        s2 = subscriptions.create(new SubscriptionDraft(a, customer("CZ"), "EUR", m, Optional.empty(), List.of(line(x))));
        rows("UPDATE sub_subscription SET salesrep_id = ? WHERE sub_subscription_id = ? RETURNING sub_subscription_id", rep, s1.id());
        BillingService billing = service(BillingService.class);
        billing.run(m, new BillingScope(Optional.of(a), Optional.empty()));
        voided = Long.parseLong(rows("SELECT c_invoice_id FROM sub_billingitem WHERE sub_subscription_id = ?", s1.id()).get(0));
        clockTo(n);
        subscriptions.change(s1.id(), new ChangeDraft(Optional.of(n), Optional.of(b), List.of()));
        billing.run(n, new BillingScope(Optional.of(a), Optional.empty()));
        billing.run(n, new BillingScope(Optional.of(b), Optional.empty()));
        assertEquals(List.of(m + "|93.00", n + "|93.00"), rows("SELECT periodstart, linenetamt FROM sub_billingitem"
                + " WHERE sub_subscription_id = ? ORDER BY periodstart", s1.id()));
        clockTo(n.plusDays(4));
        Api.Answer reversed = Api.call("POST", "/sandbox/invoices/" + voided + "/reverse", "{\"date\":\"" + n.plusDays(4) + "\"}");
        assertEquals(200, reversed.status(), reversed.text());
    }

    /** "month invoiced adjusted recognized deferredEnd" of the EUR schedule of M and N. */
    private static List<String> schedule(Optional<Long> plan, Segment segment) {
        return service(RevenueService.class).schedule(YearMonth.from(m), YearMonth.from(n), Optional.of("EUR"), plan, Optional.empty(),
                segment).stream().map(r -> r.month() + " " + r.invoiced() + " " + r.adjusted() + " " + r.recognized() + " "
                        + r.deferredEnd()).toList();
    }

    @Test
    void planFilter_takesThePlanOfTheInvoicedDays_andAReversalThePlanOfThePeriodItReverses() {
        assertEquals(List.of(YearMonth.from(m) + " 124.00 0.00 124.00 0.00", YearMonth.from(n) + " 31.00 -93.00 -62.00 0.00"),
                schedule(Optional.of(a), Segment.ALL));
        assertEquals(List.of(YearMonth.from(n) + " 93.00 0.00 93.00 0.00"), schedule(Optional.of(b), Segment.ALL).stream()
                .filter(r -> r.startsWith(YearMonth.from(n).toString())).toList());
        assertEquals(List.of("PERIOD " + s2.id() + " 31.00", "REVERSAL " + s1.id() + " -93.00"), service(RevenueService.class)
                .items(YearMonth.from(n), Optional.of("EUR"), Optional.of(a)).stream().map(i -> i.kind() + " " + i.subscriptionId() + " "
                        + i.amount()).toList());

        // net revenue by plan: the reversal lowers A's, where the period's revenue was counted
        AnalyticsQuery inN = AnalyticsQuery.of(n.withDayOfMonth(1), n.withDayOfMonth(n.lengthOfMonth()), Granularity.MONTH).withCurrency("EUR");
        AnalyticsService analytics = service(AnalyticsService.class);
        assertEquals("-62.00 93.00", analytics.kpis(inN.withTemplate(a), null).total().netRevenue() + " "
                + analytics.kpis(inN.withTemplate(b), null).total().netRevenue());
        // the same within a segment, read from the invoiced periods and the reversals (S1's customer is in SK)
        AnalyticsQuery inSk = inN.withSegment(Segment.ALL.withCountry("SK"));
        assertEquals("-93.00 93.00", analytics.kpis(inSk.withTemplate(a), null).total().netRevenue() + " "
                + analytics.kpis(inSk.withTemplate(b), null).total().netRevenue());
        String revenue = "SELECT SUB_Template_ID, SUM(FactAmt) FROM SUB_AnalyticsDelta WHERE FactKind = 'R' AND DateTrx = ?"
                + " AND SUB_Template_ID IN (?, ?) GROUP BY 1 ORDER BY 1";
        List<String> recorded = List.of(a + "|-93.00");
        assertEquals(recorded, rows(revenue, n.plusDays(4), a, b));
        analytics.rebuildRevenue();
        assertEquals(recorded, rows(revenue, n.plusDays(4), a, b), "rebuilt: the reversal under the plan of the days it reverses");
    }

    @Test
    void productFilter_takesEachItemsInvoiceLinesOfTheProduct() {
        assertEquals(List.of(YearMonth.from(m) + " 62.00 0.00 62.00 0.00", YearMonth.from(n) + " 31.00 -31.00 0.00 0.00"),
                schedule(Optional.of(a), Segment.ALL.withProduct(x)));
        assertEquals(List.of(YearMonth.from(m) + " 62.00 0.00 62.00 0.00", YearMonth.from(n) + " 0.00 -62.00 -62.00 0.00"),
                schedule(Optional.of(a), Segment.ALL.withProduct(y)));
        assertEquals(List.of("PERIOD " + s2.id() + " 31.00 31.00", "REVERSAL " + s1.id() + " -31.00 -31.00"), service(RevenueService.class)
                .items(YearMonth.from(n), Optional.of("EUR"), Optional.of(a), Optional.empty(), Segment.ALL.withProduct(x)).stream()
                .map(i -> i.kind() + " " + i.subscriptionId() + " " + i.amount() + " " + i.recognizedInMonth()).toList());
    }

    /*
     * Within a filter the balances reconcile with what the host invoiced within it: its invoice lines of the product on the
     * invoices of the plan's items (the voided invoice's reversal included, on its day). M15: 15 of 31 days of X's two
     * 31.00 recognized, 15.00 each.
     */
    @Test
    void balancesWithinAFilter_reconcileWithTheHostsInvoiceLinesOfTheProduct() {
        RevenueService revenue = service(RevenueService.class);
        RevenueBalance mid = revenue.balances(m.plusDays(14), Optional.of("EUR"), Optional.of(a), Optional.empty(),
                Segment.ALL.withProduct(x)).get(0);
        assertEquals("62.00 30.00 32.00 0.00", mid.invoiced() + " " + mid.recognized() + " " + mid.deferred() + " " + mid.unbilled());
        for (LocalDate day : List.of(m, m.plusDays(14), m.plusDays(30), n.plusDays(3), n.plusDays(4), n.withDayOfMonth(n.lengthOfMonth()))) {
            RevenueBalance bal = revenue.balances(day, Optional.of("EUR"), Optional.of(a), Optional.empty(), Segment.ALL.withProduct(x))
                    .get(0);
            // A's invoices: S1's for M (voided, then its reversal), S2's for M and N; not S1's for N (on B)
            BigDecimal host = new BigDecimal(rows("SELECT COALESCE(SUM(l.line_net), 0) FROM sbx_invoiceline l JOIN sbx_invoice i"
                    + " ON i.c_invoice_id = l.c_invoice_id WHERE l.m_product_id = ? AND i.date_invoiced <= ? AND (i.c_invoice_id = ?"
                    + " OR i.reversal_id = ? OR i.c_invoice_id IN (SELECT c_invoice_id FROM sub_billingitem WHERE sub_subscription_id = ?))",
                    x, day, voided, voided, s2.id()).get(0));
            assertEquals(0, host.compareTo(bal.invoiced()), day + ": " + bal + " against the host's " + host);
            assertEquals(bal.invoiced().subtract(bal.recognized()), bal.deferred().subtract(bal.unbilled()), day + ": " + bal);
        }
    }

    @Test
    void countryRegionAndSalesRep_takeTheSubscriptionsCurrentValues() {
        String mm = YearMonth.from(m).toString();
        assertEquals(mm + " 93.00 0.00 93.00 0.00", schedule(Optional.of(a), Segment.ALL.withCountry("sk")).get(0));
        assertEquals(mm + " 31.00 0.00 31.00 0.00", schedule(Optional.of(a), Segment.ALL.withRegion("CZ")).get(0));
        assertEquals(mm + " 93.00 0.00 93.00 0.00", schedule(Optional.of(a), Segment.ALL.withSalesRep(rep)).get(0));
        assertEquals(List.of(), schedule(Optional.of(a), Segment.ALL.withSalesRep(rep).withCountry("CZ")));
    }

    /* As of N5: S1 93.00 on B (X's share 31.00 by its lines' net, 31 of 93), S2 31.00 on A. */
    @Test
    void forecast_ofASegment_takesItsSubscriptions_andAProductsShare() {
        ForecastService forecasts = service(ForecastService.class);
        assertEquals("31.00 1", today(forecasts, b, Segment.ALL.withProduct(x)));
        assertEquals("62.00 1", today(forecasts, b, Segment.ALL.withProduct(y)));
        assertEquals("93.00 1", today(forecasts, b, Segment.ALL.withSalesRep(rep)));
        assertEquals("31.00 1", today(forecasts, a, Segment.ALL.withCountry("CZ")));
        assertEquals("0.00 0", today(forecasts, a, Segment.ALL.withCountry("SK")));
    }

    private static String today(ForecastService forecasts, long plan, Segment segment) {
        var f = forecasts.forecast(2, Optional.of("EUR"), 1, Optional.of(plan), Optional.empty(), segment);
        return f.mrrToday() + " " + f.customersToday();
    }

    @Test
    void badSegment_isRefusedNamingTheFieldAndTheValue_overTheApiToo() throws Exception {
        RevenueService revenue = service(RevenueService.class);
        assertRefused("productId", "999999999", () -> revenue.schedule(YearMonth.from(m), YearMonth.from(n), Optional.empty(),
                Optional.empty(), Optional.empty(), Segment.ALL.withProduct(999_999_999L)));
        assertRefused("country", "XX", () -> revenue.items(YearMonth.from(m), Optional.empty(), Optional.empty(), Optional.empty(),
                Segment.ALL.withCountry("XX")));
        assertRefused("salesRepId", "999999999", () -> revenue.balances(m, Optional.empty(), Optional.empty(), Optional.empty(),
                Segment.ALL.withSalesRep(999_999_999L)));
        assertRefused("templateId", "999999999", () -> revenue.balances(m, Optional.empty(), Optional.of(999_999_999L), Optional.empty(),
                Segment.ALL));
        assertRefused("region", "SK/Nowhere", () -> service(ForecastService.class).forecast(2, Optional.of("EUR"), 1, Optional.empty(),
                Optional.empty(), Segment.ALL.withRegion("SK/Nowhere")));
        Map<String, String> before = Sandbox.contents(Sandbox.READ_PATH_TABLES);
        String months = "from=" + YearMonth.from(m) + "&to=" + YearMonth.from(n);
        AnalyticsHttpTest.problem("/revenue/schedule?" + months + "&productId=999999999", "productId", "999999999");
        AnalyticsHttpTest.problem("/revenue/items.csv?month=" + YearMonth.from(m) + "&country=XX", "country", "XX");
        AnalyticsHttpTest.problem("/revenue/balances?date=" + m + "&salesRepId=999999999", "salesRepId", "999999999");
        AnalyticsHttpTest.problem("/forecast?months=2&region=SK/Nowhere", "region", "SK/Nowhere");
        AnalyticsHttpTest.problem("/forecast/known.csv?month=" + YearMonth.from(n) + "&productId=0", "productId", "0");
        assertEquals(before, Sandbox.contents(Sandbox.READ_PATH_TABLES), "nothing written");
        Api.Answer ok = Api.call("GET", "/revenue/schedule?" + months + "&currency=EUR&templateId=" + a + "&productId=" + x, null);
        assertEquals(200, ok.status(), ok.text());
        assertEquals(String.valueOf(x), ok.body().path("productId").asText());
        assertEquals(0, new BigDecimal("62.00").compareTo(ok.body().path("months").get(0).path("invoiced").decimalValue()), ok.text());
    }

    private static void assertRefused(String field, String value, org.junit.jupiter.api.function.Executable call) {
        SubscriptionException e = assertThrows(SubscriptionException.class, call);
        assertEquals(Optional.of(field), e.field(), e.getMessage());
        assertEquals(Optional.of(value), e.value(), e.getMessage());
    }
}
