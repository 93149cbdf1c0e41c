package org.compiere.model;

import java.sql.Timestamp;
import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_Order}; never shipped. */
public class X_C_Order extends PO {

    /** DocStatus Approved = AP */
    public static final String DOCSTATUS_Approved = "AP";
    /** DocStatus Closed = CL */
    public static final String DOCSTATUS_Closed = "CL";
    /** DocStatus Completed = CO */
    public static final String DOCSTATUS_Completed = "CO";
    /** DocStatus Drafted = DR */
    public static final String DOCSTATUS_Drafted = "DR";
    /** DocStatus Invalid = IN */
    public static final String DOCSTATUS_Invalid = "IN";
    /** DocStatus In Progress = IP */
    public static final String DOCSTATUS_InProgress = "IP";
    /** DocStatus Not Approved = NA */
    public static final String DOCSTATUS_NotApproved = "NA";
    /** DocStatus Reversed = RE */
    public static final String DOCSTATUS_Reversed = "RE";
    /** DocStatus Voided = VO */
    public static final String DOCSTATUS_Voided = "VO";
    /** DocStatus Waiting Confirmation = WC */
    public static final String DOCSTATUS_WaitingConfirmation = "WC";
    /** DocStatus Waiting Payment = WP */
    public static final String DOCSTATUS_WaitingPayment = "WP";

    public X_C_Order(Properties ctx, int C_Order_ID, String trxName) {
        super(ctx, C_Order_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public int getAD_User_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getBill_BPartner_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getBill_Location_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getBill_User_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_BPartner_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_BPartner_Location_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Currency_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_DocTypeTarget_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_DocType_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Order_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public Timestamp getDateOrdered() {
        throw new UnsupportedOperationException("compile-only");
    }

    public Timestamp getDatePromised() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getDocStatus() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getDocumentNo() {
        throw new UnsupportedOperationException("compile-only");
    }

    public boolean isSOTrx() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getM_PriceList_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getQuotationOrder_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getSalesRep_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setDocAction(String DocAction) {
        throw new UnsupportedOperationException("compile-only");
    }
}
