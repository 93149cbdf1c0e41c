package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void badInput_isRefusedNamingTheField() throws Exception {
        problem("/forecast?months=0", "months", "0");
        problem("/forecast?months=37", "months", "37");
        problem("/forecast?months=twelve", "months", "twelve");
        problem("/forecast?trailing=13", "trailing", "13");
        problem("/forecast?currency=XXX", "currency", "XXX");
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
