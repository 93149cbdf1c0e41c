package org.idempiere.subscription.web.internal;

import java.util.List;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import org.idempiere.subscription.web.rest.Reply;
import org.idempiere.subscription.web.rest.RestRoutes;

/**
 * The JSON API's CSV routes ({@code GET …​.csv}), answered for another page of this bundle that has
 * authenticated the caller its own way: the seller's analytics page serves its CSV exports through them, so a
 * table's CSV is the API's, byte for byte, and the browser never needs the API key. Only {@code GET} routes
 * whose path ends in {@code .csv} are reachable; the caller runs it in the tenant it acts for. Thread-safe.
 */
public final class ApiCsv {
    private final ServiceLookup services;
    private volatile Routes routes;

    private record Routes(int generation, RouteTable table) {
    }

    /** The CSV routes of the {@link RestRoutes} services {@code services} finds, followed as they come and go. */
    public ApiCsv(ServiceLookup services) {
        this.services = services;
    }

    /**
     * Runs the CSV route of {@code apiPath} (e.g. {@code /analytics/kpis.csv}) with the request's query
     * parameters.
     *
     * @return the CSV document, or empty when no CSV route has that path
     * @throws org.idempiere.subscription.api.SubscriptionException as the route does, for bad parameters
     */
    public Optional<Reply.Document> run(String apiPath, HttpServletRequest req) {
        if (!apiPath.endsWith(".csv")) {
            return Optional.empty();
        }
        Optional<RouteTable.Match> match = table().find("GET", apiPath);
        if (match.isEmpty()) {
            return Optional.empty();
        }
        return match.get().handler().handle(new RequestImpl(req, match.get().variables(), null)).document();
    }

    private RouteTable table() {
        int generation = services.generation(RestRoutes.class);
        Routes r = routes;
        if (r == null || r.generation() != generation) {
            RouteTable table = new RouteTable();
            List<RestRoutes> contributions = services.all(RestRoutes.class);
            contributions.forEach(c -> c.register(table));
            r = new Routes(generation, table);
            routes = r;
        }
        return r.table();
    }
}
