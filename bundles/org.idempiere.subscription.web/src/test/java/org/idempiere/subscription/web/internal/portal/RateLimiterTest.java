package org.idempiere.subscription.web.internal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.idempiere.subscription.web.internal.ManualClock;
import org.junit.jupiter.api.Test;

/** Token buckets: a burst up to the capacity, then one request per refill interval, per key. */
class RateLimiterTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");


    @Test
    void tryAcquire_burstUpToCapacity_thenRefused() {
        RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1), 100, new ManualClock(T0));
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"), "a refused request takes no token and gives none back");
    }

    @Test
    void tryAcquire_keysHaveTheirOwnBuckets() {
        RateLimiter limiter = new RateLimiter(1, Duration.ofMinutes(1), 100, new ManualClock(T0));
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("b"));
    }

    @Test
    void tryAcquire_oneTokenComesBackPerInterval_neverAboveCapacity() {
        ManualClock clock = new ManualClock(T0);
        RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), 100, clock);
        limiter.tryAcquire("a");
        limiter.tryAcquire("a");
        clock.advance(Duration.ofSeconds(59));
        assertFalse(limiter.tryAcquire("a"));
        assertEquals(Duration.ofSeconds(1), limiter.retryAfter("a"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"));
        clock.advance(Duration.ofHours(5));
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"), "a long pause refills to the capacity, not beyond");
    }

    @Test
    void retryAfter_isZeroWhileTokensAreLeft() {
        RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), 100, new ManualClock(T0));
        assertEquals(Duration.ZERO, limiter.retryAfter("unknown"));
        limiter.tryAcquire("a");
        assertEquals(Duration.ZERO, limiter.retryAfter("a"));
    }

    @Test
    void tryAcquire_atMaxKeys_forgetsFullBucketsFirst_thenTheOldest() {
        ManualClock clock = new ManualClock(T0);
        RateLimiter limiter = new RateLimiter(1, Duration.ofMinutes(1), 3, clock);
        limiter.tryAcquire("a");
        limiter.tryAcquire("b");
        clock.advance(Duration.ofMinutes(1)); // a and b are full again
        limiter.tryAcquire("c");
        assertEquals(3, limiter.size());
        limiter.tryAcquire("d"); // a and b forgotten: they were full
        assertEquals(2, limiter.size());
        limiter.tryAcquire("e");
        limiter.tryAcquire("f"); // c, d, e are all empty: the oldest, c, goes
        assertEquals(3, limiter.size());
        assertTrue(limiter.tryAcquire("c"), "a forgotten key starts with a full bucket");
    }

    @Test
    void constructor_refusesNonPositiveSettings_namingThem() {
        ManualClock clock = new ManualClock(T0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, Duration.ofSeconds(1), 1, clock))
                .getMessage().startsWith("capacity"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, Duration.ZERO, 1, clock))
                .getMessage().startsWith("refillEvery"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, Duration.ofSeconds(1), 0, clock))
                .getMessage().startsWith("maxKeys"));
    }
}
