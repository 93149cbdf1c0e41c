package org.idempiere.subscription.api.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A change of an active subscription's lines or plan.
 *
 * @param effectiveDate the day it takes effect: today or later (default today); with a template
 *                      whose change timing is NEXT_PERIOD, the first period start on or after it
 * @param templateId    another plan; without line changes the lines are replaced by its default
 *                      lines (a plan with another recurrence: only so, from the next period, for an
 *                      open-ended subscription billed in advance)
 * @param lines         the line changes, applied in order
 */
public record ChangeDraft(Optional<LocalDate> effectiveDate, Optional<Long> templateId, List<LineChange> lines) {
    public ChangeDraft {
        effectiveDate = Objects.requireNonNullElse(effectiveDate, Optional.empty());
        templateId = Objects.requireNonNullElse(templateId, Optional.empty());
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
