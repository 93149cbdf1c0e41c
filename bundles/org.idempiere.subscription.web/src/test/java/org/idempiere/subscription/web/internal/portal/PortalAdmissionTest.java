package org.idempiere.subscription.web.internal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PortalAdmissionTest {

    @Test
    void aRequestBeyondThePagesAtOnce_waitsTheBoundedTime_thenIsRefused() {
        PortalAdmission a = new PortalAdmission(2, 200);
        assertTrue(a.enter());
        assertTrue(a.enter());
        long start = System.nanoTime();
        assertFalse(a.enter(), "a third page while two are under way");
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= 190 && waited < 5_000, "waited " + waited + " ms");
        a.leave();
        assertTrue(a.enter(), "a page once one of the two is answered");
    }

    @Test
    void aWaitingRequest_getsTheTurnOfOneAnswered() throws Exception {
        PortalAdmission a = new PortalAdmission(1, 10_000);
        assertTrue(a.enter());
        CountDownLatch waiting = new CountDownLatch(1);
        boolean[] admitted = new boolean[1];
        Thread t = new Thread(() -> {
            waiting.countDown();
            admitted[0] = a.enter();
        });
        t.start();
        waiting.await();
        Thread.sleep(50);
        a.leave();
        t.join(5_000);
        assertTrue(admitted[0], "the waiting page went on when the first was answered");
    }

    @Test
    void theLimits_comeFromTheFrameworkProperties_orTheDefaults() {
        Map<String, String> set = Map.of(PortalAdmission.PAGES, "1", PortalAdmission.WAIT_MILLIS, "100");
        PortalAdmission a = PortalAdmission.of(k -> Optional.ofNullable(set.get(k)));
        assertTrue(a.enter());
        assertFalse(a.enter(), "one page at once");
        PortalAdmission standard = PortalAdmission.of(k -> Optional.empty());
        for (int i = 0; i < PortalAdmission.DEFAULT_PAGES; i++) {
            assertTrue(standard.enter(), "page " + (i + 1) + " of the default " + PortalAdmission.DEFAULT_PAGES);
        }
        assertFalse(standard.enter(), "a page beyond the default, after the default wait");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PortalAdmission.of(k -> PortalAdmission.WAIT_MILLIS.equals(k) ? Optional.of("soon") : Optional.empty()));
        assertEquals(PortalAdmission.WAIT_MILLIS + " must be a number from 1 to 1000000: 'soon'", e.getMessage());
    }
}
