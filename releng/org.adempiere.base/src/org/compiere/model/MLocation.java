package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MLocation}; never shipped. */
public class MLocation extends X_C_Location {

    public MLocation(Properties ctx, int C_Location_ID, String trxName) {
        super(ctx, C_Location_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public MCountry getCountry() {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public void setC_Country_ID(int C_Country_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public void setC_Region_ID(int C_Region_ID) {
        throw new UnsupportedOperationException("compile-only");
    }
}
