package org.idempiere.subscription.core.internal.access;

import java.time.Duration;
import java.util.Optional;
import org.idempiere.subscription.api.host.HostContext;

/** The portal's settings, read from the host each time (a change applies at once); a bad value falls back to the default, logged. */
public final class PortalSettings {
    /** Days a new link opens sessions: 1 to 365, default 30. */
    public static final String LINK_DAYS = "SUBSCRIPTIONS_PORTAL_LINK_DAYS";
    /** Minutes a session stays open without a request: 5 to 1440, default 60. */
    public static final String SESSION_MINUTES = "SUBSCRIPTIONS_PORTAL_SESSION_MINUTES";
    /** The portal's address as customers reach it, e.g. {@code https://billing.example.com/subscriptions/portal}. */
    public static final String URL = "SUBSCRIPTIONS_PORTAL_URL";
    private static final System.Logger LOG = System.getLogger(PortalSettings.class.getName());

    private final HostContext host;

    public PortalSettings(HostContext host) {
        this.host = host;
    }

    public Duration linkValidity() {
        return Duration.ofDays(number(LINK_DAYS, 30, 1, 365));
    }

    public Duration sessionIdle() {
        return Duration.ofMinutes(number(SESSION_MINUTES, 60, 5, 1440));
    }

    /** @return the portal's address without a trailing slash; empty when the host has none or a malformed one */
    public Optional<String> url() {
        Optional<String> url = host.setting(URL).map(String::strip).filter(s -> !s.isEmpty());
        if (url.isPresent() && !url.get().matches("https?://[^\\s/]+(/[^\\s?#]*)?")) {
            LOG.log(System.Logger.Level.WARNING, URL + " is not an http(s) address: " + url.get());
            return Optional.empty();
        }
        return url.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    }

    private int number(String name, int otherwise, int min, int max) {
        return org.idempiere.subscription.core.internal.HostSettings.wholeNumber(host, name, otherwise, min, max);
    }
}
