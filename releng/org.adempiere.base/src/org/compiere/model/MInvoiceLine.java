package org.compiere.model;

import java.math.BigDecimal;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MInvoiceLine}; never shipped. */
public class MInvoiceLine extends X_C_InvoiceLine {

    public MInvoiceLine(MInvoice invoice) {
        super(null, 0, null);
        throw new UnsupportedOperationException("compile-only");
    }

    public void setPrice(int M_PriceList_ID, int C_BPartner_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public void setPriceActual(BigDecimal PriceActual) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setQty(BigDecimal Qty) {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public void setQtyInvoiced(BigDecimal QtyInvoiced) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setM_Product_ID(int M_Product_ID, int C_UOM_ID) {
        throw new UnsupportedOperationException("compile-only");
    }
}
