package org.idempiere.subscription.core.internal.lifecycle;

import org.idempiere.subscription.api.SubscriptionException;

/** Checks of caller input that several services share; each names the field and the value. */
final class Validate {
    private Validate() {
    }

    /** A text of at most {@code max} characters; blank counts as missing. */
    static void text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw SubscriptionException.required(field);
            }
            return;
        }
        if (value.length() > max) {
            throw SubscriptionException.invalid(field, value, "is longer than " + max + " characters");
        }
    }
}
