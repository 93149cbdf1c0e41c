package org.idempiere.subscription.core.internal.analytics.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import org.idempiere.subscription.api.ServicePeriod;

/**
 * An invoiced amount recognized over its days: a billing item (a service period invoiced), an
 * adjustment item (days an adjustment invoice credited or charged), or the reversal of either when
 * its invoice was voided or reversed in the host (decision 0057).
 *
 * @param amount net, at the currency's scale; negative for a credit
 */
public record Recognizable(Kind kind, long id, long subscriptionId, long invoiceId, LocalDate dateInvoiced,
        ServicePeriod days, BigDecimal amount, Currency currency) {

    /** Where the amount comes from. */
    public enum Kind {
        /** {@code SUB_BillingItem}. */
        PERIOD,
        /** {@code SUB_AdjustmentItem}. */
        ADJUSTMENT,
        /**
         * {@code SUB_AdjustmentItem} with a {@code SUB_InvoiceReversal_ID}: the negated amount of one
         * item of a voided or reversed invoice, over that item's days, dated the reversal's day. It
         * recognizes nothing before that day and from it on the mirror of the item's recognition, so
         * the months before the reversal keep their figures and the reversal's month takes back all
         * the item had recognized.
         */
        REVERSAL
    }
}
