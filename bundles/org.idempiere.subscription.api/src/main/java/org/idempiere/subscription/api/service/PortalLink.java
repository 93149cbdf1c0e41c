package org.idempiere.subscription.api.service;

import java.time.Instant;
import java.util.Optional;

/**
 * A link to the customer portal. Immutable.
 *
 * @param id         {@code SUB_PortalLink_ID}
 * @param customerId the customer it opens the portal for
 * @param contactId  the contact ({@code AD_User_ID}) it was issued to, if one
 * @param token      the secret token, only right after the link was issued; empty ever after
 * @param url        the address that opens the portal with the token, only with the token and when
 *                   the host knows the portal's address ({@code SUBSCRIPTIONS_PORTAL_URL})
 * @param createdAt  when it was issued
 * @param expiresAt  when it stops opening sessions
 * @param revokedAt  when the seller revoked it, if they did
 * @param lastUsedAt when it last opened a session
 */
public record PortalLink(long id, long customerId, Optional<Long> contactId, Optional<String> token, Optional<String> url,
        Instant createdAt,
        Instant expiresAt, Optional<Instant> revokedAt, Optional<Instant> lastUsedAt) {

    /** @return whether the link opens sessions at {@code now} */
    public boolean isActive(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }
}
