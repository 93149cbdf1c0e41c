package org.idempiere.subscription.api.service;

import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;

/** What a new template (plan) is made of. */
public record TemplateDraft(String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
        Optional<Term> term) {

    /** An open-ended template. */
    public TemplateDraft(String name, Optional<String> description, Recurrence recurrence, BillingTiming billing) {
        this(name, description, recurrence, billing, Optional.empty());
    }
}
