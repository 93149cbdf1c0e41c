package org.idempiere.subscription.api.host;

import java.util.Optional;

/** AR invoices of the host ({@code MInvoice}, {@code MInvoiceLine}, {@code processIt("CO")}). */
@org.osgi.annotation.versioning.ProviderType
public interface Invoicing {

    /**
     * Creates, taxes and completes an invoice in {@code tx}. It is committed or rolled back with
     * the rest of the transaction.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException HOST_FAILURE when the host
     *         refuses it (for example, no tax rate applies)
     */
    PostedInvoice post(Tx tx, InvoiceDraft draft);

    /** @return the invoice of the current tenant with that id */
    Optional<InvoiceView> find(Tx tx, long invoiceId);
}
