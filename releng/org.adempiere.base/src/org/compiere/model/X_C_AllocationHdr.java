package org.compiere.model;

import java.sql.Timestamp;
import java.util.Properties;

/**
 * Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_AllocationHdr}; never shipped.
 * Interfaces of the real class the binding does not rely on are not declared.
 */
public class X_C_AllocationHdr extends PO {

    public X_C_AllocationHdr (Properties ctx, int C_AllocationHdr_ID, String trxName) {
        super(ctx, C_AllocationHdr_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public void setDateAcct (Timestamp DateAcct) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getDocStatus() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getDocumentNo() {
        throw new UnsupportedOperationException("compile-only");
    }
}
