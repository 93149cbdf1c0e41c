package org.idempiere.subscription.web.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.web.rest.Router;

/** The routes of all contributions, matched by method and path segments ({@link PathRoutes}). Immutable once built. */
final class RouteTable implements Router {
    private final PathRoutes<Handler> routes = new PathRoutes<>();

    /** A matched route with its path variables. */
    record Match(Handler handler, Map<String, String> variables) {
    }

    @Override
    public void get(String pattern, Handler handler) {
        routes.add("GET", pattern, handler);
    }

    @Override
    public void post(String pattern, Handler handler) {
        routes.add("POST", pattern, handler);
    }

    @Override
    public void delete(String pattern, Handler handler) {
        routes.add("DELETE", pattern, handler);
    }

    /** The route for the method and path, if one matches. */
    Optional<Match> find(String method, String path) {
        return routes.find(method, path).map(m -> new Match(m.route(), m.variables()));
    }

    /** The methods that have a route for the path (for 405 versus 404). */
    Set<String> methodsFor(String path) {
        return routes.methodsFor(path);
    }
}
