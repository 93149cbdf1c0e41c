package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.idempiere.subscription.api.ChangeType;

/**
 * One entry of the MRR ledger as analytics reads it: only what the figures are derived from.
 *
 * @param id             the entry's id; orders entries of one day (the ledger's append order)
 * @param subscriptionId the subscription
 * @param day            the entry's date ({@code DateTrx})
 * @param type           the movement the engine classified it as
 * @param mrrAfter       the subscription's MRR in {@code currencyId} after the entry
 * @param currencyId     the currency of {@code mrrAfter}
 * @param templateId     the plan after the entry; 0 when unknown (entries written before the column existed
 *                       are read with the subscription's current plan)
 * @param delinquent     a churn caused by failed payments
 */
public record LedgerRow(long id, long subscriptionId, LocalDate day, ChangeType type, BigDecimal mrrAfter, long currencyId,
        long templateId, boolean delinquent) {
}
