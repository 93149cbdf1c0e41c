package org.idempiere.subscription.api.service;

import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;

/**
 * A stored template (plan): {@code SUB_Template}.
 *
 * @param term  a fixed term; empty for open-ended subscriptions
 * @param lines the active default lines ({@code SUB_TemplateLine}) in line order
 */
public record Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
        Optional<Term> term, List<LineDraft> lines) {

    public Template {
        lines = List.copyOf(lines);
    }

    /** A template without default lines. */
    public Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
            Optional<Term> term) {
        this(id, name, description, recurrence, billing, term, List.of());
    }

    /** An open-ended template without default lines. */
    public Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing) {
        this(id, name, description, recurrence, billing, Optional.empty());
    }
}
