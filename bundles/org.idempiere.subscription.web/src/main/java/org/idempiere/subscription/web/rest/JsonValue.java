package org.idempiere.subscription.web.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * A JSON value a route answers with: a {@link JsonObject} or a {@link JsonArray}. The API's own
 * type, so that contributing routes does not tie a bundle to the JSON library the web bundle
 * uses inside. Decimals are written exactly, in plain notation.
 */
public abstract sealed class JsonValue permits JsonObject, JsonArray {

    JsonValue() {
    }

    /** The node this value is built on; never leaves the package. */
    abstract JsonNode node();

    /** @return this value as compact JSON text */
    public final String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(node());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree cannot be written", e);
        }
    }

    /** @return this value as compact JSON text in UTF-8 */
    public final byte[] toUtf8() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the compact JSON text, as {@link #toJson()} */
    @Override
    public final String toString() {
        return toJson();
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof JsonValue v && node().equals(v.node());
    }

    @Override
    public final int hashCode() {
        return node().hashCode();
    }
}
