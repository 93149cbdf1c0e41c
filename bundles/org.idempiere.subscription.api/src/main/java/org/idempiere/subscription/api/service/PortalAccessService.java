package org.idempiere.subscription.api.service;

import java.util.List;
import java.util.Optional;

/**
 * Access to the customer portal by secure link, without a password.
 *
 * <p>A <em>link</em> opens the portal for one customer (business partner) and, optionally, one of
 * its contacts. Its token carries 256 bits of randomness, is returned once when the link is issued
 * and kept only as a hash; it expires (a setting) and the seller can revoke it at once. Using a
 * link opens a <em>session</em> with a token of its own (the portal's cookie), also kept only as a
 * hash, which ends with its link, when it idles too long, or when the customer signs out. Tokens
 * are compared as hashes, in constant time.
 *
 * <p>Tokens are looked up across tenants (a link names its tenant); everything else acts for the
 * tenant of the current call, as the other services do.
 */
@org.osgi.annotation.versioning.ProviderType
public interface PortalAccessService {

    /**
     * Issues a new link for a customer, for {@code contactId} if given.
     *
     * @return the link, with its token (never shown again)
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN naming {@code customerId},
     *         or {@code contactId} for a contact that is not the customer's
     */
    PortalLink issueLink(long customerId, Optional<Long> contactId);

    /**
     * Issues a link and e-mails it to the contact (or the customer's address), in the contact's
     * language.
     *
     * @return the link issued (without its token)
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID naming {@code email} when
     *         neither has an e-mail address
     */
    PortalLink sendLink(long customerId, Optional<Long> contactId);

    /**
     * Someone asks for a new link for an e-mail address: when a contact (or customer) of any tenant
     * has it, a new link is e-mailed there. Answers nothing either way, so that the answer tells
     * nothing about which addresses are known; rate limits are the caller's.
     */
    void requestLink(String email);

    /**
     * Exchanges a link's token for a new session.
     *
     * @return empty for an unknown, expired or revoked token
     */
    Optional<PortalSession> openSession(String linkToken);

    /**
     * @return the session of a session token, its idle time restarted; empty for an unknown,
     *         ended or expired one (or one whose link was revoked)
     */
    Optional<PortalSession> session(String sessionToken);

    /** Ends a session (the customer signs out); an unknown token is ignored. */
    void endSession(String sessionToken);

    /** @return the customer's links, newest first, without their tokens */
    List<PortalLink> links(long customerId);

    /**
     * Revokes a link and ends its sessions at once.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN naming {@code linkId}
     */
    PortalLink revokeLink(long linkId);

    /** Revokes every link of a customer and ends their sessions. @return how many were revoked */
    int revokeAll(long customerId);
}
