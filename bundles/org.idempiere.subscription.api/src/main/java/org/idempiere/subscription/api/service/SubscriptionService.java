package org.idempiere.subscription.api.service;

import java.util.Optional;

/** Subscriptions and their lifecycle. Every change is written to the change log with its MRR. */
@org.osgi.annotation.versioning.ProviderType
public interface SubscriptionService {

    /** Validates, stores and activates a subscription; logs a NEW change with its MRR. */
    Subscription create(SubscriptionDraft draft);

    /** @return the subscription of the current tenant with that id */
    Optional<Subscription> find(long subscriptionId);

    /**
     * Closes an active subscription today (host clock); logs a CHURN change to zero MRR.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_STATE if it is not active
     */
    Subscription close(long subscriptionId, String reason);
}
