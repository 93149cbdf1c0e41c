package org.idempiere.subscription.web.internal.portal;

import java.io.IOException;
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
public final class PortalExchange {
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
    private FormInput query;
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
        return PortalFormat.of(language);
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

    /** @return the query string's fields, read with a form's limits (a {@code GET} form's answer) */
    FormInput query() {
        if (query == null) {
            query = FormInput.query(req);
        }
        return query;
    }

    /**
     * @return a field of the query string, read by the portal's own decoder (the container's
     *         refuses some malformed queries with an exception); empty when it is absent or the
     *         query is malformed
     */
    Optional<String> param(String name) {
        return param(req, name);
    }

    /** As {@link #param(String)}, for a request without its exchange yet. */
    static Optional<String> param(HttpServletRequest req, String name) {
        try {
            return FormInput.query(req).raw(name);
        } catch (PortalProblem e) {
            return Optional.empty();
        }
    }

    /** @return the text of the key in the visitor's language, with its arguments */
    String text(String key, Object... args) {
        return view.messages().text(language, key, args);
    }

    /** @return whether the visitor's language has a text for the key */
    boolean hasText(String key) {
        return view.messages().keys(language).contains(key);
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
        notice().ifPresent(n -> all.putIfAbsent("notice", n));
        Page html = new Page();
        view.templates().render(template, all, html);
        byte[] bytes = html.text.toString().getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/html;charset=UTF-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /**
     * The confirmation a redirect after a {@code POST} asked for with {@code ?done=<what>}: shown
     * only when the portal has a text {@code done.<what>}, so nothing a link says is ever shown.
     */
    private Optional<String> notice() {
        String done = "GET".equals(req.getMethod()) ? param("done").orElse(null) : null;
        return done != null && done.matches("[a-z-]{1,40}") && hasText("done." + done) ? Optional.of(text("done." + done))
                : Optional.empty();
    }

    /** Answers 303 See Other to a path below the portal ({@code /} for home). */
    void redirect(String pathBelowPortal) {
        resp.setStatus(303);
        resp.setHeader("Location", base + pathBelowPortal);
        resp.setContentLength(0);
    }

    /** The switch's links: this page (with its query, so a preview stays the same preview) in each language. */
    private List<Map<String, Object>> languageSwitch() {
        List<Map<String, Object>> out = new ArrayList<>();
        String here = Optional.ofNullable(req.getPathInfo()).orElse("/");
        String query = "GET".equals(req.getMethod()) ? withoutLanguage(req.getQueryString()) : "";
        for (PortalLanguage l : PortalLanguage.values()) {
            out.add(Map.of("code", l.code(), "name", l.nativeName(), "current", l == language,
                    "href", base + here + "?" + (query.isEmpty() ? "" : query + "&") + "lang=" + l.code()));
        }
        return out;
    }

    /** @return a query string without its {@code lang} fields (as sent, still encoded); empty for none */
    public static String withoutLanguage(String query) {
        if (query == null || query.isEmpty() || query.length() > FormInput.MAX_BODY) {
            return "";
        }
        return java.util.Arrays.stream(query.split("&")).filter(p -> !p.isEmpty() && !p.equals("lang") && !p.startsWith("lang="))
                .collect(java.util.stream.Collectors.joining("&"));
    }

    /** A page being rendered, kept whole until it is done: a {@link java.io.StringWriter} without its locks. */
    private static final class Page extends java.io.Writer {
        final StringBuilder text = new StringBuilder(16 * 1024);

        @Override
        public void write(char[] chars, int off, int len) {
            text.append(chars, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            text.append(str, off, off + len);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
