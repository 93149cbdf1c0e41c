package org.adempiere.base;

import org.compiere.process.ProcessCall;

/** Compile-only signature of iDempiere 12's {@code org.adempiere.base.IProcessFactory}; never shipped. */
public interface IProcessFactory {

    public ProcessCall newProcessInstance(String className);
}
