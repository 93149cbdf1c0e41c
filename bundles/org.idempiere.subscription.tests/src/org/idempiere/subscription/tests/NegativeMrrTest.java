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
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.Kpis;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.MrrMovements;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.junit.jupiter.api.Test;

/**
 * A subscription whose recurring lines net to a negative amount counts 0.00 of MRR, like a free one (docs/analytics.md,
 * decision 0054), through the engine. A month M of 31 days, a plan of its own (monthly in advance, changes at once), a
 * product at 100.00 and a credit line whose price the seller sets to -60.00 (as iDempiere's window allows; the API takes
 * no negative price, so the test writes it as the window would):
 *
 * <pre>
 *  M+0   S: 1 x 100.00 + 1 x credit 0.00                    MRR 100.00   NEW +100.00, a new customer
 *        the seller sets the credit line's price to -60.00  (no move: the MRR is priced by the engine's moves)
 *  M+5   credit x 2: 100.00 - 120.00 = -20.00               MRR 0.00     CONTRACTION -100.00 (not -120.00); the customer
 *                                                                        stays, as after any change to no MRR
 *  M+10  credit x 1: 100.00 - 60.00 = 40.00                 MRR 40.00    EXPANSION +40.00 (from 0.00, not from -20.00)
 *  M+15  credit x 3: 100.00 - 180.00 = -80.00               MRR 0.00     CONTRACTION -40.00
 *  M+20  closed                                             MRR 0.00     CHURN 0.00, the customer churns
 *  M+25  reactivated, still -80.00                          MRR 0.00     REACTIVATION 0.00, not a customer again
 * </pre>
 *
 * ARPA is the MRR over the customers at the end: 100.00 / 1, 0.00 / 1, 40.00 / 1, 0.00 / 1, none at the end.
 */
class NegativeMrrTest {

    private static String kpis(long plan, LocalDate from, LocalDate to) {
        Kpis k = service(AnalyticsService.class).kpis(new AnalyticsQuery(from, to, Granularity.MONTH, Optional.of(plan),
                Optional.of("EUR"), Optional.empty()), null).total();
        MrrMovements x = k.mrr().movements();
        return k.customersStart() + " +" + k.newCustomers() + " -" + k.churnedCustomers() + " +" + k.reactivatedCustomers() + " = "
                + k.customersEnd() + " | " + k.mrr().mrrStart() + " | " + x.newBusiness() + " " + x.expansion() + " " + x.contraction()
                + " " + x.churn() + " " + x.reactivation() + " | " + k.mrr().mrrEnd() + " " + k.mrr().subscriptions() + " | "
                + k.arpa().map(BigDecimal::toPlainString).orElse("-");
    }

    @Test
    void aSubscriptionWhoseLinesNetNegative_countsNoMrr_andMovesFromAndToZero() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Credit"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE, List.of())).id();
        SubscriptionService subscriptions = service(SubscriptionService.class);
        Subscription s = subscriptions.create(new SubscriptionDraft(plan, customer("DE"), "EUR", m, Optional.empty(),
                List.of(new LineDraft(product("100.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO),
                        new LineDraft(product("10.00"), BigDecimal.ONE, Optional.of(BigDecimal.ZERO), BigDecimal.ZERO))));
        long credit = s.lines().get(1).id();
        assertEquals(1, Sandbox.update("UPDATE SUB_SubscriptionLine SET PriceEntered = ? WHERE SUB_SubscriptionLine_ID = ?"
                + " AND IsManualPrice = 'Y'", new BigDecimal("-60.00"), credit));
        service(BillingService.class).run(m, new BillingScope(Optional.of(plan), Optional.empty()));
        java.util.function.BiConsumer<Integer, String> creditQuantity = (day, qty) -> {
            clockTo(m.plusDays(day));
            subscriptions.change(s.id(), new ChangeDraft(Optional.of(m.plusDays(day)), Optional.empty(), List.of(new LineChange.Update(
                    credit, Optional.of(new BigDecimal(qty)), Optional.empty(), Optional.empty()))));
        };
        creditQuantity.accept(5, "2");
        creditQuantity.accept(10, "1");
        creditQuantity.accept(15, "3");
        clockTo(m.plusDays(20));
        subscriptions.close(s.id(), "Credit larger than the charge");
        clockTo(m.plusDays(25));
        subscriptions.reactivate(s.id());

        assertEquals(List.of(m + "|NW|0.00|100.00", m.plusDays(5) + "|CT|100.00|0.00", m.plusDays(10) + "|EX|0.00|40.00",
                m.plusDays(15) + "|CT|40.00|0.00", m.plusDays(20) + "|CH|0.00|0.00", m.plusDays(25) + "|RA|0.00|0.00"),
                rows("SELECT datetrx, changetype, mrrbefore, mrrafter FROM sub_changelog WHERE sub_subscription_id = ?"
                        + " ORDER BY datetrx, sub_changelog_id", s.id()), "the ledger counts the negative MRR as 0.00");
        assertEquals("0 +1 -0 +0 = 1 | 0.00 | 100.00 0.00 0.00 0.00 0.00 | 100.00 1 | 100.00", kpis(plan, m, m.plusDays(4)));
        assertEquals("1 +0 -0 +0 = 1 | 100.00 | 0.00 0.00 -100.00 0.00 0.00 | 0.00 0 | 0.00", kpis(plan, m.plusDays(5), m.plusDays(9)));
        assertEquals("1 +0 -0 +0 = 1 | 0.00 | 0.00 40.00 0.00 0.00 0.00 | 40.00 1 | 40.00", kpis(plan, m.plusDays(10), m.plusDays(14)));
        assertEquals("1 +0 -0 +0 = 1 | 40.00 | 0.00 0.00 -40.00 0.00 0.00 | 0.00 0 | 0.00", kpis(plan, m.plusDays(15), m.plusDays(19)));
        assertEquals("1 +0 -1 +0 = 0 | 0.00 | 0.00 0.00 0.00 0.00 0.00 | 0.00 0 | -", kpis(plan, m.plusDays(20), m.plusDays(24)));
        assertEquals("0 +0 -0 +0 = 0 | 0.00 | 0.00 0.00 0.00 0.00 0.00 | 0.00 0 | -", kpis(plan, m.plusDays(25), m.plusDays(30)));
        // the whole month adds up: 100 - 100 + 40 - 40 = 0
        assertEquals("0 +1 -1 +0 = 0 | 0.00 | 100.00 40.00 -140.00 0.00 0.00 | 0.00 0 | -", kpis(plan, m, m.plusDays(30)));
    }
}
