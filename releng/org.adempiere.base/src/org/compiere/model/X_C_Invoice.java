package org.compiere.model;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_Invoice}; never shipped. */
public class X_C_Invoice extends PO {

    public X_C_Invoice(Properties ctx, int C_Invoice_ID, String trxName) {
        super(ctx, C_Invoice_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public void setC_BPartner_Location_ID(int C_BPartner_Location_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setC_Currency_ID(int C_Currency_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_DocTypeTarget_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Invoice_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setDateAcct(Timestamp DateAcct) {
        throw new UnsupportedOperationException("compile-only");
    }

    public Timestamp getDateAcct() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setDateInvoiced(Timestamp DateInvoiced) {
        throw new UnsupportedOperationException("compile-only");
    }

    public Timestamp getDateInvoiced() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getReversal_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setDescription(String Description) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getDocStatus() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getDocumentNo() {
        throw new UnsupportedOperationException("compile-only");
    }

    public BigDecimal getGrandTotal() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setM_PriceList_ID(int M_PriceList_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setSalesRep_ID(int SalesRep_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public BigDecimal getTotalLines() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setAD_User_ID(int AD_User_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setIsTaxIncluded(boolean IsTaxIncluded) {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_BPartner_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Currency_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public boolean isSOTrx() {
        throw new UnsupportedOperationException("compile-only");
    }
}
