package org.compiere.model;

import java.math.BigDecimal;
import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_Payment}; never shipped. */
public class X_C_Payment extends PO {
    public static final String TENDERTYPE_CreditCard = "C";
    public static final String TENDERTYPE_DirectDebit = "D";
    public static final String TRXTYPE_CreditPayment = "C";
    public static final String TRXTYPE_Sales = "S";

    public X_C_Payment(Properties ctx, int C_Payment_ID, String trxName) {
        super(ctx, C_Payment_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public void setA_Name (String A_Name) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getA_Name() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setC_BP_BankAccount_ID (int C_BP_BankAccount_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_BP_BankAccount_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setC_BPartner_ID (int C_BPartner_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_BPartner_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Currency_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setC_Invoice_ID (int C_Invoice_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Invoice_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Payment_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setC_Payment_UU (String C_Payment_UU) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setCreditCardExpMM (int CreditCardExpMM) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setCreditCardExpYY (int CreditCardExpYY) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setCreditCardNumber (String CreditCardNumber) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setCreditCardType (String CreditCardType) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setCustomerPaymentProfileID (String CustomerPaymentProfileID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getCustomerPaymentProfileID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setDescription (String Description) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getDocStatus() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getDocumentNo() {
        throw new UnsupportedOperationException("compile-only");
    }

    public boolean isApproved() {
        throw new UnsupportedOperationException("compile-only");
    }

    public boolean isOnline() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setIsReceipt (boolean IsReceipt) {
        throw new UnsupportedOperationException("compile-only");
    }

    public boolean isReceipt() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setOrig_TrxID (String Orig_TrxID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getOrig_TrxID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public BigDecimal getPayAmt() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getR_PnRef() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getR_RespMsg() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getR_Result() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setTenderType (String TenderType) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getTenderType() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setTrxType (String TrxType) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getTrxType() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setIsOnline (boolean IsOnline) {
        throw new UnsupportedOperationException("compile-only");
    }
}
