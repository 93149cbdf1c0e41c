package org.idempiere.subscription.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.PortalAccessService;

/**
 * A customer signed in to the portal over plain HTTP, as a browser without JavaScript would be:
 * the session cookie from a link, and the session's CSRF token that every form carries.
 */
final class PortalVisit {
    static final String SESSION = "sub_portal";
    private static final Pattern SETUP = Pattern.compile("setup=([A-Za-z0-9_-]+)");

    final String server;
    final String portal;
    final Map<String, String> cookies;
    final String csrf;

    private PortalVisit(String server, Map<String, String> cookies, String csrf) {
        this.server = server;
        this.portal = server + "/subscriptions/portal";
        this.cookies = cookies;
        this.csrf = csrf;
    }

    /** Opens a new link of the customer, as its e-mail would. */
    static PortalVisit signIn(PortalWorld.Customer customer) throws Exception {
        String server = PortalClient.server();
        HttpResponse<String> r = PortalClient.get(server + "/subscriptions/portal/link/" + customer.link(), Map.of());
        assertEquals(303, r.statusCode(), r.body());
        String token = PortalClient.cookieValue(PortalClient.setCookie(r, SESSION).orElseThrow());
        String csrf = Sandbox.service(PortalAccessService.class).session(token).orElseThrow().csrfToken();
        return new PortalVisit(server, Map.of(SESSION, token), csrf);
    }

    HttpResponse<String> get(String path) throws Exception {
        return PortalClient.get(portal + path, cookies);
    }

    /** Posts a form of the portal with the session's CSRF token. */
    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        Map<String, String> f = new HashMap<>(form);
        f.put("_csrf", csrf);
        return PortalClient.post(portal + path, cookies, f);
    }

    static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    /** Follows a redirect the portal answered with, on this server. */
    HttpResponse<String> follow(HttpResponse<?> r) throws Exception {
        assertEquals(303, r.statusCode(), "a redirect");
        String to = location(r);
        return PortalClient.get(to.startsWith("http") ? to : server + to, cookies);
    }

    /** The id of the gateway's setup in the hosted page's address. */
    static String setupOf(String address) {
        Matcher m = SETUP.matcher(address);
        assertTrue(m.find(), address);
        return m.group(1);
    }

    /** Enters a card on the gateway's hosted page the portal sends to. @return the gateway's answer to the form */
    HttpResponse<String> enterCard(String number, String cvc) throws Exception {
        HttpResponse<String> toGateway = get("/payment-methods/card");
        assertEquals(303, toGateway.statusCode(), toGateway.body());
        String page = location(toGateway);
        assertTrue(page.startsWith("/sandbox-gateway/card?setup="), page);
        YearMonth exp = YearMonth.from(Sandbox.service(HostContext.class).today()).plusYears(2);
        return PortalClient.post(server + "/sandbox-gateway/card", Map.of(), Map.of("setup", setupOf(page), "lang", "en",
                "holder", "Jana Nováková", "number", number, "expMonth", String.valueOf(exp.getMonthValue()),
                "expYear", String.valueOf(exp.getYear()), "cvc", cvc));
    }

    /** Adds a card through the hosted page and confirms saving it. */
    void addCard(String number, boolean makeDefault) throws Exception {
        HttpResponse<String> back = enterCard(number, "123");
        HttpResponse<String> confirm = follow(back);
        assertEquals(200, confirm.statusCode(), confirm.body());
        Map<String, String> fields = hiddenFields(confirm.body());
        if (makeDefault) {
            fields.put("makeDefault", "yes");
        }
        assertEquals("/subscriptions/portal/payment-methods?done=card-added", location(post("/payment-methods/card", fields)));
    }

    /** The hidden fields of a page's forms but the CSRF token, by name. */
    static Map<String, String> hiddenFields(String html) {
        Map<String, String> out = new HashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(html);
        while (m.find()) {
            if (!"_csrf".equals(m.group(1))) {
                out.put(m.group(1), m.group(2).replace("&amp;", "&"));
            }
        }
        return out;
    }
}
