package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_Country}; never shipped. */
public class X_C_Country extends PO {

    public X_C_Country(Properties ctx, int C_Country_ID, String trxName) {
        super(ctx, C_Country_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public String getCountryCode() {
        throw new UnsupportedOperationException("compile-only");
    }
}
