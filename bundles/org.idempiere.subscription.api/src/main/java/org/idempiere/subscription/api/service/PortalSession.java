package org.idempiere.subscription.api.service;

import java.time.Instant;
import java.util.Optional;
import org.idempiere.subscription.api.host.Tenant;

/**
 * A customer's session in the portal. Immutable.
 *
 * @param token      the session's secret token (the cookie's value), only when the session was
 *                   just opened; empty when it was looked up
 * @param csrfToken  the token every form of the session must send back (derived from the session,
 *                   never stored in clear)
 * @param tenant     the tenant the customer belongs to: every call of the session acts for it
 * @param linkId     the link that opened it
 * @param customerId the customer
 * @param contactId  the contact, if the link named one
 * @param language   the contact's (or customer's) language, an iDempiere language code
 * @param expiresAt  when it ends unless used again (idle timeout, never past its link's expiry)
 * @param customerName the customer's name, read with the customer when the session was found or
 *                   opened (so in this request: pages show it without reading the customer again)
 */
public record PortalSession(Optional<String> token, String csrfToken, Tenant tenant, long linkId, long customerId,
        Optional<Long> contactId, String language, Instant expiresAt, String customerName) {
}
