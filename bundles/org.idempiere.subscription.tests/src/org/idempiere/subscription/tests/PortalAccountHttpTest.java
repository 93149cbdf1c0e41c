package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.PortalVisit.location;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.host.Address;
import org.idempiere.subscription.api.host.Contact;
import org.idempiere.subscription.api.host.OrderSummary;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quotations accepted online and the customer's own details, over real HTTP without JavaScript:
 * an accepted quotation's subscription is listed at once, a quotation that cannot be accepted
 * says why and changes nothing; the contact and billing address are written to the host's records,
 * and what is refused is marked beside its field with what was entered kept.
 */
class PortalAccountHttpTest {
    private static PortalWorld.Plans plans;

    @BeforeAll
    static void start() throws Exception {
        PortalClient.server();
        plans = PortalWorld.plans(PortalWorld.MAIN, CustomerPermission.UPGRADE_DOWNGRADE, PaymentMode.MANUAL);
    }

    private static PortalWorld.Customer customer() {
        return PortalWorld.customer(PortalWorld.MAIN, plans, Sandbox.unique("Account customer"), "en_US");
    }

    private static CustomerPortalService portal() {
        return service(CustomerPortalService.class);
    }

    @Test
    void aQuotation_isReviewedLineByLine_acceptedOnline_andItsSubscriptionIsListedAtOnce() throws Exception {
        PortalWorld.Customer c = customer();
        long quotation = PortalWorld.quotation(c, true);
        PortalVisit v = PortalVisit.signIn(c);
        String list = v.get("/orders").body();
        assertTrue(list.contains("Awaiting your answer") && list.contains("Review and accept"), list);
        String detail = v.get("/orders/" + quotation).body();
        for (String shown : List.of("Analytics dashboard", "Onboarding workshop", "subscription", "€350.00", "€485.85",
                "Accept and order for €485.85")) {
            assertTrue(detail.contains(shown), shown + " in " + detail);
        }
        HttpResponse<String> accepted = v.post("/orders/" + quotation + "/accept", Map.of());
        assertEquals("/subscriptions/portal/?done=quotation-accepted", location(accepted));
        String home = v.follow(accepted).body();
        assertTrue(home.contains("the quotation is accepted") && home.contains("Analytics dashboard"), home);
        assertEquals(OrderSummary.Status.COMPLETED, portal().orders(c.session()).stream().filter(o -> o.id() == quotation)
                .findFirst().orElseThrow().status());

        HttpResponse<String> again = v.post("/orders/" + quotation + "/accept", Map.of());
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("can no longer be accepted online"), again.body());
        assertTrue(v.get("/orders/" + quotation).body().contains("Accepted"));
    }

    @Test
    void theContact_isChanged_andWhatIsRefusedIsMarkedBesideItsField() throws Exception {
        PortalWorld.Customer c = customer();
        PortalVisit v = PortalVisit.signIn(c);
        String page = v.get("/details").body();
        assertTrue(page.contains("value=\"" + c.row().name() + "\"") || page.contains("Contact person"), page);

        HttpResponse<String> bad = v.post("/details/contact", Map.of("name", "Jana Nováková", "email", "not-an-address",
                "phone", "+421 900 123 456"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("id=\"email-error\"") && bad.body().contains("aria-invalid=\"true\"")
                && bad.body().contains("value=\"not-an-address\"") && bad.body().contains("value=\"+421 900 123 456\""), bad.body());
        Contact before = portal().contact(c.session()).orElseThrow();
        assertEquals(c.row().contactUserId(), before.id());
        assertFalse(before.name().equals("Jana Nováková"), "nothing was written");

        HttpResponse<String> saved = v.post("/details/contact", Map.of("name", "Jana Nováková", "email", "jana@pivovar.example",
                "phone", "+421 900 123 456"));
        assertEquals("/subscriptions/portal/details?done=contact-saved", location(saved));
        Contact after = portal().contact(c.session()).orElseThrow();
        assertEquals("Jana Nováková", after.name());
        assertEquals(Optional.of("jana@pivovar.example"), after.email());
        assertEquals(Optional.of("+421 900 123 456"), after.phone());
        assertEquals(400, v.post("/details/contact", Map.of("email", "x@y.sk")).statusCode(), "a name is required");
    }

    @Test
    void theBillingAddress_isChangedInTheHostsRecords() throws Exception {
        PortalWorld.Customer c = customer();
        PortalVisit v = PortalVisit.signIn(c);
        assertTrue(v.get("/details").body().contains("<option value=\"SK\" selected>Slovakia</option>"));
        HttpResponse<String> bad = v.post("/details/address", Map.of("address1", "Hlavná 1", "postal", "811 01!", "city", "Bratislava",
                "countryCode", "SK"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("id=\"postal-error\""), bad.body());
        assertEquals(400, v.post("/details/address", Map.of("address1", "Hlavná 1", "city", "Bratislava", "countryCode", "XX"))
                .statusCode(), "no such country");

        HttpResponse<String> saved = v.post("/details/address", Map.of("address1", "Hlavná 1", "address2", "", "postal", "811 01",
                "city", "Bratislava", "region", "", "countryCode", "sk"));
        assertEquals("/subscriptions/portal/details?done=address-saved", location(saved));
        Address a = portal().billingAddress(c.session()).orElseThrow();
        assertEquals(Optional.of("Hlavná 1"), a.address1());
        assertEquals(Optional.of("811 01"), a.postal());
        assertEquals("SK", a.countryCode());
        assertTrue(v.follow(saved).body().contains("Your billing address has been saved."));
    }

    @Test
    void aLinkWithoutAContact_offersNoContactForm() throws Exception {
        PortalWorld.Customer c = customer();
        String token = PortalWorld.as(PortalWorld.MAIN, () -> service(org.idempiere.subscription.api.service.PortalAccessService.class)
                .issueLink(c.row().id(), Optional.empty())).token().orElseThrow();
        HttpResponse<String> r = PortalClient.get(PortalClient.server() + "/subscriptions/portal/link/" + token, Map.of());
        Map<String, String> cookies = Map.of(PortalVisit.SESSION, PortalClient.cookieValue(PortalClient.setCookie(r,
                PortalVisit.SESSION).orElseThrow()));
        String page = PortalClient.get(PortalClient.server() + "/subscriptions/portal/details", cookies).body();
        assertTrue(page.contains("not to a contact person") && !page.contains("action=\"/subscriptions/portal/details/contact\""),
                page);
    }
}
