package org.idempiere.subscription.api.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a new subscription is made of. The bill-to location and the price list default to the
 * customer's and the currency's.
 *
 * @param currency ISO 4217 code
 */
public record SubscriptionDraft(long templateId, long customerId, String currency, LocalDate startDate,
        Optional<String> description, List<LineDraft> lines) {

    public SubscriptionDraft {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
