package org.adempiere.base;

import java.sql.Timestamp;
import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.adempiere.base.ITaxLookup}; never shipped. */
public interface ITaxLookup {

    public default int get(Properties ctx, int M_Product_ID, int C_Charge_ID,
            Timestamp billDate, Timestamp shipDate,
            int AD_Org_ID, int M_Warehouse_ID,
            int billC_BPartner_Location_ID, int shipC_BPartner_Location_ID,
            int dropshipC_BPartner_Location_ID,
            boolean IsSOTrx, String deliveryViaRule, String trxName) {
        throw new UnsupportedOperationException("compile-only");
    }
}
