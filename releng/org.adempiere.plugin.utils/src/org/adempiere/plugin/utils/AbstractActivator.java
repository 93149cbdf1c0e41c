package org.adempiere.plugin.utils;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Compile-only signature of iDempiere 12's {@code org.adempiere.plugin.utils.AbstractActivator};
 * never shipped. Of its interfaces only {@link BundleActivator} is declared: it is what makes a
 * subclass a valid {@code Bundle-Activator}.
 */
public abstract class AbstractActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) throws Exception {
        throw new UnsupportedOperationException("compile-only");
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        throw new UnsupportedOperationException("compile-only");
    }
}
