package org.idempiere.subscription.api.service;

import java.time.Instant;
import java.util.Optional;

/**
 * One invoice e-mail of the outbox ({@code SUB_InvoiceMail}): recorded with the invoice, in the
 * same transaction, and sent after it is committed.
 *
 * @param invoiceId the host invoice ({@code C_Invoice_ID}); one e-mail per invoice
 * @param to        the address it went to (or was last tried): the customer's e-mail, read when
 *                  it is sent; empty before the first attempt, or when the customer has none
 * @param status    PENDING until sent; SENT; FAILED when it cannot be sent (no or an invalid
 *                  address) or after the last attempt
 * @param attempts  how many times sending was tried
 * @param error     the last failure's reason, if any
 * @param sent      when it was sent, if it was
 */
public record InvoiceMail(long id, long subscriptionId, long invoiceId, Optional<String> to, MailStatus status, int attempts,
        Optional<String> error, Optional<Instant> sent) {

    /** Where an invoice e-mail stands ({@code SUB_InvoiceMail.MailStatus}). */
    public enum MailStatus implements org.idempiere.subscription.api.DictionaryCode {
        PENDING("P"), SENT("S"), FAILED("F");

        private final String code;

        MailStatus(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }
}
