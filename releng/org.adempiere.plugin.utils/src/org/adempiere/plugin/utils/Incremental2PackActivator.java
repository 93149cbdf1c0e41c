package org.adempiere.plugin.utils;

/**
 * Compile-only signature of iDempiere 12's
 * {@code org.adempiere.plugin.utils.Incremental2PackActivator}; never shipped. The real class
 * applies every {@code META-INF/2Pack_<version>.zip} of the bundle that is not yet recorded in
 * {@code AD_Package_Imp} under the bundle's symbolic name, oldest version first.
 */
public class Incremental2PackActivator extends AbstractActivator {
}
