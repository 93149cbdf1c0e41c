package org.idempiere.subscription.web.internal.portal;

import java.util.Optional;
import java.util.function.Function;

/**
 * How many link requests and link openings the portal accepts from one client address before it
 * slows them down (the burst of a {@link RateLimiter}; then one a minute, and one every six
 * seconds). A server whose customers share one address (a company behind one gateway) may raise
 * them with the framework properties {@value #REQUESTS} and {@value #OPENS}. Per e-mail address the
 * limit is fixed: three, then one every ten minutes. Immutable.
 *
 * @param linkRequestsPerClient burst of link requests per client address
 * @param linkOpensPerClient    burst of link openings per client address
 */
record PortalLimits(int linkRequestsPerClient, int linkOpensPerClient) {
    static final String REQUESTS = "subscriptions.portal.linkRequestsPerClient";
    static final String OPENS = "subscriptions.portal.linkOpensPerClient";

    /**
     * @param properties the framework's properties
     * @throws IllegalArgumentException naming the property and its value when it is not a number from 1 to 1,000,000
     */
    static PortalLimits of(Function<String, Optional<String>> properties) {
        return new PortalLimits(read(properties, REQUESTS, 10), read(properties, OPENS, 20));
    }

    /** The property as a number from 1 to 1,000,000, else {@code standard} when it is not set. */
    static int read(Function<String, Optional<String>> properties, String name, int standard) {
        Optional<String> value = properties.apply(name);
        if (value.isEmpty()) {
            return standard;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= 1 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a number from 1 to 1000000: '" + value.get() + "'");
    }
}
