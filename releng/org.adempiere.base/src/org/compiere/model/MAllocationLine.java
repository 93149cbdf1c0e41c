package org.compiere.model;

import java.math.BigDecimal;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MAllocationLine}; never shipped. */
public class MAllocationLine extends X_C_AllocationLine {

    public MAllocationLine (MAllocationHdr parent, BigDecimal Amount,
            BigDecimal DiscountAmt, BigDecimal WriteOffAmt, BigDecimal OverUnderAmt) {
        super(null, 0, null);
        throw new UnsupportedOperationException("compile-only");
    }

    public void setDocInfo (int C_BPartner_ID, int C_Order_ID, int C_Invoice_ID) {
        throw new UnsupportedOperationException("compile-only");
    }
}
