package org.idempiere.subscription.api.host;

/**
 * E-mail of the host: iDempiere sends through the tenant's mail server ({@code MClient.createEMail},
 * {@code EMail.send}); the sandbox keeps what it sends in its mail drop.
 *
 * <p>Sending happens outside the billing transaction: the engine records the intent first (the
 * invoice e-mail outbox) and calls this after the invoice is committed, so no mail ever leaves
 * for an invoice that was rolled back. The call is made while the engine holds the outbox row's
 * lock (so two servers never send the same e-mail); the message itself is not transactional.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Mailer {

    /**
     * Sends one message now.
     *
     * @throws MailFailure when it was not sent, saying why; {@link MailFailure#permanent()} when
     *         trying again cannot help (an address the mail server refuses as invalid)
     */
    void send(OutgoingMail mail);
}
