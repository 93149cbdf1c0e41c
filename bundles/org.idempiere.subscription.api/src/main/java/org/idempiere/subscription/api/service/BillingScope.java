package org.idempiere.subscription.api.service;

import java.util.Optional;

/**
 * Which due subscriptions a billing run bills: all of the tenant's, or only those of one
 * template (plan) and/or one organization; and whether it consolidates.
 *
 * @param consolidate one invoice per customer for the periods due the same day with the same
 *                    bill-to location, currency, price list and sales representative (within one
 *                    chunk of the run), instead of one invoice per subscription and period
 */
public record BillingScope(Optional<Long> templateId, Optional<Long> orgId, boolean consolidate) {
    /** Every due subscription of the tenant. */
    public static final BillingScope ALL = new BillingScope(Optional.empty(), Optional.empty());

    /** One invoice per subscription and period. */
    public BillingScope(Optional<Long> templateId, Optional<Long> orgId) {
        this(templateId, orgId, false);
    }

    /** @return this scope, consolidating */
    public BillingScope consolidated() {
        return new BillingScope(templateId, orgId, true);
    }
}
