package org.idempiere.subscription.api.host;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * An AR invoice the engine asks the host to create and complete; the host adds tax.
 *
 * @param salesRepId    the subscription's sales representative ({@code SalesRep_ID}); empty lets
 *                      the host choose (in iDempiere, the business partner's)
 * @param orgId         the subscription's organization ({@code AD_Org_ID}), which issues the
 *                      invoice (in iDempiere its bill-from location decides the tax, and its
 *                      calendar the open period); empty or 0 ({@code *}) lets the host choose (in
 *                      iDempiere, the organization of the context that runs billing)
 * @param contactUserId the subscription's contact ({@code AD_User_ID}) the invoice is addressed
 *                      to; empty lets the host choose (in iDempiere, the partner's first contact)
 */
public record InvoiceDraft(long customerId, long billToLocationId, long currencyId, long priceListId,
        LocalDate dateInvoiced, String description, List<InvoiceLineDraft> lines, Optional<Long> salesRepId,
        Optional<Long> orgId, Optional<Long> contactUserId) {

    public InvoiceDraft {
        lines = List.copyOf(lines);
        salesRepId = salesRepId == null ? Optional.empty() : salesRepId;
        orgId = orgId == null ? Optional.empty() : orgId;
        contactUserId = contactUserId == null ? Optional.empty() : contactUserId;
    }

    /** An invoice with a sales representative, in the organization and to the contact the host chooses. */
    public InvoiceDraft(long customerId, long billToLocationId, long currencyId, long priceListId, LocalDate dateInvoiced,
            String description, List<InvoiceLineDraft> lines, Optional<Long> salesRepId) {
        this(customerId, billToLocationId, currencyId, priceListId, dateInvoiced, description, lines, salesRepId,
                Optional.empty(), Optional.empty());
    }

    /** An invoice without a sales representative, organization or contact of its own. */
    public InvoiceDraft(long customerId, long billToLocationId, long currencyId, long priceListId, LocalDate dateInvoiced,
            String description, List<InvoiceLineDraft> lines) {
        this(customerId, billToLocationId, currencyId, priceListId, dateInvoiced, description, lines, Optional.empty());
    }

    /** @return this draft with other lines and description (the same customer, organization, contact ...) */
    public InvoiceDraft withLines(String newDescription, List<InvoiceLineDraft> newLines) {
        return new InvoiceDraft(customerId, billToLocationId, currencyId, priceListId, dateInvoiced, newDescription, newLines,
                salesRepId, orgId, contactUserId);
    }
}
