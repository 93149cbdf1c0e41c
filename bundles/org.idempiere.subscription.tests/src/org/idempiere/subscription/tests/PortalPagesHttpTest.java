package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.PortalVisit.location;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.sandbox.internal.db.ConnectionPool;
import org.idempiere.subscription.sandbox.internal.db.SandboxDatabase;
import org.idempiere.subscription.sandbox.internal.host.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The customer's subscription and invoice pages over real HTTP, every action without JavaScript:
 * links that go where the e-mail said, the list and a subscription, previews that write nothing,
 * changes and closing confirmed by a POST that redirects, the engine's refusals shown on the page,
 * invoices as PDF and paid with a saved card.
 */
class PortalPagesHttpTest {
    private static PortalWorld.Plans plans;
    private static List<Long> reasons;

    @BeforeAll
    static void start() throws Exception {
        PortalClient.server();
        ChangesTest.clockTo(ChangesTest.nextMonthOf(31));
        plans = PortalWorld.plans(PortalWorld.MAIN, CustomerPermission.UPGRADE_DOWNGRADE, PaymentMode.MANUAL);
        reasons = PortalWorld.reasons(PortalWorld.MAIN);
    }

    private static PortalWorld.Customer customer() {
        return PortalWorld.customer(PortalWorld.MAIN, plans, Sandbox.unique("Pages customer"), "en_US");
    }

    private static Subscription stored(PortalWorld.Customer c) {
        return service(SubscriptionService.class).find(c.subscription().id()).orElseThrow();
    }

    @Test
    void aLink_goesWhereItsEmailSaid_andNowhereElse() throws Exception {
        PortalWorld.Customer c = customer();
        String portal = PortalClient.server() + "/subscriptions/portal";
        Map<String, String> expected = Map.of("invoices", "/subscriptions/portal/invoices", "payment-methods",
                "/subscriptions/portal/payment-methods", "subscriptions", "/subscriptions/portal/",
                "//evil.example", "/subscriptions/portal/", "https%3A%2F%2Fevil.example", "/subscriptions/portal/",
                "invoices%2F..%2F..", "/subscriptions/portal/");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            HttpResponse<String> r = PortalClient.get(portal + "/link/" + c.link() + "?to=" + e.getKey(), Map.of());
            assertEquals(303, r.statusCode(), e.getKey());
            assertEquals(e.getValue(), location(r), "to=" + e.getKey());
        }
    }

    /*
     * A page never holds a connection while it waits for a second one: under as many requests at
     * once as the pool has connections, every one would hold one and wait, and all would stall until
     * the pool gives up (seen in the portal benchmark before the subscription view read its invoice
     * preview first). The sandbox's pool counts such borrows; requested one at a time, so the count
     * is this test's own, each page adds none.
     */
    @Test
    void noPage_borrowsASecondConnectionWhileItHoldsOne() throws Exception {
        PortalWorld.Customer c = customer();
        PortalVisit v = PortalVisit.signIn(c);
        long invoice = service(BillingService.class).invoicesOf(c.subscription().id()).get(0).id();
        String sub = "/subscriptions/" + c.subscription().id();
        ConnectionPool pool = Sandbox.service(SandboxDatabase.class).pool();
        List<String> offenders = new java.util.ArrayList<>();
        for (String page : List.of("/", sub, sub + "/close", sub + "/change?kind=plan&plan=" + plans.business(), "/invoices",
                "/invoices/" + invoice + "/pay", "/invoices/" + invoice + "/pdf", "/orders", "/details", "/payment-methods")) {
            long before = pool.nestedBorrows();
            assertEquals(200, v.get(page).statusCode(), page);
            if (pool.nestedBorrows() != before) {
                offenders.add(page + " (" + (pool.nestedBorrows() - before) + ")");
            }
        }
        // a session last used over a minute ago has its idle time restarted: that too holds no connection while it borrows one
        service(org.idempiere.subscription.api.host.HostContext.class).inTransaction(tx -> org.idempiere.subscription.sandbox.internal.db.Rows
                .update(tx.connection(), "UPDATE SUB_PortalSession SET DateLastUsed = DateLastUsed - INTERVAL '2 minutes'"
                        + " WHERE C_BPartner_ID = ?", c.row().id()));
        String lastUsed = "SELECT MAX(DateLastUsed) FROM SUB_PortalSession WHERE C_BPartner_ID = ?";
        List<String> backdated = Sandbox.rows(lastUsed, c.row().id());
        long before = pool.nestedBorrows();
        assertEquals(200, v.get("/").statusCode());
        if (pool.nestedBorrows() != before) {
            offenders.add("/ with its session's idle time restarted (" + (pool.nestedBorrows() - before) + ")");
        }
        assertEquals(List.of(), offenders, "pages that borrowed a connection while they held one");
        assertNotEquals(backdated, Sandbox.rows(lastUsed, c.row().id()), "the session's idle time was restarted");
    }

    @Test
    void theList_andASubscription_showLinesPricesPeriodAndTheNextInvoice() throws Exception {
        PortalWorld.Customer c = customer();
        PortalVisit v = PortalVisit.signIn(c);
        String home = v.get("/").body();
        for (String shown : List.of("Signed in as " + c.row().name(), "Team", c.subscription().documentNo(), "Team workspace seat",
                "Extra storage 100 GB", "€12.00", "€36.00", "€6.50", "Monthly", "€42.50 / month", "Active", "Next invoice")) {
            assertTrue(home.contains(shown), shown + " in " + home);
        }
        HttpResponse<String> detail = v.get("/subscriptions/" + c.subscription().id());
        assertEquals(200, detail.statusCode(), detail.body());
        for (String shown : List.of("Add an option", "Priority support", "€29.00 · Monthly", "Change plan", "Business",
                "Close subscription", "name=\"kind\" value=\"quantity\"", "name=\"kind\" value=\"remove-option\"")) {
            assertTrue(detail.body().contains(shown), shown);
        }
        assertEquals(404, v.get("/subscriptions/99999999").statusCode());
    }

    @Test
    void addingAnOption_isPreviewedWithoutWriting_thenConfirmed_andItsAdjustmentInvoiceIsListed() throws Exception {
        PortalWorld.Customer c = customer();
        service(TestClock.class).advanceDays(10);
        PortalVisit v = PortalVisit.signIn(c);
        String before = stored(c).toString();
        int invoices = service(BillingService.class).invoicesOf(c.subscription().id()).size();

        HttpResponse<String> preview = v.get("/subscriptions/" + c.subscription().id() + "/change?kind=add-option&product="
                + plans.support());
        assertEquals(200, preview.statusCode(), preview.body());
        for (String shown : List.of("Review your change", "Add the option Priority support.", "21 days", "Tax (estimated)",
                "Total to pay", "From the next period", "€42.50", "€71.50", "Confirm change")) {
            assertTrue(preview.body().contains(shown), shown + " in " + preview.body());
        }
        assertEquals(before, stored(c).toString(), "the preview changed nothing");
        assertEquals(invoices, service(BillingService.class).invoicesOf(c.subscription().id()).size(), "and posted nothing");

        HttpResponse<String> done = v.post("/subscriptions/" + c.subscription().id() + "/change",
                PortalVisit.hiddenFields(preview.body()));
        assertEquals("/subscriptions/portal/subscriptions/" + c.subscription().id() + "?done=changed", location(done));
        String page = v.follow(done).body();
        assertTrue(page.contains("Done: your subscription has been changed.") && page.contains("€71.50 / month"), page);
        assertEquals(invoices + 1, service(BillingService.class).invoicesOf(c.subscription().id()).size(), "the adjustment");
        String list = v.get("/invoices").body();
        assertEquals(2, list.split("/pdf\"").length - 1, "both invoices listed: " + list);
    }

    @Test
    void aPlanChange_andAQuantity_goThroughTheirPreview() throws Exception {
        PortalWorld.Customer c = customer();
        PortalVisit v = PortalVisit.signIn(c);
        String id = String.valueOf(c.subscription().id());
        long seatsLine = c.subscription().lines().stream().filter(l -> l.productId() == plans.seats()).findFirst().orElseThrow().id();
        HttpResponse<String> quantity = v.get("/subscriptions/" + id + "/change?kind=quantity&line=" + seatsLine + "&quantity=5");
        assertTrue(quantity.body().contains("Change the quantity of Team workspace seat from 3 to 5."), quantity.body());
        HttpResponse<String> plan = v.get("/subscriptions/" + id + "/change?kind=plan&plan=" + plans.business());
        assertTrue(plan.body().contains("Move to the plan Business."), plan.body());
        assertEquals(303, v.post("/subscriptions/" + id + "/change", PortalVisit.hiddenFields(plan.body())).statusCode());
        assertEquals(plans.business(), stored(c).templateId());
        assertTrue(v.get("/subscriptions/" + id).body().contains("Business workspace, 10 seats"));
    }

    @Test
    void whatThePlanDoesNotAllow_isRefusedOnThePage_andNothingChanges() throws Exception {
        PortalWorld.Plans upOnly = PortalWorld.plans(PortalWorld.MAIN, CustomerPermission.UPGRADE_ONLY, PaymentMode.MANUAL);
        PortalWorld.Customer c = PortalWorld.customer(PortalWorld.MAIN, upOnly, Sandbox.unique("Upgrades only"), "en_US");
        PortalVisit v = PortalVisit.signIn(c);
        String before = stored(c).toString();
        long seatsLine = c.subscription().lines().stream().filter(l -> l.productId() == upOnly.seats()).findFirst().orElseThrow().id();
        String path = "/subscriptions/" + c.subscription().id() + "/change";
        HttpResponse<String> lower = v.get(path + "?kind=quantity&line=" + seatsLine + "&quantity=1");
        assertEquals(400, lower.statusCode());
        assertTrue(lower.body().contains("Nothing was changed") && lower.body().contains("raise quantities, not lower them"),
                lower.body());
        HttpResponse<String> posted = v.post(path, Map.of("kind", "quantity", "line", String.valueOf(seatsLine), "quantity", "1"));
        assertEquals(400, posted.statusCode());
        HttpResponse<String> notAnOption = v.post(path, Map.of("kind", "add-option", "product", String.valueOf(upOnly.seats())));
        assertTrue(notAnOption.body().contains("That is not an option of your plan."), notAnOption.body());
        HttpResponse<String> skSk = PortalClient.get(v.portal + path + "?kind=quantity&line=" + seatsLine + "&quantity=1",
                Map.of(PortalVisit.SESSION, v.cookies.get(PortalVisit.SESSION), "sub_portal_lang", "sk"));
        assertTrue(skSk.body().contains("Nič sa nezmenilo"), skSk.body());
        assertEquals(before, stored(c).toString(), "nothing changed");
    }

    @Test
    void closing_asksForAReason_showsWhatHappens_thenCloses() throws Exception {
        PortalWorld.Customer c = customer();
        PortalVisit v = PortalVisit.signIn(c);
        String path = "/subscriptions/" + c.subscription().id() + "/close";
        HttpResponse<String> form = v.get(path);
        assertTrue(form.body().contains("Too expensive") && form.body().contains("maxlength=\"255\""), form.body());
        assertEquals(400, v.get(path + "?reason=" + reasons.get(1) + "&comment=" + "x".repeat(256)).statusCode());
        assertEquals(400, v.get(path + "?reason=99999999").statusCode(), "not one of the reasons");
        HttpResponse<String> review = v.get(path + "?reason=" + reasons.get(1) + "&comment=Budget+cut");
        assertTrue(review.body().contains("Budget cut") && review.body().contains("cannot be reopened here"), review.body());
        assertEquals(SubscriptionStatus.ACTIVE, stored(c).status(), "the review closed nothing");

        HttpResponse<String> closed = v.post(path, PortalVisit.hiddenFields(review.body()));
        assertEquals("/subscriptions/portal/subscriptions/" + c.subscription().id() + "?done=closed", location(closed));
        assertTrue(v.follow(closed).body().contains("Closed"));
        Subscription s = stored(c);
        assertEquals(SubscriptionStatus.CLOSED, s.status());
        assertEquals(java.util.Optional.of(reasons.get(1)), s.closeReasonId());
        assertEquals(java.util.Optional.of("Budget cut"), s.closeReason());
    }

    @Test
    void aPlanWithoutCustomerChanges_orClosing_offersNeither_andRefusesBoth() throws Exception {
        PortalWorld.Plans fixed = PortalWorld.plans(PortalWorld.MAIN, CustomerPermission.NONE, PaymentMode.MANUAL, false);
        PortalWorld.Customer c = PortalWorld.customer(PortalWorld.MAIN, fixed, Sandbox.unique("Seller only"), "en_US");
        PortalVisit v = PortalVisit.signIn(c);
        String id = String.valueOf(c.subscription().id());
        String detail = v.get("/subscriptions/" + id).body();
        assertFalse(detail.contains("Add an option") || detail.contains("Close subscription…"), detail);
        assertTrue(detail.contains("Changes to this subscription are made by your supplier."), detail);
        HttpResponse<String> change = v.post("/subscriptions/" + id + "/change",
                Map.of("kind", "add-option", "product", String.valueOf(fixed.support())));
        assertEquals(409, change.statusCode());
        assertTrue(change.body().contains("Changes to this subscription are made by your supplier."), change.body());
        HttpResponse<String> closeForm = v.get("/subscriptions/" + id + "/close");
        assertEquals(409, closeForm.statusCode());
        assertTrue(closeForm.body().contains("This subscription cannot be closed here."), closeForm.body());
        HttpResponse<String> close = v.post("/subscriptions/" + id + "/close", Map.of("reason", String.valueOf(reasons.get(0))));
        assertEquals(409, close.statusCode());
        assertEquals(SubscriptionStatus.ACTIVE, stored(c).status());
    }

    @Test
    void invoices_areListed_downloadedAsPdf_andPaidWithASavedCard() throws Exception {
        PortalWorld.Customer c = customer();
        PortalVisit v = PortalVisit.signIn(c);
        long invoice = service(BillingService.class).invoicesOf(c.subscription().id()).get(0).id();
        String list = v.get("/invoices").body();
        assertTrue(list.contains("Open") && list.contains("€52.28") && list.contains(c.subscription().documentNo()), list);

        HttpResponse<String> pdf = v.get("/invoices/" + invoice + "/pdf");
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        assertTrue(pdf.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename=\"invoice-"));
        assertEquals("no-store", pdf.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(pdf.body().startsWith("%PDF"));

        assertTrue(v.get("/invoices/" + invoice + "/pay").body().contains("You have no saved payment method yet"));
        v.addCard("4000000000009995", true);
        HttpResponse<String> form = v.get("/invoices/" + invoice + "/pay");
        String method = methodOf(form.body());
        HttpResponse<String> declined = v.follow(v.post("/invoices/" + invoice + "/pay", Map.of("method", method)));
        assertTrue(declined.body().contains("The payment was declined") && declined.body().contains("insufficient funds"),
                declined.body());

        v.addCard("4242424242424242", true);
        String good = methodOf(v.get("/invoices/" + invoice + "/pay").body());
        HttpResponse<String> paid = v.follow(v.post("/invoices/" + invoice + "/pay", Map.of("method", good)));
        assertTrue(paid.body().contains("Thank you: the payment went through") && paid.body().contains("€52.28"), paid.body());
        assertTrue(v.get("/invoices").body().contains("Paid"));
        assertEquals("/subscriptions/portal/invoices?done=already-paid", location(v.get("/invoices/" + invoice + "/pay")));
        assertEquals(409, v.post("/invoices/" + invoice + "/pay", Map.of("method", good)).statusCode(), "nothing left to pay");
    }

    /** The method the pay form has chosen (the default). */
    private static String methodOf(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"method\" value=\"([0-9]+)\" required checked").matcher(html);
        assertTrue(m.find(), html);
        return m.group(1);
    }
}
