package org.compiere.model;

import java.sql.Timestamp;
import java.util.Properties;
import org.compiere.process.DocAction;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MAllocationHdr}; never shipped. */
public class MAllocationHdr extends X_C_AllocationHdr implements DocAction {

    public MAllocationHdr (Properties ctx, boolean IsManual, Timestamp DateTrx,
            int C_Currency_ID, String description, String trxName) {
        super(ctx, 0, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public MAllocationLine[] getLines (boolean requery) {
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
