package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.PortalVisit.location;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.idempiere.subscription.sandbox.internal.gateway.CardSetups;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payment methods in the portal, and cards added through the reference gateway's hosted page so
 * that the number never reaches the portal: the page's own strict headers, its checks, its single
 * use, its refusal to return anywhere but the portal's return route on its own origin, and the
 * portal's refusal of a return that belongs to another session.
 */
class PortalCardHttpTest {
    private static PortalWorld.Plans plans;

    @BeforeAll
    static void start() throws Exception {
        PortalClient.server();
        plans = PortalWorld.plans(PortalWorld.MAIN, CustomerPermission.UPGRADE_DOWNGRADE, PaymentMode.MANUAL);
    }

    private static PortalWorld.Customer customer() {
        return PortalWorld.customer(PortalWorld.MAIN, plans, Sandbox.unique("Card customer"), "en_US");
    }

    private static List<PaymentMethod> methods(PortalWorld.Customer c) {
        return service(CustomerPortalService.class).methods(c.session());
    }

    @Test
    void aCard_isEnteredOnTheGatewaysPage_andSavedAfterTheCustomerConfirms() throws Exception {
        PortalWorld.Customer c = customer();
        PortalVisit v = PortalVisit.signIn(c);
        assertTrue(v.get("/payment-methods").body().contains("You have no saved payment method."));
        HttpResponse<String> toGateway = v.get("/payment-methods/card");
        HttpResponse<String> page = PortalClient.get(v.server + location(toGateway), Map.of());
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("form-action 'self'") && csp.contains("frame-ancestors 'none'")
                && !csp.contains("unsafe-inline"), csp);
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        assertTrue(page.body().contains("<dd>Sandbox</dd>") && page.body().contains("<dd>" + c.row().name() + "</dd>"),
                page.body());
        assertTrue(page.body().contains("autocomplete=\"cc-number\"") && page.body().contains("<label for=\"number\">"));

        HttpResponse<String> back = v.enterCard("4242 4242 4242 4242", "123");
        assertEquals(303, back.statusCode(), back.body());
        URI returned = URI.create(location(back));
        assertEquals(v.portal + "/payment-methods/card-return", returned.getScheme() + "://" + returned.getAuthority()
                + returned.getPath());
        assertTrue(returned.getQuery().contains("token=tok_") && returned.getQuery().contains("last4=4242")
                && !returned.getQuery().contains("4242424242424242"), returned.getQuery());
        assertTrue(methods(c).isEmpty(), "nothing is saved before the customer confirms");

        HttpResponse<String> confirm = v.follow(back);
        assertTrue(confirm.body().contains("Save this card?") && confirm.body().contains("Visa ending 4242"), confirm.body());
        assertFalse(confirm.body().contains("4242424242424242"));
        Map<String, String> fields = PortalVisit.hiddenFields(confirm.body());
        fields.put("makeDefault", "yes");
        HttpResponse<String> saved = v.post("/payment-methods/card", fields);
        assertEquals("/subscriptions/portal/payment-methods?done=card-added", location(saved));
        assertTrue(v.follow(saved).body().contains("Visa ending 4242"));
        assertEquals(List.of("4242"), methods(c).stream().map(m -> m.last4().orElseThrow()).toList());
        assertTrue(methods(c).get(0).isDefault());
    }

    @Test
    void theGatewaysPage_refusesBadCards_namingTheField_neverShowingTheNumber_andDiesAfterFiveRefusals() throws Exception {
        PortalVisit v = PortalVisit.signIn(customer());
        String setup = PortalVisit.setupOf(location(v.get("/payment-methods/card")));
        Map<String, String> card = new java.util.HashMap<>(Map.of("setup", setup, "lang", "en", "holder", "J. Novak",
                "number", "4242424242424241", "expMonth", "12", "expYear", "2099", "cvc", "123"));
        HttpResponse<String> bad = PortalClient.post(v.server + "/sandbox-gateway/card", Map.of(), card);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("Card number: this is not a valid card number") && bad.body().contains("aria-invalid=\"true\""),
                bad.body());
        assertFalse(bad.body().contains("4242424242424241"), "the number is never shown back");
        card.put("number", "4242424242424242");
        card.put("cvc", "12");
        assertTrue(PortalClient.post(v.server + "/sandbox-gateway/card", Map.of(), card).body().contains("Security code:"));
        card.put("lang", "sk");
        card.put("cvc", "");
        assertTrue(PortalClient.post(v.server + "/sandbox-gateway/card", Map.of(), card).body().contains("Bezpečnostný kód:"));
        card.put("expMonth", "13");
        PortalClient.post(v.server + "/sandbox-gateway/card", Map.of(), card);
        PortalClient.post(v.server + "/sandbox-gateway/card", Map.of(), card);
        card.put("expMonth", "12");
        card.put("cvc", "123");
        HttpResponse<String> dead = PortalClient.post(v.server + "/sandbox-gateway/card", Map.of(), card);
        assertEquals(429, dead.statusCode(), "five refusals: no more tries, even with a good card");
        assertTrue(dead.body().contains("card/cancel?setup="), "the way back stays");
    }

    @Test
    void aSetup_isUsedOnce_andCancellingReturnsToThePortal() throws Exception {
        PortalVisit v = PortalVisit.signIn(customer());
        String setup = PortalVisit.setupOf(location(v.get("/payment-methods/card")));
        Map<String, String> card = Map.of("setup", setup, "lang", "en", "holder", "J. Novak", "number", "5555555555554444",
                "expMonth", "12", "expYear", "2099", "cvc", "123");
        assertEquals(303, PortalClient.post(v.server + "/sandbox-gateway/card", Map.of(), card).statusCode());
        assertEquals(410, PortalClient.post(v.server + "/sandbox-gateway/card", Map.of(), card).statusCode(), "used up");
        assertEquals(410, PortalClient.get(v.server + "/sandbox-gateway/card?setup=" + setup, Map.of()).statusCode());
        assertEquals(410, PortalClient.get(v.server + "/sandbox-gateway/card?setup=cs_" + "x".repeat(32), Map.of()).statusCode());
        int malformed = PortalClient.get(v.server + "/sandbox-gateway/card?setup=%FF&lang=%C0", Map.of()).statusCode();
        assertTrue(malformed >= 400 && malformed < 500, "a malformed address: " + malformed);

        String next = PortalVisit.setupOf(location(v.get("/payment-methods/card")));
        HttpResponse<String> cancel = PortalClient.get(v.server + "/sandbox-gateway/card/cancel?setup=" + next, Map.of());
        assertEquals(303, cancel.statusCode());
        assertTrue(location(cancel).contains("/payment-methods/card-return?state=") && location(cancel).endsWith("&cancelled=true"));
        HttpResponse<String> back = v.follow(cancel);
        assertEquals("/subscriptions/portal/payment-methods?done=card-cancelled", location(back));
        assertTrue(v.follow(back).body().contains("No card was added."));
    }

    @Test
    void aReturn_belongingToAnotherSession_orForged_isRefused_andSavesNothing() throws Exception {
        PortalWorld.Customer c = customer();
        PortalVisit mine = PortalVisit.signIn(c);
        PortalVisit other = PortalVisit.signIn(customer());
        URI returned = URI.create(location(mine.enterCard("4242424242424242", "123")));
        String query = returned.getRawQuery();
        HttpResponse<String> stolen = other.get("/payment-methods/card-return?" + query);
        assertEquals(403, stolen.statusCode());
        assertTrue(stolen.body().contains("This card entry has expired"), stolen.body());
        Map<String, String> fields = PortalVisit.hiddenFields(mine.get("/payment-methods/card-return?" + query).body());
        assertEquals(403, other.post("/payment-methods/card", fields).statusCode());
        fields.put("state", "1." + "a".repeat(16) + "." + "b".repeat(43));
        assertEquals(403, mine.post("/payment-methods/card", fields).statusCode());
        assertTrue(methods(c).isEmpty());
    }

    @Test
    void theGateway_returnsOnlyToThePortalsReturnRoute_onItsOwnOrigin() throws Exception {
        PortalWorld.Customer c = customer();
        CustomerPortalService portal = service(CustomerPortalService.class);
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> portal.hostedTokenization(c.session(),
                URI.create("https://evil.example/steal"), "state-1", "en"));
        assertEquals(Optional.of("returnTo"), e.field());
        assertThrows(SubscriptionException.class, () -> portal.hostedTokenization(c.session(),
                URI.create("/subscriptions/portal/payment-methods/card-return"), "state-1", "en"));
        assertThrows(SubscriptionException.class, () -> portal.hostedTokenization(c.session(),
                URI.create("http://127.0.0.1/subscriptions/portal/payment-methods/card-return"), "<state>", "en"));
        URI elsewhere = portal.hostedTokenization(c.session(),
                URI.create("https://evil.example/subscriptions/portal" + CardSetups.PORTAL_RETURN_ROUTE), "state-1", "en").orElseThrow();
        HttpResponse<String> page = PortalClient.get(PortalClient.server() + elsewhere, Map.of());
        assertEquals(400, page.statusCode(), "another origin: refused, never followed");
        assertTrue(page.body().contains("This page cannot take you back"), page.body());
        String setup = "setup=" + PortalVisit.setupOf(elsewhere.toString());
        assertEquals(400, PortalClient.get(PortalClient.server() + "/sandbox-gateway/card/cancel?" + setup, Map.of()).statusCode());
    }

    @Test
    void theDefault_canBeMoved_andTheLastMethodOfAnAutomaticSubscription_cannotBeRemoved() throws Exception {
        PortalWorld.Plans automatic = PortalWorld.plans(PortalWorld.MAIN, CustomerPermission.UPGRADE_DOWNGRADE, PaymentMode.AUTOMATIC);
        PortalWorld.Customer c = PortalWorld.customer(PortalWorld.MAIN, automatic, Sandbox.unique("Automatic"), "en_US");
        PortalVisit v = PortalVisit.signIn(c);
        v.addCard("4242424242424242", true);
        v.addCard("5555555555554444", false);
        List<PaymentMethod> both = methods(c);
        assertEquals("4242", both.get(0).last4().orElseThrow(), "the default first");
        long second = both.get(1).id();
        assertEquals("/subscriptions/portal/payment-methods?done=default-set", location(v.post("/payment-methods/" + second
                + "/default", Map.of())));
        assertEquals(second, methods(c).get(0).id());
        long first = both.get(0).id();
        assertEquals("/subscriptions/portal/payment-methods?done=method-removed", location(v.post("/payment-methods/" + first
                + "/remove", Map.of())));
        HttpResponse<String> last = v.post("/payment-methods/" + second + "/remove", Map.of());
        assertEquals(409, last.statusCode());
        assertTrue(last.body().contains("This is your last payment method and your subscription is paid automatically."),
                last.body());
        assertEquals(List.of(second), methods(c).stream().map(PaymentMethod::id).toList());
    }

    @Test
    void theGatewaysPage_speaksEnglishAndSlovak_withTheSameTexts() throws Exception {
        Properties en = texts("gateway/card_en.properties");
        Properties sk = texts("gateway/card_sk.properties");
        assertEquals(en.stringPropertyNames(), sk.stringPropertyNames());
        PortalVisit v = PortalVisit.signIn(customer());
        String setup = PortalVisit.setupOf(location(v.get("/payment-methods/card")));
        String page = PortalClient.get(v.server + "/sandbox-gateway/card?setup=" + setup + "&lang=sk", Map.of()).body();
        assertTrue(page.contains("<html lang=\"sk\">") && page.contains("Číslo karty"), page);
    }

    private static Properties texts(String resource) throws Exception {
        Properties p = new Properties();
        try (InputStream in = CardSetups.class.getClassLoader().getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
