package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.host.Product;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.host.TaxRate;
import org.idempiere.subscription.api.host.Taxes;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.ChangePreview;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.PortalChangePreview;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.api.service.PortalSubscription;
import org.idempiere.subscription.sandbox.internal.db.ConnectionPool;
import org.idempiere.subscription.sandbox.internal.db.SandboxDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the portal's pages read: one transaction to find and resume the session and one per engine
 * call of the page, however many subscriptions, invoices and products the page shows; and the
 * reference host's reads of many invoices, open amounts and products at once answer what its
 * reads of one each answer.
 */
class PortalReadsTest {
    private static PortalWorld.Plans plans;

    @BeforeAll
    static void start() throws Exception {
        PortalClient.server();
        ChangesTest.clockTo(ChangesTest.nextMonthOf(31));
        plans = PortalWorld.plans(PortalWorld.MAIN, CustomerPermission.UPGRADE_DOWNGRADE, PaymentMode.MANUAL);
        PortalWorld.reasons(PortalWorld.MAIN);
    }

    /** A portal customer with a second subscription of the Team plan, billed too: two subscriptions, two invoices. */
    private static PortalWorld.Customer customerWithTwoSubscriptions() {
        PortalWorld.Customer c = PortalWorld.customer(PortalWorld.MAIN, plans, Sandbox.unique("Reads customer"), "en_US");
        LocalDate today = service(HostContext.class).today();
        service(SubscriptionService.class).create(new SubscriptionDraft(plans.team(), c.row().id(), "EUR", today, Optional.empty(),
                List.of(new LineDraft(plans.seats(), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO),
                        new LineDraft(plans.support(), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
        BillingRunReport run = service(BillingService.class).run(today, new BillingScope(Optional.of(plans.team()), Optional.empty()));
        assertEquals(0, run.failuresCount(), run.toString());
        return c;
    }

    private static List<Long> invoicesOf(PortalWorld.Customer c) {
        List<Long> ids = new ArrayList<>();
        for (Subscription s : service(SubscriptionService.class).list(Optional.of(c.row().id()), Optional.empty(), 0, 10)) {
            service(BillingService.class).invoicesOf(s.id()).forEach(i -> ids.add(i.id()));
        }
        return ids;
    }

    @Test
    void eachPage_takesATransactionForTheSession_andOneForEachEngineCall() throws Exception {
        PortalWorld.Customer c = customerWithTwoSubscriptions();
        List<Long> invoices = invoicesOf(c);
        assertEquals(2, invoices.size(), "the customer's invoices: " + invoices);
        PortalVisit v = PortalVisit.signIn(c);
        String sub = "/subscriptions/" + c.subscription().id();
        String invoice = "/invoices/" + invoices.get(0);
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("/", 2L); // the session (with the customer's name), the subscriptions with their plans, products and next invoices
        expected.put(sub, 2L); // the session, the subscription
        expected.put(sub + "/close", 3L); // the session, the subscription, the close reasons
        // the session, the subscription with the change's preview (due changes applied, priced)
        expected.put(sub + "/change?kind=plan&plan=" + plans.business(), 2L);
        expected.put(quantityPage(c, "3"), 2L);
        expected.put("/invoices", 2L); // the session, the invoices with what is open of them
        expected.put(invoice + "/pay", 3L); // the session, the invoice, the payment methods
        expected.put(invoice + "/pdf", 2L); // the session, the invoice with its printout
        ConnectionPool pool = service(SandboxDatabase.class).pool();
        Map<String, Long> taken = new LinkedHashMap<>();
        for (String page : expected.keySet()) {
            long before = pool.borrows();
            assertEquals(200, v.get(page).statusCode(), page);
            taken.put(page, pool.borrows() - before);
        }
        assertEquals(expected, taken, "transactions per page");
    }

    /**
     * The statements of each page the portal benchmark requests, for a customer with two billed
     * subscriptions: each page's count pinned, so that a change which reads per item again, or
     * reads what the session already read, fails here (the session's own statements included).
     * Each page is requested twice and the fewer counted: a session's idle time is restarted at
     * most once a minute, by a write that only the first request after that minute makes.
     */
    @Test
    void eachPage_runsItsPinnedNumberOfStatements() throws Exception {
        PortalWorld.Customer c = customerWithTwoSubscriptions();
        List<Long> invoices = invoicesOf(c);
        PortalVisit v = PortalVisit.signIn(c);
        String sub = "/subscriptions/" + c.subscription().id();
        String invoice = "/invoices/" + invoices.get(0);
        Map<String, Long> expected = new LinkedHashMap<>();
        // every page with a session: the session found, its customer and its contact (3); then
        // the subscriptions (2: with their lines), their plans (2: with lines and options), their
        // products (1), their next invoices (3: pending changes, prices with the options' prices, tax rates)
        expected.put("/", 11L);
        expected.put(sub, 11L); // as the list, for one subscription
        expected.put(quantityPage(c, "3"), STATEMENTS_OF_A_QUANTITY_PREVIEW);
        expected.put(sub + "/close", 12L); // the subscription's, and the close reasons
        // the subscriptions (1: without their lines), their invoice ids (1), the invoices (2: lines,
        // headers), what is open of them (1)
        expected.put("/invoices", 8L);
        // the subscriptions the invoice bills (1), the customer's (1), the invoice (2), what is open of it (1), the methods (1)
        expected.put(invoice + "/pay", 9L);
        // the invoice as on the payment page (5), then the reference host's printout (4: the
        // invoice again, lines and header; the customer's name; the products' names)
        expected.put(invoice + "/pdf", 12L);
        expected.put("/payment-methods", 4L); // the methods
        expected.put("/orders", 4L); // the orders
        expected.put("/details", 6L); // the contact (1), the billing address (2: the customer, the address)
        expected.put("/request-link", 3L); // a signed-in visitor's session is found on every page
        ConnectionPool pool = service(SandboxDatabase.class).pool();
        Map<String, Long> counted = new LinkedHashMap<>();
        StringBuilder ran = new StringBuilder();
        for (String page : expected.keySet()) {
            long fewest = Long.MAX_VALUE;
            for (int i = 0; i < 2; i++) {
                pool.recordStatements(true);
                long before = pool.statements();
                assertEquals(200, v.get(page).statusCode(), page);
                long count = pool.statements() - before;
                if (count < fewest) {
                    fewest = count;
                    ran.setLength(0);
                    ran.append("\n").append(page).append(":");
                    pool.recordedStatements().forEach(sql -> ran.append("\n  ").append(sql));
                }
                pool.recordStatements(false);
            }
            counted.put(page, fewest);
            statementsRan.append(ran);
        }
        assertEquals(expected, counted, "statements per page, which ran:" + statementsRan);
    }

    /** The statements each page ran, as {@link #eachPage_runsItsPinnedNumberOfStatements} last counted them. */
    private final StringBuilder statementsRan = new StringBuilder();

    /** A portal session of the customer, opened by a new link. */
    private static PortalSession sessionOf(PortalWorld.Customer c) {
        PortalAccessService access = service(PortalAccessService.class);
        return access.openSession(access.issueLink(c.row().id(), Optional.empty()).token().orElseThrow()).orElseThrow();
    }

    /** The change preview page for a new quantity of the customer's first line. */
    private static String quantityPage(PortalWorld.Customer c, String quantity) {
        return "/subscriptions/" + c.subscription().id() + "/change?kind=quantity&line=" + c.subscription().lines().get(0).id()
                + "&quantity=" + quantity;
    }

    /**
     * The statements of a change's preview page, a quantity of a billed subscription (so with an
     * adjustment): the session (found, the customer, the contact), then in one transaction the
     * subscription read once with its lines, its plan among the active plans (the plans, then their
     * lines and options together), the products of its page, its next invoice (pending changes,
     * prices with the options' prices, tax rates), the billed
     * periods in another currency, the changed line's price, the billed periods, their prices,
     * the MRR before and after priced together, the adjustment's tax rates and the next invoice
     * after the change (prices, tax rates).
     */
    @Test
    void theChangePreviewPage_readsTheSubscriptionOnce_andPricesTogether() throws Exception {
        PortalWorld.Customer c = customerWithTwoSubscriptions();
        PortalVisit v = PortalVisit.signIn(c);
        ConnectionPool pool = service(SandboxDatabase.class).pool();
        assertEquals(200, v.get(quantityPage(c, "3")).statusCode(), "warm");
        List<Long> counts = new ArrayList<>();
        for (String quantity : List.of("3", "4")) {
            long before = pool.statements();
            assertEquals(200, v.get(quantityPage(c, quantity)).statusCode(), quantity);
            counts.add(pool.statements() - before);
        }
        assertEquals(counts.get(0), counts.get(1), "the same page reads the same: " + counts);
        assertEquals(STATEMENTS_OF_A_QUANTITY_PREVIEW, counts.get(0), "statements of the change preview page");
    }

    /** See {@link #theChangePreviewPage_readsTheSubscriptionOnce_andPricesTogether}. */
    private static final long STATEMENTS_OF_A_QUANTITY_PREVIEW = 20;

    /**
     * The page's preview, read with the subscription in one transaction, is the billing service's
     * preview of the same change by the customer, and its subscription the subscription's own page.
     */
    @Test
    void theChangePreviewReadTogether_isBillingsPreviewOfTheSameChange() {
        PortalWorld.Customer c = customerWithTwoSubscriptions();
        PortalSession session = sessionOf(c);
        CustomerPortalService portal = service(CustomerPortalService.class);
        long id = c.subscription().id();
        long line = c.subscription().lines().get(0).id();
        List<ChangeDraft> changes = List.of(
                new ChangeDraft(Optional.empty(), Optional.empty(), List.of(new LineChange.Update(line, Optional.of(new BigDecimal("3")),
                        Optional.empty(), Optional.empty()))),
                new ChangeDraft(Optional.empty(), Optional.empty(), List.of(new LineChange.Add(new LineDraft(plans.storage(),
                        BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO)))),
                new ChangeDraft(Optional.empty(), Optional.of(plans.business()), List.of()));
        for (ChangeDraft change : changes) {
            PortalChangePreview read = portal.changePreview(session, id, change);
            ChangePreview billing = service(BillingService.class).previewChangeByCustomer(id, change);
            assertTrue(billing.adjustment().isPresent() || change.templateId().isPresent(), "a billed period adjusted: " + billing);
            assertEquals(billing, read.preview(), "the preview of " + change);
            assertEquals(billing, portal.previewChange(session, id, change), "the preview alone of " + change);
            assertEquals(portal.subscription(session, id), read.subscription(), "the subscription with " + change);
        }
    }

    @Test
    void theListsNextInvoices_readTogether_areWhatBillingPreviewsOneByOne() {
        PortalWorld.Customer c = customerWithTwoSubscriptions();
        PortalSession session = sessionOf(c);
        List<PortalSubscription> listed = service(CustomerPortalService.class).subscriptions(session);
        assertEquals(2, listed.size(), "the customer's subscriptions: " + listed);
        for (PortalSubscription p : listed) {
            assertTrue(p.nextInvoice().isPresent(), "a next invoice of " + p.subscription().id());
            assertEquals(service(BillingService.class).preview(p.subscription().id()), p.nextInvoice().get());
            assertEquals(p, service(CustomerPortalService.class).subscription(session, p.subscription().id()),
                    "the list shows a subscription as its own page does");
        }
    }

    @Test
    void theHostsReadsOfMany_answerWhatItsReadsOfOneAnswer() {
        PortalWorld.Customer c = customerWithTwoSubscriptions();
        List<Long> ids = new ArrayList<>(invoicesOf(c));
        ids.add(99_999_999L); // no such invoice: absent from both answers
        List<Long> products = List.of(plans.seats(), plans.support(), plans.storage(), plans.seats(), 99_999_999L);
        HostContext host = service(HostContext.class);
        host.inTransaction(tx -> {
            Map<Long, InvoiceView> one = new HashMap<>();
            Map<Long, Money> open = new HashMap<>();
            for (long id : ids) {
                service(Invoicing.class).find(tx, id).ifPresent(i -> one.put(id, i));
                service(Payments.class).openAmount(tx, id).ifPresent(m -> open.put(id, m));
            }
            assertEquals(2, one.size(), "invoices found one by one: " + one.keySet());
            assertTrue(one.values().stream().allMatch(i -> !i.lines().isEmpty()), "every invoice has its lines");
            assertEquals(one, service(Invoicing.class).findAll(tx, ids));
            assertEquals(open, service(Payments.class).openAmounts(tx, ids));
            Map<Long, Product> named = new HashMap<>();
            for (long id : products) {
                service(Catalog.class).product(tx, id).ifPresent(p -> named.put(id, p));
            }
            assertEquals(3, named.size(), "products found one by one: " + named.keySet());
            assertEquals(named, service(Catalog.class).products(tx, products));
            LocalDate today = service(HostContext.class).today();
            List<Taxes.RateKey> keys = new ArrayList<>();
            for (long product : products) {
                keys.add(new Taxes.RateKey(product, c.subscription().billToLocationId(), today));
                keys.add(new Taxes.RateKey(product, c.subscription().billToLocationId(), LocalDate.of(1990, 1, 1)));
                keys.add(new Taxes.RateKey(product, 99_999_999L, today));
            }
            Map<Taxes.RateKey, TaxRate> rates = new HashMap<>();
            for (Taxes.RateKey k : keys) {
                service(Taxes.class).rateFor(tx, k.productId(), k.billToLocationId(), k.date()).ifPresent(r -> rates.put(k, r));
            }
            assertTrue(rates.keySet().stream().anyMatch(k -> k.date().equals(today)), "rates found one by one: " + rates);
            assertTrue(rates.keySet().stream().noneMatch(k -> k.billToLocationId() == 99_999_999L), "no location, no rate");
            assertEquals(rates, service(Taxes.class).rates(tx, keys));
            return null;
        });
        // another tenant's reads find none of them, one by one or at once
        PortalWorld.as(PortalWorld.OTHER, () -> host.inTransaction(tx -> {
            assertEquals(Map.of(), service(Invoicing.class).findAll(tx, ids));
            assertEquals(Map.of(), service(Payments.class).openAmounts(tx, ids));
            assertEquals(Map.of(), service(Catalog.class).products(tx, products));
            assertEquals(Map.of(), service(Taxes.class).rates(tx, List.of(new Taxes.RateKey(plans.seats(),
                    c.subscription().billToLocationId(), service(HostContext.class).today()))));
            for (long id : ids) {
                assertEquals(Optional.empty(), service(Invoicing.class).find(tx, id));
            }
            return null;
        }));
    }
}
