package org.idempiere.subscription.plugin.host;

import org.compiere.util.EMail;
import org.idempiere.subscription.api.host.MailFailure;

/** What iDempiere's answers to sending an e-mail mean for the invoice e-mail outbox. */
final class SendResult {
    private SendResult() {
    }

    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** {@code EMail.send}'s answer when the message, the sender or the mail server is incomplete after the SMTP settings were applied. */
    static final String INVALID_DATA = "Invalid Data";

    /**
     * {@code MClient.createEMail} gives no e-mail only for an empty recipient. Whether an e-mail it
     * gives can be sent is not asked here: {@code EMail.isValid()} before sending reflects only the
     * tenant's own SMTP host, while {@code EMail.send} first applies the {@code AD_SMTP} record of the
     * sender, so a tenant set up with an SMTP record only would be refused although iDempiere would
     * send. {@link #sent} judges {@code send}'s answer instead.
     *
     * @throws MailFailure permanent, when there is no e-mail ({@code created} false)
     */
    static void prepared(String to, boolean created) {
        if (!created) {
            throw new MailFailure("Invalid address \"" + to + "\": the e-mail could not be prepared", true);
        }
    }

    /**
     * {@code EMail.send} answers {@link EMail#SENT_OK}, or why not: {@value #INVALID_DATA} when,
     * with the tenant's or the {@code AD_SMTP} settings applied, the recipient, the sender (the
     * tenant's request e-mail) or the mail server is missing or malformed: for good when the
     * recipient is malformed (trying again cannot help), else tried again (the settings can be
     * fixed, and the next attempt uses them); an answer of the server that lists invalid
     * addresses (it refused the recipient) fails for good; any other (a server down, a timeout,
     * wrong credentials of the tenant) is tried again later.
     *
     * @param to the recipient
     * @throws MailFailure unless the answer is OK
     */
    static void sent(String to, String answer) {
        if (EMail.SENT_OK.equals(answer)) {
            return;
        }
        if (INVALID_DATA.equals(answer)) {
            if (to == null || !ADDRESS.matcher(to).matches()) {
                throw new MailFailure("Invalid address \"" + to + "\": the e-mail could not be sent", true);
            }
            throw new MailFailure("The e-mail to \"" + to + "\" could not be sent: check the tenant's request e-mail (From)"
                    + " and its mail server settings (the tenant's SMTP host or an SMTP record for that sender)", false);
        }
        String text = answer == null || answer.isBlank() ? "no answer" : answer;
        // EMail.send reports a refused recipient as "(ME) - Invalid: <addresses> …" (SendFailedException)
        throw new MailFailure("Mail server: " + text, text.contains(" - Invalid: "));
    }
}
