package org.idempiere.subscription.api.service;

import java.util.Objects;

/**
 * An invoice's printout as the portal serves it: the customer's invoice and the host's PDF of it,
 * read together. The PDF is the caller's own copy.
 *
 * @param invoice the invoice, as {@link CustomerPortalService#invoice} answers it
 * @param pdf     the host's printout, as {@link CustomerPortalService#invoicePdf} answers it
 */
public record PortalInvoicePdf(PortalInvoice invoice, byte[] pdf) {

    public PortalInvoicePdf {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(pdf, "pdf");
    }
}
