package org.compiere.model;

import java.math.BigDecimal;
import java.util.Properties;

/**
 * Compile-only signature of iDempiere 12's {@code org.compiere.model.X_GL_JournalLine}; never shipped.
 * Interfaces of the real class the binding does not rely on are not declared.
 */
public class X_GL_JournalLine extends PO {

    public X_GL_JournalLine (Properties ctx, int GL_JournalLine_ID, String trxName) {
        super(ctx, GL_JournalLine_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public void setAmtSourceCr (BigDecimal AmtSourceCr) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setAmtSourceDr (BigDecimal AmtSourceDr) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setC_ValidCombination_ID (int C_ValidCombination_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setCurrencyRate (BigDecimal CurrencyRate) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setDescription (String Description) {
        throw new UnsupportedOperationException("compile-only");
    }
}
