package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_M_Product}; never shipped. */
public class X_M_Product extends PO {

    public X_M_Product(Properties ctx, int M_Product_ID, String trxName) {
        super(ctx, M_Product_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_UOM_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only");
    }
}
