package org.adempiere.base;

/**
 * Compile-only signature of iDempiere 12's {@code org.adempiere.base.AnnotationBasedFactory}; never
 * shipped. Declared only so that {@link AnnotationBasedEventManager} has its real superclass; the
 * binding uses none of its members.
 */
public abstract class AnnotationBasedFactory {
}
