package org.compiere.model;

import java.util.Properties;
import org.compiere.process.DocAction;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MInvoice}; never shipped. */
public class MInvoice extends X_C_Invoice implements DocAction {

    public MInvoice(Properties ctx, int C_Invoice_ID, String trxName) {
        super(ctx, C_Invoice_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public void setBPartner(MBPartner bp) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setC_DocTypeTarget_ID(String DocBaseType) {
        throw new UnsupportedOperationException("compile-only");
    }

    public MInvoiceLine[] getLines(boolean requery) {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public void setM_PriceList_ID(int M_PriceList_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getCurrencyISO() {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public boolean processIt(String processAction) {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public String getProcessMsg() {
        throw new UnsupportedOperationException("compile-only");
    }

    public java.io.File createPDF() {
        throw new UnsupportedOperationException("compile-only");
    }

    public java.math.BigDecimal getOpenAmt () {
        throw new UnsupportedOperationException("compile-only");
    }

    public java.math.BigDecimal getOpenAmt (boolean creditMemoAdjusted, java.sql.Timestamp paymentDate) {
        throw new UnsupportedOperationException("compile-only");
    }
}
