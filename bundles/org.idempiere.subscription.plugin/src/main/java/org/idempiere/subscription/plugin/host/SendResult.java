package org.idempiere.subscription.plugin.host;

import org.compiere.util.EMail;
import org.idempiere.subscription.api.host.MailFailure;

/** What iDempiere's answers to sending an e-mail mean for the invoice e-mail outbox. */
final class SendResult {
    private SendResult() {
    }

    /**
     * {@code MClient.createEMail} gives no e-mail, or an invalid one, for an empty or malformed
     * recipient or a tenant without a valid request e-mail (From) address: trying again cannot help.
     *
     * @throws MailFailure permanent, unless {@code valid}
     */
    static void prepared(String to, boolean valid) {
        if (!valid) {
            throw new MailFailure("The e-mail to \"" + to + "\" could not be prepared: check the address and the tenant's"
                    + " request e-mail (From) and mail server settings", true);
        }
    }

    /**
     * {@code EMail.send} answers {@link EMail#SENT_OK}, or the mail server's error (a server down,
     * a timeout, a refusal): tried again later.
     *
     * @throws MailFailure passing, unless the answer is OK
     */
    static void sent(String answer) {
        if (!EMail.SENT_OK.equals(answer)) {
            throw new MailFailure("Mail server: " + (answer == null || answer.isBlank() ? "no answer" : answer), false);
        }
    }
}
