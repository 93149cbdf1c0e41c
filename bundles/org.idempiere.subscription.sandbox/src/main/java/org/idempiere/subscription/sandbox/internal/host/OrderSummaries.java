package org.idempiere.subscription.sandbox.internal.host;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.OrderSummary;
import org.idempiere.subscription.api.host.TaxRate;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.api.host.Taxes.RateKey;

/**
 * A customer's orders and quotations of the reference host as the portal shows them. The
 * reference host stores no order totals, so they are computed here the way it computes an
 * invoice ({@link ReferenceInvoicing}): each line's net is quantity x discounted price, rounded
 * half-up to the currency's precision; tax per rate on the sum of its lines, at the rate of the
 * bill-to location's country on the document date. A line no rate applies to adds no tax.
 */
final class OrderSummaries {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private final ReferenceTaxes taxes;

    OrderSummaries(ReferenceTaxes taxes) {
        this.taxes = taxes;
    }

    /** An order's header, as read. */
    private record Head(long id, String documentNo, String subtype, String docStatus, LocalDate ordered,
            LocalDate validUntil, String currency, int scale, long locationId, boolean taxIncluded) {
    }

    /** A line, as read. */
    private record Row(long orderId, int line, long productId, String name, BigDecimal qty, BigDecimal price,
            BigDecimal discount, Long planId) {
    }

    /** The customer's documents, newest first; only {@code orderId} when given. */
    List<OrderSummary> of(Tx tx, long customerId, Optional<Long> orderId, int limit) {
        List<Head> heads = Rows.list(tx.connection(), "SELECT o.c_order_id, o.document_no, o.doc_subtype_so, o.doc_status,"
                + " o.date_ordered, o.valid_until, cur.iso_code, cur.std_precision, o.c_bpartner_location_id, pl.is_tax_included"
                + " FROM sbx_order o JOIN sbx_currency cur ON cur.c_currency_id = o.c_currency_id"
                + " JOIN sbx_pricelist pl ON pl.m_pricelist_id = o.m_pricelist_id"
                + " WHERE o.ad_client_id = ? AND o.c_bpartner_id = ? AND (CAST(? AS NUMERIC) IS NULL OR o.c_order_id = ?)"
                + " ORDER BY o.date_ordered DESC, o.c_order_id DESC LIMIT ?",
                rs -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Rows.date(rs, "date_ordered"),
                        Rows.date(rs, "valid_until"), rs.getString(7).strip(), rs.getInt(8), rs.getLong(9),
                        "Y".equals(rs.getString(10))),
                ReferenceHostContext.current().clientId(), customerId, orderId.orElse(null), orderId.orElse(null), limit);
        Map<Long, List<Row>> lines = lines(tx, heads);
        Map<RateKey, TaxRate> rates = taxes.rates(tx, heads.stream().flatMap(h -> lines.get(h.id()).stream()
                .map(l -> new RateKey(l.productId(), h.locationId(), h.ordered()))).distinct().toList());
        return heads.stream().map(h -> summary(h, lines.get(h.id()), rates)).toList();
    }

    private static Map<Long, List<Row>> lines(Tx tx, List<Head> heads) {
        Map<Long, List<Row>> out = new LinkedHashMap<>();
        heads.forEach(h -> out.put(h.id(), new ArrayList<>()));
        if (heads.isEmpty()) {
            return out;
        }
        try {
            Rows.list(tx.connection(), "SELECT l.c_order_id, l.line, l.m_product_id, p.name, l.qty, l.price_entered, l.discount,"
                    + " p.sub_template_id FROM sbx_orderline l JOIN sbx_product p ON p.m_product_id = l.m_product_id"
                    + " WHERE l.c_order_id = ANY (?) ORDER BY l.c_order_id, l.line",
                    rs -> new Row(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getBigDecimal(5),
                            rs.getBigDecimal(6), rs.getBigDecimal(7), Optional.ofNullable(rs.getBigDecimal(8))
                                    .map(BigDecimal::longValue).orElse(null)),
                    tx.connection().createArrayOf("numeric", out.keySet().toArray()))
                    .forEach(r -> out.get(r.orderId()).add(r));
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure("Reference host query failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static OrderSummary summary(Head h, List<Row> rows, Map<RateKey, TaxRate> rates) {
        List<OrderSummary.Line> lines = new ArrayList<>();
        Map<Long, BigDecimal> taxable = new LinkedHashMap<>();
        Map<Long, BigDecimal> ratePercent = new LinkedHashMap<>();
        BigDecimal totalLines = BigDecimal.ZERO;
        for (Row r : rows) {
            BigDecimal price = r.price().multiply(HUNDRED.subtract(r.discount())).divide(HUNDRED);
            BigDecimal net = r.qty().multiply(price).setScale(h.scale(), RoundingMode.HALF_UP);
            totalLines = totalLines.add(net);
            TaxRate rate = rates.get(new RateKey(r.productId(), h.locationId(), h.ordered()));
            if (rate != null) {
                taxable.merge(rate.id(), net, BigDecimal::add);
                ratePercent.put(rate.id(), rate.ratePercent());
            }
            lines.add(new OrderSummary.Line(r.line(), Optional.of(r.productId()), r.name(), r.qty(), price, net,
                    Optional.ofNullable(r.planId())));
        }
        BigDecimal tax = BigDecimal.ZERO;
        for (Map.Entry<Long, BigDecimal> e : taxable.entrySet()) {
            tax = tax.add(ReferenceInvoicing.tax(e.getValue(), ratePercent.get(e.getKey()), h.taxIncluded(), h.scale()));
        }
        BigDecimal grandTotal = h.taxIncluded() ? totalLines : totalLines.add(tax);
        return new OrderSummary(h.id(), h.documentNo(), kind(h.subtype()), true, status(h.docStatus()), h.ordered(),
                Optional.ofNullable(h.validUntil()), h.currency(), grandTotal, totalLines, lines);
    }

    /** The reference host's {@code doc_subtype_so}: OB a binding quotation, SO a standard order. */
    static OrderSummary.Kind kind(String docSubTypeSO) {
        return "OB".equals(docSubTypeSO) ? OrderSummary.Kind.QUOTATION : OrderSummary.Kind.ORDER;
    }

    static String subtype(OrderSummary.Kind kind) {
        return kind == OrderSummary.Kind.QUOTATION ? "OB" : "SO";
    }

    /** The reference host's document statuses: drafted, completed, voided. */
    static OrderSummary.Status status(String docStatus) {
        return switch (docStatus) {
            case "CO" -> OrderSummary.Status.COMPLETED;
            case "VO" -> OrderSummary.Status.VOIDED;
            default -> OrderSummary.Status.DRAFTED;
        };
    }
}
