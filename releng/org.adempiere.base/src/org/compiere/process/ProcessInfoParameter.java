package org.compiere.process;

import java.io.Serializable;

/** Compile-only signature of iDempiere 12's {@code org.compiere.process.ProcessInfoParameter}; never shipped. */
public class ProcessInfoParameter implements Serializable {
    private static final long serialVersionUID = -5396796617617359891L;

    public ProcessInfoParameter(String parameterName, Object parameter, Object parameter_To, String info, String info_To) {
        throw new UnsupportedOperationException("compile-only");
    }

    public Object getParameter() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getParameterName() {
        throw new UnsupportedOperationException("compile-only");
    }
}
