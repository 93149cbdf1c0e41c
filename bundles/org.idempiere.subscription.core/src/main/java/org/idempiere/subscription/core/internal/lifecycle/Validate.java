package org.idempiere.subscription.core.internal.lifecycle;

import java.math.BigDecimal;
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

    /** A number within [min, max], with {@code strictMin} excluding min itself. */
    static void range(String field, BigDecimal value, BigDecimal min, boolean strictMin, BigDecimal max) {
        if (value == null) {
            throw SubscriptionException.required(field);
        }
        int c = value.compareTo(min);
        if (c < 0 || (strictMin && c == 0)) {
            throw SubscriptionException.invalid(field, value.toPlainString(),
                    "must be " + (strictMin ? "greater than " : "at least ") + min.toPlainString());
        }
        if (max != null && value.compareTo(max) > 0) {
            throw SubscriptionException.invalid(field, value.toPlainString(), "must be at most " + max.toPlainString());
        }
    }
}
