package org.idempiere.subscription.web.internal.portal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.web.internal.PathRoutes;

/**
 * The portal's routes: method and path pattern (below {@code /subscriptions/portal}; {@code {name}}
 * matches one non-empty path segment, matched as the API's by {@link PathRoutes}) to a handler,
 * with who may call it. Every route is listed here and nowhere else, so a test can enumerate them
 * all ({@link #describe()}). Immutable.
 *
 * <p>What the servlet does for every route before its handler: a {@link Access#SESSION} route
 * without a valid session redirects to the link-request page; every {@code POST} must carry the
 * right {@code _csrf} (the session's token, or before sign-in the form cookie's) or is refused with
 * 403 before anything is done.
 */
final class PortalRoutes {

    /** Who may call a route. */
    enum Access {
        /** Anyone: the link-request pages, the link itself, static files. */
        PUBLIC,
        /** Only with a valid session. */
        SESSION
    }

    /** What a route does. */
    @FunctionalInterface
    interface Handler {
        void handle(PortalExchange exchange) throws IOException;
    }

    /** One route. */
    record Route(String method, String pattern, Access access, Handler handler) {
    }

    /** A matched route with its path variables. */
    record Match(Route route, Map<String, String> variables) {
    }

    private final List<Route> routes;
    private final PathRoutes<Route> matcher = new PathRoutes<>();

    private PortalRoutes(List<Route> routes) {
        this.routes = List.copyOf(routes);
        routes.forEach(r -> matcher.add(r.method(), r.pattern(), r));
    }

    /** The handlers of every page, by area. */
    record Pages(PortalPages access, SubscriptionPages subscriptions, InvoicePages invoices, MethodPages methods,
            OrderPages orders, DetailsPages details) {
    }

    /**
     * The portal's routes with their handlers on {@code pages} (which may be null only to describe
     * them). A path variable named {@code ...Id} is a record's id: the security tests request every
     * such route with other customers' and other tenants' ids.
     */
    static PortalRoutes of(Pages pages) {
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", "/", Access.SESSION, ex -> pages.subscriptions().list(ex)));
        r.add(new Route("GET", "/request-link", Access.PUBLIC, ex -> pages.access().requestLinkForm(ex)));
        r.add(new Route("POST", "/request-link", Access.PUBLIC, ex -> pages.access().requestLink(ex)));
        r.add(new Route("GET", "/link/{token}", Access.PUBLIC, ex -> pages.access().openLink(ex)));
        r.add(new Route("POST", "/sign-out", Access.SESSION, ex -> pages.access().signOut(ex)));
        r.add(new Route("GET", "/static/{file}", Access.PUBLIC, ex -> pages.access().staticFile(ex)));
        String sub = "/subscriptions/{subscriptionId}";
        r.add(new Route("GET", sub, Access.SESSION, ex -> pages.subscriptions().detail(ex)));
        r.add(new Route("GET", sub + "/change", Access.SESSION, ex -> pages.subscriptions().preview(ex)));
        r.add(new Route("POST", sub + "/change", Access.SESSION, ex -> pages.subscriptions().change(ex)));
        r.add(new Route("GET", sub + "/close", Access.SESSION, ex -> pages.subscriptions().closeForm(ex)));
        r.add(new Route("POST", sub + "/close", Access.SESSION, ex -> pages.subscriptions().close(ex)));
        String invoice = "/invoices/{invoiceId}";
        r.add(new Route("GET", "/invoices", Access.SESSION, ex -> pages.invoices().list(ex)));
        r.add(new Route("GET", invoice + "/pdf", Access.SESSION, ex -> pages.invoices().pdf(ex)));
        r.add(new Route("GET", invoice + "/pay", Access.SESSION, ex -> pages.invoices().payForm(ex)));
        r.add(new Route("POST", invoice + "/pay", Access.SESSION, ex -> pages.invoices().pay(ex)));
        r.add(new Route("GET", invoice + "/payments/{attemptId}", Access.SESSION, ex -> pages.invoices().payment(ex)));
        r.add(new Route("GET", "/payment-methods", Access.SESSION, ex -> pages.methods().list(ex)));
        r.add(new Route("GET", "/payment-methods/card", Access.SESSION, ex -> pages.methods().addCard(ex)));
        r.add(new Route("GET", MethodPages.RETURN_ROUTE, Access.SESSION, ex -> pages.methods().cardReturn(ex)));
        r.add(new Route("POST", "/payment-methods/card", Access.SESSION, ex -> pages.methods().saveCard(ex)));
        r.add(new Route("POST", "/payment-methods/{methodId}/default", Access.SESSION, ex -> pages.methods().setDefault(ex)));
        r.add(new Route("POST", "/payment-methods/{methodId}/remove", Access.SESSION, ex -> pages.methods().remove(ex)));
        r.add(new Route("GET", "/orders", Access.SESSION, ex -> pages.orders().list(ex)));
        r.add(new Route("GET", "/orders/{orderId}", Access.SESSION, ex -> pages.orders().detail(ex)));
        r.add(new Route("POST", "/orders/{orderId}/accept", Access.SESSION, ex -> pages.orders().accept(ex)));
        r.add(new Route("GET", "/details", Access.SESSION, ex -> pages.details().show(ex)));
        r.add(new Route("POST", "/details/contact", Access.SESSION, ex -> pages.details().saveContact(ex)));
        r.add(new Route("POST", "/details/address", Access.SESSION, ex -> pages.details().saveAddress(ex)));
        return new PortalRoutes(r);
    }

    /**
     * @return every route as {@code "METHOD /pattern ACCESS"}, e.g. {@code "POST /sign-out SESSION"}:
     *         for tests that must cover each route, including those added later
     */
    public static List<String> describe() {
        return of(null).routes.stream().map(r -> r.method() + " " + r.pattern() + " " + r.access()).toList();
    }

    List<Route> routes() {
        return routes;
    }

    /** The route for the method and path, if one matches. */
    Optional<Match> find(String method, String path) {
        return matcher.find(method, path).map(m -> new Match(m.route(), m.variables()));
    }

    /** @return the methods that have a route for the path (405 rather than 404 when some do) */
    Set<String> methodsFor(String path) {
        return matcher.methodsFor(path);
    }
}
