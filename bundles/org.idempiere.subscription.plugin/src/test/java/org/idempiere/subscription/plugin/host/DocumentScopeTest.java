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
