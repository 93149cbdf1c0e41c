package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.ChangesTest.nextMonthOf;
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
import java.util.Set;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.service.AnalyticsGroup;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.Breakdown;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.DrillDown;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.MrrMovements;
import org.idempiere.subscription.api.service.MrrPeriod;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.junit.jupiter.api.Test;

/**
 * A change of plan shows on its day in every figure by plan (decision 0053), through the engine. A month M of 31 days,
 * a product at 10.00, plans A (no default lines), B (default 1 x the product) and C (default 2 x the product), all
 * changing immediately:
 *
 * <pre>
 *  M+0   s1 on A, 1 x 10.00: MRR 10.00        s2 on A, 1 x 10.00: MRR 10.00
 *  M+12  s1 to B: MRR stays 10.00             s2 to C (2 x 10.00): MRR 20.00
 *        PLAN_TRANSFER 10.00 -> 10.00 on B    EXPANSION 10.00 -> 20.00 on C
 * </pre>
 *
 * By plan, M+12 to the month's end: A starts with 20.00 and transfers it out (-20.00), ends 0.00; B receives s1's 10.00
 * (+10.00); C receives s2's 10.00 and expands by 10.00 to 20.00. Before M+12 all 20.00 is on A. Over the three plans the
 * transfers net to zero, so the totals only see s2's expansion of 10.00.
 */
class PlanTransferTest {

    private static long plan(List<LineDraft> defaults) {
        return service(TemplateService.class).create(new TemplateDraft(unique("Tier"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE, defaults)).id();
    }

    private static LineDraft line(long product, String qty) {
        return new LineDraft(product, new BigDecimal(qty), Optional.empty(), BigDecimal.ZERO);
    }

    /** "plan | MRR at the start | new expansion contraction churn | plan transfer | MRR at the end | subscriptions" of A, B and C. */
    private static List<String> byPlan(LocalDate from, LocalDate to, Set<Long> plans) {
        Breakdown b = service(AnalyticsService.class).breakdown(new AnalyticsQuery(from, to, Granularity.MONTH, Optional.empty(),
                Optional.of("EUR"), Optional.empty()), Breakdown.Dimension.PLAN);
        return b.groups().stream().filter(g -> plans.contains(Long.parseLong(g.key()))).map(PlanTransferTest::row).toList();
    }

    private static String row(AnalyticsGroup g) {
        MrrMovements x = g.movements();
        return g.key() + " | " + g.mrrStart() + " | " + x.newBusiness() + " " + x.expansion() + " " + x.contraction() + " " + x.churn()
                + " | " + x.planTransfer() + " | " + g.mrrEnd() + " | " + g.subscriptions();
    }

    @Test
    void aChangeOfPlanAtTheSameMrr_movesItsMrrToTheNewPlanOnItsDay() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long product = product("10.00");
        long a = plan(List.of());
        long b = plan(List.of(line(product, "1")));
        long c = plan(List.of(line(product, "2")));
        SubscriptionService subscriptions = service(SubscriptionService.class);
        Subscription s1 = subscriptions.create(new SubscriptionDraft(a, customer("DE"), "EUR", m, Optional.empty(),
                List.of(line(product, "1"))));
        Subscription s2 = subscriptions.create(new SubscriptionDraft(a, customer("DE"), "EUR", m, Optional.empty(),
                List.of(line(product, "1"))));
        service(BillingService.class).run(m, new BillingScope(Optional.of(a), Optional.empty()));
        LocalDate d = m.plusDays(12);
        clockTo(d);
        subscriptions.change(s1.id(), new ChangeDraft(Optional.of(d), Optional.of(b), List.of()));
        subscriptions.change(s2.id(), new ChangeDraft(Optional.of(d), Optional.of(c), List.of()));

        // the ledger: s1's change keeps its MRR and still writes an entry, on the plan it moves to
        assertEquals(List.of(m + "|NW|0.00|10.00|" + a, d + "|PT|10.00|10.00|" + b), rows("SELECT datetrx, changetype, mrrbefore,"
                + " mrrafter, sub_template_id FROM sub_changelog WHERE sub_subscription_id = ? ORDER BY sub_changelog_id", s1.id()));
        assertEquals(List.of(m + "|NW|0.00|10.00|" + a, d + "|EX|10.00|20.00|" + c), rows("SELECT datetrx, changetype, mrrbefore,"
                + " mrrafter, sub_template_id FROM sub_changelog WHERE sub_subscription_id = ? ORDER BY sub_changelog_id", s2.id()));

        Set<Long> plans = Set.of(a, b, c);
        LocalDate end = m.plusDays(30);
        // before the change: everything on A
        assertEquals(List.of(a + " | 0.00 | 20.00 0.00 0.00 0.00 | 0.00 | 20.00 | 2"), byPlan(m, d.minusDays(1), plans));
        // from the change's day: A's 20.00 leaves it, 10.00 to B and 10.00 to C, where s2 expands by 10.00
        assertEquals(List.of(a + " | 20.00 | 0.00 0.00 0.00 0.00 | -20.00 | 0.00 | 0",
                b + " | 0.00 | 0.00 0.00 0.00 0.00 | 10.00 | 10.00 | 1",
                c + " | 0.00 | 0.00 10.00 0.00 0.00 | 10.00 | 20.00 | 1"), byPlan(d, end, plans));
        // the whole month: a plan's MRR at the start plus its movements is its MRR at the end
        assertEquals(List.of(a + " | 0.00 | 20.00 0.00 0.00 0.00 | -20.00 | 0.00 | 0",
                b + " | 0.00 | 0.00 0.00 0.00 0.00 | 10.00 | 10.00 | 1",
                c + " | 0.00 | 0.00 10.00 0.00 0.00 | 10.00 | 20.00 | 1"), byPlan(m, end, plans));
        // one plan's series: B has no MRR until the 13th, then s1's 10.00, moved in
        List<MrrPeriod> days = service(AnalyticsService.class).mrrSeries(new AnalyticsQuery(d.minusDays(1), d, Granularity.DAY,
                Optional.of(b), Optional.of("EUR"), Optional.empty())).periods();
        assertEquals(List.of("0.00 +0.00 0.00", "0.00 +10.00 10.00"), days.stream().map(p -> p.mrrStart() + " +"
                + p.movements().planTransfer() + " " + p.mrrEnd()).toList());
        // the totals: the transfers net to zero; only s2's expansion moves
        MrrMovements total = service(AnalyticsService.class).breakdown(new AnalyticsQuery(d, d, Granularity.DAY, Optional.empty(),
                Optional.of("EUR"), Optional.empty()), Breakdown.Dimension.CURRENCY).groups().get(0).movements();
        assertEquals("0.00", total.planTransfer().toPlainString());

        // the drill-down: the two entries that move MRR between plans, each plan's part of it
        AnalyticsService analytics = service(AnalyticsService.class);
        java.util.function.Function<Optional<Long>, List<String>> transfers = plan -> analytics.entries(new DrillDown(
                new AnalyticsQuery(d, d, Granularity.DAY, plan, Optional.of("EUR"), Optional.empty()), Optional.of(ChangeType.PLAN_TRANSFER),
                Optional.empty(), Optional.empty(), Optional.empty(), 100, 0)).stream().filter(l -> l.subscriptionId() == s1.id()
                        || l.subscriptionId() == s2.id()).map(l -> (l.subscriptionId() == s1.id() ? "s1" : "s2") + " " + l.type() + " "
                        + l.mrrBefore() + " " + l.mrrAfter() + " " + l.movement()).toList();
        assertEquals(List.of("s1 PLAN_TRANSFER 10.00 10.00 -10.00", "s2 EXPANSION 10.00 20.00 -10.00"), transfers.apply(Optional.of(a)));
        assertEquals(List.of("s1 PLAN_TRANSFER 10.00 10.00 10.00"), transfers.apply(Optional.of(b)));
        assertEquals(List.of("s2 EXPANSION 10.00 20.00 10.00"), transfers.apply(Optional.of(c)));
        assertEquals(List.of("s1 PLAN_TRANSFER 10.00 10.00 0.00", "s2 EXPANSION 10.00 20.00 0.00"), transfers.apply(Optional.empty()));
    }
}
