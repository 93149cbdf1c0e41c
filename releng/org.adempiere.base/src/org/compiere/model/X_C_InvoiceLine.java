package org.compiere.model;

import java.math.BigDecimal;
import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.X_C_InvoiceLine}; never shipped. */
public class X_C_InvoiceLine extends PO {

    public X_C_InvoiceLine(Properties ctx, int C_InvoiceLine_ID, String trxName) {
        super(ctx, C_InvoiceLine_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Invoice_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getC_Tax_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setDescription(String Description) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getDescription() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getLine() {
        throw new UnsupportedOperationException("compile-only");
    }

    public BigDecimal getLineNetAmt() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getM_Product_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setPriceActual(BigDecimal PriceActual) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setPriceEntered(BigDecimal PriceEntered) {
        throw new UnsupportedOperationException("compile-only");
    }

    public BigDecimal getPriceEntered() {
        throw new UnsupportedOperationException("compile-only");
    }

    public BigDecimal getQtyEntered() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setQtyInvoiced(BigDecimal QtyInvoiced) {
        throw new UnsupportedOperationException("compile-only");
    }
}
