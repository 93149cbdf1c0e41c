package org.adempiere.base.annotation;

import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.compiere.model.PO;

/**
 * Compile-only signature of iDempiere 12's {@code org.adempiere.base.annotation.ModelEventTopic};
 * never shipped. Retention and target are the real ones.
 */
@Retention(RUNTIME)
@Target(ElementType.TYPE)
public @interface ModelEventTopic {

    Class<? extends PO> modelClass();
}
