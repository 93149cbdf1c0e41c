package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.junit.jupiter.api.Test;

/**
 * The engine's own ledger entries carry the plan and queue their customer for the refresher, in the same transaction;
 * a billing run records the revenue it invoices.
 */
class AnalyticsLedgerTest {
    @Test
    void engineEntries_carryThePlan_andQueueTheCustomer_untilARefreshTakesIt() {
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Ledger plan"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE)).id();
        long customer = customer("SK");
        LocalDate start = service(HostContext.class).today();
        Subscription s = service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer, "EUR", start, Optional.empty(),
                List.of(new LineDraft(product("30.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
        service(org.idempiere.subscription.api.service.BillingService.class).run(start,
                new org.idempiere.subscription.api.service.BillingScope(Optional.of(plan), Optional.empty()));
        assertEquals(0, count("SELECT COUNT(*) FROM SUB_AnalyticsQueue WHERE C_BPartner_ID = ?", customer), "refreshed by the run");
        assertEquals(List.of("30.00"), rows("SELECT LineNetAmt FROM SUB_BillingItem WHERE SUB_Subscription_ID = ?", s.id()));
        assertEquals(List.of("30.00"), rows("SELECT SUM(FactAmt) FROM SUB_AnalyticsDelta WHERE FactKind = 'R' AND SUB_Template_ID = ?",
                plan), "the run recorded the revenue it invoiced, by plan");
        service(SubscriptionService.class).close(s.id(), "Moving away");
        assertEquals(List.of("NW|" + plan, "CH|" + plan), rows("SELECT ChangeType, SUB_Template_ID FROM SUB_ChangeLog"
                + " WHERE SUB_Subscription_ID = ? ORDER BY SUB_ChangeLog_ID", s.id()));
        assertEquals(1, count("SELECT COUNT(*) FROM SUB_AnalyticsQueue WHERE C_BPartner_ID = ?", customer),
                "the close's row: the run refreshed the start's when it finished");
        assertTrue(service(AnalyticsService.class).refresh() >= 1);
        assertEquals(0, count("SELECT COUNT(*) FROM SUB_AnalyticsQueue WHERE C_BPartner_ID = ?", customer));
        String facts = rows("SELECT FactData FROM SUB_AnalyticsCustomer WHERE C_BPartner_ID = ?", customer).get(0);
        assertTrue(facts.contains("M|" + start + "||102|" + plan + "|NW|N|30.00|0"), facts);
    }

    /* The sandbox vacuums our tables outside any transaction, as the refresher asks after a mass delete; a name that is not one is refused. */
    @Test
    void vacuum_runsOutsideATransaction_andRefusesANameThatIsNotATable() {
        HostContext host = service(HostContext.class);
        assertTrue(host.vacuum(List.of("SUB_AnalyticsQueue", "SUB_AnalyticsDelta")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> host.vacuum(List.of("SUB_AnalyticsQueue; DROP TABLE SUB_ChangeLog")));
        assertEquals(1, count("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'sub_changelog'"));
    }

    /*
     * A setup fee is one-time revenue: the first period invoices 30.00 a month + a setup fee of 50.00 = 80.00 net; the
     * billing item keeps the 50.00 apart, the run records 80.00 net revenue and 50.00 one-time on the period's start,
     * and rebuilding the revenue from the billing items gives the same. The second period is 30.00, none one-time.
     */
    @Test
    void setupFee_isOneTimeRevenue_whenInvoiced_andWhenRebuilt() {
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Setup fee plan"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE)).id();
        LocalDate start = service(HostContext.class).today();
        Subscription s = service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer("SK"), "EUR", start, Optional.empty(),
                List.of(new LineDraft(product("30.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO),
                        new LineDraft(product("50.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO, true))));
        service(org.idempiere.subscription.api.service.BillingService.class).run(start.plusMonths(1),
                new org.idempiere.subscription.api.service.BillingScope(Optional.of(plan), Optional.empty()));
        assertEquals(List.of(start + "|80.00|50.00", start.plusMonths(1) + "|30.00|0.00"), rows("SELECT PeriodStart, LineNetAmt, SetupFeeAmt"
                + " FROM SUB_BillingItem WHERE SUB_Subscription_ID = ? ORDER BY PeriodStart", s.id()));
        String revenue = "SELECT FactKind, DateTrx, SUM(FactAmt) FROM SUB_AnalyticsDelta WHERE FactKind IN ('R', 'O') AND SUB_Template_ID = ?"
                + " GROUP BY 1, 2 ORDER BY 1, 2";
        List<String> expected = List.of("O|" + start + "|50.00", "R|" + start + "|80.00", "R|" + start.plusMonths(1) + "|30.00");
        assertEquals(expected, rows(revenue, plan));
        AnalyticsQuery q = AnalyticsQuery.of(start, start.plusMonths(1), Granularity.MONTH).withTemplate(plan).withCurrency("EUR");
        org.idempiere.subscription.api.service.Kpis total = service(AnalyticsService.class).kpis(q, null).total();
        assertEquals("110.00 50.00", total.netRevenue() + " " + total.oneTimeRevenue());
        service(AnalyticsService.class).rebuildRevenue();
        assertEquals(expected, rows(revenue, plan), "rebuilt from the billing items");
    }
}
