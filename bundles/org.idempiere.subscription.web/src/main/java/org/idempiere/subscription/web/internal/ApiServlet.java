package org.idempiere.subscription.web.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.ApiKeyService;
import org.idempiere.subscription.web.rest.ApiKeyVerifier;
import org.idempiere.subscription.web.rest.Json;
import org.idempiere.subscription.web.rest.JsonValue;
import org.idempiere.subscription.web.rest.Reply;
import org.idempiere.subscription.web.rest.RestRoutes;

/**
 * The JSON API at {@code /subscriptions/api/v1}: bearer-key authentication, routing to every
 * {@link RestRoutes} service, problem-JSON errors and the merged OpenAPI document.
 * {@code GET /health} and {@code GET /openapi.json} need no key.
 *
 * <p>Declared in {@code WEB-INF/web.xml}: iDempiere's Jetty creates it there, the sandbox registers
 * it on the HTTP whiteboard; either way it finds the {@link ApiKeyVerifier} and the routes through
 * the bundle's own context ({@link ServiceLookup}), on every request, so contributions may come and
 * go. A key is the host's own ({@link ApiKeyVerifier}: the sandbox's admin key) or a tenant's
 * ({@link ApiKeyService}: iDempiere's Subscription API Key window), and the call then acts for that
 * tenant. With neither service every call that needs a key is refused with 503.
 */
public final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 1 << 20;
    private static final System.Logger LOG = System.getLogger(ApiServlet.class.getName());

    private transient ServiceLookup services;
    private transient volatile Routes routes;

    /** The route table of the contributions of one generation of {@link RestRoutes} services. */
    private record Routes(int generation, List<RestRoutes> contributions, RouteTable table) {
    }

    @Override
    public void init() {
        services = ServiceLookup.of(ApiServlet.class);
    }

    @Override
    public void destroy() {
        if (services != null) {
            services.close();
        }
    }

    private Routes routes() {
        int generation = services.generation(RestRoutes.class);
        Routes r = routes;
        if (r == null || r.generation() != generation) {
            List<RestRoutes> contributions = services.all(RestRoutes.class);
            RouteTable table = new RouteTable();
            for (RestRoutes c : contributions) {
                c.register(table);
            }
            r = new Routes(generation, contributions, table);
            routes = r;
        }
        return r;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
        String prefix = req.getContextPath() + req.getServletPath();
        String method = req.getMethod();
        try {
            if ("GET".equals(method) && "/health".equals(path)) {
                write(resp, 200, Json.object().put("status", "UP"));
                return;
            }
            if ("GET".equals(method) && "/openapi.json".equals(path)) {
                write(resp, 200, OpenApiDocument.MAPPER.writeValueAsBytes(openApi()));
                return;
            }
            Optional<Tenant> tenant;
            try {
                tenant = authenticate(req);
            } catch (NoVerifier e) {
                write(resp, 503, Problems.of(503, "NO_KEY_VERIFIER",
                        "This server has no API key verifier, so no call that needs a key can be accepted"));
                return;
            }
            if (tenant == null) {
                resp.setHeader("WWW-Authenticate", "Bearer realm=\"subscriptions\"");
                write(resp, 401, Problems.of(401, "UNAUTHORIZED", "A valid API key is required: Authorization: Bearer <key>"));
                return;
            }
            if (tenant.isPresent()) {
                HostContext host = services.find(HostContext.class).orElseThrow(() -> SubscriptionException.hostFailure(
                        "No host context to act for the key's tenant", null));
                IOException[] failed = {null};
                host.actingFor(tenant.get(), () -> {
                    try {
                        route(req, resp, method, path, prefix);
                    } catch (IOException e) {
                        failed[0] = e;
                    }
                    return null;
                });
                if (failed[0] != null) {
                    throw failed[0];
                }
            } else {
                route(req, resp, method, path, prefix);
            }
        } catch (SubscriptionException e) {
            if (e.code().kind() == org.idempiere.subscription.api.ErrorCode.Kind.INTERNAL) {
                LOG.log(System.Logger.Level.ERROR, method + " " + path + ": " + e.getMessage(), e);
            }
            write(resp, Problems.status(e), Problems.of(e));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, method + " " + path + " failed", e);
            write(resp, 500, Problems.of(500, "INTERNAL", "The request failed; see the server log"));
        }
    }

    /** Neither an {@link ApiKeyVerifier} nor the engine's {@link ApiKeyService} is registered. */
    private static final class NoVerifier extends Exception {
        private static final long serialVersionUID = 1L;

        NoVerifier() {
            super(null, null, false, false);
        }
    }

    /**
     * Who the bearer key acts for: the host's own key ({@link ApiKeyVerifier}, the sandbox's) acts
     * for the host's current tenant (empty), a tenant's key ({@link ApiKeyService}, iDempiere's
     * Subscription API Key window) for its tenant.
     *
     * @return null when no key or a wrong one was presented
     */
    private Optional<Tenant> authenticate(HttpServletRequest req) throws NoVerifier {
        Optional<ApiKeyVerifier> verifier = services.find(ApiKeyVerifier.class);
        Optional<ApiKeyService> tenantKeys = services.find(ApiKeyService.class);
        if (verifier.isEmpty() && tenantKeys.isEmpty()) {
            throw new NoVerifier();
        }
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = header.substring(7).strip();
        if (key.isEmpty()) {
            return null;
        }
        if (verifier.isPresent() && verifier.get().verify(key)) {
            return Optional.empty();
        }
        Optional<Tenant> tenant = tenantKeys.isPresent() ? tenantKeys.get().authenticate(key) : Optional.empty();
        return tenant.isPresent() ? tenant : null;
    }

    /** Routes an authenticated call. */
    private void route(HttpServletRequest req, HttpServletResponse resp, String method, String path, String prefix)
            throws IOException {
        RouteTable routes = routes().table();
        Optional<RouteTable.Match> match = routes.find(method, path);
        if (match.isEmpty()) {
            Set<String> allowed = routes.methodsFor(path);
            if (allowed.isEmpty()) {
                write(resp, 404, Problems.of(404, "NO_ROUTE", "No resource at " + prefix + path));
            } else {
                resp.setHeader("Allow", String.join(", ", allowed));
                write(resp, 405, Problems.of(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + prefix + path));
            }
            return;
        }
        String body = null;
        if ("POST".equals(method)) {
            body = readBody(req);
            if (body == null) {
                write(resp, 413, Problems.of(413, "BODY_TOO_LARGE", "The body is larger than " + MAX_BODY + " bytes"));
                return;
            }
            String type = Optional.ofNullable(req.getContentType()).orElse("");
            if (!body.isEmpty() && !type.toLowerCase().startsWith("application/json")) {
                write(resp, 415, Problems.of(415, "UNSUPPORTED_MEDIA_TYPE",
                        "Content-Type '" + type + "' is not accepted; send application/json"));
                return;
            }
        }
        Reply reply = match.get().handler().handle(new RequestImpl(req, match.get().variables(), body));
        if (reply.document().isPresent()) {
            Reply.Document d = reply.document().get();
            resp.setStatus(reply.status());
            resp.setContentType(d.mediaType());
            resp.setHeader("Content-Disposition", "inline; filename=\"" + d.fileName().replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
            resp.setHeader("Cache-Control", "no-store");
            resp.setContentLength(d.content().length);
            resp.getOutputStream().write(d.content());
        } else if (reply.status() == 204) {
            resp.setStatus(204);
            resp.setHeader("Cache-Control", "no-store");
        } else {
            write(resp, reply.status(), reply.body());
        }
    }

    /** @return the body, or null if it is larger than {@link #MAX_BODY} */
    private static String readBody(HttpServletRequest req) throws IOException {
        try (InputStream in = req.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_BODY) {
                    return null;
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static void write(HttpServletResponse resp, int status, JsonValue body) throws IOException {
        write(resp, status, body.toUtf8());
    }

    private static void write(HttpServletResponse resp, int status, byte[] bytes) throws IOException {
        resp.setStatus(status);
        resp.setContentType(status >= 400 ? "application/problem+json" : "application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** The API's own OpenAPI document with every contribution's paths and schemas merged in. */
    private ObjectNode openApi() throws IOException {
        List<URL> fragments = new java.util.ArrayList<>();
        for (RestRoutes r : routes().contributions()) {
            r.openApiFragment().ifPresent(fragments::add);
        }
        return OpenApiDocument.merged(fragments);
    }

}
