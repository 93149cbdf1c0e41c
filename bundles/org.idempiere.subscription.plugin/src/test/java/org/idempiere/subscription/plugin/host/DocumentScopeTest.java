package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DocumentScopeTest {
    private static final DocumentScope.Document ORDER = new DocumentScope.Document(1000100, 11, "POSave_1");

    @Test
    void run_scopeOnlyWhileTheWorkRuns() {
        assertEquals(Optional.empty(), DocumentScope.current());
        assertEquals("done", DocumentScope.run(ORDER, () -> {
            assertEquals(Optional.of(ORDER), DocumentScope.current());
            assertTrue(DocumentScope.isEventOf(1000100));
            assertFalse(DocumentScope.isEventOf(1000101));
            return "done";
        }));
        assertEquals(Optional.empty(), DocumentScope.current());
        assertFalse(DocumentScope.isEventOf(1000100));
    }

    /* MOrder.completeIt sets the definite document number in memory and saves it after the event. */
    @Test
    void eventOrder_theEventsInMemoryOrder_onlyForThatOrder() {
        OrderFacts inMemory = new OrderFacts(1000100, "SO-1042", 11, true, "SOO", "SO", "IP", 1000009, 1000012, 0, 1000009,
                1000012, 0, 1000001, 102, 0, null, java.time.LocalDate.of(2026, 3, 1), 0, java.util.List.of());
        DocumentScope.run(new DocumentScope.Document(1000100, 11, "POSave_1", inMemory), () -> {
            assertEquals(Optional.of(inMemory), DocumentScope.eventOrder(1000100));
            assertEquals(Optional.empty(), DocumentScope.eventOrder(1000090), "another order (its quotation) is read");
            return null;
        });
        DocumentScope.run(ORDER, () -> {
            assertEquals(Optional.empty(), DocumentScope.eventOrder(1000100), "a scope without the order's values");
            return null;
        });
        assertEquals(Optional.empty(), DocumentScope.eventOrder(1000100));
    }

    @Test
    void run_workThrows_scopeCleared() {
        assertThrows(IllegalStateException.class, () -> DocumentScope.run(ORDER, () -> {
            throw new IllegalStateException("engine failed");
        }));
        assertEquals(Optional.empty(), DocumentScope.current());
    }

    @Test
    void run_nested_innerWinsThenOuterRestored() {
        DocumentScope.Document quotation = new DocumentScope.Document(1000090, 11, "POSave_1");
        DocumentScope.run(ORDER, () -> {
            DocumentScope.run(quotation, () -> {
                assertEquals(Optional.of(quotation), DocumentScope.current());
                return null;
            });
            assertEquals(Optional.of(ORDER), DocumentScope.current());
            return null;
        });
    }

    @Test
    void run_otherThreadsUnaffected() throws Exception {
        DocumentScope.run(ORDER, () -> {
            assertEquals(Optional.empty(), CompletableFuture.supplyAsync(DocumentScope::current).join());
            return null;
        });
    }
}
