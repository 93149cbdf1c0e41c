package org.compiere.process;

import java.io.Serializable;

/** Compile-only signature of iDempiere 12's {@code org.compiere.process.ProcessInfo}; never shipped. */
public class ProcessInfo implements Serializable {
    private static final long serialVersionUID = 8134286335553869253L;

    public ProcessInfo(String Title, int AD_Process_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getAD_Process_ID() {
        throw new UnsupportedOperationException("compile-only");
    }
}
