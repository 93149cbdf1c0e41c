package org.idempiere.subscription.plugin.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.adempiere.base.AnnotationBasedEventManager;
import org.adempiere.base.annotation.EventTopicDelegate;
import org.adempiere.base.annotation.ModelEventTopic;
import org.adempiere.base.event.annotations.ModelEventDelegate;
import org.adempiere.base.event.annotations.doc.AfterComplete;
import org.adempiere.base.event.annotations.doc.AfterVoid;
import org.compiere.model.MOrder;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/**
 * The compiled delegate has the shape iDempiere 12's {@code AnnotationBasedEventManager} and
 * {@code ModelEventHandler} look for at run time (by class-file scan and reflection, never by
 * calling our code): class annotations visible at run time, the exact constructor
 * {@code (MOrder, Event)}, public no-argument methods carrying the event annotations.
 */
class OrderEventDelegateTest {

    @Test
    void classAnnotations_visibleAtRunTime_modelClassMOrder() {
        assertNotNull(OrderEventDelegate.class.getAnnotation(EventTopicDelegate.class));
        assertEquals("", OrderEventDelegate.class.getAnnotation(EventTopicDelegate.class).filter());
        assertEquals(MOrder.class, OrderEventDelegate.class.getAnnotation(ModelEventTopic.class).modelClass());
        assertEquals(ModelEventDelegate.class, OrderEventDelegate.class.getSuperclass());
        assertTrue(!Modifier.isAbstract(OrderEventDelegate.class.getModifiers()));
    }

    @Test
    void constructor_exactlyMOrderAndEvent() throws Exception {
        assertTrue(Modifier.isPublic(OrderEventDelegate.class.getDeclaredConstructor(MOrder.class, Event.class).getModifiers()));
    }

    @Test
    void publicMethods_onlyAfterCompleteAndAfterVoid() {
        Map<String, String> handlers = new TreeMap<>();
        for (Method m : OrderEventDelegate.class.getMethods()) {
            if (m.getDeclaringClass() == Object.class) {
                continue;   // the JDK's own annotations on Object's methods
            }
            Arrays.stream(m.getAnnotations()).forEach(a -> {
                handlers.put(a.annotationType().getSimpleName(), m.getName());
                assertEquals(0, m.getParameterCount(), m.getName());
            });
        }
        assertEquals(Map.of("AfterComplete", "afterComplete", "AfterVoid", "afterVoid"), handlers);
        assertEquals(AfterComplete.class, annotationOf("afterComplete"));
        assertEquals(AfterVoid.class, annotationOf("afterVoid"));
    }

    @Test
    void manager_scansTheDelegatesPackage() {
        assertEquals(OrderEventDelegate.class.getPackageName(), OrderEventManager.DELEGATE_PACKAGE);
        assertEquals(AnnotationBasedEventManager.class, OrderEventManager.class.getSuperclass());
    }

    private static Class<?> annotationOf(String method) {
        try {
            return OrderEventDelegate.class.getMethod(method).getAnnotations()[0].annotationType();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
