package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MOrderLine}; never shipped. */
public class MOrderLine extends X_C_OrderLine {

    public MOrderLine(Properties ctx, int C_OrderLine_ID, String trxName) {
        super(ctx, C_OrderLine_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }
}
