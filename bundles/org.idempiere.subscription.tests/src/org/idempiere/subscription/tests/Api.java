package org.idempiere.subscription.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.idempiere.subscription.api.host.HostContext;
import org.osgi.framework.ServiceReference;

/** The sandbox's JSON API over real HTTP, with the tests' API key: its address, and calls to it. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final String KEY = "it-secret-key";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static volatile String root;

    private Api() {
    }

    /** An answer: its status, its JSON body (null when empty or not JSON: a CSV) and the response itself. */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        /** @return the body as text, for messages */
        String text() {
            return raw.body();
        }
    }

    /**
     * The HTTP whiteboard's address, e.g. {@code http://127.0.0.1:41234}, once the API answers
     * {@code GET /health} (waiting for the sandbox to start).
     */
    static synchronized String root() throws Exception {
        if (root != null) {
            return root;
        }
        Sandbox.service(HostContext.class);
        String found = null;
        for (int i = 0; i < 300 && found == null; i++) {
            ServiceReference<?>[] refs = Sandbox.context().getServiceReferences((String) null,
                    "(objectClass=org.osgi.service.http.runtime.HttpServiceRuntime)");
            if (refs != null) {
                Object endpoint = refs[0].getProperty("osgi.http.endpoint");
                String url = endpoint instanceof String[] a ? a[0] : (String) endpoint;
                found = url == null ? null : url.replaceAll("/$", "");
            }
            if (found == null) {
                Thread.sleep(100);
            }
        }
        assertTrue(found != null, "the HTTP whiteboard published no endpoint");
        root = found;
        for (int i = 0; i < 300 && call("GET", "/health", null).status() != 200; i++) {
            Thread.sleep(100);
        }
        return root;
    }

    /** Calls the API ({@code path} below {@code /subscriptions/api/v1}) with the tests' key; {@code body} JSON or null. */
    static Answer call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root() + "/subscriptions/api/v1" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + KEY);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        boolean json = r.headers().firstValue("Content-Type").orElse("").contains("json");
        return new Answer(r.statusCode(), r.body().isEmpty() || !json ? null : JSON.readTree(r.body()), r);
    }
}
