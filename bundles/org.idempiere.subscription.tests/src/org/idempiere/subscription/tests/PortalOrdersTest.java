package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.OrderSummary;
import org.idempiere.subscription.api.host.OrderSummary.Kind;
import org.idempiere.subscription.api.host.OrderSummary.Status;
import org.idempiere.subscription.api.host.Orders;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.idempiere.subscription.sandbox.internal.host.ReferenceOrders;
import org.idempiere.subscription.sandbox.internal.host.ReferenceOrders.LineInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Orders port as the customer portal uses it, on the reference host: a customer's quotations
 * and orders (never another customer's), accepting a quotation online — the quotation is
 * completed and quote-to-contract creates its subscription in the same transaction, exactly once
 * — and every refusal, which changes nothing.
 */
class PortalOrdersTest {
    private static Orders orders;
    private static ReferenceOrders reference;
    private static HostContext host;
    private static long plan;
    private static long hosting;
    private static long setup;

    @BeforeAll
    static void setUp() {
        orders = service(Orders.class);
        reference = service(ReferenceOrders.class);
        host = service(HostContext.class);
        plan = service(TemplateService.class).create(new TemplateDraft(Sandbox.unique("Portal plan"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE)).id();
        hosting = service(MasterData.class).createProduct(Sandbox.unique("Hosting"), "STANDARD", new BigDecimal("30.00"), "EUR",
                Optional.empty(), Optional.of(plan)).id();
        setup = Sandbox.product("150.00");
    }

    private static LocalDate today() {
        return host.today();
    }

    /** A draft quotation dated {@code ordered}: 2 x hosting at 30.00 less 10 %, one setup fee. */
    private static long quotation(long customer, LocalDate ordered, Optional<LocalDate> validUntil) {
        return reference.create(customer, "EUR", Optional.of(ordered), Optional.empty(), Optional.empty(),
                List.of(new LineInput(hosting, new BigDecimal("2"), Optional.empty(), new BigDecimal("10")),
                        new LineInput(setup, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO)),
                Kind.QUOTATION, validUntil).order().id();
    }

    private static long order(long customer, LocalDate ordered) {
        return reference.create(customer, "EUR", Optional.of(ordered), Optional.empty(), Optional.empty(),
                List.of(new LineInput(setup, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))).order().id();
    }

    private static List<OrderSummary> list(long customer, int limit) {
        return host.inTransaction(tx -> orders.ofCustomer(tx, customer, limit));
    }

    private static OrderSummary accept(long customer, long orderId) {
        return host.inTransaction(tx -> orders.accept(tx, customer, orderId));
    }

    private static long subscriptionsOf(long orderId) {
        return count("SELECT COUNT(*) FROM sub_subscription WHERE c_order_id = ?", orderId);
    }

    private static String docStatus(long orderId) {
        return Sandbox.rows("SELECT doc_status FROM sbx_order WHERE c_order_id = ?", orderId).get(0);
    }

    /*
     * Slovakia, VAT 23 %: 2 x 27.00 (30.00 less 10 %) = 54.00 and 150.00 = 204.00 net; tax 46.92;
     * grand total 250.92.
     */
    @Test
    void ofCustomer_listsQuotationsAndOrders_newestFirst_withTotalsAndLines_neverAnotherCustomers() {
        long a = customer("SK");
        long b = customer("SK");
        long older = order(a, today().minusDays(20));
        long newer = quotation(a, today().minusDays(5), Optional.of(today().plusDays(25)));
        long others = quotation(b, today(), Optional.empty());

        List<OrderSummary> mine = list(a, 50);
        assertEquals(List.of(newer, older), mine.stream().map(OrderSummary::id).toList());
        OrderSummary q = mine.get(0);
        assertEquals(Kind.QUOTATION, q.kind());
        assertTrue(q.binding());
        assertEquals(Status.DRAFTED, q.status());
        assertEquals(Optional.of(today().plusDays(25)), q.validUntil());
        assertEquals("EUR", q.currency());
        assertEquals(new BigDecimal("204.00"), q.totalLines());
        assertEquals(new BigDecimal("250.92"), q.grandTotal());
        OrderSummary.Line first = q.lines().get(0);
        assertEquals(Optional.of(hosting), first.productId());
        assertEquals(0, new BigDecimal("27.00").compareTo(first.price()));
        assertEquals(new BigDecimal("54.00"), first.lineNet());
        assertEquals(Optional.of(plan), first.planId());
        assertFalse(q.lines().get(1).recurring());
        assertTrue(q.acceptable(today()));
        assertEquals(Kind.ORDER, mine.get(1).kind());
        assertEquals(Optional.empty(), mine.get(1).validUntil());
        assertFalse(mine.get(1).acceptable(today()));

        assertEquals(List.of(newer), list(a, 1).stream().map(OrderSummary::id).toList());
        assertEquals(List.of(others), list(b, 50).stream().map(OrderSummary::id).toList());
        assertEquals(List.of(), list(999_999_999L, 50));
        for (int limit : new int[] {0, -1, Orders.MAX_LIMIT + 1}) {
            SubscriptionException e = assertThrows(SubscriptionException.class, () -> list(a, limit));
            assertEquals("limit", e.field().orElseThrow());
        }
    }

    @Test
    void accept_completesTheQuotation_andItsSubscriptionAppearsAtOnce_once() {
        long a = customer("SK");
        long q = quotation(a, today(), Optional.of(today().plusDays(30)));
        OrderSummary accepted = accept(a, q);
        assertEquals(Status.COMPLETED, accepted.status());
        assertEquals("CO", docStatus(q));
        List<Subscription> subs = service(SubscriptionService.class).list(Optional.of(a), Optional.empty(), 0, 10);
        assertEquals(1, subs.size());
        assertEquals(Optional.of(q), subs.get(0).orderId());
        assertEquals(plan, subs.get(0).templateId());
        assertEquals(0, new BigDecimal("54.00").compareTo(subs.get(0).mrr().amount()), subs.get(0).mrr().toString());

        SubscriptionException again = assertThrows(SubscriptionException.class, () -> accept(a, q));
        assertEquals(ErrorCode.INVALID_STATE, again.code());
        assertEquals("orderId", again.field().orElseThrow());
        assertEquals("orderId '" + q + "' is completed and can no longer be accepted", again.getMessage());
        assertEquals(1, subscriptionsOf(q));
    }

    @Test
    void twoAcceptancesAtOnce_oneCompletes_theOtherIsRefused_oneSubscription() throws Exception {
        long a = customer("AT");
        long q = quotation(a, today(), Optional.empty());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Object> outcomes = new ArrayList<>();
        try {
            Callable<OrderSummary> accept = () -> accept(a, q);
            for (Future<OrderSummary> f : pool.invokeAll(List.of(accept, accept))) {
                try {
                    outcomes.add(f.get().status());
                } catch (ExecutionException e) {
                    outcomes.add(((SubscriptionException) e.getCause()).code());
                }
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(outcomes.contains(Status.COMPLETED) && outcomes.contains(ErrorCode.INVALID_STATE), outcomes.toString());
        assertEquals(1, subscriptionsOf(q));
    }

    /** Another customer's quotation looks like one that does not exist; nothing is changed. */
    @Test
    void accept_anotherCustomersQuotation_orAnUnknownOne_isUnknown_andChangesNothing() {
        long a = customer("SK");
        long b = customer("SK");
        long theirs = quotation(b, today(), Optional.empty());
        for (long id : new long[] {theirs, 999_999_999L, -1L}) {
            SubscriptionException e = assertThrows(SubscriptionException.class, () -> accept(a, id));
            assertEquals(ErrorCode.UNKNOWN_REFERENCE, e.code());
            assertEquals("orderId", e.field().orElseThrow());
            assertEquals(String.valueOf(id), e.value().orElseThrow());
        }
        assertEquals("DR", docStatus(theirs));
        assertEquals(0, subscriptionsOf(theirs));
    }

    @Test
    void accept_anOrder_aCompletedQuotation_anExpiredOne_areRefused_andChangeNothing() {
        long a = customer("DE");
        long order = order(a, today());
        long completed = quotation(a, today(), Optional.empty());
        reference.complete(completed);
        long expired = quotation(a, today().minusDays(10), Optional.of(today().minusDays(1)));
        long voided = quotation(a, today(), Optional.empty());
        reference.voidIt(voided);
        List<String> before = Sandbox.rows("SELECT c_order_id, doc_status FROM sbx_order WHERE c_bpartner_id = ?"
                + " ORDER BY c_order_id", a);
        long subscriptions = count("SELECT COUNT(*) FROM sub_subscription WHERE c_bpartner_id = ?", a);

        assertRefused(a, order, "is not a quotation: an order cannot be accepted");
        assertRefused(a, completed, "is completed and can no longer be accepted");
        assertRefused(a, expired, "expired on " + today().minusDays(1) + " and can no longer be accepted");
        assertRefused(a, voided, "is voided and can no longer be accepted");
        assertEquals(before, Sandbox.rows("SELECT c_order_id, doc_status FROM sbx_order WHERE c_bpartner_id = ?"
                + " ORDER BY c_order_id", a));
        assertEquals(subscriptions, count("SELECT COUNT(*) FROM sub_subscription WHERE c_bpartner_id = ?", a));
    }

    /** A quotation of another tenant is neither listed nor accepted from this one; acting for its tenant it is. */
    @Test
    void anotherTenantsQuotation_isUnknownHere_andAcceptedActingForItsTenant() {
        long[] other = host.actingFor(TenantIsolationTest.OTHER, () -> {
            long c = customer("AT");
            long otherPlan = service(TemplateService.class).create(new TemplateDraft(Sandbox.unique("Other plan"),
                    Optional.empty(), Recurrence.monthly(), BillingTiming.IN_ADVANCE)).id();
            long product = service(MasterData.class).createProduct(Sandbox.unique("Other hosting"), "STANDARD",
                    new BigDecimal("12.00"), "EUR", Optional.empty(), Optional.of(otherPlan)).id();
            long q = reference.create(c, "EUR", Optional.of(today()), Optional.empty(), Optional.empty(),
                    List.of(new LineInput(product, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO)), Kind.QUOTATION,
                    Optional.empty()).order().id();
            return new long[] {c, q};
        });
        assertEquals(List.of(), list(other[0], 50));
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> accept(other[0], other[1]));
        assertEquals(ErrorCode.UNKNOWN_REFERENCE, e.code());
        assertEquals("DR", docStatus(other[1]));

        assertEquals(List.of(other[1]), host.actingFor(TenantIsolationTest.OTHER, () -> list(other[0], 50)).stream()
                .map(OrderSummary::id).toList());
        assertEquals(Status.COMPLETED, host.actingFor(TenantIsolationTest.OTHER, () -> accept(other[0], other[1])).status());
        assertEquals(1, subscriptionsOf(other[1]));
        assertEquals(List.of("1000001"), Sandbox.rows("SELECT ad_client_id FROM sub_subscription WHERE c_order_id = ?", other[1]));
    }

    /**
     * The subscriptions are made in the quotation's transaction: when quote to contract fails (here
     * the product's plan was deactivated), the quotation is not completed either.
     */
    @Test
    void aFailingConversion_leavesTheQuotationDrafted_withoutSubscriptions() {
        long a = customer("SK");
        long retired = service(TemplateService.class).create(new TemplateDraft(Sandbox.unique("Retired plan"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE)).id();
        long product = service(MasterData.class).createProduct(Sandbox.unique("Retired hosting"), "STANDARD",
                new BigDecimal("5.00"), "EUR", Optional.empty(), Optional.of(retired)).id();
        long q = reference.create(a, "EUR", Optional.of(today()), Optional.empty(), Optional.empty(),
                List.of(new LineInput(product, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO)), Kind.QUOTATION,
                Optional.empty()).order().id();
        host.inTransaction(tx -> org.idempiere.subscription.sandbox.internal.db.Rows.update(tx.connection(),
                "UPDATE sub_template SET isactive = 'N' WHERE sub_template_id = ?", retired));

        SubscriptionException e = assertThrows(SubscriptionException.class, () -> accept(a, q));
        assertEquals("SUB_Template_ID", e.field().orElseThrow(), e.getMessage());
        assertEquals("DR", docStatus(q));
        assertEquals(0, subscriptionsOf(q));
    }

    /** The last day of its validity a quotation is still accepted. */
    @Test
    void accept_onTheLastDayOfItsValidity_isAccepted() {
        long a = customer("CZ");
        long q = quotation(a, today().minusDays(3), Optional.of(today()));
        assertEquals(Status.COMPLETED, accept(a, q).status());
        assertEquals(1, subscriptionsOf(q));
    }

    /** The sandbox API enters quotations with their validity, so the portal's pages can be tried. */
    @Test
    void sandboxApi_entersQuotationsWithTheirValidity() throws Exception {
        long a = customer("SK");
        String lines = ",\"lines\":[{\"productId\":" + hosting + ",\"quantity\":1}]}";
        Api.Answer q = Api.call("POST", "/sandbox/orders", "{\"customerId\":" + a + ",\"currency\":\"EUR\",\"kind\":\"QUOTATION\","
                + "\"dateOrdered\":\"" + today() + "\",\"validUntil\":\"" + today().plusDays(14) + "\"" + lines);
        assertEquals(201, q.status(), q.text());
        assertEquals("QUOTATION", q.body().path("kind").asText());
        assertEquals(today().plusDays(14).toString(), q.body().path("validUntil").asText());
        assertTrue(q.body().path("documentNo").asText().startsWith("QT-"), q.text());
        Api.Answer o = Api.call("POST", "/sandbox/orders", "{\"customerId\":" + a + ",\"currency\":\"EUR\"" + lines);
        assertEquals("ORDER", o.body().path("kind").asText());
        assertTrue(o.body().path("validUntil").isNull(), o.text());

        for (String[] bad : new String[][] {{"\"kind\":\"OFFER\"", "kind"},
                {"\"kind\":\"ORDER\",\"validUntil\":\"" + today() + "\"", "validUntil"},
                {"\"kind\":\"QUOTATION\",\"dateOrdered\":\"" + today() + "\",\"validUntil\":\"" + today().minusDays(1) + "\"",
                        "validUntil"}}) {
            Api.Answer refused = Api.call("POST", "/sandbox/orders", "{\"customerId\":" + a + ",\"currency\":\"EUR\","
                    + bad[0] + lines);
            assertEquals(400, refused.status(), refused.text());
            assertEquals(bad[1], refused.body().path("field").asText(), refused.text());
        }
        assertEquals(2, list(a, 50).size(), "nothing entered on a refusal");
    }

    private static void assertRefused(long customer, long orderId, String why) {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> accept(customer, orderId));
        assertEquals(ErrorCode.INVALID_STATE, e.code());
        assertEquals("orderId", e.field().orElseThrow());
        assertEquals("orderId '" + orderId + "' " + why, e.getMessage());
    }
}
