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
 */
public record SubscriptionDraft(long templateId, long customerId, String currency, LocalDate startDate,
        Optional<String> description, List<LineDraft> lines, BigDecimal discountPercent) {

    public SubscriptionDraft {
        lines = lines == null ? List.of() : List.copyOf(lines);
        discountPercent = discountPercent == null ? BigDecimal.ZERO : discountPercent;
    }

    /** A subscription without a discount of its own. */
    public SubscriptionDraft(long templateId, long customerId, String currency, LocalDate startDate,
            Optional<String> description, List<LineDraft> lines) {
        this(templateId, customerId, currency, startDate, description, lines, BigDecimal.ZERO);
    }
}
