package org.compiere.model;

import java.util.Properties;
import org.adempiere.exceptions.AdempiereException;

/**
 * Compile-only signature of iDempiere 12's {@code org.compiere.model.PO}; never shipped.
 * Interfaces of the real class the binding does not rely on are not declared.
 */
public abstract class PO {

    public PO(Properties ctx, int ID, String trxName) {
        throw new UnsupportedOperationException("compile-only");
    }

    public int get_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public final int get_ColumnIndex(String columnName) {
        throw new UnsupportedOperationException("compile-only");
    }

    public final int getAD_Client_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    public int getAD_Org_ID() {
        throw new UnsupportedOperationException("compile-only");
    }

    final public void setAD_Org_ID(int AD_Org_ID) {
        throw new UnsupportedOperationException("compile-only");
    }

    public final boolean isActive() {
        throw new UnsupportedOperationException("compile-only");
    }

    public void saveEx() throws AdempiereException {
        throw new UnsupportedOperationException("compile-only");
    }

    public String get_TrxName() {
        throw new UnsupportedOperationException("compile-only");
    }

    public final Object get_Value (String columnName) {
        throw new UnsupportedOperationException("compile-only");
    }

    public final boolean set_ValueOfColumnReturningBoolean(String columnName, Object value) {
        throw new UnsupportedOperationException("compile-only");
    }

    public int get_ValueAsInt(String columnName) {
        throw new UnsupportedOperationException("compile-only");
    }

    public boolean get_ValueAsBoolean(String columnName) {
        throw new UnsupportedOperationException("compile-only");
    }

    public final void setIsActive (boolean active) {
        throw new UnsupportedOperationException("compile-only");
    }
}
