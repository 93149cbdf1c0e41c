package org.idempiere.subscription.api.host;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    /**
     * Creates, taxes and completes many invoices in {@code tx}, answering in the same order. A
     * failure on any of them fails the call (the caller's transaction is then rolled back). The
     * default posts them one by one; a host that can batch overrides it.
     */
    default List<PostedInvoice> postAll(Tx tx, List<InvoiceDraft> drafts) {
        List<PostedInvoice> out = new ArrayList<>(drafts.size());
        for (InvoiceDraft d : drafts) {
            out.add(post(tx, d));
        }
        return out;
    }

    /** @return the invoice of the current tenant with that id */
    Optional<InvoiceView> find(Tx tx, long invoiceId);

    /**
     * The invoices of the current tenant with those ids, at once (a page listing many); an id
     * without such an invoice is absent from the answer, as {@link #find} answers empty for it.
     * The default asks {@link #find} per id; a host that can answer in a few queries overrides it.
     */
    default Map<Long, InvoiceView> findAll(Tx tx, Collection<Long> invoiceIds) {
        return ManyAtOnce.each(invoiceIds, id -> find(tx, id));
    }

    /**
     * The invoice as the host prints it (in iDempiere, its print format via {@code createPDF}).
     *
     * @return the PDF document; empty for an invoice the current tenant does not have
     */
    Optional<byte[]> pdf(Tx tx, long invoiceId);

    /**
     * @return the invoices among {@code invoiceIds} (the current tenant's) that are completed and
     *         not paid in full, with their invoice dates; credits and zero invoices are never unpaid
     */
    java.util.Map<Long, java.time.LocalDate> unpaid(Tx tx, java.util.Collection<Long> invoiceIds);
}
