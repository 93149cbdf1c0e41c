package org.idempiere.subscription.web.internal.portal;

import java.util.List;

import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;

/**
 * A request the portal refuses: the HTTP status, the message key of the page's explanation and,
 * for bad input, the field and the value refused. Caught by the servlet and shown as the error page
 * in the visitor's language; never a stack trace. Immutable.
 */
public final class PortalProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_VALUE_SHOWN = 80;

    private final int status;
    private final String messageKey;
    private final String field;
    private final String value;
    private final List<String> allowed;

    private PortalProblem(int status, String messageKey, String field, String value, String detail, List<String> allowed) {
        super(detail, null, false, false);
        this.status = status;
        this.messageKey = messageKey;
        this.field = field;
        this.value = value == null ? null
                : value.length() > MAX_VALUE_SHOWN ? value.substring(0, MAX_VALUE_SHOWN) + "…" : value;
        this.allowed = allowed;
    }

    private PortalProblem(int status, String messageKey, String field, String value, String detail) {
        this(status, messageKey, field, value, detail, List.of());
    }

    /**
     * A value outside a range of dates: 400 naming the field, the value and the range allowed.
     *
     * @param first the first value allowed, as shown
     * @param last  the last value allowed, as shown
     */
    public static PortalProblem outOfRange(String field, String value, String first, String last) {
        return new PortalProblem(400, "error.invalid", field, value, field + " '" + value + "': must be from " + first + " to " + last,
                List.of(first, last));
    }

    /** Input the portal cannot accept: 400 naming the field and the value. */
    public static PortalProblem invalid(String field, String value, String reason) {
        return new PortalProblem(400, "error.invalid", field, value, field + " '" + value + "': " + reason);
    }

    /** A request the portal refuses as a whole, with one of the {@code error.*} message keys. */
    public static PortalProblem of(int status, String messageKey) {
        return new PortalProblem(status, messageKey, null, null, messageKey);
    }

    /**
     * The page for an error of the engine: invalid input names its field and value (400); what is
     * not found, or not the session's customer's, is 404; a conflict with the record's state 409;
     * anything else 500.
     */
    public static PortalProblem of(SubscriptionException e) {
        return switch (e.code().kind()) {
            case INVALID -> invalid(e.field().orElse("body"), e.value().orElse(""), e.getMessage());
            case NOT_FOUND -> of(404, "error.notFound");
            case CONFLICT -> of(409, "error.conflict");
            case INTERNAL -> of(500, "error.internal");
        };
    }

    public int status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** @return the first and the last value allowed, when the value was out of a range; else empty */
    public List<String> allowed() {
        return allowed;
    }
}
