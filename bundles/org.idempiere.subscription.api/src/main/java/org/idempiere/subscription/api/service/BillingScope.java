package org.idempiere.subscription.api.service;

import java.util.Optional;

/**
 * Which due subscriptions a billing run bills: all of the tenant's, or only those of one
 * template (plan) and/or one organization.
 */
public record BillingScope(Optional<Long> templateId, Optional<Long> orgId) {
    /** Every due subscription of the tenant. */
    public static final BillingScope ALL = new BillingScope(Optional.empty(), Optional.empty());
}
