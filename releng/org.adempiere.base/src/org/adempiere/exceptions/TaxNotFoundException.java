package org.adempiere.exceptions;

import java.sql.Timestamp;

/** Compile-only signature of iDempiere 12's {@code org.adempiere.exceptions.TaxNotFoundException}; never shipped. */
public class TaxNotFoundException extends AdempiereException {
    private static final long serialVersionUID = -5471615720092096644L;

    public TaxNotFoundException(int C_TaxCategory_ID, boolean IsSOTrx,
            Timestamp shipDate, int shipFromC_Location_ID, int shipToC_Location_ID,
            Timestamp billDate, int billFromC_Location_ID, int billToC_Location_ID) {
        super(null);
        throw new UnsupportedOperationException("compile-only");
    }
}
