package org.idempiere.subscription.sandbox.internal.host;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.api.host.Taxes.RateKey;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Invoices of the reference host, computed the way iDempiere computes a completed AR invoice:
 * the host recomputes each line's net amount (quantity x price actual, rounded half-up to the
 * currency's precision), looks up each line's tax rate, and taxes the sum of the lines per rate
 * once, rounded half-up (document-level tax, as {@code MInvoiceTax} does). Grand total = lines +
 * taxes. An invoice on a price list whose prices include tax ({@code is_tax_included}, iDempiere's
 * {@code M_PriceList.IsTaxIncluded}, copied to the invoice) has gross lines: the tax of each rate
 * is taken out of the sum of its lines as {@code MTax.calculateTax} does (amount - amount / (1 +
 * rate/100), the quotient to 12 decimals, the tax rounded half-up to the currency's precision),
 * the taxable amount is that sum less its tax, and the grand total is the total of the lines
 * (decisions/0022). The invoice records the draft's organization, contact and sales
 * representative. Invoices are written in the caller's transaction, numbered from a sequence, and
 * many at once in batches (one tax query, one id block, batched inserts).
 */
@Component(service = Invoicing.class)
public final class ReferenceInvoicing implements Invoicing {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private final ReferenceTaxes taxes;

    @Activate
    public ReferenceInvoicing(@Reference ReferenceTaxes taxes) {
        this.taxes = taxes;
    }

    @Override
    public PostedInvoice post(Tx tx, InvoiceDraft draft) {
        return postAll(tx, List.of(draft)).get(0);
    }

    /** The lines taxed at one rate. */
    private record TaxBase(BigDecimal rate, BigDecimal taxable) {
        TaxBase plus(TaxBase other) {
            return new TaxBase(rate, taxable.add(other.taxable));
        }
    }

    @Override
    public List<PostedInvoice> postAll(Tx tx, List<InvoiceDraft> drafts) {
        Connection c = tx.connection();
        long client = ReferenceHostContext.current().clientId();
        Map<Long, Integer> precision = new HashMap<>();
        List<RateKey> keys = new ArrayList<>(new LinkedHashSet<>(drafts.stream().flatMap(d -> d.lines().stream()
                .map(l -> new RateKey(l.productId(), d.billToLocationId(), d.dateInvoiced()))).toList()));
        Map<RateKey, TaxRate> rates = taxes.rates(tx, keys);
        int lineCount = drafts.stream().mapToInt(d -> d.lines().size()).sum();
        Map<Long, Boolean> taxIncluded = taxIncluded(c, client, drafts);
        long[] invoiceIds = Rows.ids(c, "sbx_id_sq", drafts.size());
        long[] lineIds = Rows.ids(c, "sbx_id_sq", lineCount);
        long[] numbers = Rows.ids(c, "sbx_invoice_no_sq", drafts.size());
        List<PostedInvoice> out = new ArrayList<>(drafts.size());
        try (PreparedStatement invoice = c.prepareStatement("INSERT INTO sbx_invoice (c_invoice_id, ad_client_id, document_no,"
                + " c_bpartner_id, c_bpartner_location_id, c_currency_id, m_pricelist_id, date_invoiced, description, total_lines,"
                + " total_tax, grand_total, is_tax_included, ad_org_id, ad_user_id, salesrep_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement line = c.prepareStatement("INSERT INTO sbx_invoiceline (c_invoiceline_id, c_invoice_id, line,"
                        + " m_product_id, qty, c_uom_id, price_actual, line_net, c_tax_id, tax_rate, period_start, period_end,"
                        + " description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement tax = c.prepareStatement("INSERT INTO sbx_invoicetax (c_invoice_id, c_tax_id, rate, taxable_amt,"
                        + " tax_amt) VALUES (?, ?, ?, ?, ?)")) {
            int nextLine = 0;
            for (int n = 0; n < drafts.size(); n++) {
                InvoiceDraft d = drafts.get(n);
                if (d.lines().isEmpty()) {
                    throw SubscriptionException.hostFailure("An invoice needs at least one line", null);
                }
                int scale = precision.computeIfAbsent(d.currencyId(), id -> Rows.first(c, "SELECT std_precision FROM sbx_currency"
                        + " WHERE c_currency_id = ?", rs -> rs.getInt(1), id).orElseThrow(
                                () -> SubscriptionException.hostFailure("Unknown currency " + id, null)));
                Map<Long, TaxBase> perTax = new LinkedHashMap<>();
                BigDecimal totalLines = BigDecimal.ZERO;
                int lineNo = 0;
                for (InvoiceLineDraft l : d.lines()) {
                    TaxRate rate = rates.get(new RateKey(l.productId(), d.billToLocationId(), d.dateInvoiced()));
                    if (rate == null) {
                        throw SubscriptionException.hostFailure("No tax rate applies to product " + l.productId()
                                + " billed to location " + d.billToLocationId() + " on " + d.dateInvoiced(), null);
                    }
                    BigDecimal lineNet = l.quantity().multiply(l.priceActual()).setScale(scale, RoundingMode.HALF_UP);
                    totalLines = totalLines.add(lineNet);
                    perTax.merge(rate.id(), new TaxBase(rate.ratePercent(), lineNet), TaxBase::plus);
                    lineNo += 10;
                    bind(line, lineIds[nextLine++], invoiceIds[n], lineNo, l.productId(), l.quantity(), l.uomId(),
                            l.priceActual(), lineNet, rate.id(), rate.ratePercent(), java.sql.Date.valueOf(l.period().start()),
                            java.sql.Date.valueOf(l.period().end()), l.description());
                    line.addBatch();
                }
                boolean included = taxIncluded.get(d.priceListId());
                BigDecimal totalTax = BigDecimal.ZERO;
                for (Map.Entry<Long, TaxBase> e : perTax.entrySet()) {
                    BigDecimal amount = tax(e.getValue().taxable(), e.getValue().rate(), included, scale);
                    totalTax = totalTax.add(amount);
                    BigDecimal taxable = included ? e.getValue().taxable().subtract(amount) : e.getValue().taxable();
                    bind(tax, invoiceIds[n], e.getKey(), e.getValue().rate(), taxable, amount);
                    tax.addBatch();
                }
                BigDecimal grandTotal = included ? totalLines : totalLines.add(totalTax);
                String documentNo = "INV-" + numbers[n];
                bind(invoice, invoiceIds[n], client, documentNo, d.customerId(), d.billToLocationId(), d.currencyId(),
                        d.priceListId(), java.sql.Date.valueOf(d.dateInvoiced()), d.description(), totalLines, totalTax, grandTotal,
                        included ? "Y" : "N", d.orgId().filter(id -> id > 0).orElse(ReferenceHostContext.current().orgId()),
                        d.contactUserId().orElse(null), d.salesRepId().orElse(null));
                invoice.addBatch();
                out.add(new PostedInvoice(invoiceIds[n], documentNo, grandTotal));
            }
            invoice.executeBatch();
            line.executeBatch();
            tax.executeBatch();
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure("Invoice insert failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The tax of {@code amount} at {@code ratePercent}, as iDempiere's {@code MTax.calculateTax}:
     * excluded, amount x rate/100; included, amount - amount / (1 + rate/100) with the quotient to
     * 12 decimals; rounded half-up to {@code scale}.
     */
    static BigDecimal tax(BigDecimal amount, BigDecimal ratePercent, boolean included, int scale) {
        BigDecimal multiplier = ratePercent.divide(HUNDRED, 12, RoundingMode.HALF_UP);
        if (!included) {
            return amount.multiply(multiplier).setScale(scale, RoundingMode.HALF_UP);
        }
        BigDecimal base = amount.divide(multiplier.add(BigDecimal.ONE), 12, RoundingMode.HALF_UP);
        return amount.subtract(base).setScale(scale, RoundingMode.HALF_UP);
    }

    /** Whether each draft's price list includes tax; a price list of no draft's tenant fails the whole batch. */
    private static Map<Long, Boolean> taxIncluded(Connection c, long client, List<InvoiceDraft> drafts) {
        Map<Long, Boolean> out = new HashMap<>();
        for (InvoiceDraft d : drafts) {
            if (!out.containsKey(d.priceListId())) {
                out.put(d.priceListId(), Rows.first(c, "SELECT is_tax_included FROM sbx_pricelist WHERE ad_client_id = ?"
                        + " AND m_pricelist_id = ?", rs -> "Y".equals(rs.getString(1)), client, d.priceListId())
                        .orElseThrow(() -> SubscriptionException.hostFailure("Unknown price list " + d.priceListId(), null)));
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }

    @Override
    public java.util.Map<Long, java.time.LocalDate> unpaid(Tx tx, java.util.Collection<Long> invoiceIds) {
        java.util.Map<Long, java.time.LocalDate> out = new java.util.LinkedHashMap<>();
        if (invoiceIds.isEmpty()) {
            return out;
        }
        try (java.sql.PreparedStatement ps = tx.connection().prepareStatement("SELECT c_invoice_id, date_invoiced FROM sbx_invoice"
                + " WHERE ad_client_id = ? AND c_invoice_id = ANY (?) AND is_paid = 'N' AND doc_status = 'CO' AND grand_total > 0"
                + " ORDER BY date_invoiced, c_invoice_id")) {
            ps.setLong(1, ReferenceHostContext.current().clientId());
            ps.setArray(2, tx.connection().createArrayOf("numeric", invoiceIds.toArray()));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getDate(2).toLocalDate());
                }
            }
        } catch (java.sql.SQLException e) {
            throw org.idempiere.subscription.api.SubscriptionException.hostFailure("Database error: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public Optional<InvoiceView> find(Tx tx, long invoiceId) {
        return Optional.ofNullable(findAll(tx, List.of(invoiceId)).get(invoiceId));
    }

    /** The invoices in two statements: their lines, then their headers (of the current tenant only). */
    @Override
    public Map<Long, InvoiceView> findAll(Tx tx, java.util.Collection<Long> invoiceIds) {
        Map<Long, InvoiceView> out = new HashMap<>();
        if (invoiceIds.isEmpty()) {
            return out;
        }
        Connection c = tx.connection();
        java.sql.Array ids = Rows.ids(c, invoiceIds);
        Map<Long, List<InvoiceView.Line>> lines = new HashMap<>();
        Rows.list(c, "SELECT c_invoice_id, line, m_product_id, qty, price_actual, line_net, tax_rate, period_start, period_end"
                + " FROM sbx_invoiceline WHERE c_invoice_id = ANY(?) ORDER BY c_invoice_id, line",
                rs -> lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new InvoiceView.Line(rs.getInt(2),
                        rs.getLong(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                        Rows.date(rs, "period_start"), Rows.date(rs, "period_end"))),
                ids);
        Rows.list(c, "SELECT i.c_invoice_id, i.document_no, i.date_invoiced, cur.iso_code, i.total_lines, i.total_tax,"
                + " i.grand_total FROM sbx_invoice i JOIN sbx_currency cur ON cur.c_currency_id = i.c_currency_id"
                + " WHERE i.ad_client_id = ? AND i.c_invoice_id = ANY(?)",
                rs -> out.put(rs.getLong(1), new InvoiceView(rs.getLong(1), rs.getString(2), Rows.date(rs, "date_invoiced"),
                        rs.getString(4).strip(), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                        lines.getOrDefault(rs.getLong(1), List.of()))),
                ReferenceHostContext.current().clientId(), ids);
        return out;
    }

    /** The reference host's printout: header, customer, one line per invoice line with its period, totals. */
    @Override
    public Optional<byte[]> pdf(Tx tx, long invoiceId) {
        return find(tx, invoiceId).map(inv -> {
            Connection c = tx.connection();
            String customer = Rows.first(c, "SELECT b.name FROM sbx_invoice i JOIN sbx_customer b ON b.c_bpartner_id = i.c_bpartner_id"
                    + " WHERE i.c_invoice_id = ?", rs -> rs.getString(1), invoiceId).orElse("");
            Map<Long, String> products = new HashMap<>(); // the lines' product names, in one statement
            Rows.list(c, "SELECT m_product_id, name FROM sbx_product WHERE m_product_id = ANY(?)",
                    rs -> products.put(rs.getLong(1), rs.getString(2)),
                    Rows.ids(c, inv.lines().stream().map(InvoiceView.Line::productId).distinct().toList()));
            List<String> lines = new ArrayList<>();
            lines.add("Invoice " + inv.documentNo());
            lines.add("Date: " + inv.dateInvoiced() + "    Currency: " + inv.currency());
            lines.add("Customer: " + customer);
            lines.add("");
            for (InvoiceView.Line l : inv.lines()) {
                String product = products.getOrDefault(l.productId(), String.valueOf(l.productId()));
                lines.add(l.line() + "  " + product + "  " + l.quantity().stripTrailingZeros().toPlainString() + " x "
                        + l.priceActual().toPlainString() + " = " + l.lineNet().toPlainString() + "  (VAT "
                        + l.taxRatePercent().stripTrailingZeros().toPlainString() + " %)");
                lines.add("     service period " + l.periodStart() + " to " + l.periodEnd());
            }
            lines.add("");
            lines.add("Total lines: " + inv.totalLines().toPlainString());
            lines.add("Tax: " + inv.totalTax().toPlainString());
            lines.add("Grand total: " + inv.grandTotal().toPlainString() + " " + inv.currency());
            return InvoicePdf.render(lines);
        });
    }
}
