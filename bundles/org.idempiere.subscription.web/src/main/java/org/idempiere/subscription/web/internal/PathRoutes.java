package org.idempiere.subscription.web.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Routes by method and path pattern, matched segment by segment: the one matcher of the JSON API
 * ({@link RouteTable}) and the portal. In a pattern, {@code {name}} matches one non-empty path
 * segment and names it; every other segment matches only itself. The first route added that
 * matches wins. Not thread-safe while routes are added; safe to share once built.
 *
 * @param <T> what a route leads to
 */
public final class PathRoutes<T> {
    private final List<Entry<T>> entries = new ArrayList<>();

    private record Entry<T>(String method, String[] segments, T route) {
    }

    /**
     * A matched route with its path variables.
     *
     * @param <T> what a route leads to
     */
    public record Match<T>(T route, Map<String, String> variables) {
    }

    /** Adds a route for {@code method} (e.g. {@code GET}) and {@code pattern} (e.g. {@code /invoices/{invoiceId}}). */
    public void add(String method, String pattern, T route) {
        entries.add(new Entry<>(method, split(pattern), route));
    }

    /** @return the first route for the method and path, with its variables; empty when none matches */
    public Optional<Match<T>> find(String method, String path) {
        String[] actual = split(path);
        for (Entry<T> e : entries) {
            if (e.method().equals(method)) {
                Map<String, String> vars = match(e.segments(), actual);
                if (vars != null) {
                    return Optional.of(new Match<>(e.route(), vars));
                }
            }
        }
        return Optional.empty();
    }

    /** @return the methods that have a route for the path, sorted (405 rather than 404 when there are some) */
    public Set<String> methodsFor(String path) {
        String[] actual = split(path);
        Set<String> out = new TreeSet<>();
        for (Entry<T> e : entries) {
            if (match(e.segments(), actual) != null) {
                out.add(e.method());
            }
        }
        return out;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static Map<String, String> match(String[] pattern, String[] actual) {
        if (pattern.length != actual.length) {
            return null;
        }
        Map<String, String> vars = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                vars.put(p.substring(1, p.length() - 1), actual[i]);
            } else if (!p.equals(actual[i])) {
                return null;
            }
        }
        return vars;
    }
}
