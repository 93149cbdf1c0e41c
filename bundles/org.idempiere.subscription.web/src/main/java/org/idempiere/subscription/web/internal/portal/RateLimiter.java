package org.idempiere.subscription.web.internal.portal;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets in memory, one per key (a client address, an e-mail address): each holds up to
 * {@code capacity} tokens, a request takes one, and one token comes back every
 * {@code refillEvery}. A key whose bucket is empty is refused until a token has come back.
 *
 * <p>At most {@code maxKeys} buckets are kept: when a new key would exceed that, full buckets are
 * forgotten first (they are what a new bucket would be), else the oldest. The limits hold per
 * server process; several servers each apply them. Thread-safe.
 */
public final class RateLimiter {
    private final int capacity;
    private final long refillNanos;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>();

    /**
     * The state of one key: its tokens as of {@code at} (nanoseconds on the clock), counted in
     * nanoseconds of refill ({@code refillNanos} make one token), so that no rounding creeps in.
     */
    private static final class Bucket {
        long credit;
        long at;

        Bucket(long credit, long at) {
            this.credit = credit;
            this.at = at;
        }
    }

    /**
     * @throws IllegalArgumentException naming the argument that is not positive
     */
    public RateLimiter(int capacity, Duration refillEvery, int maxKeys, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        if (refillEvery.isNegative() || refillEvery.isZero()) {
            throw new IllegalArgumentException("refillEvery must be positive: " + refillEvery);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1: " + maxKeys);
        }
        this.capacity = capacity;
        this.refillNanos = refillEvery.toNanos();
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Takes a token for the key. @return whether one was left (the request may go on) */
    public synchronized boolean tryAcquire(String key) {
        long now = nanos();
        Bucket b = buckets.get(key);
        if (b == null) {
            makeRoom(now);
            b = new Bucket(full(), now);
            buckets.put(key, b);
        }
        refill(b, now);
        if (b.credit >= refillNanos) {
            b.credit -= refillNanos;
            return true;
        }
        return false;
    }

    /** @return how long until the key has a token again (zero when it has one now) */
    public synchronized Duration retryAfter(String key) {
        Bucket b = buckets.get(key);
        if (b == null) {
            return Duration.ZERO;
        }
        refill(b, nanos());
        return Duration.ofNanos(Math.max(0, refillNanos - b.credit));
    }

    /** @return how many keys are remembered now */
    synchronized int size() {
        return buckets.size();
    }

    private void refill(Bucket b, long now) {
        if (now > b.at) {
            b.credit = Math.min(full(), b.credit + Math.min(full(), now - b.at));
            b.at = now;
        }
    }

    private long full() {
        return capacity * refillNanos;
    }

    private void makeRoom(long now) {
        if (buckets.size() < maxKeys) {
            return;
        }
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext();) {
            Bucket b = it.next();
            refill(b, now);
            if (b.credit >= full()) {
                it.remove();
            }
        }
        Iterator<String> oldest = buckets.keySet().iterator();
        while (buckets.size() >= maxKeys && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private long nanos() {
        return Duration.between(java.time.Instant.EPOCH, clock.instant()).toNanos();
    }
}
