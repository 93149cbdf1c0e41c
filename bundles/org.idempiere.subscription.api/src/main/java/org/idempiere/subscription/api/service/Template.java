package org.idempiere.subscription.api.service;

import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;

/**
 * A stored template (plan): {@code SUB_Template}.
 *
 * @param term a fixed term; empty for open-ended subscriptions
 */
public record Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
        Optional<Term> term) {

    /** An open-ended template. */
    public Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing) {
        this(id, name, description, recurrence, billing, Optional.empty());
    }
}
