package org.idempiere.subscription.api.service;

import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;

/**
 * What a new template (plan) is made of.
 *
 * @param term  a fixed term; empty for open-ended subscriptions
 * @param lines default lines: a subscription of the plan created without lines of its own starts with these
 */
public record TemplateDraft(String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
        Optional<Term> term, List<LineDraft> lines) {

    public TemplateDraft {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** A template without default lines. */
    public TemplateDraft(String name, Optional<String> description, Recurrence recurrence, BillingTiming billing,
            Optional<Term> term) {
        this(name, description, recurrence, billing, term, List.of());
    }

    /** An open-ended template without default lines. */
    public TemplateDraft(String name, Optional<String> description, Recurrence recurrence, BillingTiming billing) {
        this(name, description, recurrence, billing, Optional.empty());
    }
}
