package org.idempiere.subscription.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The one exception type of the engine: a stable {@link ErrorCode}, the field at fault (if any)
 * and the offending value as text, plus an English message that names both. Immutable.
 * Throwing it means nothing was changed: the engine validates before it writes, and a failure
 * inside a transaction rolls the whole transaction back. Subclasses (such as
 * {@link CurrencyMismatchException}) add typed details to one code; they stay immutable.
 */
public class SubscriptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String field;
    private final String value;

    /**
     * For subclasses that carry typed details of one error code.
     *
     * @param code    the stable code, not null
     * @param field   the field at fault, or null
     * @param value   the offending value as text, or null
     * @param message the English message naming the field and the value
     * @param cause   the cause kept for the log, or null
     */
    protected SubscriptionException(ErrorCode code, String field, String value, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
        this.value = value;
    }

    /** A required field is missing. */
    public static SubscriptionException required(String field) {
        return new SubscriptionException(ErrorCode.REQUIRED, field, null, field + " is required", null);
    }

    /** A field has a value it does not accept; {@code why} completes "field 'value' ...". */
    public static SubscriptionException invalid(String field, Object value, String why) {
        return new SubscriptionException(ErrorCode.INVALID_VALUE, field, String.valueOf(value),
                field + " '" + value + "' " + why, null);
    }

    /** An id in the input names nothing the caller may use. */
    public static SubscriptionException unknown(String field, Object value) {
        return new SubscriptionException(ErrorCode.UNKNOWN_REFERENCE, field, String.valueOf(value),
                field + " '" + value + "' does not exist", null);
    }

    /** The addressed record does not exist. */
    public static SubscriptionException notFound(String what, Object id) {
        return new SubscriptionException(ErrorCode.NOT_FOUND, "id", String.valueOf(id),
                what + " '" + id + "' not found", null);
    }

    /** The record named by an id the caller gave in {@code field} does not exist. */
    public static SubscriptionException notFound(String what, String field, Object id) {
        return new SubscriptionException(ErrorCode.NOT_FOUND, field, String.valueOf(id),
                what + " '" + id + "' not found", null);
    }

    /** The operation is not allowed in the current state. */
    public static SubscriptionException invalidState(String field, Object value, String why) {
        return new SubscriptionException(ErrorCode.INVALID_STATE, field, String.valueOf(value),
                field + " '" + value + "' " + why, null);
    }

    /** The host failed; the cause is kept for the log, the message is safe to show. */
    public static SubscriptionException hostFailure(String message, Throwable cause) {
        return new SubscriptionException(ErrorCode.HOST_FAILURE, null, null, message, cause);
    }

    /** @return the stable error code */
    public ErrorCode code() {
        return code;
    }

    /** @return the name of the field at fault, as the caller spelled it, if one is */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** @return the offending value as text, if one is */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }
}
