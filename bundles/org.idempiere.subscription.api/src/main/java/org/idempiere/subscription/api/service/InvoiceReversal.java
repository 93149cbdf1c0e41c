package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What the engine recorded when one of its invoices was voided or reversed in the host: the
 * invoice's revenue reversed as of {@code date} (decision 0057). Immutable.
 *
 * @param invoiceId       the host's invoice ({@code C_Invoice_ID})
 * @param date            the reversal's day: from it on the invoice has no revenue
 * @param subscriptionIds the subscriptions whose periods or adjustments the invoice carried, ascending
 * @param currency        the invoice's currency (ISO 4217)
 * @param netReversed     the net revenue taken back: the negated net of the invoice's items
 * @param oneTimeReversed the part of {@code netReversed} that was one-time revenue (setup fees, adjustments)
 * @param alreadyRecorded true when an earlier call recorded this reversal: nothing was written now,
 *                        the figures are the ones recorded then
 */
public record InvoiceReversal(long invoiceId, LocalDate date, List<Long> subscriptionIds, String currency,
        BigDecimal netReversed, BigDecimal oneTimeReversed, boolean alreadyRecorded) {

    /** Copies {@code subscriptionIds}. */
    public InvoiceReversal {
        subscriptionIds = List.copyOf(subscriptionIds);
    }
}
