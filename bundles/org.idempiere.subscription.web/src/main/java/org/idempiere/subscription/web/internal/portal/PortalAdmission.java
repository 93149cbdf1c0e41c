package org.idempiere.subscription.web.internal.portal;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * How many page requests the portal handles at once, and how long one more waits for its turn
 * before it is answered 503 with {@code Retry-After} (framework properties {@value #PAGES}, default
 * {@value #DEFAULT_PAGES}, and {@value #WAIT_MILLIS}, default {@value #DEFAULT_WAIT_MILLIS} ms).
 * Under more requests than the host's database serves, a page waits a bounded time and the ones
 * that cannot be served are refused at once and visibly, instead of queuing for the host's own
 * wait for a connection (the sandbox's pool gives up after 30 s). Its static files are not counted.
 */
final class PortalAdmission {
    static final String PAGES = "subscriptions.portal.pagesAtOnce";
    static final String WAIT_MILLIS = "subscriptions.portal.pageWaitMillis";
    static final int DEFAULT_PAGES = 16;
    static final int DEFAULT_WAIT_MILLIS = 1000;

    private final Semaphore permits;
    private final long waitMillis;

    PortalAdmission(int pages, long waitMillis) {
        this.permits = new Semaphore(pages, true);
        this.waitMillis = waitMillis;
    }

    /**
     * @param properties the framework's properties
     * @throws IllegalArgumentException naming the property and its value when it is not a number from 1 to 1,000,000
     */
    static PortalAdmission of(Function<String, Optional<String>> properties) {
        return new PortalAdmission(PortalLimits.read(properties, PAGES, DEFAULT_PAGES),
                PortalLimits.read(properties, WAIT_MILLIS, DEFAULT_WAIT_MILLIS));
    }

    /**
     * Waits for the request's turn, at most the configured time.
     *
     * @return whether the request may be handled; then {@link #leave()} once it is answered
     */
    boolean enter() {
        try {
            return permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The request {@link #enter()} let in is answered. */
    void leave() {
        permits.release();
    }
}
