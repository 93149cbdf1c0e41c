package org.idempiere.subscription.api.host;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * An AR invoice the engine asks the host to create and complete; the host adds tax.
 *
 * @param salesRepId the subscription's sales representative ({@code SalesRep_ID}); empty lets
 *                   the host choose (in iDempiere, the business partner's)
 */
public record InvoiceDraft(long customerId, long billToLocationId, long currencyId, long priceListId,
        LocalDate dateInvoiced, String description, List<InvoiceLineDraft> lines, Optional<Long> salesRepId) {

    public InvoiceDraft {
        lines = List.copyOf(lines);
        salesRepId = salesRepId == null ? Optional.empty() : salesRepId;
    }

    /** An invoice without a sales representative of its own. */
    public InvoiceDraft(long customerId, long billToLocationId, long currencyId, long priceListId, LocalDate dateInvoiced,
            String description, List<InvoiceLineDraft> lines) {
        this(customerId, billToLocationId, currencyId, priceListId, dateInvoiced, description, lines, Optional.empty());
    }
}
