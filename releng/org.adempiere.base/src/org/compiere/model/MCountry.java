package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MCountry}; never shipped. */
public class MCountry extends X_C_Country {

    public MCountry(Properties ctx, int C_Country_ID, String trxName) {
        super(ctx, C_Country_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }
}
