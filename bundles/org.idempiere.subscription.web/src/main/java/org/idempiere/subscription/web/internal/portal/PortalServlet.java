package org.idempiere.subscription.web.internal.portal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.web.internal.ServiceLookup;

/**
 * The customer portal at {@code /subscriptions/portal}: server-rendered pages reached by a secure
 * link, in English and Slovak. Declared in {@code WEB-INF/web.xml} like the API servlet, and like it
 * finds the engine's services through the bundle's own context (decision 0029).
 *
 * <p>Per request, before a route's handler runs: a {@code lang} switch is taken (cookie, then a
 * redirect to the same page without it); the route is found ({@link PortalRoutes}; 404 or 405
 * otherwise); the session cookie is resolved by {@link PortalAccessService#session}; a session
 * route without a session redirects to the link-request page; a {@code POST} form is read within
 * limits and its {@code _csrf} checked (403, nothing done). Whatever goes wrong is shown as the
 * error page with its status; no stack trace reaches the client. Pages (not static files) are let
 * in by a {@link PortalAdmission}: one that does not get its turn within the bounded wait is
 * answered 503 with {@code Retry-After: 1}.
 */
public final class PortalServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(PortalServlet.class.getName());

    private transient ServiceLookup services;
    private transient PortalView view;
    private transient PortalRoutes routes;
    private transient PortalAdmission admission;

    @Override
    public void init() throws ServletException {
        try {
            services = ServiceLookup.of(PortalServlet.class);
            view = new PortalView(new Templates(), Messages.load(), digest(PortalPages.resource("portal/static/portal.css")));
            Clock clock = Clock.systemUTC();
            admission = PortalAdmission.of(services::property);
            routes = PortalRoutes.of(new PortalRoutes.Pages(new PortalPages(services, PortalLimits.of(services::property), clock),
                    new SubscriptionPages(services), new InvoicePages(services), new MethodPages(services, clock),
                    new OrderPages(services), new DetailsPages(services)));
        } catch (IOException | RuntimeException e) {
            throw new ServletException("the portal cannot start: " + e.getMessage(), e);
        }
    }

    @Override
    public void destroy() {
        if (services != null) {
            services.close();
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        if (path == null) {
            resp.setStatus(303);
            resp.setHeader("Location", PortalExchange.base(req) + "/");
            return;
        }
        if (path.startsWith("/static/")) {
            handle(req, resp, path);
            return;
        }
        if (!admission.enter()) { // more pages under way than the portal serves: refused now, not queued
            resp.setHeader("Retry-After", "1");
            error(req, resp, language(req, Optional.empty()), Optional.empty(), PortalProblem.of(503, "error.busy"));
            return;
        }
        try {
            handle(req, resp, path);
        } finally {
            admission.leave();
        }
    }

    private void handle(HttpServletRequest req, HttpServletResponse resp, String path) throws IOException {
        Optional<String> token = PortalCookies.read(req, PortalCookies.SESSION);
        Optional<PortalSession> session = Optional.empty();
        PortalLanguage language = language(req, session);
        try {
            if (switchLanguage(req, resp, path)) {
                return;
            }
            Optional<PortalRoutes.Match> match = routes.find(req.getMethod(), path);
            if (match.isEmpty()) {
                Set<String> allowed = routes.methodsFor(path);
                if (!allowed.isEmpty()) {
                    resp.setHeader("Allow", String.join(", ", allowed));
                }
                throw PortalProblem.of(allowed.isEmpty() ? 404 : 405, allowed.isEmpty() ? "error.notFound" : "error.method");
            }
            PortalRoutes.Route route = match.get().route();
            if (token.isPresent() && !route.pattern().startsWith("/static/")) {
                session = sessionOf(token.get(), route.access());
                language = language(req, session);
            }
            PortalExchange ex = new PortalExchange(req, resp, view, match.get().variables(), language, session,
                    session.isPresent() ? token : Optional.empty());
            if (route.access() == PortalRoutes.Access.SESSION && session.isEmpty()) {
                ex.redirect("/request-link");
                return;
            }
            if ("POST".equals(req.getMethod())) {
                ex.form(FormInput.read(req));
                if (!ex.csrfMatches(route.access())) {
                    throw PortalProblem.of(403, "error.forbidden");
                }
            }
            route.handler().handle(ex);
        } catch (PortalProblem p) {
            error(req, resp, language, session, p);
        } catch (SubscriptionException e) {
            if (e.code().kind() == ErrorCode.Kind.INTERNAL) {
                LOG.log(System.Logger.Level.ERROR, req.getMethod() + " " + PortalExchange.base(req) + path + " failed", e);
            }
            error(req, resp, language, session, PortalProblem.of(e));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, req.getMethod() + " " + PortalExchange.base(req) + path + " failed", e);
            error(req, resp, language, session, PortalProblem.of(500, "error.internal"));
        }
    }

    /** The session of the cookie's token; without the engine's portal access, 503 on a session route. */
    private Optional<PortalSession> sessionOf(String token, PortalRoutes.Access access) {
        Optional<PortalAccessService> service = services.find(PortalAccessService.class);
        if (service.isEmpty() && access == PortalRoutes.Access.SESSION) {
            throw PortalProblem.of(503, "error.unavailable");
        }
        return service.flatMap(s -> s.session(token));
    }

    /** The visitor's language: the switch's cookie, else the session's, else the browser's, else English. */
    private static PortalLanguage language(HttpServletRequest req, Optional<PortalSession> session) {
        return PortalCookies.read(req, PortalCookies.LANGUAGE).flatMap(PortalLanguage::ofCode)
                .or(() -> session.flatMap(s -> PortalLanguage.ofHostLanguage(s.language())))
                .or(() -> PortalLanguage.ofAcceptLanguage(req.getHeader("Accept-Language")))
                .orElse(PortalLanguage.EN);
    }

    /**
     * {@code GET ...?lang=sk}: keeps the choice in a cookie and shows the same page again without
     * it (with the rest of its query, so that a preview stays the same preview).
     */
    private static boolean switchLanguage(HttpServletRequest req, HttpServletResponse resp, String path) {
        String code = "GET".equals(req.getMethod()) ? PortalExchange.param(req, "lang").orElse(null) : null;
        if (code == null) {
            return false;
        }
        PortalLanguage chosen = PortalLanguage.ofCode(code)
                .orElseThrow(() -> PortalProblem.invalid("lang", code, "one of en, sk"));
        String base = PortalExchange.base(req);
        PortalCookies.setLanguage(req, resp, base, chosen);
        String rest = PortalExchange.withoutLanguage(req.getQueryString());
        resp.setStatus(303);
        resp.setHeader("Location", base + path + (rest.isEmpty() ? "" : "?" + rest));
        return true;
    }

    private void error(HttpServletRequest req, HttpServletResponse resp, PortalLanguage language,
            Optional<PortalSession> session, PortalProblem p) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        if (p.status() == 413 || p.status() == 415) {
            resp.setHeader("Connection", "close"); // the body was not read: the connection cannot carry another request
        }
        try {
            PortalExchange ex = new PortalExchange(req, resp, view, Map.of(), language, session, Optional.empty());
            Map<String, Object> model = new java.util.HashMap<>();
            model.put("status", p.status());
            model.put("messageKey", p.messageKey());
            p.field().ifPresent(f -> model.put("field", view.messages().textOr(language, "field." + f, f)));
            p.value().ifPresent(v -> model.put("value", v));
            ex.render(p.status(), "error", model);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the error page failed", e);
            resp.resetBuffer();
            resp.setStatus(p.status());
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getOutputStream().write(("Error " + p.status()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** @return the version of a static file in its URL: the first 64 bits of its SHA-256, in hex */
    public static String digest(byte[] content) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(content);
            return String.format("%016x", new BigInteger(1, d).shiftRight(192));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
