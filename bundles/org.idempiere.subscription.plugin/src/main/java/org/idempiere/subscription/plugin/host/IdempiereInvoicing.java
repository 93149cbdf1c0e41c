package org.idempiere.subscription.plugin.host;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.stream.Collectors;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.model.MBPartner;
import org.compiere.model.MInvoice;
import org.compiere.model.MInvoiceLine;
import org.compiere.model.MPriceList;
import org.compiere.model.MTax;
import org.compiere.model.Query;
import org.compiere.process.DocAction;
import org.compiere.util.DB;
import org.compiere.util.Env;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.InvoiceDraft;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.PostedInvoice;
import org.idempiere.subscription.api.host.Tx;
import org.osgi.service.component.annotations.Component;

/**
 * AR invoices as iDempiere documents: an {@code MInvoice} of the tenant's AR Invoice document type
 * with one {@code MInvoiceLine} per draft line, completed with {@code processIt("CO")} in the
 * caller's transaction, in the subscription's organization, to its contact, with the price list's
 * {@code IsTaxIncluded}. iDempiere does the rest as for any invoice: tax per line from its tax
 * lookup, totals, payment schedule, and posting by the accounting processor. A refusal (no tax
 * rate, a price under the limit, a closed period ...) becomes a HOST_FAILURE with iDempiere's
 * message and rolls the caller's transaction back. Field values come from {@link InvoiceFields}.
 */
@Component(service = Invoicing.class)
public final class IdempiereInvoicing implements Invoicing {

    @Override
    public PostedInvoice post(Tx tx, InvoiceDraft draft) {
        String trxName = IdempiereTx.of(tx).trxName();
        Properties ctx = Env.getCtx();
        MPriceList priceList = MPriceList.get(ctx, Ids.require("priceListId", draft.priceListId()), trxName);
        if (priceList == null || priceList.get_ID() <= 0) {
            throw SubscriptionException.unknown("priceListId", draft.priceListId());
        }
        InvoiceFields fields = InvoiceFields.of(draft, Env.getAD_Org_ID(ctx),
                new InvoiceFields.PriceList(priceList.getC_Currency_ID(), priceList.isTaxIncluded()));
        InvoiceFields.Header h = fields.header();
        MBPartner partner = MBPartner.get(ctx, h.customerId(), trxName);
        if (partner == null) {
            throw SubscriptionException.unknown("customerId", draft.customerId());
        }
        try {
            MInvoice invoice = new MInvoice(ctx, 0, trxName);
            invoice.setAD_Org_ID(h.orgId());
            invoice.setC_DocTypeTarget_ID(CompletionCheck.AR_INVOICE);
            CompletionCheck.requireDocumentType(invoice.getC_DocTypeTarget_ID(), h.orgId());
            invoice.setBPartner(partner);
            invoice.setC_BPartner_Location_ID(h.billToLocationId());
            if (h.contactUserId() > 0) { // else setBPartner's choice: the partner's first contact
                invoice.setAD_User_ID(h.contactUserId());
            }
            invoice.setM_PriceList_ID(h.priceListId());
            invoice.setIsTaxIncluded(h.taxIncluded()); // setM_PriceList_ID copies only the currency
            invoice.setC_Currency_ID(h.currencyId());
            invoice.setDateInvoiced(h.dateInvoiced());
            invoice.setDateAcct(h.dateInvoiced());
            invoice.setDescription(h.description());
            // The subscription's own representative (from its order) wins over the partner's.
            int salesRep = h.salesRepId() > 0 ? h.salesRepId() : partner.getSalesRep_ID();
            if (salesRep > 0) {
                invoice.setSalesRep_ID(salesRep);
            }
            invoice.saveEx();
            for (InvoiceFields.Line l : fields.lines()) {
                addLine(ctx, trxName, invoice, h, l);
            }
            boolean completed = invoice.processIt(DocAction.ACTION_Complete);
            CompletionCheck.requireCompleted(invoice.getDocumentNo(), completed, invoice.getDocStatus(),
                    invoice.getProcessMsg());
            invoice.saveEx();
            return new PostedInvoice(invoice.getC_Invoice_ID(), invoice.getDocumentNo(), invoice.getGrandTotal());
        } catch (AdempiereException e) {
            throw SubscriptionException.hostFailure("iDempiere refused the invoice for customer " + draft.customerId()
                    + ": " + e.getLocalizedMessage(), e);
        }
    }

    /**
     * One line at the engine's price. iDempiere's pricing runs first ({@code setPrice(priceList,
     * partner)}) so the line has the list and limit prices and is marked as priced; then the
     * engine's price replaces the standard price. A credit line (negative price) skips that
     * pricing: its price limit stays unset, so {@code beforeSave} does not refuse it as under the
     * limit (decisions/0021). In another unit than the product's, quantity and
     * price are converted to the product's unit with the line's rate, which the engine took from
     * iDempiere's UoM conversion when the line was created ({@link InvoiceFields.Line#qtyInvoiced},
     * {@link InvoiceFields.Line#priceActual}): iDempiere's own conversion would round the price to
     * the unit's precision and change the line net.
     */
    private static void addLine(Properties ctx, String trxName, MInvoice invoice, InvoiceFields.Header h, InvoiceFields.Line l) {
        MInvoiceLine line = new MInvoiceLine(invoice);
        line.setM_Product_ID(l.productId(), l.uomId());
        line.setQty(l.qtyEntered());
        line.setQtyInvoiced(l.qtyInvoiced());
        if (l.pricedByHost()) { // not for a credit: its negative price is always under the limit (decisions/0021)
            line.setPrice(h.priceListId(), h.customerId());
        }
        line.setPriceEntered(l.priceEntered());
        line.setPriceActual(l.priceActual());
        line.setDescription(l.description());
        line.saveEx();
    }

    /** Completed or closed invoices of the tenant with a positive total that iDempiere does not mark paid ({@code IsPaid}). */
    @Override
    public java.util.Map<Long, java.time.LocalDate> unpaid(Tx tx, java.util.Collection<Long> invoiceIds) {
        java.util.Map<Long, java.time.LocalDate> out = new java.util.LinkedHashMap<>();
        java.util.List<Integer> ids = invoiceIds.stream().map(id -> Ids.lookup(id)).filter(java.util.OptionalInt::isPresent)
                .map(java.util.OptionalInt::getAsInt).toList();
        for (int from = 0; from < ids.size(); from += 500) { // bounded IN lists
            java.util.List<Integer> part = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            java.util.List<Object> params = new java.util.ArrayList<>();
            params.add(Env.getAD_Client_ID(Env.getCtx()));
            params.addAll(part);
            java.util.List<java.util.List<Object>> rows = DB.getSQLArrayObjectsEx(IdempiereTx.of(tx).trxName(),
                    "SELECT C_Invoice_ID, DateInvoiced FROM C_Invoice WHERE AD_Client_ID=? AND C_Invoice_ID IN (" + marks + ")"
                    + " AND IsPaid='N' AND DocStatus IN ('CO','CL') AND GrandTotal > 0", params.toArray());
            if (rows == null) { // release-12 answers null, not an empty list, when no row matches
                continue;
            }
            for (java.util.List<Object> row : rows) {
                out.put(((Number) row.get(0)).longValue(), Dates.toLocalDate((java.sql.Timestamp) row.get(1)));
            }
        }
        return out;
    }

    @Override
    public Optional<InvoiceView> find(Tx tx, long invoiceId) {
        Optional<MInvoice> found = ofTenant(tx, invoiceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(view(found.get(), java.util.Arrays.asList(found.get().getLines(false))));
    }

    /**
     * The invoices in two queries, as {@link #find} reads each: the tenant's headers
     * ({@code C_Invoice}), then all their lines ({@code C_InvoiceLine}, per invoice in the order
     * {@code MInvoice.getLines} keeps: line, then id).
     */
    @Override
    public Map<Long, InvoiceView> findAll(Tx tx, Collection<Long> invoiceIds) {
        Map<Long, InvoiceView> out = new HashMap<>();
        // ids of iDempiere's int range only (Ids.lookup), written as numbers: nothing of the caller's text reaches the SQL
        String in = invoiceIds.stream().map(Ids::lookup).filter(OptionalInt::isPresent).map(i -> String.valueOf(i.getAsInt()))
                .distinct().collect(Collectors.joining(","));
        if (in.isEmpty()) {
            return out;
        }
        Properties ctx = Env.getCtx();
        String trxName = IdempiereTx.of(tx).trxName();
        List<MInvoice> invoices = new Query(ctx, "C_Invoice", "C_Invoice_ID IN (" + in + ") AND AD_Client_ID=?", trxName)
                .setParameters(Env.getAD_Client_ID(ctx)).list();
        if (invoices.isEmpty()) {
            return out;
        }
        String found = invoices.stream().map(i -> String.valueOf(i.get_ID())).collect(Collectors.joining(","));
        List<MInvoiceLine> all = new Query(ctx, "C_InvoiceLine", "C_Invoice_ID IN (" + found + ")", trxName)
                .setOrderBy("C_Invoice_ID, Line, C_InvoiceLine_ID").list();
        Map<Integer, List<MInvoiceLine>> lines = new HashMap<>();
        for (MInvoiceLine l : all) {
            lines.computeIfAbsent(l.getC_Invoice_ID(), k -> new ArrayList<>()).add(l);
        }
        for (MInvoice i : invoices) {
            out.put((long) i.get_ID(), view(i, lines.getOrDefault(i.get_ID(), List.of())));
        }
        return out;
    }

    private static InvoiceView view(MInvoice invoice, List<MInvoiceLine> invoiceLines) {
        Properties ctx = Env.getCtx();
        List<InvoiceReadBack.LineValues> lines = new ArrayList<>();
        for (MInvoiceLine l : invoiceLines) {
            MTax tax = l.getC_Tax_ID() > 0 ? MTax.get(ctx, l.getC_Tax_ID()) : null;
            lines.add(new InvoiceReadBack.LineValues(l.getLine(), l.getM_Product_ID(), l.getQtyEntered(),
                    l.getPriceEntered(), l.getLineNetAmt(), tax == null ? null : tax.getRate(), l.getDescription()));
        }
        return InvoiceReadBack.view(invoice.get_ID(), invoice.getDocumentNo(), invoice.getDateInvoiced(),
                invoice.getCurrencyISO(), invoice.getTotalLines(), invoice.getGrandTotal(), lines);
    }

    /** The invoice through its print format ({@code MInvoice.createPDF}); the temporary file is removed. */
    @Override
    public Optional<byte[]> pdf(Tx tx, long invoiceId) {
        Optional<MInvoice> found = ofTenant(tx, invoiceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MInvoice invoice = found.get();
        java.io.File file = invoice.createPDF();
        if (file == null) {
            throw SubscriptionException.hostFailure("iDempiere could not print invoice " + invoiceId, null);
        }
        try {
            return Optional.of(java.nio.file.Files.readAllBytes(file.toPath()));
        } catch (java.io.IOException e) {
            throw SubscriptionException.hostFailure("Cannot read the PDF of invoice " + invoiceId + ": " + e.getMessage(), e);
        } finally {
            file.delete();
        }
    }

    /** The invoice with that id if it belongs to the current tenant; another tenant's is as absent as none. */
    private static Optional<MInvoice> ofTenant(Tx tx, long invoiceId) {
        OptionalInt id = Ids.lookup(invoiceId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Properties ctx = Env.getCtx();
        MInvoice invoice = new MInvoice(ctx, id.getAsInt(), IdempiereTx.of(tx).trxName());
        if (invoice.get_ID() != id.getAsInt() || invoice.getAD_Client_ID() != Env.getAD_Client_ID(ctx)) {
            return Optional.empty();
        }
        return Optional.of(invoice);
    }
}
