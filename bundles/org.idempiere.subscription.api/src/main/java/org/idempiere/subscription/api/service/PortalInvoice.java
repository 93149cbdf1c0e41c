package org.idempiere.subscription.api.service;

import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.host.InvoiceView;

/**
 * An invoice of a customer's subscriptions as the customer sees it. Immutable.
 *
 * @param invoice        the host's invoice
 * @param subscriptionId the subscription it bills (the first, for a consolidated invoice)
 * @param subscriptionNo that subscription's document number
 * @param open           what is still to be paid of it
 */
public record PortalInvoice(InvoiceView invoice, long subscriptionId, String subscriptionNo, Money open) {

    /** @return whether nothing is left to pay (a credit invoice is never to be paid) */
    public boolean isPaid() {
        return open.amount().signum() <= 0;
    }
}
