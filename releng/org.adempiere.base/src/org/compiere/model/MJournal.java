package org.compiere.model;

import java.sql.Timestamp;
import java.util.Properties;
import org.compiere.process.DocAction;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MJournal}; never shipped. */
public class MJournal extends X_GL_Journal implements DocAction {

    public MJournal (Properties ctx, int GL_Journal_ID, String trxName) {
        super(ctx, GL_Journal_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public void setDateAcct (Timestamp DateAcct) {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public boolean processIt (String processAction) {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public String getProcessMsg() {
        throw new UnsupportedOperationException("compile-only");
    }
}
