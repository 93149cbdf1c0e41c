package org.idempiere.subscription.web.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.idempiere.subscription.api.SubscriptionException;

/**
 * The OpenAPI document the API serves: the web bundle's own {@code /openapi/openapi.json} with
 * the {@code paths} and {@code components.schemas} of every contribution's fragment merged in.
 */
final class OpenApiDocument {
    /** Reads and writes the document; decimals exactly. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private OpenApiDocument() {
    }

    /** @return the web bundle's document with every fragment merged in, a new tree per call */
    static ObjectNode merged(List<URL> fragments) throws IOException {
        ObjectNode doc = (ObjectNode) read(OpenApiDocument.class.getResource("/openapi/openapi.json"));
        for (URL fragment : fragments) {
            JsonNode f = read(fragment);
            merge(doc.with("paths"), f.path("paths"));
            merge(doc.with("components").with("schemas"), f.path("components").path("schemas"));
        }
        return doc;
    }

    private static void merge(ObjectNode into, JsonNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            into.set(e.getKey(), e.getValue());
        }
    }

    private static JsonNode read(URL url) throws IOException {
        if (url == null) {
            throw SubscriptionException.hostFailure("OpenAPI document missing from the bundle", null);
        }
        try (InputStream in = url.openStream()) {
            return MAPPER.readTree(in);
        }
    }
}
