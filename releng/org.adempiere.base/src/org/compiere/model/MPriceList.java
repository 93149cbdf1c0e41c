package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MPriceList}; never shipped. */
public class MPriceList extends X_M_PriceList {

    public MPriceList(Properties ctx, int M_PriceList_ID, String trxName) {
        super(ctx, M_PriceList_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public static MPriceList get(Properties ctx, int M_PriceList_ID, String trxName) {
        throw new UnsupportedOperationException("compile-only");
    }
}
