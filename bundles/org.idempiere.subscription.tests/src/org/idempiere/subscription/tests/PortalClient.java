package org.idempiere.subscription.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.idempiere.subscription.api.host.HostContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** Plain HTTP to the sandbox's portal, as a browser would send it, without following redirects. */
final class PortalClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private PortalClient() {
    }

    /** @return the server's root, e.g. {@code http://127.0.0.1:40123}, once the portal answers */
    static String server() throws Exception {
        Sandbox.service(HostContext.class);
        String server = null;
        for (int i = 0; i < 300 && server == null; i++) {
            ServiceReference<?>[] refs = Sandbox.context().getServiceReferences((String) null,
                    "(objectClass=org.osgi.service.http.runtime.HttpServiceRuntime)");
            if (refs != null) {
                Object endpoint = refs[0].getProperty("osgi.http.endpoint");
                String url = endpoint instanceof String[] a ? a[0] : (String) endpoint;
                server = url == null ? null : url.replaceAll("/$", "");
            }
            if (server == null) {
                Thread.sleep(100);
            }
        }
        assertTrue(server != null, "the HTTP whiteboard published no endpoint");
        for (int i = 0; i < 300 && get(server + "/subscriptions/portal/request-link", Map.of()).statusCode() != 200; i++) {
            Thread.sleep(100); // the portal is deployed once the sandbox is up
        }
        return server;
    }

    static HttpResponse<String> get(String url, Map<String, String> cookies) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), cookies);
    }

    static HttpResponse<String> post(String url, Map<String, String> cookies, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), cookies);
    }

    static HttpResponse<String> send(HttpRequest.Builder b, Map<String, String> cookies) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpRequest request = b.timeout(Duration.ofSeconds(30)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The server closes a connection after refusing a request it did not read (a malformed
            // address, 413, 415); a pooled connection can be taken just before it learns so. As a
            // browser does, the request is sent once more on a new connection.
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** @return the {@code Set-Cookie} header the answer sets for the cookie */
    static Optional<String> setCookie(HttpResponse<?> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst();
    }

    /** @return the value a {@code Set-Cookie} header sets */
    static String cookieValue(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    /**
     * @return every portal route as {@code "METHOD /pattern ACCESS"}, read from the portal's own
     *         route table through the web bundle's class loader (the table is not exported)
     */
    @SuppressWarnings("unchecked")
    static List<String> routes() throws Exception {
        Bundle web = webBundle();
        java.lang.reflect.Method describe = web.loadClass("org.idempiere.subscription.web.internal.portal.PortalRoutes")
                .getMethod("describe");
        describe.setAccessible(true);
        return (List<String>) describe.invoke(null);
    }

    static Bundle webBundle() {
        for (Bundle b : Sandbox.context().getBundles()) {
            if ("org.idempiere.subscription.web".equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new IllegalStateException("no web bundle");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
