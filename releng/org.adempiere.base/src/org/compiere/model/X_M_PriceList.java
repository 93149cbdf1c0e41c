package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_M_PriceList}; never shipped. */
public class X_M_PriceList extends PO {

    public X_M_PriceList(Properties ctx, int M_PriceList_ID, String trxName) {
        super(ctx, M_PriceList_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Currency_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public boolean isTaxIncluded() {
        throw new UnsupportedOperationException("compile-only");
    }
}
