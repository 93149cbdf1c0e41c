package org.adempiere.base;

/**
 * Compile-only signature of iDempiere 12's {@code org.adempiere.base.AnnotationBasedEventManager};
 * never shipped. In iDempiere its {@code activate(ComponentContext)} (found by Declarative Services
 * under the default method name) tracks the {@code IEventManager} service and registers every class
 * annotated with {@code @EventTopicDelegate} in {@link #getPackages()} of the component's bundle;
 * its {@code deactivate(ComponentContext)} unregisters them. The binding relies on those two
 * methods only through their default names, so they are not declared here.
 */
public abstract class AnnotationBasedEventManager extends AnnotationBasedFactory {

    public AnnotationBasedEventManager() {
        throw new UnsupportedOperationException("compile-only");
    }

    public abstract String[] getPackages();
}
