package org.idempiere.subscription.core.internal;

import java.util.Optional;
import org.idempiere.subscription.api.host.HostContext;

/** Reads the engine's settings from the host's own configuration ({@link HostContext#setting}); a bad value falls back to the default, logged. */
public final class HostSettings {
    private static final System.Logger LOG = System.getLogger(HostSettings.class.getName());

    private HostSettings() {
    }

    /** @return the setting as a whole number from {@code min} to {@code max}; {@code otherwise} when absent or out of range (logged) */
    public static int wholeNumber(HostContext host, String name, int otherwise, int min, int max) {
        Optional<String> value = host.setting(name).map(String::strip).filter(s -> !s.isEmpty());
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // logged below
        }
        LOG.log(System.Logger.Level.WARNING, name + " must be a whole number from " + min + " to " + max + ", not "
                + value.get() + ": " + otherwise + " applies");
        return otherwise;
    }
}
