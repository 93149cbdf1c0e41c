package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_BPartner_Location}; never shipped. */
public class X_C_BPartner_Location extends PO {

    public X_C_BPartner_Location(Properties ctx, int C_BPartner_Location_ID, String trxName) {
        super(ctx, C_BPartner_Location_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_BPartner_Location_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public boolean isBillTo() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Location_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public boolean isPreserveCustomName() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setName(String Name) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only");
    }
}
