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
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeStatus;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.ForecastMonth;
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
        for (String path : List.of("/forecast.csv?months=4&currency=EUR&templateId=" + plan, "/forecast?format=csv&months=4&templateId=" + plan)) {
            Api.Answer a = Api.call("GET", path, null);
            assertEquals(200, a.status(), path + " " + a.text());
            List<String> lines = a.text().lines().toList();
            assertEquals(6, lines.size(), a.text());
            assertTrue(lines.get(0).startsWith("month,currency,mrrStart,knownStarts,knownChanges,knownEnds,trendNew"), lines.get(0));
            assertTrue(lines.get(4).startsWith(YearMonth.from(today).plusMonths(3) + ",EUR,31.00,0.00,31.00,0.00,"), lines.get(4));
        }
    }

    private static String n(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    @Test
    void badInput_isRefusedNamingTheField() throws Exception {
        problem("/forecast?months=0", "months", "0");
        problem("/forecast?months=37", "months", "37");
        problem("/forecast?months=twelve", "months", "twelve");
        problem("/forecast?trailing=13", "trailing", "13");
        problem("/forecast?currency=XXX", "currency", "XXX");
        problem("/forecast?templateId=999999999", "templateId", "999999999");
        problem("/forecast.csv?templateId=999999999", "templateId", "999999999");
        problem("/forecast?templateId=plan", "templateId", "plan");
        problem("/forecast?format=xml", "format", "xml");
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
