package org.idempiere.subscription.sandbox.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.sandbox.internal.gateway.CardSetups;
import org.idempiere.subscription.sandbox.internal.gateway.CardSetups.Setup;
import org.idempiere.subscription.sandbox.internal.gateway.Gateway;
import org.idempiere.subscription.sandbox.internal.gateway.TestInstruments;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The reference gateway's hosted card page, as a payment provider serves one: the customer's
 * browser comes here from the portal ({@code Payments.hostedTokenization}) with a setup's id, the
 * card is entered here, checked (Luhn, expiry, CVC, holder) and tokenized, and the browser returns
 * to the portal with the token and the portal's state. The card number never reaches the portal.
 * <ul>
 * <li>{@code GET /sandbox-gateway/card?setup=&lang=}: the form;</li>
 * <li>{@code POST /sandbox-gateway/card}: checks and tokenizes, then {@code 303} to the portal's
 * return address with {@code state}, {@code token}, {@code brand}, {@code last4},
 * {@code expMonth}, {@code expYear}; a refused entry shows the form again naming the field (the
 * number and code are never shown back);</li>
 * <li>{@code GET /sandbox-gateway/card/cancel?setup=}: {@code 303} to the return address with
 * {@code state} and {@code cancelled=true};</li>
 * <li>{@code GET /sandbox-gateway/gateway.css}: its style sheet.</li>
 * </ul>
 * It returns only to the setup's return address, and only when that is the portal's return route
 * on the very origin this page is served from: never anywhere else. It sits outside the web
 * application's {@code /subscriptions} (a provider's page is not the seller's) and outside the
 * API's key, with its own strict headers. A sandbox-only whiteboard servlet: iDempiere has no such
 * page, its gateway's own page would take its place.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/sandbox-gateway/*",
        "osgi.http.whiteboard.servlet.name=sandbox-gateway-hosted-card" })
public final class HostedCardPage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Content-Security-Policy of every answer: its own style sheet and form, nothing else. */
    static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    private static final int MAX_BODY = 4096;

    private final transient CardSetups setups;
    private final transient Gateway gateway;
    private final transient HostContext host;
    private final transient HostedCardHtml html = new HostedCardHtml();

    @Activate
    public HostedCardPage(@Reference CardSetups setups, @Reference Gateway gateway, @Reference HostContext host) {
        this.setups = setups;
        this.gateway = gateway;
        this.host = host;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Content-Security-Policy", POLICY);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Cache-Control", "no-store");
        String route = req.getMethod() + " " + Optional.ofNullable(req.getPathInfo()).orElse("");
        switch (route) {
            case "GET /card" -> show(req, resp);
            case "POST /card" -> submit(req, resp);
            case "GET /card/cancel" -> cancel(req, resp);
            case "GET /gateway.css" -> css(resp);
            default -> page(resp, 404, language(req, null), "notFound.title", "notFound.text", "", null);
        }
    }

    private void show(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<Setup> setup = setups.find(req.getParameter("setup"));
        if (usable(req, resp, setup)) {
            Setup s = setup.get();
            form(resp, 200, new HostedCardHtml.Form(req.getParameter("setup"), language(req, s), s.merchantName(),
                    s.customerName(), "", "", "", List.of()));
        }
    }

    private void submit(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String type = Optional.ofNullable(req.getContentType()).orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded") || req.getContentLengthLong() > MAX_BODY
                || req.getContentLengthLong() < 0) {
            resp.setHeader("Connection", "close");
            page(resp, req.getContentLengthLong() > MAX_BODY ? 413 : 415, language(req, null), "expired.title", "error.body", "",
                    null);
            return;
        }
        String id = req.getParameter("setup");
        Optional<Setup> setup = setups.find(id);
        if (!usable(req, resp, setup)) {
            return;
        }
        Setup s = setup.get();
        String lang = language(req, s);
        HostedCardHtml.Form again = new HostedCardHtml.Form(id, lang, s.merchantName(), s.customerName(),
                trimmed(req.getParameter("holder"), 120), number(req.getParameter("expMonth")), number(req.getParameter("expYear")),
                List.of());
        TestInstruments.Card card;
        try {
            card = check(req);
        } catch (SubscriptionException e) {
            setups.refused(s);
            List<String> errors = new ArrayList<>(List.of(e.field().filter(HostedCardHtml.FIELDS::contains).orElse("body")));
            form(resp, 400, new HostedCardHtml.Form(id, lang, again.merchant(), again.customer(), again.holder(), again.expMonth(),
                    again.expYear(), errors));
            return;
        }
        Optional<Gateway.TokenView> token = setups.complete(s, card, gateway);
        if (token.isEmpty()) {
            page(resp, 410, lang, "expired.title", "expired.text", s.merchantName(), null);
            return;
        }
        Gateway.TokenView t = token.get();
        redirect(resp, s, "&token=" + t.token() + "&brand=" + enc(t.brand().orElse("")) + "&last4=" + t.last4().orElse("")
                + "&expMonth=" + t.expiry().map(e -> e.getMonthValue()).orElse(0) + "&expYear="
                + t.expiry().map(e -> e.getYear()).orElse(0));
    }

    /** The card as entered, checked by the gateway's rules; the number and the code only pass through. */
    private TestInstruments.Card check(HttpServletRequest req) {
        LocalDate today = LocalDate.now(host.clock());
        String holder = req.getParameter("holder");
        if (holder == null || holder.isBlank()) {
            throw SubscriptionException.required("holder");
        }
        int month = integer("expMonth", req.getParameter("expMonth"));
        int year = integer("expYear", req.getParameter("expYear"));
        String cvc = Optional.ofNullable(req.getParameter("cvc")).map(String::strip).orElse("");
        return TestInstruments.card("", Optional.ofNullable(req.getParameter("number")).orElse(""), month, year, cvc, holder, today);
    }

    private static int integer(String field, String value) {
        String v = number(value);
        if (v.isEmpty()) {
            throw SubscriptionException.required(field);
        }
        return Integer.parseInt(v);
    }

    /** @return the value when it is a number of up to four digits, else empty */
    private static String number(String value) {
        String v = value == null ? "" : value.strip();
        return v.matches("[0-9]{1,4}") ? v : "";
    }

    private static String trimmed(String value, int max) {
        String v = value == null ? "" : value.strip();
        return v.length() > max ? v.substring(0, max) : v;
    }

    private void cancel(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<Setup> setup = setups.find(req.getParameter("setup"));
        if (setup.isEmpty() || !setup.get().cancellable(setups.now())) {
            page(resp, 410, language(req, setup.orElse(null)), "expired.title", "expired.text", "", null);
        } else if (returnAccepted(req, resp, setup.get())) {
            redirect(resp, setup.get(), "&cancelled=true");
        }
    }

    /**
     * Whether a card may be entered for the setup now; else the page saying why has been sent: an
     * unknown, used or expired setup (410), one refused too often (429, with the way back), or one
     * whose return address is not the portal's on this origin (400).
     */
    private boolean usable(HttpServletRequest req, HttpServletResponse resp, Optional<Setup> setup) throws IOException {
        if (setup.isEmpty() || !setup.get().cancellable(setups.now())) {
            page(resp, 410, language(req, setup.orElse(null)), "expired.title", "expired.text", "", null);
            return false;
        }
        Setup s = setup.get();
        if (!returnAccepted(req, resp, s)) {
            return false;
        }
        if (!s.open(setups.now())) {
            page(resp, 429, language(req, s), "tooMany.title", "tooMany.text", s.merchantName(),
                    "card/cancel?setup=" + enc(req.getParameter("setup")));
            return false;
        }
        return true;
    }

    /** Whether the setup returns to the portal's return route on this page's own origin; else the 400 page was sent. */
    private boolean returnAccepted(HttpServletRequest req, HttpServletResponse resp, Setup s) throws IOException {
        URI r = s.returnTo();
        int port = r.getPort() != -1 ? r.getPort() : "https".equalsIgnoreCase(r.getScheme()) ? 443 : 80;
        boolean ok = r.getScheme() != null && r.getScheme().equalsIgnoreCase(req.getScheme()) && r.getHost() != null
                && r.getHost().equalsIgnoreCase(req.getServerName()) && port == req.getServerPort()
                && setups.isPortalReturn(r);
        if (!ok) {
            page(resp, 400, language(req, s), "badReturn.title", "badReturn.text", s.merchantName(), null);
        }
        return ok;
    }

    private static void redirect(HttpServletResponse resp, Setup s, String parameters) {
        resp.setStatus(303);
        resp.setHeader("Location", s.returnTo() + "?state=" + enc(s.state()) + parameters);
        resp.setContentLength(0);
    }

    private static String language(HttpServletRequest req, Setup setup) {
        String asked = req.getParameter("lang");
        if (asked != null && HostedCardHtml.LANGUAGES.contains(asked)) {
            return asked;
        }
        return setup != null && HostedCardHtml.LANGUAGES.contains(setup.language()) ? setup.language() : "en";
    }

    private void form(HttpServletResponse resp, int status, HostedCardHtml.Form form) throws IOException {
        send(resp, status, html.form(form, HostedCardHtml.thisYear(LocalDate.now(host.clock()))));
    }

    private void page(HttpServletResponse resp, int status, String lang, String title, String text, String merchant, String back)
            throws IOException {
        send(resp, status, html.message(lang, title, text, merchant, back));
    }

    private static void send(HttpServletResponse resp, int status, String page) throws IOException {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/html;charset=UTF-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static void css(HttpServletResponse resp) throws IOException {
        try (InputStream in = HostedCardPage.class.getClassLoader().getResourceAsStream("gateway/hosted-card.css")) {
            byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
            resp.setStatus(in == null ? 404 : 200);
            resp.setContentType("text/css;charset=UTF-8");
            resp.setHeader("Cache-Control", "public, max-age=3600");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
