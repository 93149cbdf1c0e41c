package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An item behind a month of the revenue schedule, with its share of each of the month's figures.
 *
 * @param kind               {@code PERIOD} (a billing item: a service period invoiced),
 *                           {@code ADJUSTMENT} (days an adjustment invoice credited or charged) or
 *                           {@code REVERSAL} (an item of an invoice voided or reversed in the host,
 *                           negated; {@code dateInvoiced} is the reversal's day)
 * @param itemId             {@code SUB_BillingItem_ID} or {@code SUB_AdjustmentItem_ID}
 * @param amount             the item's net amount (negative for a credit)
 * @param invoicedInMonth    {@code amount} when the invoice is dated in the month, else 0
 * @param recognizedInMonth  the item's share of its days in the month
 * @param deferredEnd        its deferred revenue at the end of the month
 * @param unbilledEnd        its unbilled revenue at the end of the month
 */
public record RevenueItem(String kind, long itemId, long subscriptionId, long invoiceId, LocalDate dateInvoiced,
        LocalDate periodStart, LocalDate periodEnd, String currency, BigDecimal amount, BigDecimal invoicedInMonth,
        BigDecimal recognizedInMonth, BigDecimal deferredEnd, BigDecimal unbilledEnd) {
}
