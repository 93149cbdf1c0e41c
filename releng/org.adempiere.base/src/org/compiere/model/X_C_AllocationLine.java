package org.compiere.model;

import java.util.Properties;

/**
 * Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_AllocationLine}; never shipped.
 * Interfaces of the real class the binding does not rely on are not declared.
 */
public class X_C_AllocationLine extends PO {

    public X_C_AllocationLine (Properties ctx, int C_AllocationLine_ID, String trxName) {
        super(ctx, C_AllocationLine_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Invoice_ID() {
        throw new UnsupportedOperationException("compile-only");
    }
}
