package org.idempiere.subscription.core.internal.billing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.host.InvoiceDraft;
import org.idempiere.subscription.api.host.InvoiceLineDraft;

/**
 * Consolidated billing: the invoices planned for one chunk merged into one per customer, bill-to
 * location, currency, price list, sales representative, organization, contact and invoice date, lines in planning order
 * (each line's description names its subscription and period).
 */
final class Consolidation {
    private Consolidation() {
    }

    private record Key(long customerId, long billToLocationId, long currencyId, long priceListId, LocalDate dateInvoiced,
            Optional<Long> salesRepId, Optional<Long> orgId, Optional<Long> contactUserId) {
    }

    /**
     * @param invoiceOf filled with, for each of {@code drafts}, the index of the merged invoice it went into
     * @return the merged invoices
     */
    static List<InvoiceDraft> merge(List<InvoiceDraft> drafts, int[] invoiceOf) {
        Map<Key, Integer> index = new LinkedHashMap<>();
        List<List<InvoiceLineDraft>> lines = new ArrayList<>();
        List<List<String>> sources = new ArrayList<>();
        List<InvoiceDraft> first = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            InvoiceDraft d = drafts.get(i);
            Key key = new Key(d.customerId(), d.billToLocationId(), d.currencyId(), d.priceListId(), d.dateInvoiced(), d.salesRepId(),
                    d.orgId(), d.contactUserId());
            Integer at = index.get(key);
            if (at == null) {
                at = first.size();
                index.put(key, at);
                first.add(d);
                lines.add(new ArrayList<>());
                sources.add(new ArrayList<>());
            }
            lines.get(at).addAll(d.lines());
            sources.get(at).add(d.description());
            invoiceOf[i] = at;
        }
        List<InvoiceDraft> out = new ArrayList<>(first.size());
        for (int g = 0; g < first.size(); g++) {
            InvoiceDraft d = first.get(g);
            String description = sources.get(g).size() == 1 ? d.description() : String.join(", ", sources.get(g));
            if (description.length() > 255) {
                description = description.substring(0, 252) + "...";
            }
            out.add(d.withLines(description, lines.get(g)));
        }
        return out;
    }
}
