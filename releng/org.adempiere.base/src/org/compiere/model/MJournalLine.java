package org.compiere.model;

import java.math.BigDecimal;
import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MJournalLine}; never shipped. */
public class MJournalLine extends X_GL_JournalLine {

    public MJournalLine (Properties ctx, int GL_JournalLine_ID, String trxName) {
        super(ctx, GL_JournalLine_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public MJournalLine (MJournal parent) {
        super(null, 0, null);
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public void setC_ValidCombination_ID (int C_ValidCombination_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public void setCurrencyRate (BigDecimal CurrencyRate) {
        throw new UnsupportedOperationException("compile-only");
    }
}
