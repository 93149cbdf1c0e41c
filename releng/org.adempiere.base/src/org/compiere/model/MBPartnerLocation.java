package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MBPartnerLocation}; never shipped. */
public class MBPartnerLocation extends X_C_BPartner_Location {

    public MBPartnerLocation(Properties ctx, int C_BPartner_Location_ID, String trxName) {
        super(ctx, C_BPartner_Location_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public MLocation getLocation(boolean requery) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getBPLocName(MLocation address) {
        throw new UnsupportedOperationException("compile-only");
    }
}
