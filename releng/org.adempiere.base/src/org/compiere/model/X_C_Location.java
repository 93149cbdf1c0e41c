package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_Location}; never shipped. */
public class X_C_Location extends PO {

    public X_C_Location(Properties ctx, int C_Location_ID, String trxName) {
        super(ctx, C_Location_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public void setAddress1(String Address1) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setAddress2(String Address2) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setAddress3(String Address3) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setAddress4(String Address4) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setAddress5(String Address5) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setC_City_ID(int C_City_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setC_Country_ID(int C_Country_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Location_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setC_Region_ID(int C_Region_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setCity(String City) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setPostal(String Postal) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setPostal_Add(String Postal_Add) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setRegionName(String RegionName) {
        throw new UnsupportedOperationException("compile-only");
    }
}
