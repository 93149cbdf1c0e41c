package org.compiere.process;

/** Compile-only signature of iDempiere 12's {@code org.compiere.process.DocAction}; never shipped. */
public interface DocAction {

    public static final String ACTION_Complete = "CO";

    public static final String STATUS_Completed = "CO";

    public String getDocStatus();

    public boolean processIt(String action) throws Exception;

    public String getProcessMsg();
}
