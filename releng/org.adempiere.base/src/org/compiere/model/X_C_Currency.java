package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_Currency}; never shipped. */
public class X_C_Currency extends PO {

    public X_C_Currency(Properties ctx, int C_Currency_ID, String trxName) {
        super(ctx, C_Currency_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Currency_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getISO_Code() {
        throw new UnsupportedOperationException("compile-only");
    }
}
