package org.compiere.process;

/** Compile-only signature of iDempiere 12's {@code org.compiere.process.SvrProcess}; never shipped. */
public abstract class SvrProcess implements ProcessCall {

    public SvrProcess() {
        throw new UnsupportedOperationException("compile-only");
    }

    abstract protected void prepare();

    abstract protected String doIt() throws Exception;

    protected ProcessInfoParameter[] getParameter() {
        throw new UnsupportedOperationException("compile-only");
    }

    public ProcessInfo getProcessInfo() {
        throw new UnsupportedOperationException("compile-only");
    }

    protected int getRecord_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void addLog(String msg) {
        throw new UnsupportedOperationException("compile-only");
    }
}
