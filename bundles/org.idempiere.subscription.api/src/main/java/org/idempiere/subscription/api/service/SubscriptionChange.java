package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.idempiere.subscription.api.ChangeStatus;

/**
 * A stored change of a subscription: {@code SUB_Change}.
 *
 * @param effectiveDate       the day it takes (or took) effect
 * @param templateId          the plan it moves the subscription to, if any
 * @param adjustmentInvoiceId the invoice with the credits and charges for periods billed before
 *                            it was applied, if there were any
 * @param adjustmentNet       that invoice's net amount (negative: a credit); zero without one
 * @param description         what it did, or why it was cancelled
 */
public record SubscriptionChange(long id, long subscriptionId, LocalDate effectiveDate, ChangeStatus status,
        Optional<Long> templateId, Optional<Long> adjustmentInvoiceId, BigDecimal adjustmentNet, Optional<String> description) {
}
