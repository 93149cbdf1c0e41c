package org.compiere.model;

import java.sql.Timestamp;
import java.util.Properties;

/**
 * Compile-only signature of iDempiere 12's {@code org.compiere.model.X_GL_Journal}; never shipped.
 * Interfaces of the real class the binding does not rely on are not declared.
 */
public class X_GL_Journal extends PO {

    public X_GL_Journal (Properties ctx, int GL_Journal_ID, String trxName) {
        super(ctx, GL_Journal_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }

    public void setC_Currency_ID (int C_Currency_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setC_DocType_ID (int C_DocType_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setDateAcct (Timestamp DateAcct) {
        throw new UnsupportedOperationException("compile-only");
    }

    public void setDateDoc (Timestamp DateDoc) {
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

    public int getGL_Journal_ID() {
        throw new UnsupportedOperationException("compile-only");
    }
}
