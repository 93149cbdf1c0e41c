package org.idempiere.subscription.api.service;

import java.util.Objects;

/**
 * A change's preview page as the portal shows it: the customer's subscription and what the change
 * would cost, read together. Immutable.
 *
 * @param subscription the subscription as its own page shows it, before the change
 * @param preview      what the change would cost, as {@link CustomerPortalService#previewChange} answers it
 */
public record PortalChangePreview(PortalSubscription subscription, ChangePreview preview) {

    public PortalChangePreview {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(preview, "preview");
    }
}
