package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.PortalClient.get;
import static org.idempiere.subscription.tests.PortalClient.post;
import static org.idempiere.subscription.tests.PortalClient.setCookie;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalInvoice;
import org.idempiere.subscription.api.service.PortalLink;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.sandbox.internal.host.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The portal's security over real HTTP, for every route of its route table ({@code
 * PortalRoutes.describe()}): a route added later is covered without editing this test, provided its
 * path variables have examples below (the test fails naming a variable without one). Customers A
 * and B of tenant 1000000 and C of tenant 1000001 each have a subscription, an invoice, a saved
 * card and a payment attempt; A is signed in.
 */
class PortalSecurityTest {
    private static final String SESSION = "sub_portal";
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)\\}");
    /** Values of path variables that are not a customer's record. */
    private static final Map<String, String> PLAIN = Map.of("token", "A".repeat(43), "file", "portal.css");
    /**
     * POST routes whose forms carry no field but the CSRF token: fields sent to them are ignored,
     * so the malformed-field check leaves them out (it would sign out, or remove a method).
     */
    private static final java.util.Set<String> NO_FIELDS = java.util.Set.of("/sign-out", "/payment-methods/{methodId}/default",
            "/payment-methods/{methodId}/remove", "/orders/{orderId}/accept");
    private static final List<String> MALFORMED_IDS = List.of("abc", "0", "-1", "1.5", "99999999999999999999", "%00",
            "1%20OR%201=1", "%2e%2e", "%C0%AE", "1e3");

    private static String portal;
    private static Party a;
    private static Party b;
    private static Party c;
    private static Map<String, String> cookies;
    private static String csrf;

    /** A customer with one record of each kind a path names. */
    record Party(PortalWorld.Customer customer, long invoiceId, long methodId, long attemptId, long reasonId, long orderId) {
        Map<String, String> ids() {
            return Map.of("subscriptionId", String.valueOf(customer.subscription().id()), "invoiceId", String.valueOf(invoiceId),
                    "methodId", String.valueOf(methodId), "attemptId", String.valueOf(attemptId), "orderId", String.valueOf(orderId));
        }

        /** What must never show in another customer's pages: their names, numbers and amounts. */
        List<String> secrets() {
            List<String> out = new ArrayList<>(List.of(customer.row().name(), customer.subscription().documentNo()));
            PortalSession s = customer.session();
            for (var o : service(CustomerPortalService.class).orders(s)) {
                out.add(o.documentNo());
            }
            for (PortalInvoice i : service(CustomerPortalService.class).invoices(s)) {
                out.add(i.invoice().documentNo());
                out.add(i.invoice().grandTotal().toPlainString());
                out.add(i.invoice().grandTotal().toPlainString().replace('.', ','));
            }
            return out;
        }

        /** Everything the portal could change of the customer, as text. */
        String state() {
            CustomerPortalService p = service(CustomerPortalService.class);
            PortalSession s = customer.session();
            StringBuilder b = new StringBuilder(p.subscription(s, customer.subscription().id()).subscription().toString());
            for (PortalInvoice i : p.invoices(s)) {
                b.append('\n').append(i.invoice().id()).append(' ').append(i.open()).append(' ').append(p.payments(s, i.invoice().id()));
            }
            return b.append('\n').append(p.methods(s)).append('\n').append(p.orders(s)).append('\n').append(p.contact(s))
                    .append('\n').append(p.billingAddress(s)).toString();
        }
    }

    private static Party party(PortalWorld.Customer customer) {
        PortalSession s = customer.session();
        CustomerPortalService p = service(CustomerPortalService.class);
        long method = customer.addCard("4242424242424242", true).id();
        long invoice = p.invoices(s).get(0).invoice().id();
        long attempt = p.pay(s, invoice, Optional.of(method)).id();
        long reason = PortalWorld.reasons(customer.tenant()).get(0);
        return new Party(customer, invoice, method, attempt, reason, PortalWorld.quotation(customer, false));
    }

    @BeforeAll
    static void start() throws Exception {
        portal = PortalClient.server() + "/subscriptions/portal";
        ChangesTest.clockTo(ChangesTest.nextMonthOf(31));
        PortalWorld.Plans plans = PortalWorld.plans(PortalWorld.MAIN, CustomerPermission.UPGRADE_DOWNGRADE, PaymentMode.MANUAL);
        a = party(PortalWorld.customer(PortalWorld.MAIN, plans, Sandbox.unique("Customer A"), "en_US", 3));
        b = party(PortalWorld.customer(PortalWorld.MAIN, plans, Sandbox.unique("Customer B"), "en_US", 7));
        PortalWorld.Plans other = PortalWorld.plans(PortalWorld.OTHER, CustomerPermission.NONE, PaymentMode.MANUAL);
        c = party(PortalWorld.customer(PortalWorld.OTHER, other, Sandbox.unique("Customer C"), "en_US", 9));
    }

    /** A fresh session of A for each test (a test may move the clock past the last one's idle time). */
    @BeforeEach
    void signInA() throws Exception {
        HttpResponse<String> r = get(portal + "/link/" + a.customer().link(), Map.of());
        assertEquals(303, r.statusCode(), r.body());
        String token = PortalClient.cookieValue(setCookie(r, SESSION).orElseThrow());
        cookies = Map.of(SESSION, token);
        csrf = service(PortalAccessService.class).session(token).orElseThrow().csrfToken();
    }

    /** Every route as {@code [method, pattern, access]}. */
    private static List<String[]> routes() throws Exception {
        return PortalClient.routes().stream().map(r -> r.split(" ")).toList();
    }

    private static List<String> variables(String pattern) {
        List<String> out = new ArrayList<>();
        Matcher m = VARIABLE.matcher(pattern);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The pattern with each variable's value: the party's id, or the plain example. */
    private static String path(String pattern, Map<String, String> values) {
        String p = pattern;
        for (String v : variables(pattern)) {
            p = p.replace("{" + v + "}", values.containsKey(v) ? values.get(v) : PLAIN.get(v));
        }
        return p;
    }

    /** What A's own forms would send to the route (its CSRF token added by the caller). */
    private static Map<String, String> form(String pattern) {
        Map<String, String> f = new HashMap<>();
        f.put("email", "someone@example.com");
        f.put("kind", "add-option");
        f.put("product", String.valueOf(a.customer().plans().support()));
        f.put("reason", String.valueOf(a.reasonId()));
        f.put("method", String.valueOf(a.methodId()));
        f.put("token", "tok_" + "x".repeat(32));
        f.put("state", "1.aaaaaaaaaaaaaaaa." + "b".repeat(43));
        f.put("name", "Mallory");
        f.put("address1", "Elsewhere 1");
        f.put("city", "Nowhere");
        f.put("countryCode", "SK");
        return f;
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> cookies, Map<String, String> form)
            throws Exception {
        return "GET".equals(method) ? get(portal + path, cookies) : post(portal + path, cookies, form);
    }

    private static Map<String, String> withCsrf(Map<String, String> form, String token) {
        Map<String, String> f = new HashMap<>(form);
        f.put("_csrf", token);
        return f;
    }

    @Test
    void everyPathVariable_hasAnExample() throws Exception {
        TreeSet<String> missing = new TreeSet<>();
        for (String[] r : routes()) {
            for (String v : variables(r[1])) {
                if (!a.ids().containsKey(v) && !PLAIN.containsKey(v)) {
                    missing.add(v + " (" + r[0] + " " + r[1] + ")");
                }
            }
        }
        assertEquals(new TreeSet<>(), missing, "path variables without an example: add them to Party.ids() or PLAIN");
        assertTrue(routes().size() >= 28, "the route table: " + PortalClient.routes());
    }

    /** Each id of a route in turn, then all of them, B's or C's instead of A's: 404, none of their data, nothing changed. */
    @Test
    void everyRouteWithAnId_isNotFound_forAnotherCustomersOrTenantsIds() throws Exception {
        String beforeB = b.state();
        String beforeC = PortalWorld.as(PortalWorld.OTHER, c::state);
        int checked = 0;
        for (String[] r : routes()) {
            List<String> ids = variables(r[1]).stream().filter(v -> a.ids().containsKey(v)).toList();
            for (Party other : List.of(b, c)) {
                List<Map<String, String>> combinations = new ArrayList<>();
                for (String v : ids) {
                    Map<String, String> one = new HashMap<>(a.ids());
                    one.put(v, other.ids().get(v));
                    combinations.add(one);
                }
                if (ids.size() > 1) {
                    combinations.add(other.ids());
                }
                for (Map<String, String> values : combinations) {
                    String path = path(r[1], values);
                    HttpResponse<String> resp = send(r[0], path, cookies, withCsrf(form(r[1]), csrf));
                    assertEquals(404, resp.statusCode(), r[0] + " " + path + ": " + resp.body());
                    for (String secret : PortalWorld.as(other.customer().tenant(), other::secrets)) {
                        assertFalse(resp.body().contains(secret), r[0] + " " + path + " shows " + secret);
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked >= 30, "requests with foreign ids: " + checked);
        assertEquals(beforeB, b.state(), "nothing of B changed");
        assertEquals(beforeC, PortalWorld.as(PortalWorld.OTHER, c::state), "nothing of C changed");
    }

    @Test
    void withoutAValidSession_everySessionRoute_redirectsToTheLinkRequestPage() throws Exception {
        List<Map<String, String>> noSession = List.of(Map.of(), Map.of(SESSION, "A".repeat(43)), Map.of(SESSION, "not a token"));
        for (String[] r : routes()) {
            if (!"SESSION".equals(r[2])) {
                continue;
            }
            for (Map<String, String> cookie : noSession) {
                HttpResponse<String> resp = send(r[0], path(r[1], a.ids()), cookie, withCsrf(form(r[1]), csrf));
                assertEquals(303, resp.statusCode(), r[0] + " " + r[1] + " " + cookie.keySet());
                assertEquals("/subscriptions/portal/request-link", resp.headers().firstValue("Location").orElse(""));
                assertFalse(resp.body().contains(a.customer().row().name()));
            }
        }
    }

    /** Without the CSRF token, with a wrong one, or with another session's: 403, and nothing of A changed. */
    @Test
    void everyPost_withoutOrWithAWrongCsrfToken_is403_andChangesNothing() throws Exception {
        String before = a.state();
        String bsCsrf = b.customer().session().csrfToken();
        for (String[] r : routes()) {
            if (!"POST".equals(r[0])) {
                continue;
            }
            String path = path(r[1], a.ids());
            List<Map<String, String>> forms = List.of(form(r[1]), withCsrf(form(r[1]), ""), withCsrf(form(r[1]), "x" + csrf),
                    withCsrf(form(r[1]), csrf.substring(1)), withCsrf(form(r[1]), bsCsrf));
            for (Map<String, String> f : forms) {
                HttpResponse<String> resp = post(portal + path, cookies, f);
                assertEquals(403, resp.statusCode(), "POST " + path + " _csrf=" + f.get("_csrf") + ": " + resp.body());
            }
        }
        assertEquals(before, a.state(), "nothing of A changed");
        assertTrue(service(PortalAccessService.class).session(cookies.get(SESSION)).isPresent(), "not even signed out");
    }

    @Test
    void revokedLinks_andLinksReplayedAfterRevoke_areRefused_andTheirSessionsEnd() throws Exception {
        PortalLink link = a.customer().issueLink();
        HttpResponse<String> first = get(portal + "/link/" + link.token().orElseThrow(), Map.of());
        assertEquals(303, first.statusCode());
        Map<String, String> session = Map.of(SESSION, PortalClient.cookieValue(setCookie(first, SESSION).orElseThrow()));
        assertEquals(200, get(portal + "/", session).statusCode());

        PortalWorld.as(PortalWorld.MAIN, () -> service(PortalAccessService.class).revokeLink(link.id()));
        HttpResponse<String> replay = get(portal + "/link/" + link.token().orElseThrow(), Map.of());
        assertEquals(404, replay.statusCode());
        assertTrue(replay.body().contains("This link has expired or is not valid"), replay.body());
        assertFalse(setCookie(replay, SESSION).isPresent(), "no session for a revoked link");
        assertEquals(303, get(portal + "/", session).statusCode(), "its session ended with it");
    }

    @Test
    void expiredLinks_areRefused() throws Exception {
        setting("SUBSCRIPTIONS_PORTAL_LINK_DAYS", Optional.of("1"));
        try {
            String token = a.customer().link();
            service(TestClock.class).advanceDays(2);
            HttpResponse<String> r = get(portal + "/link/" + token, Map.of());
            assertEquals(404, r.statusCode());
            assertFalse(setCookie(r, SESSION).isPresent());
        } finally {
            setting("SUBSCRIPTIONS_PORTAL_LINK_DAYS", Optional.empty());
        }
    }

    private static void setting(String name, Optional<String> value) {
        service(HostContext.class).inTransaction(tx -> value.isPresent()
                ? Rows.update(tx.connection(), "INSERT INTO sbx_setting (name, value) VALUES (?, ?)"
                        + " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value", name, value.get())
                : Rows.update(tx.connection(), "DELETE FROM sbx_setting WHERE name = ?", name));
    }

    /** Counts of every record a portal request could write. */
    private static Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String table : List.of("SUB_Change", "SUB_PaymentAttempt", "SUB_Subscription", "SUB_Subscription WHERE SubscriptionStatus = 'CL'",
                "sbx_payment_method",
                "sbx_gateway_token", "sbx_invoice")) {
            out.put(table, Sandbox.count("SELECT count(*) FROM " + table));
        }
        return out;
    }

    @Test
    void malformedAndOversizedInput_isA4xx_neverA5xx_andNothingIsPersisted() throws Exception {
        Map<String, Long> before = counts();
        String stateA = a.state();
        String junk = "?kind=%3Cscript%3E&product=-1&line=x&quantity=1e9&plan=%FF&reason=0&comment=" + "x".repeat(300)
                + "&state=junk&token=%3C%3E&cancelled&done=%0D%0AX";
        for (String[] r : routes()) {
            List<String> paths = new ArrayList<>();
            for (String v : variables(r[1]).stream().filter(x -> a.ids().containsKey(x)).toList()) {
                for (String bad : MALFORMED_IDS) {
                    Map<String, String> values = new HashMap<>(a.ids());
                    values.put(v, bad);
                    paths.add(path(r[1], values));
                }
            }
            String own = path(r[1], a.ids());
            if ("GET".equals(r[0])) {
                paths.add(own + junk);
                paths.add(own + "?comment=" + "y".repeat(20_000));
                for (String p : paths) {
                    assertFourXxOrOk(get(portal + p, cookies), "GET " + p);
                }
                continue;
            }
            for (String p : paths) {
                assertFourXx(post(portal + p, cookies, withCsrf(form(r[1]), csrf)), "POST " + p);
            }
            if (!NO_FIELDS.contains(r[1])) {
                Map<String, String> junkFields = withCsrf(Map.of("kind", "zzz", "product", "abc", "quantity", "-5", "method", "0",
                        "reason", "x", "comment", "c".repeat(300), "state", "x", "token", "<script>", "email", "@"), csrf);
                assertFourXx(post(portal + own, cookies, junkFields), "POST " + own + " junk");
            }
            Map<String, String> tooLong = withCsrf(form(r[1]), csrf);
            tooLong.put("comment", "l".repeat(2001));
            assertEquals(400, post(portal + own, cookies, tooLong).statusCode(), "POST " + own + " a field too long");
            assertEquals(400, PortalClient.send(HttpRequest.newBuilder(URI.create(portal + own))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&_csrf=" + csrf)), cookies).statusCode(),
                    "POST " + own + " a repeated field");
            assertEquals(400, PortalClient.send(HttpRequest.newBuilder(URI.create(portal + own))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&a=1".repeat(40))), cookies).statusCode(),
                    "POST " + own + " too many fields");
            Map<String, String> huge = withCsrf(form(r[1]), csrf);
            huge.put("comment", "z".repeat(20_000));
            assertEquals(413, post(portal + own, cookies, huge).statusCode(), "POST " + own + " huge");
            assertEquals(415, PortalClient.send(HttpRequest.newBuilder(URI.create(portal + own))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")), cookies)
                    .statusCode(), "POST " + own + " json");
            assertEquals(400, PortalClient.send(HttpRequest.newBuilder(URI.create(portal + own))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&kind=%zz")), cookies).statusCode(),
                    "POST " + own + " bad encoding");
        }
        assertEquals(before, counts(), "nothing was written");
        assertEquals(stateA, a.state(), "nothing of A changed");
    }

    private static void assertFourXx(HttpResponse<String> r, String what) {
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, what + " -> " + r.statusCode() + ": " + r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("at org."), what + ": a stack trace");
    }

    private static void assertFourXxOrOk(HttpResponse<String> r, String what) {
        assertTrue(r.statusCode() < 500, what + " -> " + r.statusCode() + ": " + r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("at org."), what + ": a stack trace");
    }

    /** Every route, signed in or not, answers with the security headers, never 5xx. */
    @Test
    void everyRoute_answersWithTheSecurityHeaders() throws Exception {
        for (String[] r : routes()) {
            for (Map<String, String> cookie : List.of(Map.<String, String>of(), cookies)) {
                HttpResponse<String> resp = send(r[0], path(r[1], a.ids()), cookie, form(r[1]));
                assertSecurityHeaders(resp, r[0] + " " + r[1] + " " + cookie.keySet());
            }
        }
        assertSecurityHeaders(get(portal + "/no/such/page", Map.of()), "an unknown route");
    }

    static void assertSecurityHeaders(HttpResponse<?> r, String what) {
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'")
                && csp.contains("form-action 'self'") && csp.contains("base-uri 'none'"), what + ": " + csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), what + ": " + csp);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), what);
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), what);
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), what);
        assertTrue(r.statusCode() < 500, what + " -> " + r.statusCode());
    }
}
