package org.idempiere.subscription.web.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;

/**
 * A JSON array being built for a reply. Every {@code add} appends and returns this array, so
 * calls chain; a null value is appended as JSON {@code null}. Not thread-safe: build it in one
 * thread.
 */
public final class JsonArray extends JsonValue {
    private final ArrayNode node;

    JsonArray(ArrayNode node) {
        this.node = node;
    }

    @Override
    ArrayNode node() {
        return node;
    }

    /** Appends an object or an array; null appends null. */
    public JsonArray add(JsonValue value) {
        if (value == null) {
            node.addNull();
        } else {
            node.add(value.node());
        }
        return this;
    }

    /** Appends a text; null appends null. */
    public JsonArray add(String value) {
        node.add(value);
        return this;
    }

    /** Appends a whole number. */
    public JsonArray add(long value) {
        node.add(value);
        return this;
    }

    /** Appends a whole number; null appends null. */
    public JsonArray add(Long value) {
        node.add(value);
        return this;
    }

    /** Appends an exact decimal; null appends null. */
    public JsonArray add(BigDecimal value) {
        node.add(value);
        return this;
    }

    /** @return a new empty object, appended to this array */
    public JsonObject addObject() {
        return new JsonObject(node.addObject());
    }

    /** @return the number of elements */
    public int size() {
        return node.size();
    }
}
