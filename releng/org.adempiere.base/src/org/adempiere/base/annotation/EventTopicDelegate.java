package org.adempiere.base.annotation;

import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Compile-only signature of iDempiere 12's {@code org.adempiere.base.annotation.EventTopicDelegate};
 * never shipped. Retention and target are the real ones: they decide whether javac writes the
 * annotation where iDempiere's scanner and reflection find it at run time.
 */
@Retention(RUNTIME)
@Target(ElementType.TYPE)
public @interface EventTopicDelegate {

    String filter() default "";
}
