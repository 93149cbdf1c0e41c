package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MProduct}; never shipped. */
public class MProduct extends X_M_Product {

    public MProduct(Properties ctx, int M_Product_ID, String trxName) {
        super(ctx, M_Product_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public static MProduct get(Properties ctx, int M_Product_ID, String trxName) {
        throw new UnsupportedOperationException("compile-only");
    }
}
