package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeStatus;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.ForecastMonth;
import org.idempiere.subscription.api.service.ForecastMove;
import org.idempiere.subscription.api.service.ForecastService;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.MrrForecast;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionChange;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.junit.jupiter.api.Test;

/**
 * The forecast over the sandbox's database (the arithmetic is hand-checked in ForecastModelTest):
 * it starts from the ledger's MRR, every month adds up, and a pending change and a subscription
 * that starts later show in their months as known parts, by exactly their MRR.
 */
class ForecastTest {

    private static MrrForecast forecast() {
        return service(ForecastService.class).forecast(6, Optional.of("EUR"), 3);
    }

    @Test
    void knownMoves_showInTheirMonth_byExactlyTheirMrr_andEveryMonthAddsUp() throws Exception {
        LocalDate today = LocalDate.now(service(HostContext.class).clock());
        MrrForecast before = forecast();
        assertEquals(0, service(AnalyticsService.class).mrr(today, "EUR").mrr().compareTo(before.mrrToday()), "the ledger's MRR");

        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Forecast plan"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE,
                List.of())).id();
        LocalDate start = YearMonth.from(today).plusMonths(1).atDay(3);
        LocalDate changeDay = YearMonth.from(today).plusMonths(3).atDay(5);
        Subscription s = service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer("DE"), "EUR", start,
                Optional.empty(), List.of(new LineDraft(product("31.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
        SubscriptionChange change = service(SubscriptionService.class).change(s.id(), new ChangeDraft(Optional.of(changeDay),
                Optional.empty(), List.of(new LineChange.Update(s.lines().get(0).id(), Optional.of(new BigDecimal("2")),
                        Optional.empty(), Optional.empty()))));
        assertEquals(ChangeStatus.PENDING, change.status());

        MrrForecast after = forecast();
        assertEquals(0, before.mrrToday().compareTo(after.mrrToday()), "nothing changes today");
        for (int i = 0; i < after.months().size(); i++) {
            ForecastMonth b = before.months().get(i);
            ForecastMonth a = after.months().get(i);
            assertEquals(0, a.knownStarts().subtract(b.knownStarts()).compareTo(i == 1 ? new BigDecimal("31.00") : BigDecimal.ZERO),
                    "starts in month " + i + ": " + a);
            assertEquals(0, a.knownChanges().subtract(b.knownChanges()).compareTo(i == 3 ? new BigDecimal("31.00") : BigDecimal.ZERO),
                    "changes in month " + i + ": " + a);
            assertEquals(a.mrrEnd(), a.mrrStart().add(a.knownStarts()).add(a.knownChanges()).add(a.knownEnds()).add(a.trendNew())
                    .add(a.trendExpansion()).add(a.trendContraction()).add(a.trendChurn()), a.toString());
            assertEquals(a.customersEnd(), a.customersStart().add(a.knownCustomers()).add(a.trendNewCustomers())
                    .add(a.trendLostCustomers()), a.toString());
            if (i > 0) {
                assertEquals(after.months().get(i - 1).mrrEnd(), a.mrrStart());
            }
        }
        assertEquals(0, after.months().get(0).mrrStart().compareTo(after.mrrToday()));
        assertEquals(7, after.months().size(), "the current month and 6 more");
        // each month's known moves add up to its known parts, exactly
        for (ForecastMonth a : after.months()) {
            Map<String, BigDecimal> sums = new HashMap<>(Map.of("START", BigDecimal.ZERO, "CHANGE", BigDecimal.ZERO, "END", BigDecimal.ZERO));
            int offset = 0;
            for (List<ForecastMove> page; !(page = service(ForecastService.class).knownMoves(a.month(), Optional.of("EUR"), 3,
                    Optional.empty(), Optional.empty(), 1000, offset).moves()).isEmpty(); offset += page.size()) {
                page.forEach(m -> sums.merge(m.part(), m.effect(), BigDecimal::add));
                page.forEach(m -> assertEquals(0, m.effect().compareTo(m.mrrAfter().subtract(m.mrrBefore())), m.toString()));
            }
            assertEquals(0, sums.get("START").compareTo(a.knownStarts()), a.month() + " starts " + sums);
            assertEquals(0, sums.get("CHANGE").compareTo(a.knownChanges()), a.month() + " changes " + sums);
            assertEquals(0, sums.get("END").compareTo(a.knownEnds()), a.month() + " ends " + sums);
        }
        List<ForecastMove> mine = service(ForecastService.class).knownMoves(YearMonth.from(changeDay), Optional.of("EUR"), 3,
                Optional.empty(), Optional.empty(), 1000, 0).moves().stream().filter(m -> m.subscriptionId() == s.id()).toList();
        assertEquals(List.of(changeDay + " CHANGE 31.00 62.00 31.00"), mine.stream().map(m -> m.date() + " " + m.part() + " "
                + m.mrrBefore() + " " + m.mrrAfter() + " " + m.effect()).toList());
    }

    /*
     * A plan's own forecast: one subscription starting next month on the 3rd at 31.00, a change to 2 units (62.00)
     * on the 5th in three months. The plan has no history: no trend. Months: 0 nothing; 1 starts +31.00 -> 31.00,
     * customers 0 -> 1; 2 stays; 3 changes +31.00 -> 62.00; 4 stays. As CSV, the same months row for row.
     */
    @Test
    void planFilter_forecastsThePlansSubscriptionsOnly_andAnswersCsv() throws Exception {
        LocalDate today = LocalDate.now(service(HostContext.class).clock());
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Forecast plan"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE,
                List.of())).id();
        Subscription s = service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer("DE"), "EUR",
                YearMonth.from(today).plusMonths(1).atDay(3), Optional.empty(),
                List.of(new LineDraft(product("31.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
        service(SubscriptionService.class).change(s.id(), new ChangeDraft(Optional.of(YearMonth.from(today).plusMonths(3).atDay(5)),
                Optional.empty(), List.of(new LineChange.Update(s.lines().get(0).id(), Optional.of(new BigDecimal("2")),
                        Optional.empty(), Optional.empty()))));
        MrrForecast f = service(ForecastService.class).forecast(4, Optional.of("EUR"), 3, Optional.of(plan));
        // start, known starts, changes, ends, trend new, expansion, contraction, churn, end | customers at the end
        assertEquals(List.of("0 0 0 0 0 0 0 0 0 | 0", "0 31 0 0 0 0 0 0 31 | 1", "31 0 0 0 0 0 0 0 31 | 1", "31 0 31 0 0 0 0 0 62 | 1",
                "62 0 0 0 0 0 0 0 62 | 1"), f.months().stream().map(m -> String.join(" ", List.of(m.mrrStart(), m.knownStarts(),
                        m.knownChanges(), m.knownEnds(), m.trendNew(), m.trendExpansion(), m.trendContraction(), m.trendChurn(), m.mrrEnd())
                        .stream().map(ForecastTest::n).toList()) + " | " + n(m.customersEnd())).toList());
        assertEquals(0, f.mrrToday().signum());
        // the known moves behind months 1 and 3, and the trailing range the trend comes from
        Api.Answer known = Api.call("GET", "/forecast/known?currency=EUR&templateId=" + plan + "&month=" + YearMonth.from(today).plusMonths(1),
                null);
        assertEquals(200, known.status(), known.text());
        assertEquals(1, known.body().path("moves").size(), known.text());
        var move = known.body().path("moves").get(0);
        assertEquals("START 0 31 31 " + s.documentNo(), move.path("part").asText() + " " + n(move.path("mrrBefore").decimalValue()) + " "
                + n(move.path("mrrAfter").decimalValue()) + " " + n(move.path("effect").decimalValue()) + " " + move.path("documentNo").asText());
        YearMonth current = YearMonth.from(today);
        assertEquals("/analytics/entries?from=" + current.minusMonths(3).atDay(1) + "&to=" + current.atDay(1).minusDays(1),
                known.body().path("trend").path("entries").asText());
        Api.Answer csv = Api.call("GET", "/forecast/known.csv?currency=EUR&templateId=" + plan + "&month=" + current.plusMonths(3), null);
        assertEquals(200, csv.status(), csv.text());
        assertEquals(List.of("month,currency,date,part,subscriptionId,documentNo,customerId,mrrBefore,mrrAfter,effect",
                current.plusMonths(3) + ",EUR," + current.plusMonths(3).atDay(5) + ",CHANGE," + s.id() + "," + s.documentNo() + ","
                        + s.customerId() + ",31.00,62.00,31.00"), csv.text().lines().toList());
        for (String path : List.of("/forecast.csv?months=4&currency=EUR&templateId=" + plan, "/forecast?format=csv&months=4&templateId=" + plan)) {
            Api.Answer a = Api.call("GET", path, null);
            assertEquals(200, a.status(), path + " " + a.text());
            List<String> lines = a.text().lines().toList();
            assertEquals(6, lines.size(), a.text());
            assertTrue(lines.get(0).startsWith("month,currency,mrrStart,knownStarts,knownChanges,knownEnds,trendNew"), lines.get(0));
            assertTrue(lines.get(4).startsWith(YearMonth.from(today).plusMonths(3) + ",EUR,31.00,0.00,31.00,0.00,"), lines.get(4));
        }
    }

    /*
     * In a reporting currency (a tenant of its own: CZK at 0.041 EUR from 2025 on). Customer 1: S1 100.00 EUR; customer 2:
     * S2 2,000.00 CZK, and S3 1,000.00 CZK starting on the 10th of next month. Today: 100.00 + 2000 x 0.041 = 182.00 EUR,
     * 2 customers; next month S3 adds 1000 x 0.041 = 41.00 (customer 2 is active already): 223.00. The trailing months
     * have no moves: no trend. Only CZK, in EUR: 82.00, then 123.00.
     */
    @Test
    void reportingCurrency_convertsEachCurrencyAtTheMonthsEnd_andForecastsThemAsOne() {
        AnalyticsWorld w = AnalyticsWorld.create();
        long plan = w.plan("F", Recurrence.monthly(), BillingTiming.IN_ADVANCE);
        LocalDate today = service(HostContext.class).today();
        long s1 = w.subscription(1, plan, AnalyticsWorld.EUR, "2024-03-01");
        long s2 = w.subscription(2, plan, AnalyticsWorld.CZK, "2024-03-01");
        LocalDate later = YearMonth.from(today).plusMonths(1).atDay(10);
        long s3 = w.subscription(2, plan, AnalyticsWorld.CZK, later.toString());
        w.entry(s1, "2024-03-01", org.idempiere.subscription.api.ChangeType.NEW, "0", "100.00", AnalyticsWorld.EUR, false);
        w.entry(s2, "2024-03-01", org.idempiere.subscription.api.ChangeType.NEW, "0", "2000.00", AnalyticsWorld.CZK, false);
        w.entry(s3, later.toString(), org.idempiere.subscription.api.ChangeType.NEW, "0", "1000.00", AnalyticsWorld.CZK, false);
        MrrForecast eur = w.as(() -> service(ForecastService.class).forecast(2, Optional.empty(), 3, Optional.empty(), Optional.of("EUR")));
        assertEquals("EUR 182 2", eur.currency() + " " + n(eur.mrrToday()) + " " + eur.customersToday());
        assertEquals(List.of("182 0 182 | 2", "182 41 223 | 2", "223 0 223 | 2"), eur.months().stream().map(m -> n(m.mrrStart()) + " "
                + n(m.knownStarts()) + " " + n(m.mrrEnd()) + " | " + n(m.customersEnd())).toList());
        List<ForecastMove> next = w.as(() -> service(ForecastService.class).knownMoves(YearMonth.from(later), Optional.empty(), 3,
                Optional.empty(), Optional.of("EUR"), 10, 0)).moves();
        assertEquals(List.of(later + " START " + s3 + " 0.00 41.00 41.00"), next.stream().map(m -> m.date() + " " + m.part() + " "
                + m.subscriptionId() + " " + m.mrrBefore() + " " + m.mrrAfter() + " " + m.effect()).toList());
        MrrForecast czk = w.as(() -> service(ForecastService.class).forecast(2, Optional.of("CZK"), 3, Optional.empty(), Optional.of("EUR")));
        assertEquals(List.of("82", "123", "123"), czk.months().stream().map(m -> n(m.mrrEnd())).toList());
        MrrForecast unconverted = w.as(() -> service(ForecastService.class).forecast(2, Optional.of("CZK"), 3));
        assertEquals("CZK 2000", unconverted.currency() + " " + n(unconverted.mrrToday()));
    }

    private static String n(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    /** Bad input is a 400 naming the field and the value, and writes nothing (an entry waits for the refresher meanwhile). */
    @Test
    void badInput_isRefusedNamingTheField() throws Exception {
        Sandbox.pendingRefresh();
        java.util.Map<String, String> before = Sandbox.contents(Sandbox.READ_PATH_TABLES);
        problem("/forecast?months=0", "months", "0");
        problem("/forecast?months=37", "months", "37");
        problem("/forecast?months=twelve", "months", "twelve");
        problem("/forecast?trailing=13", "trailing", "13");
        problem("/forecast?currency=XXX", "currency", "XXX");
        problem("/forecast?templateId=999999999", "templateId", "999999999");
        problem("/forecast.csv?templateId=999999999", "templateId", "999999999");
        problem("/forecast?templateId=plan", "templateId", "plan");
        problem("/forecast?format=xml", "format", "xml");
        problem("/forecast?reportingCurrency=QQQ", "reportingCurrency", "QQQ");
        YearMonth current = YearMonth.from(service(HostContext.class).today());
        problem("/forecast/known?month=" + current.minusMonths(1), "month", current.minusMonths(1).toString());
        problem("/forecast/known?month=" + current.plusMonths(37), "month", current.plusMonths(37).toString());
        problem("/forecast/known.csv?month=2026-13", "month", "2026-13");
        problem("/forecast/known?month=" + current + "&limit=1001", "limit", "1001");
        problem("/forecast/known?month=" + current + "&limit=0", "limit", "0");
        problem("/forecast/known?month=" + current + "&offset=-1", "offset", "-1");
        problem("/forecast/known?month=" + current + "&currency=XXX", "currency", "XXX");
        assertEquals(before, Sandbox.contents(Sandbox.READ_PATH_TABLES), "nothing written");
        Api.Answer ok = Api.call("GET", "/forecast?months=12&currency=EUR", null);
        assertEquals(200, ok.status(), ok.text());
        assertEquals(13, ok.body().path("months").size());
    }

    private static void problem(String path, String field, String value) throws Exception {
        Api.Answer a = Api.call("GET", path, null);
        assertEquals(400, a.status(), path + " -> " + a.text());
        assertEquals(field, a.body().path("field").asText(), a.text());
        assertEquals(value, a.body().path("value").asText(), a.text());
    }
}
