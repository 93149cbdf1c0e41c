package org.idempiere.subscription.web.internal.portal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.servlet.http.HttpServletRequest;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.TokenDetails;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.web.internal.ServiceLookup;

/**
 * The payment-method pages: the customer's saved methods, making one the default, removing one,
 * and adding a card through the gateway's hosted page so that the number never reaches this
 * server: {@code GET /payment-methods/card} sends the browser to the gateway with a
 * {@link CardState}; the gateway sends it back to {@code /payment-methods/card-return} with that
 * state and a token, where the customer confirms saving the card ({@code POST
 * /payment-methods/card}). A return in another session, or too late, is refused. Thread-safe.
 */
final class MethodPages {
    /** The portal's route the gateway's page returns to (the sandbox's gateway accepts no other). */
    static final String RETURN_ROUTE = "/payment-methods/card-return";
    /** A gateway token as the portal accepts one from a return address. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,128}");
    private static final Pattern BRAND = Pattern.compile("[A-Z]{2,20}");
    private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");

    private final ServiceLookup services;
    private final Clock clock;

    MethodPages(ServiceLookup services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    private CustomerPortalService portal() {
        return PortalPages.portal(services);
    }

    void list(PortalExchange ex) throws IOException {
        ex.render(200, "payment-methods", listModel(ex));
    }

    private Map<String, Object> listModel(PortalExchange ex) {
        LocalDate today = portal().today();
        List<Map<String, Object>> methods = new ArrayList<>();
        for (PaymentMethod m : portal().methods(ex.requireSession())) {
            methods.add(PortalViews.method(m, today, ex));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("section", "payment-methods");
        model.put("methods", methods);
        return model;
    }

    void setDefault(PortalExchange ex) throws IOException {
        long id = PortalPages.id(ex, "methodId");
        try {
            portal().setDefaultMethod(ex.requireSession(), id);
        } catch (SubscriptionException e) {
            PortalPages.refuse(ex, e, "payment-methods", listModel(ex));
            return;
        }
        ex.redirect("/payment-methods?done=default-set");
    }

    void remove(PortalExchange ex) throws IOException {
        long id = PortalPages.id(ex, "methodId");
        try {
            portal().removeMethod(ex.requireSession(), id);
        } catch (SubscriptionException e) {
            PortalPages.refuse(ex, e, "payment-methods", listModel(ex));
            return;
        }
        ex.redirect("/payment-methods?done=method-removed");
    }

    /** {@code GET /payment-methods/card}: to the gateway's hosted page; or, without one, how cards are added. */
    void addCard(PortalExchange ex) throws IOException {
        PortalSession s = ex.requireSession();
        String state = CardState.issue(s.csrfToken(), clock.instant());
        Optional<URI> page = portal().hostedTokenization(s, returnAddress(ex), state, ex.language().code());
        if (page.isEmpty()) {
            ex.render(200, "card-unavailable", Map.of("section", "payment-methods"));
            return;
        }
        ex.response().setStatus(303);
        ex.response().setHeader("Location", page.get().toASCIIString());
        ex.response().setContentLength(0);
    }

    /** The absolute address of the return route, on the origin the browser reached the portal at. */
    static URI returnAddress(PortalExchange ex) {
        HttpServletRequest req = ex.request();
        int port = req.getServerPort();
        boolean standard = ("http".equals(req.getScheme()) && port == 80) || ("https".equals(req.getScheme()) && port == 443);
        try {
            return new URI(req.getScheme(), null, req.getServerName(), standard ? -1 : port, ex.base() + RETURN_ROUTE, null, null);
        } catch (URISyntaxException e) {
            throw PortalProblem.invalid("Host", req.getServerName(), "not a host name");
        }
    }

    /** {@code GET /payment-methods/card-return}: back from the gateway; asks to confirm saving the card. */
    void cardReturn(PortalExchange ex) throws IOException {
        FormInput q = ex.query();
        checkState(ex, q);
        if (q.raw("cancelled").isPresent()) {
            ex.redirect("/payment-methods?done=card-cancelled");
            return;
        }
        Map<String, Object> card = new HashMap<>(card(q));
        card.put("token", token(q));
        card.put("state", q.raw("state").orElse(""));
        Optional<TokenDetails> details = details(q);
        card.put("title", details.map(d -> ex.text("method.card", PortalViews.brand(d.brand().orElseThrow(), ex),
                d.last4().orElseThrow())).orElse(ex.text("card.confirm.unnamed")));
        card.put("badge", PortalViews.badge(org.idempiere.subscription.api.host.PaymentMethodKind.CARD,
                details.flatMap(TokenDetails::brand).orElse("")));
        details.flatMap(TokenDetails::expiry).ifPresent(e -> card.put("expiry", ex.text("method.expires", ex.format().expiry(e))));
        ex.render(200, "card-confirm", Map.of("section", "payment-methods", "card", card,
                "first", portal().methods(ex.requireSession()).isEmpty()));
    }

    /** {@code POST /payment-methods/card}: saves the card's token, as the default when asked. */
    void saveCard(PortalExchange ex) throws IOException {
        FormInput f = ex.form();
        checkState(ex, f);
        MethodRegistration registration = new MethodRegistration(token(f), f.raw("makeDefault").isPresent(), details(f));
        try {
            portal().addMethod(ex.requireSession(), registration);
        } catch (SubscriptionException e) {
            PortalPages.refuse(ex, e, "payment-methods", listModel(ex));
            return;
        }
        ex.redirect("/payment-methods?done=card-added");
    }

    /** The return belongs to this session and is recent: else 403, nothing saved. */
    private void checkState(PortalExchange ex, FormInput f) {
        if (!CardState.valid(f.raw("state").orElse(null), ex.requireSession().csrfToken(), clock.instant())) {
            throw PortalProblem.of(403, "error.cardState");
        }
    }

    private static String token(FormInput f) {
        String t = f.raw("token").orElse("");
        if (!TOKEN.matcher(t).matches()) {
            throw PortalProblem.invalid("token", t, "not a token of the gateway");
        }
        return t;
    }

    /** The card's display fields the gateway returned, as sent (each checked for its shape, else left out). */
    private static Map<String, Object> card(FormInput f) {
        Map<String, Object> out = new HashMap<>();
        f.raw("brand").filter(b -> BRAND.matcher(b).matches()).ifPresent(b -> out.put("brand", b));
        f.raw("last4").filter(l -> LAST4.matcher(l).matches()).ifPresent(l -> out.put("last4", l));
        f.raw("expMonth").filter(m -> m.matches("[1-9]|1[0-2]")).ifPresent(m -> out.put("expMonth", m));
        f.raw("expYear").filter(y -> y.matches("20[0-9]{2}")).ifPresent(y -> out.put("expYear", y));
        return out;
    }

    /** What the gateway showed of the card, when it showed all of brand, last four digits and expiry. */
    private static Optional<TokenDetails> details(FormInput f) {
        Map<String, Object> c = card(f);
        if (c.size() < 4) {
            return Optional.empty();
        }
        YearMonth expiry = YearMonth.of(Integer.parseInt((String) c.get("expYear")), Integer.parseInt((String) c.get("expMonth")));
        return Optional.of(TokenDetails.card((String) c.get("brand"), (String) c.get("last4"), expiry, Optional.empty()));
    }
}
