package org.compiere.process;

/**
 * Compile-only signature of iDempiere 12's {@code org.compiere.process.ProcessCall}; never shipped.
 * Its members are not declared: the binding only returns {@link SvrProcess} instances as this type.
 */
public interface ProcessCall {
}
