package org.idempiere.subscription.api.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.host.Tenant;

/**
 * Keys of the JSON API, per tenant (iDempiere: the Subscription API Key window). A key's secret
 * carries 256 random bits, is shown once when it is generated and kept only as its SHA-256; a key
 * acts for the tenant that generated it. Deactivating a key, or its expiry, revokes it at once.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ApiKeyService {

    /** A key just generated, with its secret (never shown again). */
    record Generated(ApiKey key, String secret) {
    }

    /**
     * Creates a key of the current tenant and generates its secret.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException naming {@code name} (required, at
     *         most 60 characters) or {@code validTo} (in the past)
     */
    Generated create(String name, Optional<Instant> validTo);

    /**
     * Generates a new secret for a key of the current tenant (the Generate Key button); the secret
     * generated before stops working at once.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN naming {@code keyId}
     */
    Generated regenerate(long keyId);

    /**
     * The tenant a presented key acts for: an active, unexpired key of any tenant with that
     * secret (compared by hash). Malformed keys are not looked up.
     *
     * @return empty for any other key
     */
    Optional<Tenant> authenticate(String presentedKey);

    /** @return the current tenant's keys, by name */
    List<ApiKey> list();

    /**
     * Deactivates a key of the current tenant: it opens nothing from now on.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN naming {@code keyId}
     */
    ApiKey revoke(long keyId);
}
