package org.idempiere.subscription.web.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * A JSON object being built for a reply. Every {@code put} replaces the member of that name and
 * returns this object, so calls chain; a null value is written as JSON {@code null} (optional
 * values are present as null, not omitted). Not thread-safe: build it in one thread.
 */
public final class JsonObject extends JsonValue {
    private final ObjectNode node;

    JsonObject(ObjectNode node) {
        this.node = node;
    }

    @Override
    ObjectNode node() {
        return node;
    }

    /** A text member; null writes null. */
    public JsonObject put(String name, String value) {
        node.put(name, value);
        return this;
    }

    /** A whole-number member. */
    public JsonObject put(String name, int value) {
        node.put(name, value);
        return this;
    }

    /** A whole-number member. */
    public JsonObject put(String name, long value) {
        node.put(name, value);
        return this;
    }

    /** A whole-number member; null writes null. */
    public JsonObject put(String name, Integer value) {
        node.put(name, value);
        return this;
    }

    /** A whole-number member; null writes null. */
    public JsonObject put(String name, Long value) {
        node.put(name, value);
        return this;
    }

    /** An exact decimal member; null writes null. */
    public JsonObject put(String name, BigDecimal value) {
        node.put(name, value);
        return this;
    }

    /** A boolean member. */
    public JsonObject put(String name, boolean value) {
        node.put(name, value);
        return this;
    }

    /** A boolean member; null writes null. */
    public JsonObject put(String name, Boolean value) {
        node.put(name, value);
        return this;
    }

    /** A nested object or array member; null writes null. */
    public JsonObject put(String name, JsonValue value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.set(name, value.node());
        }
        return this;
    }

    /** A null member. */
    public JsonObject putNull(String name) {
        node.putNull(name);
        return this;
    }

    /** @return a new empty object, set as member {@code name} of this one */
    public JsonObject putObject(String name) {
        return new JsonObject(node.putObject(name));
    }

    /** @return a new empty array, set as member {@code name} of this one */
    public JsonArray putArray(String name) {
        return new JsonArray(node.putArray(name));
    }
}
