package org.compiere.util;

import java.io.Serializable;

/** Compile-only signature of iDempiere 12's {@code org.compiere.util.EMail}; never shipped. */
public final class EMail implements Serializable {
    private static final long serialVersionUID = -8982983766981221312L;

    /** Mail sent OK status code. */
    public static final String SENT_OK = "OK";

    private EMail() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String send() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void addAttachment(byte[] data, String type, String name) {
        throw new UnsupportedOperationException("compile-only");
    }
}
