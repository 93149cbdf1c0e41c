package org.idempiere.subscription.core.internal.analytics.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import org.idempiere.subscription.api.ServicePeriod;

/**
 * An invoiced amount recognized over its days: a billing item (a service period invoiced) or an
 * adjustment item (days an adjustment invoice credited or charged).
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
        ADJUSTMENT
    }
}
