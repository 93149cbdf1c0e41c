package org.idempiere.subscription.api.host;

import java.time.LocalDate;
import java.util.List;

/** An AR invoice the engine asks the host to create and complete; the host adds tax. */
public record InvoiceDraft(long customerId, long billToLocationId, long currencyId, long priceListId,
        LocalDate dateInvoiced, String description, List<InvoiceLineDraft> lines) {

    public InvoiceDraft {
        lines = List.copyOf(lines);
    }
}
