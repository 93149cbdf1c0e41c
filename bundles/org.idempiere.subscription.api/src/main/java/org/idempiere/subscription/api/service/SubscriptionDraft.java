package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a new subscription is made of. The bill-to location and the price list default to the
 * customer's and the currency's.
 *
 * @param currency        ISO 4217 code
 * @param lines           the subscription's lines; empty to start with the template's default lines
 * @param discountPercent a discount on every line, after the line's own (0 to 100)
 * @param overrides       settings other than the template's (recurrence, billing, term, alignment);
 *                        the subscription keeps its own copy, so later edits of the template do not move it
 */
public record SubscriptionDraft(long templateId, long customerId, String currency, LocalDate startDate,
        Optional<String> description, List<LineDraft> lines, BigDecimal discountPercent, SettingsOverride overrides) {

    public SubscriptionDraft {
        lines = lines == null ? List.of() : List.copyOf(lines);
        discountPercent = discountPercent == null ? BigDecimal.ZERO : discountPercent;
        overrides = overrides == null ? SettingsOverride.NONE : overrides;
    }

    /** A subscription scheduled as its template says. */
    public SubscriptionDraft(long templateId, long customerId, String currency, LocalDate startDate,
            Optional<String> description, List<LineDraft> lines, BigDecimal discountPercent) {
        this(templateId, customerId, currency, startDate, description, lines, discountPercent, SettingsOverride.NONE);
    }

    /** A subscription without a discount of its own. */
    public SubscriptionDraft(long templateId, long customerId, String currency, LocalDate startDate,
            Optional<String> description, List<LineDraft> lines) {
        this(templateId, customerId, currency, startDate, description, lines, BigDecimal.ZERO);
    }
}
