package org.idempiere.subscription.sandbox.internal.host;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.InvoiceDraft;
import org.idempiere.subscription.api.host.InvoiceLineDraft;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.PostedInvoice;
import org.idempiere.subscription.api.host.TaxRate;
import org.idempiere.subscription.api.host.Taxes;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Invoices of the reference host, computed the way iDempiere computes a completed AR invoice:
 * the host recomputes each line's net amount (quantity x price actual, rounded half-up to the
 * currency's precision), looks up each line's tax rate, and taxes the sum of the lines per rate
 * once, rounded half-up (document-level tax, as {@code MInvoiceTax} does). Grand total = lines +
 * taxes. The invoice is written in the caller's transaction and numbered from a sequence.
 */
@Component(service = Invoicing.class)
public final class ReferenceInvoicing implements Invoicing {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private final Taxes taxes;

    @Activate
    public ReferenceInvoicing(@Reference Taxes taxes) {
        this.taxes = taxes;
    }

    @Override
    public PostedInvoice post(Tx tx, InvoiceDraft draft) {
        Connection c = tx.connection();
        long client = ReferenceHostContext.TENANT.clientId();
        int precision = Rows.first(c, "SELECT std_precision FROM sbx_currency WHERE c_currency_id = ?",
                rs -> rs.getInt(1), draft.currencyId())
                .orElseThrow(() -> SubscriptionException.hostFailure("Unknown currency " + draft.currencyId(), null));
        if (draft.lines().isEmpty()) {
            throw SubscriptionException.hostFailure("An invoice needs at least one line", null);
        }
        long invoiceId = Rows.nextId(c);
        String documentNo = "INV-" + Rows.first(c, "SELECT nextval('sbx_invoice_no_sq')", rs -> rs.getLong(1)).orElseThrow();

        Map<Long, TaxBase> perTax = new LinkedHashMap<>();
        BigDecimal totalLines = BigDecimal.ZERO;
        int lineNo = 0;
        List<Object[]> lineRows = new java.util.ArrayList<>();
        for (InvoiceLineDraft l : draft.lines()) {
            TaxRate rate = taxes.rateFor(tx, l.productId(), draft.billToLocationId(), draft.dateInvoiced())
                    .orElseThrow(() -> SubscriptionException.hostFailure("No tax rate applies to product " + l.productId()
                            + " billed to location " + draft.billToLocationId() + " on " + draft.dateInvoiced(), null));
            BigDecimal lineNet = l.quantity().multiply(l.priceActual()).setScale(precision, RoundingMode.HALF_UP);
            totalLines = totalLines.add(lineNet);
            perTax.merge(rate.id(), new TaxBase(rate.ratePercent(), lineNet), TaxBase::plus);
            lineNo += 10;
            lineRows.add(new Object[] {Rows.nextId(c), invoiceId, lineNo, l.productId(), l.quantity(), l.uomId(),
                    l.priceActual(), lineNet, rate.id(), rate.ratePercent(), l.period().start(), l.period().end(),
                    l.description()});
        }
        BigDecimal totalTax = BigDecimal.ZERO;
        Map<Long, BigDecimal> taxAmounts = new LinkedHashMap<>();
        for (Map.Entry<Long, TaxBase> e : perTax.entrySet()) {
            BigDecimal tax = e.getValue().taxable().multiply(e.getValue().rate()).divide(HUNDRED, precision, RoundingMode.HALF_UP);
            taxAmounts.put(e.getKey(), tax);
            totalTax = totalTax.add(tax);
        }
        BigDecimal grandTotal = totalLines.add(totalTax);
        Rows.update(c, "INSERT INTO sbx_invoice (c_invoice_id, ad_client_id, document_no, c_bpartner_id, c_bpartner_location_id,"
                + " c_currency_id, m_pricelist_id, date_invoiced, description, total_lines, total_tax, grand_total)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", invoiceId, client, documentNo, draft.customerId(),
                draft.billToLocationId(), draft.currencyId(), draft.priceListId(), draft.dateInvoiced(), draft.description(),
                totalLines, totalTax, grandTotal);
        for (Object[] row : lineRows) {
            Rows.update(c, "INSERT INTO sbx_invoiceline (c_invoiceline_id, c_invoice_id, line, m_product_id, qty, c_uom_id,"
                    + " price_actual, line_net, c_tax_id, tax_rate, period_start, period_end, description)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row);
        }
        for (Map.Entry<Long, TaxBase> e : perTax.entrySet()) {
            Rows.update(c, "INSERT INTO sbx_invoicetax (c_invoice_id, c_tax_id, rate, taxable_amt, tax_amt) VALUES (?, ?, ?, ?, ?)",
                    invoiceId, e.getKey(), e.getValue().rate(), e.getValue().taxable(), taxAmounts.get(e.getKey()));
        }
        return new PostedInvoice(invoiceId, documentNo, grandTotal);
    }

    @Override
    public Optional<InvoiceView> find(Tx tx, long invoiceId) {
        Connection c = tx.connection();
        List<InvoiceView.Line> lines = Rows.list(c, "SELECT line, m_product_id, qty, price_actual, line_net, tax_rate,"
                + " period_start, period_end FROM sbx_invoiceline WHERE c_invoice_id = ? ORDER BY line",
                rs -> new InvoiceView.Line(rs.getInt(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), Rows.date(rs, "period_start"), Rows.date(rs, "period_end")),
                invoiceId);
        return Rows.first(c, "SELECT i.c_invoice_id, i.document_no, i.date_invoiced, cur.iso_code, i.total_lines, i.total_tax,"
                + " i.grand_total FROM sbx_invoice i JOIN sbx_currency cur ON cur.c_currency_id = i.c_currency_id"
                + " WHERE i.ad_client_id = ? AND i.c_invoice_id = ?",
                rs -> new InvoiceView(rs.getLong(1), rs.getString(2), Rows.date(rs, "date_invoiced"), rs.getString(4).strip(),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), lines),
                ReferenceHostContext.TENANT.clientId(), invoiceId);
    }

    /** The lines taxed at one rate. */
    private record TaxBase(BigDecimal rate, BigDecimal taxable) {
        TaxBase plus(TaxBase other) {
            return new TaxBase(rate, taxable.add(other.taxable));
        }
    }
}
