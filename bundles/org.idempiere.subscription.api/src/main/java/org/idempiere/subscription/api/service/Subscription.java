package org.idempiere.subscription.api.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionStatus;

/**
 * A stored subscription: {@code SUB_Subscription} with its lines.
 *
 * @param description     free text, if any
 * @param nextInvoiceDate the day the next period will be invoiced; empty once closed
 * @param mrr             monthly recurring revenue, after discounts, without tax
 */
public record Subscription(long id, String documentNo, long templateId, long customerId, long billToLocationId,
        long priceListId, Optional<String> description, LocalDate startDate, Optional<LocalDate> nextInvoiceDate, SubscriptionStatus status,
        Optional<LocalDate> dateClosed, Optional<String> closeReason, Money mrr, List<SubscriptionLine> lines) {

    public Subscription {
        lines = List.copyOf(lines);
    }
}
