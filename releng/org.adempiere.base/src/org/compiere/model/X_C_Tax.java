package org.compiere.model;

import java.math.BigDecimal;
import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_Tax}; never shipped. */
public class X_C_Tax extends PO {

    public X_C_Tax(Properties ctx, int C_Tax_ID, String trxName) {
        super(ctx, C_Tax_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only");
    }

    public BigDecimal getRate() {
        throw new UnsupportedOperationException("compile-only");
    }
}
