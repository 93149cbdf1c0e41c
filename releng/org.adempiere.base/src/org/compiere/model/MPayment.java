package org.compiere.model;

import java.math.BigDecimal;
import java.util.Properties;
import org.compiere.process.DocAction;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MPayment}; never shipped. */
public class MPayment extends X_C_Payment implements DocAction {
    public MPayment (Properties ctx, int C_Payment_ID, String trxName) {
        super(ctx, C_Payment_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public void setC_DocType_ID (boolean isReceipt) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setAmount (int C_Currency_ID, BigDecimal payAmt) {
        throw new UnsupportedOperationException("compile-only");
    }

    public boolean setPaymentProcessor () {
        throw new UnsupportedOperationException("compile-only");
    }

    public boolean processOnline() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getErrorMessage() {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getCurrencyISO() {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public boolean processIt (String processAction) {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public String getProcessMsg() {
        throw new UnsupportedOperationException("compile-only");
    }
}
