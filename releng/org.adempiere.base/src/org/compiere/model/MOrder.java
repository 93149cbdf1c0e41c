package org.compiere.model;

import java.util.Properties;

/**
 * Compile-only signature of iDempiere 12's {@code org.compiere.model.MOrder}; never shipped. The
 * real class also implements {@code DocAction}; the binding does not rely on it.
 */
public class MOrder extends X_C_Order {

    public MOrder(Properties ctx, int C_Order_ID, String trxName) {
        super(ctx, C_Order_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public MOrderLine[] getLines(boolean requery, String orderBy) {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public void setDocAction(String DocAction) {
        throw new UnsupportedOperationException("compile-only");
    }

    public boolean processIt(String processAction) {
        throw new UnsupportedOperationException("compile-only");
    }

    public String getProcessMsg() {
        throw new UnsupportedOperationException("compile-only");
    }
}
