package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MBPartner}; never shipped. */
public class MBPartner extends X_C_BPartner {

    public MBPartner(Properties ctx, int C_BPartner_ID, String trxName) {
        super(ctx, C_BPartner_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public static MBPartner get(Properties ctx, int C_BPartner_ID, String trxName) {
        throw new UnsupportedOperationException("compile-only");
    }

    public MUser[] getContacts(boolean reload) {
        throw new UnsupportedOperationException("compile-only");
    }

    public MBPartnerLocation[] getLocations(boolean reload) {
        throw new UnsupportedOperationException("compile-only");
    }
}
