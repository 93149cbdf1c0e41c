package org.idempiere.subscription.api;

/**
 * The stable codes of every error the engine reports. Edges translate them: HTTP maps
 * {@link Kind} to a status, iDempiere to a translated message. Codes never change meaning.
 */
public enum ErrorCode {
    /** A required field is missing or empty. */
    REQUIRED(Kind.INVALID),
    /** A field has a value outside what it accepts (format, range, sign). */
    INVALID_VALUE(Kind.INVALID),
    /** An id given in the input names no record the caller may use. */
    UNKNOWN_REFERENCE(Kind.INVALID),
    /** The record addressed by the request does not exist for this tenant. */
    NOT_FOUND(Kind.NOT_FOUND),
    /**
     * Two amounts in different currencies were combined (added, subtracted, compared); see
     * {@link CurrencyMismatchException}, which names both currencies.
     */
    CURRENCY_MISMATCH(Kind.INVALID),
    /** The operation is not allowed in the record's current state. */
    INVALID_STATE(Kind.CONFLICT),
    /** The host ERP refused or failed an operation. */
    HOST_FAILURE(Kind.INTERNAL);

    /** How an edge should present the error. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, INTERNAL }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    /** @return the presentation class of this code, never null */
    public Kind kind() {
        return kind;
    }
}
