package org.idempiere.subscription.web.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.idempiere.subscription.web.rest.Router;

/** The routes of all contributions, matched by method and path segments. Immutable once built. */
final class RouteTable implements Router {
    private final List<Route> routes = new ArrayList<>();

    record Route(String method, String[] segments, Handler handler) {
    }

    /** A matched route with its path variables. */
    record Match(Handler handler, Map<String, String> variables) {
    }

    @Override
    public void get(String pattern, Handler handler) {
        add("GET", pattern, handler);
    }

    @Override
    public void post(String pattern, Handler handler) {
        add("POST", pattern, handler);
    }

    @Override
    public void delete(String pattern, Handler handler) {
        add("DELETE", pattern, handler);
    }

    private void add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, split(pattern), handler));
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    /** The route for the method and path, if one matches. */
    Optional<Match> find(String method, String path) {
        String[] actual = split(path);
        for (Route r : routes) {
            if (r.method().equals(method)) {
                Map<String, String> vars = match(r.segments(), actual);
                if (vars != null) {
                    return Optional.of(new Match(r.handler(), vars));
                }
            }
        }
        return Optional.empty();
    }

    /** The methods that have a route for the path (for 405 versus 404). */
    Set<String> methodsFor(String path) {
        String[] actual = split(path);
        Set<String> out = new TreeSet<>();
        for (Route r : routes) {
            if (match(r.segments(), actual) != null) {
                out.add(r.method());
            }
        }
        return out;
    }

    private static Map<String, String> match(String[] pattern, String[] actual) {
        if (pattern.length != actual.length) {
            return null;
        }
        Map<String, String> vars = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                vars.put(p.substring(1, p.length() - 1), actual[i]);
            } else if (!p.equals(actual[i])) {
                return null;
            }
        }
        return vars;
    }
}
