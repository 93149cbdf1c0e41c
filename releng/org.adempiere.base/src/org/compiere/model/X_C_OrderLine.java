package org.compiere.model;

import java.math.BigDecimal;
import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_OrderLine}; never shipped. */
public class X_C_OrderLine extends PO {

    public X_C_OrderLine(Properties ctx, int C_OrderLine_ID, String trxName) {
        super(ctx, C_OrderLine_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_OrderLine_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_UOM_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getLine() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getM_Product_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public BigDecimal getPriceEntered() {
        throw new UnsupportedOperationException("compile-only");
    }

    public BigDecimal getQtyEntered() {
        throw new UnsupportedOperationException("compile-only");
    }
}
