package org.idempiere.subscription.web.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;

/**
 * A JSON object read field by field with validation. Every error names the field by its full
 * path ({@code lines[1].quantity}) and the value. Immutable.
 */
public final class JsonBody {
    private final JsonNode node;
    private final String path;

    private JsonBody(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /**
     * Parses a request body that must be one JSON object.
     *
     * @param text the body as sent
     * @throws SubscriptionException REQUIRED for "body" if it is empty or blank; INVALID_VALUE for
     *         "body" if it is not valid JSON (naming line and column) or not a JSON object
     */
    public static JsonBody parse(String text) {
        if (text == null || text.isBlank()) {
            throw SubscriptionException.required("body");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw SubscriptionException.invalid("body", abbreviate(text), "is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        return of(node, "");
    }

    /** @return an empty object: a body of which every field is absent */
    public static JsonBody empty() {
        return new JsonBody(Json.MAPPER.createObjectNode(), "");
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /**
     * Wraps a parsed JSON object.
     *
     * @param path the name of this object in errors; empty for the body itself
     * @throws SubscriptionException INVALID_VALUE if {@code node} is not an object
     */
    private static JsonBody of(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw SubscriptionException.invalid(path.isEmpty() ? "body" : path, node == null ? "" : node.toString(),
                    "must be a JSON object");
        }
        return new JsonBody(node, path);
    }

    /** @return the full name of a field of this object in errors, e.g. {@code lines[2].action} */
    public String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private Optional<JsonNode> value(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** A required non-blank string. */
    public String text(String field) {
        return optText(field).orElseThrow(() -> SubscriptionException.required(name(field)));
    }

    /** An optional string; blank counts as absent. */
    public Optional<String> optText(String field) {
        Optional<JsonNode> v = value(field);
        if (v.isPresent() && !v.get().isTextual()) {
            throw SubscriptionException.invalid(name(field), v.get().toString(), "must be a string");
        }
        return v.map(JsonNode::textValue).filter(s -> !s.isBlank()).map(String::strip);
    }

    /** A required positive integer id. */
    public long id(String field) {
        JsonNode v = value(field).orElseThrow(() -> SubscriptionException.required(name(field)));
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() <= 0) {
            throw SubscriptionException.invalid(name(field), v.toString(), "must be a positive integer id");
        }
        return v.asLong();
    }

    /** A required whole number. */
    public int integer(String field) {
        JsonNode v = value(field).orElseThrow(() -> SubscriptionException.required(name(field)));
        if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw SubscriptionException.invalid(name(field), v.toString(), "must be a whole number");
        }
        return v.asInt();
    }

    /** An optional whole number. */
    public Optional<Integer> optInteger(String field) {
        return has(field) ? Optional.of(integer(field)) : Optional.empty();
    }

    /** An optional boolean (a JSON true or false). */
    public Optional<Boolean> optBoolean(String field) {
        Optional<JsonNode> v = value(field);
        if (v.isPresent() && !v.get().isBoolean()) {
            throw SubscriptionException.invalid(name(field), v.get().toString(), "must be true or false");
        }
        return v.map(JsonNode::booleanValue);
    }

    /** A required decimal number. */
    public BigDecimal decimal(String field) {
        return optDecimal(field).orElseThrow(() -> SubscriptionException.required(name(field)));
    }

    /** An optional decimal number (a JSON number, or a string holding one). */
    public Optional<BigDecimal> optDecimal(String field) {
        Optional<JsonNode> v = value(field);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = v.get();
        if (n.isNumber()) {
            return Optional.of(n.decimalValue());
        }
        if (n.isTextual()) {
            try {
                return Optional.of(new BigDecimal(n.textValue().strip()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw SubscriptionException.invalid(name(field), n.isTextual() ? n.textValue() : n.toString(), "must be a number");
    }

    /** A required ISO date. */
    public LocalDate date(String field) {
        return optDate(field).orElseThrow(() -> SubscriptionException.required(name(field)));
    }

    /** An optional ISO date ({@code 2026-01-31}). */
    public Optional<LocalDate> optDate(String field) {
        return optText(field).map(s -> parseDate(name(field), s));
    }

    /** Parses an ISO date, naming the field when it is not one. */
    public static LocalDate parseDate(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw SubscriptionException.invalid(field, text, "is not a date (YYYY-MM-DD)");
        }
    }

    /** A required nested object. */
    public JsonBody object(String field) {
        return of(value(field).orElseThrow(() -> SubscriptionException.required(name(field))), name(field));
    }

    /** Whether the field is present and not null. */
    public boolean has(String field) {
        return value(field).isPresent();
    }

    /** A required array of positive integer ids (may be empty); a bad element is named {@code field[i]}. */
    public List<Long> ids(String field) {
        JsonNode v = value(field).orElseThrow(() -> SubscriptionException.required(name(field)));
        if (!v.isArray()) {
            throw SubscriptionException.invalid(name(field), v.toString(), "must be an array");
        }
        List<Long> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.canConvertToExactIntegral() || !e.canConvertToLong() || e.asLong() <= 0) {
                throw SubscriptionException.invalid(name(field) + "[" + i + "]", e.toString(), "must be a positive integer id");
            }
            out.add(e.asLong());
        }
        return out;
    }

    /** A required array of whole numbers (may be empty); a bad element is named {@code field[i]}. */
    public List<Integer> integers(String field) {
        JsonNode v = value(field).orElseThrow(() -> SubscriptionException.required(name(field)));
        if (!v.isArray()) {
            throw SubscriptionException.invalid(name(field), v.toString(), "must be an array");
        }
        List<Integer> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isNumber() || !e.canConvertToExactIntegral() || !e.canConvertToInt()) {
                throw SubscriptionException.invalid(name(field) + "[" + i + "]", e.toString(), "must be a whole number");
            }
            out.add(e.asInt());
        }
        return out;
    }

    /** A required array of objects (may be empty). */
    public List<JsonBody> objects(String field) {
        JsonNode v = value(field).orElseThrow(() -> SubscriptionException.required(name(field)));
        if (!v.isArray()) {
            throw SubscriptionException.invalid(name(field), v.toString(), "must be an array");
        }
        List<JsonBody> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(of(v.get(i), name(field) + "[" + i + "]"));
        }
        return out;
    }
}
