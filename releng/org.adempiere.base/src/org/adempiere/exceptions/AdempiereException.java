package org.adempiere.exceptions;

/** Compile-only signature of iDempiere 12's {@code org.adempiere.exceptions.AdempiereException}; never shipped. */
public class AdempiereException extends RuntimeException {
    private static final long serialVersionUID = 2340179640558569534L;

    public AdempiereException(String message) {
        super(message);
        throw new UnsupportedOperationException("compile-only");
    }

    public AdempiereException(String message, Throwable cause) {
        super(message, cause);
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public String getLocalizedMessage() {
        throw new UnsupportedOperationException("compile-only");
    }
}
