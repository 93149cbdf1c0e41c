package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.AnalyticsGroup;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.CloseReason;
import org.idempiere.subscription.api.service.CloseReasonService;
import org.idempiere.subscription.api.service.DrillDown;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.junit.jupiter.api.Test;

/**
 * A churn keeps the reason and the comment given at its close: a reactivation clears the subscription's close, a
 * second close gives it another reason, and neither moves the first churn (each churn entry carries its own).
 */
class ChurnReasonsTest {

    /*
     * One subscription of 30.00 a month on a plan of its own, all on today:
     *
     *   start (NEW +30.00) | close, reason A "found a cheaper tool" (CHURN -30.00) | reactivate (REACTIVATION +30.00)
     *                      | close, reason B "needs an API" (CHURN -30.00)
     */
    @Test
    void closeReactivateClose_eachChurnUnderTheReasonOfItsClose_withItsComment() {
        SubscriptionService subscriptions = service(SubscriptionService.class);
        AnalyticsService analytics = service(AnalyticsService.class);
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Churn reasons plan"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE)).id();
        CloseReason a = service(CloseReasonService.class).create(unique("Too expensive"), Optional.empty());
        CloseReason b = service(CloseReasonService.class).create(unique("Missing features"), Optional.empty());
        LocalDate today = service(HostContext.class).today();
        Subscription s = subscriptions.create(new SubscriptionDraft(plan, customer("SK"), "EUR", today, Optional.empty(),
                List.of(new LineDraft(product("30.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
        service(BillingService.class).run(today, new BillingScope(Optional.of(plan), Optional.empty()));
        AnalyticsQuery q = AnalyticsQuery.of(today, today, Granularity.MONTH).withTemplate(plan);

        subscriptions.close(s.id(), a.id(), Optional.of("found a cheaper tool"));
        subscriptions.reactivate(s.id());
        // after the reactivation alone: the subscription has no close any more, its churn is still A's
        assertEquals(List.of(a.id() + "|" + a.name() + "|-30.00|0.00|1"), byReason(analytics, q));
        assertEquals(List.of("CHURN -30.00 " + a.name() + ": found a cheaper tool"), churnLines(analytics, q, Optional.empty()));

        subscriptions.close(s.id(), b.id(), Optional.of("needs an API"));
        List<String> expected = new java.util.ArrayList<>(List.of(a.id() + "|" + a.name() + "|-30.00|0.00|1",
                b.id() + "|" + b.name() + "|-30.00|0.00|1"));
        expected.sort(null);
        assertEquals(expected, byReason(analytics, q), "one churn under A, one under B; none without a reason");
        assertEquals(List.of("CHURN -30.00 " + a.name() + ": found a cheaper tool", "CHURN -30.00 " + b.name() + ": needs an API"),
                churnLines(analytics, q, Optional.empty()));
        assertEquals(List.of("CHURN -30.00 " + a.name() + ": found a cheaper tool"), churnLines(analytics, q, Optional.of(a.id())));
        assertEquals(List.of("CHURN -30.00 " + b.name() + ": needs an API"), churnLines(analytics, q, Optional.of(b.id())));
        assertEquals(List.of(), churnLines(analytics, q, Optional.of(0L)), "no churn without a reason");

        // the ledger itself: each churn entry was written with its close's reason and comment; the other entries have none
        assertEquals(List.of("NW|null|null", "CH|" + a.id() + "|found a cheaper tool", "RA|null|null", "CH|" + b.id() + "|needs an API"),
                rows("SELECT ChangeType, SUB_CloseReason_ID, CloseReason FROM SUB_ChangeLog WHERE SUB_Subscription_ID = ?"
                        + " ORDER BY SUB_ChangeLog_ID", s.id()));
    }

    /** key|label|voluntary|delinquent|entries of each reason group, in key order. */
    private static List<String> byReason(AnalyticsService analytics, AnalyticsQuery q) {
        return analytics.churn(q).byReason().stream().map(ChurnReasonsTest::group).sorted().toList();
    }

    private static String group(AnalyticsGroup g) {
        return g.key() + "|" + g.label() + "|" + g.movements().churnVoluntary() + "|" + g.movements().churnDelinquent() + "|"
                + g.subscriptions();
    }

    private static List<String> churnLines(AnalyticsService analytics, AnalyticsQuery q, Optional<Long> reason) {
        return analytics.entries(new DrillDown(q, Optional.of(ChangeType.CHURN), Optional.empty(), reason, Optional.empty(), 10, 0))
                .stream().map(l -> l.type() + " " + l.movement() + " " + l.closeReason().orElse("")).toList();
    }
}
