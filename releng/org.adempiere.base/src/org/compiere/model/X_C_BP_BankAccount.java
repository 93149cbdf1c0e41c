package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_BP_BankAccount}; never shipped. */
public class X_C_BP_BankAccount extends PO {
    public static final String BPBANKACCTUSE_DirectDebit = "D";
    public static final String BPBANKACCTUSE_None = "N";
    public static final String CREDITCARDTYPE_Amex = "A";
    public static final String CREDITCARDTYPE_Diners = "D";
    public static final String CREDITCARDTYPE_MasterCard = "M";
    public static final String CREDITCARDTYPE_Discover = "N";
    public static final String CREDITCARDTYPE_Visa = "V";

    public X_C_BP_BankAccount (Properties ctx, int C_BP_BankAccount_ID, String trxName) {
        super(ctx, C_BP_BankAccount_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public void setA_Name (String A_Name) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getA_Name() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setAccountNo (String AccountNo) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getAccountNo() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setBPBankAcctUse (String BPBankAcctUse) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getBPBankAcctUse() {
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

    public void setCreditCardExpMM (int CreditCardExpMM) {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getCreditCardExpMM() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setCreditCardExpYY (int CreditCardExpYY) {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getCreditCardExpYY() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setCreditCardNumber (String CreditCardNumber) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getCreditCardNumber() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setCreditCardType (String CreditCardType) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getCreditCardType() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setCustomerPaymentProfileID (String CustomerPaymentProfileID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getCustomerPaymentProfileID() {
        throw new UnsupportedOperationException("compile-only");
    }
}
