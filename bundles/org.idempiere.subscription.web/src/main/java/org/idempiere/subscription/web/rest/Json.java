package org.idempiere.subscription.web.rest;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Makes the JSON values routes answer with: objects and arrays. Decimals are written exactly. */
public final class Json {
    /** Thread-safe once configured; used for both parsing and writing; never leaves the package. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** A new empty JSON object. */
    public static JsonObject object() {
        return new JsonObject(MAPPER.createObjectNode());
    }

    /** A new empty JSON array. */
    public static JsonArray array() {
        return new JsonArray(MAPPER.createArrayNode());
    }
}
