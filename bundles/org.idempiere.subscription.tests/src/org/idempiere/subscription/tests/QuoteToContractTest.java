package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.d;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.ContractService;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.idempiere.subscription.sandbox.internal.host.ReferenceOrders;
import org.idempiere.subscription.sandbox.internal.host.ReferenceOrders.LineInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Completing, reactivating and voiding orders with recurring products, on the reference host. */
class QuoteToContractTest {
    private static ContractService contracts;
    private static ReferenceOrders orders;
    private static MasterData data;
    private static long monthly;
    private static long yearly;

    @BeforeAll
    static void setUp() {
        contracts = service(ContractService.class);
        orders = service(ReferenceOrders.class);
        data = service(MasterData.class);
        TemplateService templates = service(TemplateService.class);
        monthly = templates.create(new TemplateDraft("Monthly plan", Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE)).id();
        yearly = templates.create(new TemplateDraft("Yearly plan", Optional.empty(), new Recurrence(1, RecurrenceUnit.YEAR),
                BillingTiming.IN_ADVANCE)).id();
    }

    private static long recurring(String price, long plan) {
        return data.createProduct(Sandbox.unique("Plan product"), "STANDARD", new BigDecimal(price), "EUR", Optional.empty(),
                Optional.of(plan)).id();
    }

    private static LineInput line(long product, String qty, String price, String discount) {
        return new LineInput(product, new BigDecimal(qty), Optional.ofNullable(price).map(BigDecimal::new),
                new BigDecimal(discount));
    }

    private static ReferenceOrders.OrderRow order(long customer, String promised, LineInput... lines) {
        long rep = data.createSalesRep(Sandbox.unique("Rep"), Optional.empty()).id();
        return orders.create(customer, "EUR", Optional.of(d("2033-01-10")), Optional.of(d(promised)), Optional.of(rep),
                List.of(lines));
    }

    /*
     * Order: 2 x hosting (list 30.00), 1 x support at the quoted 80.00 less 25 %, one setup fee
     * (one-off). One subscription of the monthly plan: lines at the order's prices, fixed.
     * MRR = 60.00 + 60.00 = 120.00.
     */
    @Test
    void completingAnOrder_createsItsSubscriptionOnce_withTheOrdersTerms() {
        long customer = customer("SK");
        long hosting = recurring("30.00", monthly);
        long support = recurring("99.00", monthly);
        long setup = Sandbox.product("150.00");
        ReferenceOrders.OrderRow o = order(customer, "2033-02-01", line(hosting, "2", null, "0"),
                line(support, "1", "80.00", "25"), line(setup, "1", null, "0"));
        orders.transition(o.order().id(), "complete");
        List<Subscription> subs = contracts.createFromOrder(o.order().id());
        assertEquals(1, subs.size());
        Subscription s = subs.get(0);
        assertEquals(SubscriptionStatus.ACTIVE, s.status());
        assertEquals(monthly, s.templateId());
        assertEquals(customer, s.customerId());
        assertEquals(o.order().billToLocationId(), s.billToLocationId());
        assertEquals(o.order().contactUserId(), s.contactUserId());
        assertEquals(o.order().salesRepId(), s.salesRepId());
        assertEquals(Optional.of(o.order().id()), s.orderId());
        assertEquals(o.order().priceListId(), s.priceListId());
        assertEquals(d("2033-02-01"), s.startDate());
        assertEquals(new BigDecimal("120.00"), s.mrr().amount());
        assertEquals(2, s.lines().size());
        SubscriptionLine first = s.lines().get(0);
        assertEquals(hosting, first.productId());
        assertEquals(Optional.of(new BigDecimal("30.00")), first.fixedUnitPrice());
        assertEquals(0, new BigDecimal("25").compareTo(s.lines().get(1).discountPercent()));

        // Completing again, or reactivating and completing, creates nothing new.
        orders.transition(o.order().id(), "complete");
        assertEquals(List.of(s.id()), contracts.createFromOrder(o.order().id()).stream().map(Subscription::id).toList());
        orders.transition(o.order().id(), "reactivate");
        orders.transition(o.order().id(), "complete");
        assertEquals(List.of(s.id()), contracts.createFromOrder(o.order().id()).stream().map(Subscription::id).toList());
        assertEquals(1, count("SELECT COUNT(*) FROM sub_subscription WHERE c_order_id = ?", o.order().id()));
    }

    @Test
    void eachPlanOnAnOrder_becomesOneSubscription_andAnOrderWithoutRecurringLinesNone() {
        long customer = customer("DE");
        ReferenceOrders.OrderRow o = order(customer, "2033-03-01", line(recurring("10.00", monthly), "1", null, "0"),
                line(recurring("120.00", yearly), "1", null, "0"));
        List<Subscription> subs = contracts.createFromOrder(o.order().id());
        assertEquals(List.of(monthly, yearly), subs.stream().map(Subscription::templateId).toList());
        assertEquals(new BigDecimal("10.00"), subs.get(1).mrr().amount()); // 120 a year

        ReferenceOrders.OrderRow oneOff = order(customer, "2033-03-01", line(Sandbox.product("5.00"), "1", null, "0"));
        assertEquals(List.of(), contracts.createFromOrder(oneOff.order().id()));
    }

    /* Voided before the first invoice: cancelled, and the ledger's NEW entry is reversed, not churned. */
    @Test
    void voidingBeforeTheFirstInvoice_cancelsWithoutChurn_afterItLeavesTheSubscription() {
        AnalyticsService analytics = service(AnalyticsService.class);
        long customer = customer("CZ");
        BigDecimal before = analytics.mrr(d("2034-06-01"), "EUR").mrr();
        ReferenceOrders.OrderRow o = order(customer, "2034-06-01", line(recurring("40.00", monthly), "1", null, "0"));
        Subscription s = contracts.createFromOrder(o.order().id()).get(0);
        assertEquals(before.add(new BigDecimal("40.00")), analytics.mrr(d("2034-06-01"), "EUR").mrr());

        orders.transition(o.order().id(), "void");
        Subscription cancelled = contracts.orderVoided(o.order().id()).get(0);
        assertEquals(SubscriptionStatus.CLOSED, cancelled.status());
        assertEquals(before, analytics.mrr(d("2034-06-01"), "EUR").mrr());
        assertEquals(List.of("NW|0.00|40.00", "NW|40.00|0.00"), Sandbox.rows("SELECT changetype, mrrbefore, mrrafter"
                + " FROM sub_changelog WHERE sub_subscription_id = ? ORDER BY sub_changelog_id", s.id()));
        assertEquals(List.of(cancelled), contracts.orderVoided(o.order().id()));

        ReferenceOrders.OrderRow billed = order(customer, "2034-06-01", line(recurring("40.00", monthly), "1", null, "0"));
        Subscription kept = contracts.createFromOrder(billed.order().id()).get(0);
        service(BillingService.class).run(d("2034-06-01"));
        orders.transition(billed.order().id(), "void");
        assertEquals(SubscriptionStatus.ACTIVE, contracts.orderVoided(billed.order().id()).get(0).status());
        assertEquals(1, service(BillingService.class).invoicesOf(kept.id()).size());
    }

    @Test
    void twoCompletionsAtOnce_createOneSubscription() throws Exception {
        ReferenceOrders.OrderRow o = order(customer("AT"), "2033-04-01", line(recurring("7.00", monthly), "1", null, "0"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<Subscription>> complete = () -> contracts.createFromOrder(o.order().id());
            List<Future<List<Subscription>>> results = pool.invokeAll(List.of(complete, complete));
            assertEquals(results.get(0).get(), results.get(1).get());
        } finally {
            pool.shutdown();
        }
        assertEquals(1, count("SELECT COUNT(*) FROM sub_subscription WHERE c_order_id = ?", o.order().id()));
    }

    @Test
    void unknownOrder_isNotFound_namingTheField() {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> contracts.createFromOrder(999_999_999L));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertEquals("orderId", e.field().orElseThrow());
        SubscriptionException bad = assertThrows(SubscriptionException.class, () -> orders.create(customer("SK"), "EUR",
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(line(Sandbox.product("1.00"), "0", null, "0"))));
        assertEquals("lines[0].quantity", bad.field().orElseThrow());
        assertTrue(bad.getMessage().contains("greater than 0"));
    }
}
