package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.AnalyticsGroup;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.Breakdown;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.junit.jupiter.api.Test;

/**
 * The breakdown by product attributes each subscription's MRR to its products by their lines' net, by largest
 * remainder (decision 0049), so the rows add up to the total.
 */
class AnalyticsProductTest {
    private static LineDraft line(long product, String qty) {
        return new LineDraft(product, new BigDecimal(qty), Optional.empty(), BigDecimal.ZERO);
    }

    /*
     * A quarterly plan. S1: X 20.00 + Y 7.50 + Z 2.50 = 30.00 a quarter, MRR 10.00; S2: X 20.00, MRR 20.00 / 3 = 6.67.
     * S1's 10.00 = 1000 cents over 20 : 7.5 : 2.5 -> 666 r 20, 250 r 0, 83 r 10: the cent left to X -> 6.67, 2.50, 0.83.
     * Rows: X 6.67 + 6.67 = 13.34, Y 2.50, Z 0.83; total 16.67 = the MRR of the plan. Each product counts the
     * subscriptions that have it: X 2, Y 1, Z 1.
     */
    @Test
    void byProduct_splitsAMultiProductSubscription_soTheRowsAddUpToTheTotal() {
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Quarterly products"), Optional.empty(),
                new Recurrence(3, RecurrenceUnit.MONTH), BillingTiming.IN_ADVANCE)).id();
        long x = product("20.00");
        long y = product("7.50");
        long z = product("2.50");
        LocalDate today = service(HostContext.class).today();
        SubscriptionService subscriptions = service(SubscriptionService.class);
        subscriptions.create(new SubscriptionDraft(plan, customer("SK"), "EUR", today, Optional.empty(),
                List.of(line(x, "1"), line(y, "1"), line(z, "1"))));
        subscriptions.create(new SubscriptionDraft(plan, customer("SK"), "EUR", today, Optional.empty(), List.of(line(x, "1"))));
        AnalyticsQuery q = AnalyticsQuery.of(today, today, Granularity.DAY).withTemplate(plan).withCurrency("EUR");
        AnalyticsService analytics = service(AnalyticsService.class);
        Breakdown b = analytics.breakdown(q, Breakdown.Dimension.PRODUCT);
        assertEquals(List.of(x + " 0.00 13.34 13.34 2", y + " 0.00 2.50 2.50 1", z + " 0.00 0.83 0.83 1"), b.groups().stream()
                .map(AnalyticsProductTest::row).toList());
        BigDecimal total = analytics.mrrSeries(q).periods().get(0).mrrEnd();
        assertEquals(new BigDecimal("16.67"), total);
        assertEquals(total, b.groups().stream().map(AnalyticsGroup::mrrEnd).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    private static String row(AnalyticsGroup g) {
        return g.key() + " " + g.mrrStart() + " " + g.movements().newBusiness() + " " + g.mrrEnd() + " " + g.subscriptions();
    }
}
