package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.PortalClient.get;
import static org.idempiere.subscription.tests.PortalClient.post;
import static org.idempiere.subscription.tests.PortalClient.setCookie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.idempiere.subscription.sandbox.internal.host.MasterData.CustomerRow;
import org.idempiere.subscription.sandbox.internal.host.ReferenceMailer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The customer portal's web layer over real HTTP, as the sandbox serves it from the web bundle's
 * {@code web.xml}, with the engine's portal access behind it: sessions by cookie, CSRF, security
 * headers, input checks, rate limits, errors.
 */
class PortalHttpTest {
    private static final String FORM = "sub_portal_form";
    private static final String SESSION = "sub_portal";
    private static String portal;

    @BeforeAll
    static void start() throws Exception {
        portal = PortalClient.server() + "/subscriptions/portal";
    }

    private static PortalAccessService access() {
        return Sandbox.service(PortalAccessService.class);
    }

    /** A new customer of the sandbox's tenant with an e-mail address, speaking the language. */
    static CustomerRow customer(String language) {
        String email = Sandbox.unique("portal.web").replace(' ', '.').replace('-', '.') + "@example.com";
        return Sandbox.service(MasterData.class).createCustomer(Sandbox.unique("Portal customer"), Optional.of(email), "SK",
                Optional.empty(), Optional.of(language));
    }

    /** A signed-in session of the customer: the cookie's token. */
    private static String signIn(CustomerRow customer) throws Exception {
        String link = access().issueLink(customer.id(), Optional.empty()).token().orElseThrow();
        HttpResponse<String> r = get(portal + "/link/" + link, Map.of());
        assertEquals(303, r.statusCode(), r.body());
        return PortalClient.cookieValue(setCookie(r, SESSION).orElseThrow());
    }

    private static long mailsTo(String address) {
        return Sandbox.service(ReferenceMailer.class).mails().stream().filter(m -> m.to().equals(address)).count();
    }

    /** The form cookie and the matching field of a page shown before sign-in. */
    private static Map<String, String> formCookie() throws Exception {
        HttpResponse<String> page = get(portal + "/request-link", Map.of());
        return Map.of(FORM, PortalClient.cookieValue(setCookie(page, FORM).orElseThrow()));
    }

    private static void assertSecurityHeaders(HttpResponse<?> r, String what) {
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'")
                && csp.contains("form-action 'self'") && csp.contains("base-uri 'none'"), what + ": " + csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), what + ": " + csp);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), what);
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), what);
        assertTrue(r.statusCode() < 500, what + " -> " + r.statusCode());
    }

    @Test
    void requestLinkPage_isAFormWithItsCookie_andPersonalPagesAreNotCached() throws Exception {
        HttpResponse<String> r = get(portal + "/request-link", Map.of());
        assertEquals(200, r.statusCode());
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(" ", ""));
        assertSecurityHeaders(r, "request-link");
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        String cookie = setCookie(r, FORM).orElseThrow();
        assertTrue(cookie.contains("; Path=/subscriptions/portal") && cookie.contains("; HttpOnly")
                && cookie.contains("; SameSite=Strict") && !cookie.contains("Secure"), cookie);
        assertTrue(r.body().contains("name=\"_csrf\" value=\"" + PortalClient.cookieValue(cookie) + "\""), r.body());
        assertTrue(r.body().contains("<h1 id=\"page-title\">Sign in with a link</h1>"), r.body());
    }

    @Test
    void requestLink_withoutOrWithAWrongCsrfToken_is403_andSendsNothing() throws Exception {
        Map<String, String> cookie = formCookie();
        String email = customer("en_US").email().orElseThrow();
        assertEquals(403, post(portal + "/request-link", Map.of(), Map.of("email", email)).statusCode());
        assertEquals(403, post(portal + "/request-link", cookie, Map.of("email", email)).statusCode());
        assertEquals(403, post(portal + "/request-link", cookie, Map.of("email", email, "_csrf", "x" + cookie.get(FORM))).statusCode());
        assertEquals(403, post(portal + "/request-link", Map.of(), Map.of("email", email, "_csrf", cookie.get(FORM))).statusCode());
        HttpResponse<String> r = post(portal + "/request-link", cookie, Map.of("email", email, "_csrf", ""));
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("This form has expired"), r.body());
        assertEquals(0, mailsTo(email), "no link was sent");
    }

    /** A known and an unknown address get the same page; only the known one gets a link. */
    @Test
    void requestLink_answersTheSameWhateverTheAddress() throws Exception {
        Map<String, String> cookie = formCookie();
        String known = customer("en_US").email().orElseThrow();
        String unknown = "nobody." + System.nanoTime() + "@example.com";
        HttpResponse<String> a = post(portal + "/request-link", cookie, Map.of("email", known.toUpperCase(), "_csrf", cookie.get(FORM)));
        HttpResponse<String> b = post(portal + "/request-link", cookie, Map.of("email", unknown, "_csrf", cookie.get(FORM)));
        assertEquals(200, a.statusCode(), a.body());
        assertEquals(a.body().replace(known, "ADDRESS"), b.body().replace(unknown, "ADDRESS"), "the same answer");
        assertTrue(a.body().contains("Check your inbox"), a.body());
        assertEquals(1, mailsTo(known));
    }

    @Test
    void requestLink_isRateLimitedPerAddress() throws Exception {
        Map<String, String> cookie = formCookie();
        String email = customer("en_US").email().orElseThrow();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = post(portal + "/request-link", cookie, Map.of("email", email, "_csrf", cookie.get(FORM)));
            assertEquals(200, r.statusCode(), r.body());
        }
        HttpResponse<String> limited = post(portal + "/request-link", cookie, Map.of("email", email, "_csrf", cookie.get(FORM)));
        assertEquals(429, limited.statusCode());
        assertTrue(Integer.parseInt(limited.headers().firstValue("Retry-After").orElse("0")) > 0);
        assertTrue(limited.body().contains("Too many attempts"), limited.body());
        assertEquals(3, mailsTo(email), "the fourth request sent nothing");
    }

    @Test
    void malformedOrOversizedInput_isA4xxPageNamingTheField_neverA5xx() throws Exception {
        Map<String, String> cookie = formCookie();
        HttpResponse<String> bad = post(portal + "/request-link", cookie, Map.of("email", "not an address", "_csrf", cookie.get(FORM)));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("E-mail address: &quot;not an address&quot; is not valid"), bad.body());
        Map<String, String> huge = new HashMap<>(Map.of("_csrf", cookie.get(FORM)));
        huge.put("email", "x".repeat(20_000) + "@example.com");
        assertEquals(413, post(portal + "/request-link", cookie, huge).statusCode());
        HttpResponse<String> json = PortalClient.send(HttpRequest.newBuilder(URI.create(portal + "/request-link"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")), cookie);
        assertEquals(415, json.statusCode());
        HttpResponse<String> lang = get(portal + "/request-link?lang=xx", Map.of());
        assertEquals(400, lang.statusCode());
        assertTrue(lang.body().contains("Language: &quot;xx&quot; is not valid"), lang.body());
        HttpResponse<String> encoding = PortalClient.send(HttpRequest.newBuilder(URI.create(portal + "/request-link"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + cookie.get(FORM) + "&email=%zz")), cookie);
        assertEquals(400, encoding.statusCode());
        assertFalse(bad.body().contains("Exception") || encoding.body().contains("at org."), "no stack trace");
    }

    @Test
    void link_opensASession_withASafeCookie_andRedirectsHomeWithoutTheToken() throws Exception {
        CustomerRow customer = customer("en_US");
        String link = access().issueLink(customer.id(), Optional.empty()).token().orElseThrow();
        HttpResponse<String> r = get(portal + "/link/" + link, Map.of());
        assertEquals(303, r.statusCode());
        assertEquals("/subscriptions/portal/", r.headers().firstValue("Location").orElse(""));
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
        String cookie = setCookie(r, SESSION).orElseThrow();
        assertTrue(cookie.matches("sub_portal=[A-Za-z0-9_-]{43}; Path=/subscriptions/portal; HttpOnly; SameSite=Lax"), cookie);
        HttpResponse<String> home = get(portal + "/", Map.of(SESSION, PortalClient.cookieValue(cookie)));
        assertEquals(200, home.statusCode(), home.body());
        assertEquals("no-store", home.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(home.body().contains("Your subscriptions") && home.body().contains("Signed in as " + customer.name()),
                home.body());
    }

    @Test
    void anUnknownOrMalformedLink_showsTheInvalidLinkPage_offeringANewLink() throws Exception {
        for (String token : List.of("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "short", "has.dots.in.it.and.more")) {
            HttpResponse<String> r = get(portal + "/link/" + token, Map.of());
            assertEquals(404, r.statusCode(), token);
            assertTrue(r.body().contains("This link has expired or is not valid"), r.body());
            assertTrue(r.body().contains("action=\"/subscriptions/portal/request-link\""), "offers a new link");
            assertFalse(setCookie(r, SESSION).isPresent());
        }
    }

    @Test
    void withoutASession_theHomePageRedirectsToTheLinkRequestPage() throws Exception {
        for (Map<String, String> cookies : List.of(Map.<String, String>of(), Map.of(SESSION, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))) {
            HttpResponse<String> r = get(portal + "/", cookies);
            assertEquals(303, r.statusCode());
            assertEquals("/subscriptions/portal/request-link", r.headers().firstValue("Location").orElse(""));
        }
        HttpResponse<String> bare = get(portal, Map.of());
        assertEquals(303, bare.statusCode());
        assertEquals("/subscriptions/portal/", bare.headers().firstValue("Location").orElse(""));
    }

    @Test
    void signOut_needsTheSessionsCsrfToken_thenEndsTheSessionAndClearsTheCookie() throws Exception {
        String session = signIn(customer("en_US"));
        Map<String, String> cookies = Map.of(SESSION, session);
        assertEquals(403, post(portal + "/sign-out", cookies, Map.of()).statusCode());
        assertEquals(403, post(portal + "/sign-out", cookies, Map.of("_csrf", "wrong")).statusCode());
        assertTrue(access().session(session).isPresent(), "a refused sign-out ends nothing");

        HttpResponse<String> r = post(portal + "/sign-out", cookies, Map.of("_csrf", access().session(session).orElseThrow().csrfToken()));
        assertEquals(303, r.statusCode());
        assertEquals("/subscriptions/portal/request-link?signed-out", r.headers().firstValue("Location").orElse(""));
        assertTrue(setCookie(r, SESSION).orElseThrow().startsWith("sub_portal=; Path=/subscriptions/portal; Max-Age=0"));
        assertTrue(access().session(session).isEmpty(), "the session ended");
        assertEquals(303, get(portal + "/", cookies).statusCode(), "the old cookie opens nothing");
    }

    @Test
    void unknownRoutes_are404_otherMethods_405_asPagesWithoutStackTraces() throws Exception {
        HttpResponse<String> missing = get(portal + "/no/such/page", Map.of());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("Page not found"), missing.body());
        HttpResponse<String> method = PortalClient.send(HttpRequest.newBuilder(URI.create(portal + "/request-link"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()), Map.of());
        assertEquals(405, method.statusCode());
        assertEquals("GET, POST", method.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void language_followsTheSwitch_elseTheSession_elseTheBrowser() throws Exception {
        HttpResponse<String> sw = get(portal + "/request-link?lang=sk", Map.of());
        assertEquals(303, sw.statusCode());
        assertEquals("/subscriptions/portal/request-link", sw.headers().firstValue("Location").orElse(""));
        String cookie = setCookie(sw, "sub_portal_lang").orElseThrow();
        assertTrue(cookie.startsWith("sub_portal_lang=sk; Path=/subscriptions/portal; Max-Age=31536000; HttpOnly"), cookie);
        assertTrue(get(portal + "/request-link", Map.of("sub_portal_lang", "sk")).body().contains("Prihlásenie odkazom"));
        String session = signIn(customer("sk_SK"));
        assertTrue(get(portal + "/", Map.of(SESSION, session)).body().contains("<html lang=\"sk\">"));
        assertTrue(get(portal + "/", Map.of(SESSION, session, "sub_portal_lang", "en")).body().contains("<html lang=\"en\">"));
        HttpResponse<String> browser = PortalClient.send(HttpRequest.newBuilder(URI.create(portal + "/request-link"))
                .header("Accept-Language", "sk-SK,sk;q=0.9,en;q=0.5"), Map.of());
        assertTrue(browser.body().contains("<html lang=\"sk\">"));
    }

    @Test
    void styleSheet_isServedFromTheBundle_withALongCache() throws Exception {
        HttpResponse<String> css = get(portal + "/static/portal.css", Map.of());
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertEquals("public, max-age=31536000, immutable", css.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(css.body().contains(":focus-visible"));
        assertEquals(404, get(portal + "/static/other.css", Map.of()).statusCode());
        int traversal = get(portal + "/static/..%2FWEB-INF%2Fweb.xml", Map.of()).statusCode();
        assertTrue(traversal == 400 || traversal == 404, "no file outside the list: " + traversal);
    }
}
