package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_DocType}; never shipped. */
public class X_C_DocType extends PO {

    public X_C_DocType(Properties ctx, int C_DocType_ID, String trxName) {
        super(ctx, C_DocType_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    /** DocBaseType AR Invoice = ARI */
    public static final String DOCBASETYPE_ARInvoice = "ARI";

    /** DocBaseType GL Journal = GLJ */
    public static final String DOCBASETYPE_GLJournal = "GLJ";

    /** DocBaseType Sales Order = SOO */
    public static final String DOCBASETYPE_SalesOrder = "SOO";

    public String getDocBaseType() {
        throw new UnsupportedOperationException("compile-only");
    }

    /** DocSubTypeSO Quotation = OB (binding) */
    public static final String DOCSUBTYPESO_Quotation = "OB";
    /** DocSubTypeSO Proposal = ON (not binding) */
    public static final String DOCSUBTYPESO_Proposal = "ON";
    /** DocSubTypeSO Prepay Order = PR */
    public static final String DOCSUBTYPESO_PrepayOrder = "PR";
    /** DocSubTypeSO Return Material = RM */
    public static final String DOCSUBTYPESO_ReturnMaterial = "RM";
    /** DocSubTypeSO Standard Order = SO */
    public static final String DOCSUBTYPESO_StandardOrder = "SO";
    /** DocSubTypeSO On Credit Order = WI */
    public static final String DOCSUBTYPESO_OnCreditOrder = "WI";
    /** DocSubTypeSO Warehouse Order = WP */
    public static final String DOCSUBTYPESO_WarehouseOrder = "WP";
    /** DocSubTypeSO POS Order = WR */
    public static final String DOCSUBTYPESO_POSOrder = "WR";

    public String getDocSubTypeSO() {
        throw new UnsupportedOperationException("compile-only");
    }
}
