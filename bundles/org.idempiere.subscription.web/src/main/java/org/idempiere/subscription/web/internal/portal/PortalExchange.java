package org.idempiere.subscription.web.internal.portal;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.idempiere.subscription.api.service.PortalSession;

/**
 * One request to the portal as its handler sees it: the path variables, the form, the visitor's
 * language and session, and the ways to answer (a page, a redirect). Not thread-safe: one per
 * request.
 */
final class PortalExchange {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServletRequest req;
    private final HttpServletResponse resp;
    private final PortalView view;
    private final String base;
    private final Map<String, String> variables;
    private final PortalLanguage language;
    private final Optional<PortalSession> session;
    private final Optional<String> sessionToken;
    private FormInput form;
    private String formToken;

    PortalExchange(HttpServletRequest req, HttpServletResponse resp, PortalView view, Map<String, String> variables,
            PortalLanguage language, Optional<PortalSession> session, Optional<String> sessionToken) {
        this.req = req;
        this.resp = resp;
        this.view = view;
        this.base = base(req);
        this.variables = variables;
        this.language = language;
        this.session = session;
        this.sessionToken = sessionToken;
    }

    /** @return where the portal is, e.g. {@code /subscriptions/portal} (the cookies' path too) */
    static String base(HttpServletRequest req) {
        return req.getContextPath() + req.getServletPath();
    }

    HttpServletRequest request() {
        return req;
    }

    HttpServletResponse response() {
        return resp;
    }

    String base() {
        return base;
    }

    PortalLanguage language() {
        return language;
    }

    PortalFormat format() {
        return new PortalFormat(language);
    }

    Optional<PortalSession> session() {
        return session;
    }

    /** @return the session, which a {@link PortalRoutes.Access#SESSION} route always has */
    PortalSession requireSession() {
        return session.orElseThrow(() -> new IllegalStateException("no session on a session route"));
    }

    /** @return the token of the current session's cookie */
    Optional<String> sessionToken() {
        return sessionToken;
    }

    String variable(String name) {
        return variables.get(name);
    }

    /** @return the posted form (read by the servlet before the CSRF check) */
    FormInput form() {
        if (form == null) {
            throw new IllegalStateException("no form was read for " + req.getMethod() + " " + req.getPathInfo());
        }
        return form;
    }

    void form(FormInput input) {
        this.form = input;
    }

    /** @return the client's address, the key of per-client rate limits */
    String clientAddress() {
        return String.valueOf(req.getRemoteAddr());
    }

    /**
     * @return the value this request's forms send in {@code _csrf}: the session's CSRF token, or
     *         before sign-in the form cookie's value (a new one set on this answer when the browser
     *         has none)
     */
    String csrfToken() {
        if (session.isPresent()) {
            return session.get().csrfToken();
        }
        if (formToken == null) {
            formToken = PortalCookies.read(req, PortalCookies.FORM).orElseGet(() -> {
                byte[] random = new byte[24];
                RANDOM.nextBytes(random);
                String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                PortalCookies.setForm(req, resp, base, value);
                return value;
            });
        }
        return formToken;
    }

    /**
     * @return whether the posted {@code _csrf} is this request's token: the session's for a session
     *         route, else the form cookie's; compared in constant time
     */
    boolean csrfMatches(PortalRoutes.Access access) {
        Optional<String> sent = form().raw("_csrf");
        Optional<String> expected = access == PortalRoutes.Access.SESSION
                ? session.map(PortalSession::csrfToken)
                : PortalCookies.read(req, PortalCookies.FORM);
        return sent.isPresent() && expected.isPresent() && !expected.get().isEmpty()
                && MessageDigest.isEqual(sent.get().getBytes(StandardCharsets.UTF_8),
                        expected.get().getBytes(StandardCharsets.UTF_8));
    }

    /** Answers with the page rendered from {@code template}, with the layout's data added to the model. */
    void render(int status, String template, Map<String, Object> model) throws IOException {
        Map<String, Object> all = new HashMap<>(model);
        all.put("t", view.messages().method(language));
        all.put("lang", language.code());
        all.put("base", base);
        all.put("css", base + "/static/portal.css?v=" + view.cssVersion());
        all.put("signedIn", session.isPresent());
        all.put("csrf", csrfToken());
        all.put("languages", languageSwitch());
        StringWriter html = new StringWriter();
        view.templates().render(template, all, html);
        byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/html;charset=UTF-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** Answers 303 See Other to a path below the portal ({@code /} for home). */
    void redirect(String pathBelowPortal) {
        resp.setStatus(303);
        resp.setHeader("Location", base + pathBelowPortal);
        resp.setContentLength(0);
    }

    private List<Map<String, Object>> languageSwitch() {
        List<Map<String, Object>> out = new ArrayList<>();
        String here = Optional.ofNullable(req.getPathInfo()).orElse("/");
        for (PortalLanguage l : PortalLanguage.values()) {
            out.add(Map.of("code", l.code(), "name", l.nativeName(), "current", l == language,
                    "href", base + here + "?lang=" + l.code()));
        }
        return out;
    }
}
