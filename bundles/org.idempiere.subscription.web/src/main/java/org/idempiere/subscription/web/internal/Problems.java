package org.idempiere.subscription.web.internal;

import org.idempiere.subscription.api.CurrencyMismatchException;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.web.rest.Json;
import org.idempiere.subscription.web.rest.JsonObject;

/**
 * RFC 9457 problem details. {@code type} is a stable URN per error code; {@code code},
 * {@code field} and {@code value} are extension members clients can rely on; a currency mismatch
 * adds {@code currencies}, both currencies in the order of the operation.
 */
final class Problems {
    private Problems() {
    }

    static int status(SubscriptionException e) {
        return switch (e.code().kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INTERNAL -> 500;
        };
    }

    static JsonObject of(SubscriptionException e) {
        JsonObject p = of(status(e), e.code().name(), e.getMessage());
        e.field().ifPresent(f -> p.put("field", f));
        e.value().ifPresent(v -> p.put("value", v));
        if (e instanceof CurrencyMismatchException m) {
            p.putArray("currencies").add(m.firstCurrency().getCurrencyCode()).add(m.secondCurrency().getCurrencyCode());
        }
        return p;
    }

    static JsonObject of(int status, String code, String detail) {
        JsonObject p = Json.object();
        p.put("type", "urn:idempiere-subscriptions:problem:" + code.toLowerCase().replace('_', '-'));
        p.put("title", title(status));
        p.put("status", status);
        p.put("detail", detail);
        p.put("code", code);
        return p;
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            default -> "Internal Server Error";
        };
    }
}
