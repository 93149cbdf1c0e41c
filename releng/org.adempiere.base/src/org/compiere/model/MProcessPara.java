package org.compiere.model;

import java.util.Properties;
import org.compiere.process.ProcessInfoParameter;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MProcessPara}; never shipped. */
public class MProcessPara extends X_AD_Process_Para {

    public MProcessPara(Properties ctx, int AD_Process_Para_ID, String trxName) {
        super(ctx, AD_Process_Para_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public static void validateUnknownParameter(int processId, ProcessInfoParameter para) {
        throw new UnsupportedOperationException("compile-only");
    }
}
