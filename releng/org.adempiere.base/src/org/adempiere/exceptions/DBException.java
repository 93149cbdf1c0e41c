package org.adempiere.exceptions;

/** Compile-only signature of iDempiere 12's {@code org.adempiere.exceptions.DBException}; never shipped. */
public class DBException extends AdempiereException {
    private static final long serialVersionUID = 3074599079851510411L;

    public DBException(String msg) {
        super(msg);
        throw new UnsupportedOperationException("compile-only");
    }
}
