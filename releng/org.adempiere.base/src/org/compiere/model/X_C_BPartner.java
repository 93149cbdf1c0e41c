package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_BPartner}; never shipped. */
public class X_C_BPartner extends PO {

    public X_C_BPartner(Properties ctx, int C_BPartner_ID, String trxName) {
        super(ctx, C_BPartner_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public String getAD_Language() {
        throw new UnsupportedOperationException("compile-only");
    }

    public boolean isCustomer() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getSalesRep_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_BPartner_ID() {
        throw new UnsupportedOperationException("compile-only");
    }
}
