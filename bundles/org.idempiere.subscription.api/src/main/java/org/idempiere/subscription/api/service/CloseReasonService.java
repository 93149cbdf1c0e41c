package org.idempiere.subscription.api.service;

import java.util.List;
import java.util.Optional;

/** The tenant's configurable list of reasons subscriptions are closed for (churn reasons). */
@org.osgi.annotation.versioning.ProviderType
public interface CloseReasonService {

    /**
     * Adds a reason.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException REQUIRED or INVALID_VALUE for
     *         {@code name} (at most 60 characters), INVALID_STATE when the name is taken
     */
    CloseReason create(String name, Optional<String> description);

    /** @return the tenant's active reasons, by name */
    List<CloseReason> list();
}
