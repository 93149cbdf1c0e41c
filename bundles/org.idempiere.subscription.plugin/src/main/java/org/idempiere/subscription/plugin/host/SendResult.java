package org.idempiere.subscription.plugin.host;

import org.compiere.util.EMail;
import org.idempiere.subscription.api.host.MailFailure;

/** What iDempiere's answers to sending an e-mail mean for the invoice e-mail outbox. */
final class SendResult {
    private SendResult() {
    }

    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /**
     * {@code MClient.createEMail} gives no e-mail, or an invalid one, for a malformed recipient
     * (trying again cannot help), or for a tenant whose request e-mail (From) or mail server is
     * not set up (passing: it can be fixed, and the next attempt uses the fixed settings).
     *
     * @throws MailFailure unless {@code valid}: permanent for a malformed {@code to}, else passing
     */
    static void prepared(String to, boolean valid) {
        if (valid) {
            return;
        }
        if (to == null || !ADDRESS.matcher(to).matches()) {
            throw new MailFailure("Invalid address \"" + to + "\": the e-mail could not be prepared", true);
        }
        throw new MailFailure("The e-mail to \"" + to + "\" could not be prepared: check the tenant's request e-mail (From)"
                + " and mail server settings", false);
    }

    /**
     * {@code EMail.send} answers {@link EMail#SENT_OK}, or the mail server's error: an answer that
     * lists invalid addresses (the server refused the recipient) fails for good; any other (a
     * server down, a timeout, wrong credentials of the tenant) is tried again later.
     *
     * @throws MailFailure unless the answer is OK
     */
    static void sent(String answer) {
        if (!EMail.SENT_OK.equals(answer)) {
            String text = answer == null || answer.isBlank() ? "no answer" : answer;
            // EMail.send reports a refused recipient as "(ME) - Invalid: <addresses> …" (SendFailedException)
            throw new MailFailure("Mail server: " + text, text.contains(" - Invalid: "));
        }
    }
}
