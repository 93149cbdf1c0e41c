package org.idempiere.subscription.plugin.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.adempiere.base.annotation.EventTopicDelegate;
import org.adempiere.base.annotation.ModelEventTopic;
import org.adempiere.base.event.annotations.ModelEventDelegate;
import org.compiere.model.MAllocationHdr;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.plugin.host.DocumentScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/**
 * A completed allocation hands its invoices to the engine's {@link PaymentService#recover}: the
 * delegate has the shape iDempiere 12 looks for (as {@link OrderEventDelegateTest} checks for
 * orders), the lines' invoice ids are mapped to the call (none, zero, repeated), the call runs in
 * the allocation's transaction and organization, and the allocation never fails because of the
 * engine. The compile-only {@code MAllocationHdr} cannot be constructed, so the engine is a fake
 * recording its calls and the lines are given as the ids the delegate reads.
 */
class AllocationEventDelegateTest {
    private final List<String> calls = new ArrayList<>();
    private RuntimeException failure;
    private final PaymentService engine = (PaymentService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {PaymentService.class}, (proxy, method, args) -> {
                if (!method.getName().equals("recover")) {
                    throw new AssertionError("not to be called: " + method.getName());
                }
                @SuppressWarnings("unchecked")
                Collection<Long> ids = (Collection<Long>) args[0];
                calls.add("recover " + ids + " in " + DocumentScope.current().map(Object::toString).orElse("no scope"));
                if (failure != null) {
                    throw failure;
                }
                return ids.size();
            });

    @AfterEach
    void unbind() {
        AllocationRecovery.engineUnbound(engine);
    }

    @Test
    void delegate_isFoundForAllocations_afterCompleteOnly() throws Exception {
        assertNotNull(AllocationEventDelegate.class.getAnnotation(EventTopicDelegate.class));
        assertEquals(MAllocationHdr.class, AllocationEventDelegate.class.getAnnotation(ModelEventTopic.class).modelClass());
        assertEquals(ModelEventDelegate.class, AllocationEventDelegate.class.getSuperclass());
        assertTrue(Modifier.isPublic(AllocationEventDelegate.class.getDeclaredConstructor(MAllocationHdr.class, Event.class)
                .getModifiers()));
        Map<String, String> handlers = new TreeMap<>();
        for (Method m : AllocationEventDelegate.class.getMethods()) {
            if (m.getDeclaringClass() != Object.class) {
                Arrays.stream(m.getAnnotations()).forEach(a -> handlers.put(a.annotationType().getSimpleName(), m.getName()));
            }
        }
        assertEquals(Map.of("AfterComplete", "afterComplete"), handlers);
        assertEquals(OrderEventManager.DELEGATE_PACKAGE, AllocationEventDelegate.class.getPackageName(), "found by the manager's scan");
    }

    @Test
    void invoiceIds_ofTheLines_withoutZeroes_eachOnce_inLineOrder() {
        assertEquals(List.of(1000412L, 1000398L), AllocationRecovery.invoiceIds(new int[] {1000412, 0, 1000398, 1000412}));
        assertEquals(List.of(), AllocationRecovery.invoiceIds(new int[] {0, 0}), "a payment allocated to an order or a charge only");
        assertEquals(List.of(), AllocationRecovery.invoiceIds(new int[0]));
    }

    @Test
    void handle_callsTheEngine_inTheAllocationsTransactionAndOrganization() {
        AllocationRecovery.engineBound(engine);
        assertEquals(Optional.of(2), AllocationRecovery.handle(1000077, 11, List.of(1000412L, 1000398L), "Alloc_1"));
        assertEquals(List.of("recover [1000412, 1000398] in " + new DocumentScope.Document(0, 11, "Alloc_1")), calls);
        assertTrue(DocumentScope.current().isEmpty(), "the scope ends with the call");
    }

    @Test
    void handle_noInvoices_engineNotCalled() {
        AllocationRecovery.engineBound(engine);
        assertEquals(Optional.empty(), AllocationRecovery.handle(1000077, 11, List.of(), "Alloc_1"));
        assertEquals(List.of(), calls);
    }

    @Test
    void handle_engineNotRunning_allocationCompletes() {
        assertEquals(Optional.empty(), AllocationRecovery.handle(1000077, 11, List.of(1000412L), "Alloc_1"));
        assertEquals(List.of(), calls);
    }

    @Test
    void handle_engineFails_allocationCompletes_theSweepStopsTheDunningLater() {
        AllocationRecovery.engineBound(engine);
        failure = SubscriptionException.hostFailure("Database error: deadlock detected", null);
        assertEquals(Optional.empty(), AllocationRecovery.handle(1000077, 11, List.of(1000412L), "Alloc_1"));
        assertEquals(1, calls.size());
        assertTrue(DocumentScope.current().isEmpty());
    }

    @Test
    void unbindingAnotherEngine_keepsTheBoundOne() {
        AllocationRecovery.engineBound(engine);
        PaymentService other = (PaymentService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PaymentService.class}, (proxy, method, args) -> null);
        AllocationRecovery.engineUnbound(other);
        assertEquals(Optional.of(1), AllocationRecovery.handle(1000077, 11, List.of(1000412L), "Alloc_1"));
    }
}
