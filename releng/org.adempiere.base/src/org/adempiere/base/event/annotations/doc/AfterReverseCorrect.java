package org.adempiere.base.event.annotations.doc;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Compile-only signature of iDempiere 12's
 * {@code org.adempiere.base.event.annotations.doc.AfterReverseCorrect}; never shipped. Retention and target are
 * the real ones. The real type is also meta-annotated with
 * {@code @EventTopic(topic = IEventTopics.DOC_AFTER_REVERSECORRECT)}, which iDempiere reads from its own
 * class at run time; the binding does not use it, so it is left out here.
 */
@Retention(RUNTIME)
@Target(METHOD)
public @interface AfterReverseCorrect {

}
