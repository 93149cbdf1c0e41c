package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.AnalyticsWorld.CZK;
import static org.idempiere.subscription.tests.AnalyticsWorld.EUR;
import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.d;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.service.RevenueBalance;
import org.idempiere.subscription.api.service.RevenueItem;
import org.idempiere.subscription.api.service.RevenueMonth;
import org.idempiere.subscription.api.service.RevenueService;
import org.junit.jupiter.api.Test;

/**
 * The revenue drill-down and balances in a reporting currency (a tenant of its own: CZK at 0.041 EUR from 2025 on). Three
 * CZK periods of 1,000.00 and one EUR period of 100.00, each 2025-01-10..2025-02-09 (31 days), invoiced on their first
 * day. January earns 22 days: round(1000 x 22/31) = 709.68 CZK each (29.09688 EUR), 70.97 EUR; deferred 290.32 CZK each
 * (11.90312 EUR), 29.03 EUR.
 *
 * <pre>
 *  schedule, January, in EUR: invoiced 3,000.00 x 0.041 = 123.00 + 100.00 = 223.00; recognized 2,129.04 x 0.041 = 87.29
 *                             + 70.97 = 158.26; deferred 870.96 x 0.041 = 35.71 + 29.03 = 64.74
 *  items: recognized 29.09 x 3 = 87.27, 2 cents to the largest remainders (equal: the first two) 29.10 29.10 29.09;
 *         deferred 11.90 x 3 = 35.70, 1 cent to the first: 11.91 11.90 11.90
 *  balances at 2025-01-31: invoiced 123.00 + 100.00, deferred 35.71 + 29.03, recognized 223.00 - 64.74 = 158.26
 * </pre>
 */
class RevenueReportingTest {

    @Test
    void itemsAndBalances_inAReportingCurrency_addUpToTheConvertedSchedule() {
        AnalyticsWorld w = AnalyticsWorld.create();
        long plan = w.plan("R", Recurrence.monthly(), BillingTiming.IN_ADVANCE);
        long[] czk = {w.subscription(1, plan, CZK, "2025-01-10"), w.subscription(1, plan, CZK, "2025-01-10"),
            w.subscription(1, plan, CZK, "2025-01-10")};
        long eur = w.subscription(2, plan, EUR, "2025-01-10");
        long run = 9_300_000 + w.tenant.clientId();
        w.sql("INSERT INTO SUB_BillingRun (SUB_BillingRun_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, AsOfDate, DateStarted)"
                + " VALUES (?, ?, ?, 100, 100, ?, now())", run, w.tenant.clientId(), w.tenant.orgId(), d("2025-01-10"));
        long id = 9_400_000 + w.tenant.clientId() * 10;
        for (Object[] item : new Object[][] {{czk[0], "1000.00", CZK}, {czk[1], "1000.00", CZK}, {czk[2], "1000.00", CZK}, {eur, "100.00", EUR}}) {
            w.sql("INSERT INTO SUB_BillingItem (SUB_BillingItem_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, SUB_Subscription_ID,"
                    + " SUB_BillingRun_ID, PeriodStart, PeriodEnd, C_Invoice_ID, LineNetAmt, C_Currency_ID) VALUES (?, ?, ?, 100, 100, ?, ?,"
                    + " ?, ?, ?, ?, ?)", id++, w.tenant.clientId(), w.tenant.orgId(), item[0], run, d("2025-01-10"), d("2025-02-09"), id,
                    new BigDecimal((String) item[1]), item[2]);
        }
        RevenueService revenue = service(RevenueService.class);
        YearMonth jan = YearMonth.parse("2025-01");
        RevenueMonth month = w.as(() -> revenue.schedule(jan, jan, Optional.empty(), Optional.empty(), Optional.of("EUR"))).get(0);
        assertEquals("223.00 158.26 64.74", month.invoiced() + " " + month.recognized() + " " + month.deferredEnd());

        List<RevenueItem> items = w.as(() -> revenue.items(jan, Optional.empty(), Optional.empty(), Optional.of("EUR")));
        assertEquals(List.of("EUR 41.00 41.00 29.10 11.91", "EUR 41.00 41.00 29.10 11.90", "EUR 41.00 41.00 29.09 11.90",
                "EUR 100.00 100.00 70.97 29.03"), items.stream().map(i -> i.currency() + " " + i.amount() + " " + i.invoicedInMonth()
                        + " " + i.recognizedInMonth() + " " + i.deferredEnd()).toList());
        assertEquals(month.invoiced() + " " + month.recognized() + " " + month.deferredEnd(), String.join(" ",
                sum(items, RevenueItem::invoicedInMonth), sum(items, RevenueItem::recognizedInMonth), sum(items, RevenueItem::deferredEnd)),
                "the items add up to the schedule's converted figures");
        assertEquals(List.of("CZK 709.68", "CZK 709.68", "CZK 709.68", "EUR 70.97"), w.as(() -> revenue.items(jan, Optional.empty(),
                Optional.empty())).stream().map(i -> i.currency() + " " + i.recognizedInMonth()).toList(), "without: each in its own");

        List<RevenueBalance> balances = w.as(() -> revenue.balances(d("2025-01-31"), Optional.empty(), Optional.of("EUR")));
        assertEquals(List.of("EUR 223.00 158.26 64.74 0.00"), balances.stream().map(b -> b.currency() + " " + b.invoiced() + " "
                + b.recognized() + " " + b.deferred() + " " + b.unbilled()).toList());
        assertEquals(List.of("EUR 123.00 87.29 35.71 0.00"), w.as(() -> revenue.balances(d("2025-01-31"), Optional.of("CZK"),
                Optional.of("EUR"))).stream().map(b -> b.currency() + " " + b.invoiced() + " " + b.recognized() + " " + b.deferred() + " "
                        + b.unbilled()).toList(), "only CZK, in EUR");
    }

    private static String sum(List<RevenueItem> items, java.util.function.Function<RevenueItem, BigDecimal> column) {
        return items.stream().map(column).reduce(new BigDecimal("0.00"), BigDecimal::add).toPlainString();
    }

    @Test
    void anUnknownReportingCurrency_isRefusedNamingIt_onTheItemsAndBalancesRoutes() throws Exception {
        long before = count("SELECT (SELECT COUNT(*) FROM sub_billingitem) + (SELECT COUNT(*) FROM sub_changelog)");
        // XXX is an ISO 4217 code the host has no currency for; QQQ is none
        for (String[] bad : new String[][] {{"XXX", "UNKNOWN_REFERENCE"}, {"QQQ", "INVALID_VALUE"}}) {
            for (String path : List.of("/revenue/items?month=2026-01", "/revenue/items.csv?month=2026-01", "/revenue/balances?date=2026-01-31",
                    "/revenue/balances.csv?date=2026-01-31")) {
                Api.Answer a = Api.call("GET", path + "&reportingCurrency=" + bad[0], null);
                assertEquals(400, a.status(), path + " -> " + a.text());
                assertEquals(bad[1], a.body().path("code").asText(), a.text());
                assertEquals("reportingCurrency", a.body().path("field").asText(), a.text());
                assertEquals(bad[0], a.body().path("value").asText(), a.text());
            }
        }
        // in the tenant's own currency: the CSV of the items and the balances, converted into EUR from EUR only
        Api.Answer items = Api.call("GET", "/revenue/items.csv?month=2026-01&currency=EUR", null);
        assertEquals(items.text(), Api.call("GET", "/revenue/items.csv?month=2026-01&currency=EUR&reportingCurrency=EUR", null).text());
        Api.Answer balances = Api.call("GET", "/revenue/balances.csv?date=2026-01-31&currency=EUR&reportingCurrency=EUR", null);
        assertEquals(200, balances.status(), balances.text());
        assertEquals(Api.call("GET", "/revenue/balances.csv?date=2026-01-31&currency=EUR", null).text(), balances.text());
        assertEquals("date,currency,invoiced,recognized,deferred,unbilled", balances.text().split("\r\n")[0]);
        assertEquals(before, count("SELECT (SELECT COUNT(*) FROM sub_billingitem) + (SELECT COUNT(*) FROM sub_changelog)"));
    }
}
