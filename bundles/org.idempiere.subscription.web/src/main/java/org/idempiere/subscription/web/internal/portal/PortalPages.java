package org.idempiere.subscription.web.internal.portal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.web.internal.ServiceLookup;

/**
 * The handlers of the portal's routes ({@link PortalRoutes}). Each calls the engine through the
 * services found by the servlet's {@link ServiceLookup}; none trusts anything the request says
 * beyond what it checks. Thread-safe.
 */
public final class PortalPages {
    /** The files {@code GET /static/{file}} serves, from {@code portal/static/} of this bundle. */
    static final Map<String, String> STATIC_FILES = Map.of("portal.css", "text/css;charset=UTF-8");

    private final ServiceLookup services;
    private final RateLimiter linkRequestsPerClient;
    private final RateLimiter linkRequestsPerAddress;
    private final RateLimiter linkOpensPerClient;

    PortalPages(ServiceLookup services, PortalLimits limits, Clock clock) {
        this.services = services;
        // Someone asking for links: a few at once, then one a minute per client, one every
        // 10 minutes per address, so nobody can flood an inbox or probe many addresses fast.
        this.linkRequestsPerClient = new RateLimiter(limits.linkRequestsPerClient(), Duration.ofMinutes(1), 10_000, clock);
        this.linkRequestsPerAddress = new RateLimiter(3, Duration.ofMinutes(10), 10_000, clock);
        // Guessing a link's token (256 bits) is hopeless anyway; this keeps anyone from trying fast.
        this.linkOpensPerClient = new RateLimiter(limits.linkOpensPerClient(), Duration.ofSeconds(6), 10_000, clock);
    }

    /** Where a link may send its customer after sign-in ({@code ?to=}); anything else goes home. */
    static final Map<String, String> DESTINATIONS = Map.of("subscriptions", "/", "invoices", "/invoices",
            "payment-methods", "/payment-methods");

    /** The engine's portal access, or 503 while it is not running. */
    PortalAccessService access() {
        return services.find(PortalAccessService.class).orElseThrow(() -> PortalProblem.of(503, "error.unavailable"));
    }

    /** The engine's view for customers, or 503 while it is not running. */
    static CustomerPortalService portal(ServiceLookup services) {
        return services.find(CustomerPortalService.class).orElseThrow(() -> PortalProblem.of(503, "error.unavailable"));
    }

    /**
     * @return the path variable as a record id
     * @throws PortalProblem 404 when it is not one: no page has such an address
     */
    static long id(PortalExchange ex, String variable) {
        return FormInput.parseId(ex.variable(variable)).orElseThrow(() -> PortalProblem.of(404, "error.notFound"));
    }

    /**
     * Shows a page again with the engine's refusal of what the customer asked (nothing changed):
     * 400 or 409 with the refusal's text in the visitor's language.
     *
     * @throws SubscriptionException the error itself when it is no refusal (not found, internal)
     */
    static void refuse(PortalExchange ex, SubscriptionException e, String template, Map<String, Object> model)
            throws IOException {
        Refusals.Refusal r = Refusals.of(e).orElseThrow(() -> e);
        Map<String, Object> m = new HashMap<>(model);
        m.put("refusal", ex.text(r.messageKey()));
        ex.render(r.status(), template, m);
    }

    void requestLinkForm(PortalExchange ex) throws IOException {
        ex.render(200, "request-link", Map.of("signedOut", ex.param("signed-out").isPresent()));
    }

    void requestLink(PortalExchange ex) throws IOException {
        if (!linkRequestsPerClient.tryAcquire(ex.clientAddress())) {
            tooMany(ex, linkRequestsPerClient.retryAfter(ex.clientAddress()));
            return;
        }
        String email = ex.form().email("email");
        if (!linkRequestsPerAddress.tryAcquire(email)) {
            tooMany(ex, linkRequestsPerAddress.retryAfter(email));
            return;
        }
        access().requestLink(email);
        ex.render(200, "link-sent", Map.of("email", email));
    }

    void openLink(PortalExchange ex) throws IOException {
        String token = ex.variable("token");
        ex.response().setHeader("Referrer-Policy", "no-referrer");
        if (!linkOpensPerClient.tryAcquire(ex.clientAddress())) {
            tooMany(ex, linkOpensPerClient.retryAfter(ex.clientAddress()));
            return;
        }
        Optional<PortalSession> opened = PortalCookies.TOKEN.matcher(token).matches()
                ? access().openSession(token) : Optional.empty();
        Optional<String> sessionToken = opened.flatMap(PortalSession::token);
        if (sessionToken.isEmpty()) {
            ex.render(404, "link-invalid", Map.of());
            return;
        }
        PortalCookies.setSession(ex.request(), ex.response(), ex.base(), sessionToken.get());
        ex.redirect(ex.param("to").map(DESTINATIONS::get).orElse("/"));
    }

    void signOut(PortalExchange ex) {
        ex.sessionToken().ifPresent(t -> access().endSession(t));
        PortalCookies.clearSession(ex.request(), ex.response(), ex.base());
        ex.redirect("/request-link?signed-out");
    }

    void staticFile(PortalExchange ex) throws IOException {
        String file = ex.variable("file");
        String type = STATIC_FILES.get(file);
        if (type == null) {
            throw PortalProblem.of(404, "error.notFound");
        }
        byte[] content = resource("portal/static/" + file);
        ex.response().setStatus(200);
        ex.response().setContentType(type);
        ex.response().setHeader("Cache-Control", "public, max-age=31536000, immutable");
        ex.response().setContentLength(content.length);
        ex.response().getOutputStream().write(content);
    }

    private static void tooMany(PortalExchange ex, Duration retryAfter) throws IOException {
        ex.response().setHeader("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds())));
        throw PortalProblem.of(429, "error.tooMany");
    }

    /** @return a resource of this bundle */
    public static byte[] resource(String name) throws IOException {
        try (InputStream in = PortalPages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
