package org.idempiere.subscription.web.internal.seller;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.ApiKeyService;
import org.idempiere.subscription.api.service.ForecastService;
import org.idempiere.subscription.api.service.RevenueService;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.web.internal.ApiCsv;
import org.idempiere.subscription.web.internal.ServiceLookup;
import org.idempiere.subscription.web.internal.portal.FormInput;
import org.idempiere.subscription.web.internal.portal.Messages;
import org.idempiere.subscription.web.internal.portal.PortalCookies;
import org.idempiere.subscription.web.internal.portal.PortalFormat;
import org.idempiere.subscription.web.internal.portal.PortalLanguage;
import org.idempiere.subscription.web.internal.portal.PortalPages;
import org.idempiere.subscription.web.internal.portal.PortalProblem;
import org.idempiere.subscription.web.internal.portal.PortalServlet;
import org.idempiere.subscription.web.internal.portal.PortalExchange;
import org.idempiere.subscription.web.internal.portal.RateLimiter;
import org.idempiere.subscription.web.internal.portal.Templates;
import org.idempiere.subscription.web.rest.ApiKeyVerifier;
import org.idempiere.subscription.web.rest.Reply;

/**
 * The seller's analytics page at {@code /subscriptions/seller} (decision 0044): signed in with an API key posted in
 * a form, never in an address; then a session cookie ({@code HttpOnly}, {@code SameSite=Strict}) that acts for the
 * key's tenant. Routes:
 * <ul>
 * <li>{@code GET /sign-in}, {@code POST /sign-in} (key, {@code _csrf} double-submitted), {@code POST /sign-out};</li>
 * <li>{@code GET /analytics}: every figure with its charts and tables; {@code GET /analytics/entries},
 * {@code /analytics/cohort-customers}, {@code /analytics/customers}, {@code /forecast/known} and
 * {@code GET /revenue/items}: the drill-downs; {@code GET /csv/<API CSV route>}: the API's CSV of every table;</li>
 * <li>{@code GET /static/portal.css}, {@code /static/seller.css}.</li>
 * </ul>
 * A page without a session redirects to the sign-in page. Bad input is a 400 page naming the field and the value;
 * no stack trace reaches the client. Declared in {@code WEB-INF/web.xml} beside the API and the portal, so it is
 * served in both hosts.
 */
public final class SellerServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(SellerServlet.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String SESSION = "sub_seller";
    static final String FORM = "sub_seller_form";
    static final String LANGUAGE = "sub_seller_lang";
    static final String SIGN_INS_PER_CLIENT = "subscriptions.seller.signInsPerClient";
    /** Longest key a sign-in form may carry. */
    private static final int MAX_KEY = 512;

    private transient ServiceLookup services;
    private transient Templates templates;
    private transient Messages messages;
    private transient SellerSessions sessions;
    private transient RateLimiter signIns;
    private transient ApiCsv csv;
    private transient Map<String, byte[]> styles;
    private transient Map<String, String> styleVersions;

    @Override
    public void init() throws ServletException {
        try {
            services = ServiceLookup.of(SellerServlet.class);
            templates = new Templates(SellerServlet.class.getClassLoader(), "seller/templates");
            messages = Messages.load("seller/i18n/seller");
            Clock clock = Clock.systemUTC();
            sessions = new SellerSessions(clock, Duration.ofMinutes(30), Duration.ofHours(8), 10_000);
            signIns = new RateLimiter(signInsPerClient(), Duration.ofSeconds(6), 10_000, clock);
            csv = new ApiCsv(services);
            styles = Map.of("portal.css", PortalPages.resource("portal/static/portal.css"), "seller.css",
                    PortalPages.resource("seller/static/seller.css"));
            styleVersions = Map.of("portal.css", PortalServlet.digest(styles.get("portal.css")), "seller.css", PortalServlet.digest(styles.get("seller.css")));
        } catch (IOException | RuntimeException e) {
            throw new ServletException("the seller page cannot start: " + e.getMessage(), e);
        }
    }

    /**
     * Sign-in attempts a client address may make at once before it is slowed to one every six seconds: 10, or the
     * framework property {@value #SIGN_INS_PER_CLIENT} (for sellers behind one address, and for tests).
     */
    private int signInsPerClient() {
        Optional<String> v = services.property(SIGN_INS_PER_CLIENT);
        if (v.isPresent()) {
            try {
                int n = Integer.parseInt(v.get());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            LOG.log(System.Logger.Level.WARNING, SIGN_INS_PER_CLIENT + " '" + v.get() + "' is not a positive whole number; 10 is used");
        }
        return 10;
    }

    @Override
    public void destroy() {
        if (services != null) {
            services.close();
        }
    }

    /** One request: what every handler needs. */
    private final class Call {
        final HttpServletRequest req;
        final HttpServletResponse resp;
        final String base;
        final PortalLanguage language;
        Optional<SellerSessions.Session> session = Optional.empty();
        Optional<String> token = Optional.empty();
        String formToken;

        Call(HttpServletRequest req, HttpServletResponse resp) {
            this.req = req;
            this.resp = resp;
            this.base = req.getContextPath() + req.getServletPath();
            this.language = cookie(req, LANGUAGE).flatMap(PortalLanguage::ofCode)
                    .or(() -> PortalLanguage.ofAcceptLanguage(req.getHeader("Accept-Language"))).orElse(PortalLanguage.EN);
        }

        String text(String key) {
            return messages.text(language, key);
        }

        /** The value forms send in {@code _csrf}: the session's token, or before sign-in the form cookie's. */
        String csrf() {
            if (session.isPresent()) {
                return session.get().csrfToken();
            }
            if (formToken == null) {
                formToken = cookie(req, FORM).orElseGet(() -> {
                    byte[] b = new byte[24];
                    RANDOM.nextBytes(b);
                    String v = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                    resp.addHeader("Set-Cookie", PortalCookies.header(FORM, v, base, "Strict", -1, req.isSecure()));
                    return v;
                });
            }
            return formToken;
        }

        void render(int status, String template, Map<String, Object> model) throws IOException {
            Map<String, Object> all = new HashMap<>(model);
            all.put("t", messages.method(language));
            all.put("lang", language.code());
            all.put("base", base);
            all.put("css", List.of(base + "/static/portal.css?v=" + styleVersions.get("portal.css"),
                    base + "/static/seller.css?v=" + styleVersions.get("seller.css")));
            all.put("signedIn", session.isPresent());
            all.put("csrf", csrf());
            all.put("languages", languages());
            StringWriter html = new StringWriter();
            templates.render(template, all, html);
            byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
            resp.setStatus(status);
            resp.setContentType("text/html;charset=UTF-8");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }

        private List<Map<String, Object>> languages() {
            List<Map<String, Object>> out = new ArrayList<>();
            String here = Optional.ofNullable(req.getPathInfo()).orElse("/");
            String query = "GET".equals(req.getMethod()) ? PortalExchange.withoutLanguage(req.getQueryString()) : "";
            for (PortalLanguage l : PortalLanguage.values()) {
                out.add(Map.of("code", l.code(), "name", l.nativeName(), "current", l == language,
                        "href", base + here + "?" + (query.isEmpty() ? "" : query + "&") + "lang=" + l.code()));
            }
            return out;
        }

        void redirect(String below) {
            resp.setStatus(303);
            resp.setHeader("Location", base + below);
            resp.setContentLength(0);
        }

        /** Runs work in the tenant the session's key acts for. */
        <T> T asSeller(Supplier<T> work) {
            Optional<Tenant> tenant = session.orElseThrow().tenant();
            if (tenant.isEmpty()) {
                return work.get();
            }
            return service(HostContext.class).actingFor(tenant.get(), work);
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Call call = new Call(req, resp);
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
        String method = req.getMethod();
        try {
            if (path.startsWith("/static/") && "GET".equals(method)) {
                style(call, path.substring("/static/".length()));
                return;
            }
            if ("GET".equals(method) && switchLanguage(call, path)) {
                return;
            }
            call.token = cookie(req, SESSION);
            call.session = call.token.flatMap(sessions::find);
            switch (method + " " + path) {
                case "GET /" -> call.redirect(call.session.isPresent() ? "/analytics" : "/sign-in");
                case "GET /sign-in" -> {
                    if (call.session.isPresent()) {
                        call.redirect("/analytics");
                    } else {
                        signInPage(call, 200, Optional.empty());
                    }
                }
                case "POST /sign-in" -> signIn(call);
                case "POST /sign-out" -> signOut(call);
                case "GET /analytics" -> signedIn(call, () -> analytics(call));
                case "GET /analytics/entries" -> signedIn(call, () -> DrillDowns.entries(call.req, call.base,
                        call.asSeller(() -> service(HostContext.class).today()), format(call),
                        call::text, q -> call.asSeller(() -> service(AnalyticsService.class).entries(q)),
                        (status, model) -> call.render(status, "entries", model)));
                case "GET /analytics/cohort-customers" -> signedIn(call, () -> DrillDowns.cohortCustomers(call.req, call.base,
                        call.asSeller(() -> service(HostContext.class).today()), format(call), call::text,
                        d -> call.asSeller(() -> service(AnalyticsService.class).cohortCustomers(d)),
                        (status, model) -> call.render(status, "cohort-customers", model)));
                case "GET /analytics/customers" -> signedIn(call, () -> DrillDowns.customers(call.req, call.base,
                        call.asSeller(() -> service(HostContext.class).today()), format(call), call::text,
                        d -> call.asSeller(() -> service(AnalyticsService.class).customers(d)),
                        (status, model) -> call.render(status, "customers", model)));
                case "GET /forecast/known" -> signedIn(call, () -> DrillDowns.forecastKnown(call.req, call.base, format(call), call::text,
                        (m, c, plan, segment, limit, offset) -> call.asSeller(() -> service(ForecastService.class).knownMoves(m, c,
                                ForecastService.DEFAULT_TRAILING, plan, Optional.empty(), segment, limit, offset)),
                        (status, model) -> call.render(status, "forecast-known", model)));
                case "GET /revenue/items" -> signedIn(call, () -> DrillDowns.revenueItems(call.req, call.base, format(call),
                        (m, c, t, segment) -> call.asSeller(() -> service(RevenueService.class).items(m, c, t, Optional.empty(), segment)),
                        (status, model) -> call.render(status, "revenue-items", model)));
                default -> {
                    if ("GET".equals(method) && path.startsWith("/csv/")) {
                        signedIn(call, () -> csv(call, path.substring("/csv".length())));
                    } else if (List.of("/", "/sign-in", "/sign-out", "/analytics", "/analytics/entries", "/analytics/cohort-customers",
                            "/analytics/customers", "/forecast/known", "/revenue/items").contains(path)) {
                        resp.setHeader("Allow", path.equals("/sign-in") ? "GET, POST" : path.equals("/sign-out") ? "POST" : "GET");
                        throw PortalProblem.of(405, "error.method");
                    } else {
                        throw PortalProblem.of(404, "error.notFound");
                    }
                }
            }
        } catch (PortalProblem p) {
            error(call, p);
        } catch (SubscriptionException e) {
            if (e.code().kind() == ErrorCode.Kind.INTERNAL) {
                LOG.log(System.Logger.Level.ERROR, method + " " + call.base + path + " failed", e);
            }
            error(call, PortalProblem.of(e));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, method + " " + call.base + path + " failed", e);
            error(call, PortalProblem.of(500, "error.internal"));
        }
    }

    @FunctionalInterface
    interface Page {
        void show() throws IOException;
    }

    /** Shows a page of a signed-in seller; without a session, the sign-in page. */
    private static void signedIn(Call call, Page page) throws IOException {
        if (call.session.isEmpty()) {
            call.redirect("/sign-in");
            return;
        }
        page.show();
    }

    private static PortalFormat format(Call call) {
        return PortalFormat.of(call.language);
    }

    private <T> T service(Class<T> type) {
        return services.find(type).orElseThrow(() -> PortalProblem.of(503, "error.unavailable"));
    }

    private void signInPage(Call call, int status, Optional<String> problem) throws IOException {
        Map<String, Object> model = new HashMap<>();
        problem.ifPresent(p -> model.put("problem", p));
        if ("signed-out".equals(call.req.getQueryString())) {
            model.put("notice", call.text("signIn.signedOut"));
        }
        call.render(status, "sign-in", model);
    }

    /**
     * Checks the posted key as the API does (the host's own key, else a tenant's) and opens a session acting for
     * its tenant. A wrong key gets the form again with 401; ten attempts a client, then one every six seconds.
     */
    private void signIn(Call call) throws IOException {
        FormInput form = FormInput.read(call.req);
        Optional<String> sent = form.raw("_csrf");
        Optional<String> expected = cookie(call.req, FORM);
        if (sent.isEmpty() || expected.isEmpty() || !MessageDigest.isEqual(sent.get().getBytes(StandardCharsets.UTF_8),
                expected.get().getBytes(StandardCharsets.UTF_8))) {
            throw PortalProblem.of(403, "error.forbidden");
        }
        if (!signIns.tryAcquire(String.valueOf(call.req.getRemoteAddr()))) {
            call.resp.setHeader("Retry-After", String.valueOf(Math.max(1, signIns.retryAfter(String.valueOf(call.req.getRemoteAddr()))
                    .toSeconds())));
            throw PortalProblem.of(429, "error.tooMany");
        }
        String key = form.raw("key").map(String::strip).orElse("");
        if (key.isEmpty()) {
            signInPage(call, 400, Optional.of(call.text("signIn.missing")));
            return;
        }
        Optional<ApiKeyVerifier> verifier = services.find(ApiKeyVerifier.class);
        Optional<ApiKeyService> tenantKeys = services.find(ApiKeyService.class);
        if (verifier.isEmpty() && tenantKeys.isEmpty()) {
            throw PortalProblem.of(503, "error.unavailable");
        }
        Optional<Optional<Tenant>> tenant = Optional.empty();
        if (key.length() <= MAX_KEY) {
            if (verifier.isPresent() && verifier.get().verify(key)) {
                tenant = Optional.of(Optional.empty());
            } else if (tenantKeys.isPresent()) {
                tenant = tenantKeys.get().authenticate(key).map(Optional::of);
            }
        }
        if (tenant.isEmpty()) {
            signInPage(call, 401, Optional.of(call.text("signIn.wrong")));
            return;
        }
        call.token.ifPresent(sessions::close);
        String token = sessions.open(tenant.get());
        call.resp.addHeader("Set-Cookie", PortalCookies.header(SESSION, token, call.base, "Strict", -1, call.req.isSecure()));
        call.redirect("/analytics");
    }

    private void signOut(Call call) throws IOException {
        FormInput form = FormInput.read(call.req);
        if (call.session.isPresent()) {
            Optional<String> sent = form.raw("_csrf");
            if (sent.isEmpty() || !MessageDigest.isEqual(sent.get().getBytes(StandardCharsets.UTF_8),
                    call.session.get().csrfToken().getBytes(StandardCharsets.UTF_8))) {
                throw PortalProblem.of(403, "error.forbidden");
            }
            sessions.close(call.token.orElseThrow());
        }
        call.resp.addHeader("Set-Cookie", PortalCookies.header(SESSION, "", call.base, "Strict", 0, call.req.isSecure()));
        call.redirect("/sign-in?signed-out");
    }

    private void analytics(Call call) throws IOException {
        PortalFormat format = format(call);
        SellerFilters filters;
        try {
            filters = SellerFilters.read(FormInput.query(call.req), call.asSeller(() -> service(HostContext.class).today()));
        } catch (PortalProblem p) {
            filterError(call, p, Map.of());
            return;
        }
        AnalyticsPage page = new AnalyticsPage(call.base, filters, format, call::text);
        List<org.idempiere.subscription.api.service.Template> plans = call.asSeller(() -> service(TemplateService.class).list());
        Map<String, Object> model;
        try {
            filters.checkRange();
            model = call.asSeller(() -> page.model(service(AnalyticsService.class), service(RevenueService.class),
                    service(ForecastService.class), plans));
        } catch (SubscriptionException e) {
            if (e.code().kind() != ErrorCode.Kind.INVALID) {
                throw e;
            }
            filterError(call, PortalProblem.of(e), page.filterModel(plans));
            return;
        } catch (PortalProblem p) {
            filterError(call, p, page.filterModel(plans));
            return;
        }
        call.render(200, "analytics", model);
    }

    /** The page with its filter form and the error naming the field, without figures: 400. */
    private void filterError(Call call, PortalProblem p, Map<String, Object> filterModel) throws IOException {
        Map<String, Object> model = new HashMap<>();
        Map<String, Object> filters = new HashMap<>(filterModel);
        if (filters.isEmpty()) {
            for (String n : SellerFilters.NAMES) {
                FormInput.query(call.req).raw(n).ifPresent(v -> filters.put(n, v));
            }
            filters.put("granularities", List.of());
            filters.put("plans", List.of());
        }
        model.put("filters", filters);
        String field = p.field().orElse("body");
        String label = messages.textOr(call.language, "field." + field, field);
        model.put("problem", Map.of("field", field, "fieldLabel", label, "value", p.value().orElse(""), "text", invalidText(call, p, label)));
        call.render(p.status(), "analytics", model);
    }

    /** The API's CSV of a table, for the session's tenant. */
    private void csv(Call call, String apiPath) throws IOException {
        Optional<Reply.Document> doc = call.asSeller(() -> csv.run(apiPath, call.req));
        if (doc.isEmpty()) {
            throw PortalProblem.of(404, "error.notFound");
        }
        Reply.Document d = doc.get();
        call.resp.setStatus(200);
        call.resp.setContentType(d.mediaType());
        call.resp.setHeader("Content-Disposition", "attachment; filename=\"" + d.fileName().replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        call.resp.setContentLength(d.content().length);
        call.resp.getOutputStream().write(d.content());
    }

    private void style(Call call, String name) throws IOException {
        byte[] css = styles.get(name);
        if (css == null) {
            throw PortalProblem.of(404, "error.notFound");
        }
        call.resp.setStatus(200);
        call.resp.setContentType("text/css;charset=UTF-8");
        call.resp.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        call.resp.setContentLength(css.length);
        call.resp.getOutputStream().write(css);
    }

    /** {@code GET …?lang=sk}: the choice kept in a cookie, and the same page again without it. */
    private static boolean switchLanguage(Call call, String path) {
        String code;
        try {
            code = FormInput.query(call.req).raw("lang").orElse(null);
        } catch (PortalProblem e) {
            return false;
        }
        if (code == null) {
            return false;
        }
        PortalLanguage chosen = PortalLanguage.ofCode(code).orElseThrow(() -> PortalProblem.invalid("lang", code, "one of en, sk"));
        call.resp.addHeader("Set-Cookie", PortalCookies.header(LANGUAGE, chosen.code(), call.base, "Lax", 365L * 24 * 3600,
                call.req.isSecure()));
        String rest = PortalExchange.withoutLanguage(call.req.getQueryString());
        call.resp.setStatus(303);
        call.resp.setHeader("Location", call.base + path + (rest.isEmpty() ? "" : "?" + rest));
        return true;
    }

    private void error(Call call, PortalProblem p) throws IOException {
        if (call.resp.isCommitted()) {
            return;
        }
        call.resp.resetBuffer();
        try {
            Map<String, Object> model = new HashMap<>();
            model.put("status", p.status());
            model.put("messageKey", p.messageKey());
            p.field().ifPresent(f -> model.put("field", messages.textOr(call.language, "field." + f, f)));
            p.value().ifPresent(v -> model.put("value", v));
            p.field().ifPresent(f -> model.put("invalidText", invalidText(call, p, messages.textOr(call.language, "field." + f, f))));
            call.render(p.status(), "error", model);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the error page failed", e);
            call.resp.resetBuffer();
            call.resp.setStatus(p.status());
            call.resp.setContentType("text/plain;charset=UTF-8");
            call.resp.getOutputStream().write(("Error " + p.status()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code To: "2124-01-01" is not valid …}, with the range allowed when the value was out of one. */
    private String invalidText(Call call, PortalProblem p, String label) {
        String value = p.value().orElse("");
        return p.allowed().isEmpty() ? messages.text(call.language, "error.invalid.field", label, value)
                : messages.text(call.language, "error.invalid.range", label, value, p.allowed().get(0), p.allowed().get(1));
    }

    private static Optional<String> cookie(HttpServletRequest req, String name) {
        return PortalCookies.read(req, name, LANGUAGE.equals(name));
    }
}
