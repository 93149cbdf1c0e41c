package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_AD_Process_Para}; never shipped. */
public class X_AD_Process_Para extends PO {

    public X_AD_Process_Para(Properties ctx, int AD_Process_Para_ID, String trxName) {
        super(ctx, AD_Process_Para_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }
}
