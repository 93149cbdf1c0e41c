package org.idempiere.subscription.plugin.host;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compiere.model.X_C_DocType;
import org.compiere.util.Env;
import org.idempiere.subscription.api.host.OrderSummary;
import org.idempiere.subscription.api.host.Tx;

/**
 * A customer's sales orders and quotations as the portal lists them, read with two queries in the
 * caller's transaction (headers, then the lines of all of them) rather than a model per document.
 * Which documents and how they are shown: {@link OrderSummaryRules}. The document type is the
 * order's {@code C_DocType_ID}, else — while it is a draft that has not been prepared — its
 * {@code C_DocTypeTarget_ID}, as {@link IdempiereOrders#docType} takes it. Amounts are iDempiere's
 * own ({@code TotalLines}, {@code GrandTotal}, {@code LineNetAmt}); quantities and prices are as
 * entered ({@code QtyEntered}, {@code PriceEntered}, the net price in the line's unit). Names are
 * the product's (or charge's) base-language name; a comment line shows its description.
 */
final class OrderHistory {

    private OrderHistory() {
    }

    /** A header as read. */
    private record Head(long id, String documentNo, boolean soTrx, String docBaseType, String docSubTypeSO,
            String docStatus, java.time.LocalDate dateOrdered, String currency, BigDecimal grandTotal, BigDecimal totalLines) {
    }

    /**
     * @param orderId only this document, when given (then {@code limit} is 1)
     * @return the customer's listed documents in the context's tenant, newest first
     */
    static List<OrderSummary> of(Tx tx, long customerId, Optional<Long> orderId, int limit) {
        List<Head> heads = HostSql.list(tx, "Orders", "SELECT o.C_Order_ID, o.DocumentNo, o.IsSOTrx, dt.DocBaseType,"
                + " dt.DocSubTypeSO, o.DocStatus, o.DateOrdered, c.ISO_Code, o.GrandTotal, o.TotalLines FROM C_Order o"
                + " JOIN C_DocType dt ON dt.C_DocType_ID = (CASE WHEN o.C_DocType_ID > 0 THEN o.C_DocType_ID"
                + " ELSE o.C_DocTypeTarget_ID END)"
                + " JOIN C_Currency c ON c.C_Currency_ID = o.C_Currency_ID"
                + " WHERE o.AD_Client_ID = ? AND o.C_BPartner_ID = ? AND o.IsActive = 'Y' AND o.IsSOTrx = 'Y'"
                + " AND dt.DocBaseType = ? AND COALESCE(dt.DocSubTypeSO, '-') <> ?"
                + (orderId.isPresent() ? " AND o.C_Order_ID = ?" : "")
                + " ORDER BY o.DateOrdered DESC, o.C_Order_ID DESC LIMIT ?",
                rs -> new Head(rs.getLong(1), rs.getString(2), "Y".equals(rs.getString(3)), rs.getString(4), rs.getString(5),
                        rs.getString(6), Dates.toLocalDate(rs.getTimestamp(7)), rs.getString(8).strip(), rs.getBigDecimal(9),
                        rs.getBigDecimal(10)),
                params(Env.getAD_Client_ID(Env.getCtx()), customerId, orderId, limit));
        Map<Long, List<OrderSummary.Line>> lines = lines(tx, heads);
        List<OrderSummary> out = new ArrayList<>();
        for (Head h : heads) {
            OrderSummaryRules.kind(h.soTrx(), h.docBaseType(), h.docSubTypeSO()).ifPresent(kind -> out.add(new OrderSummary(
                    h.id(), h.documentNo(), kind, OrderSummaryRules.binding(h.docSubTypeSO()),
                    OrderSummaryRules.status(h.docStatus()), h.dateOrdered(), Optional.empty(), h.currency(), h.grandTotal(),
                    h.totalLines(), lines.get(h.id()))));
        }
        return out;
    }

    private static Object[] params(int client, long customerId, Optional<Long> orderId, int limit) {
        List<Object> p = new ArrayList<>(List.of(client, customerId, X_C_DocType.DOCBASETYPE_SalesOrder,
                X_C_DocType.DOCSUBTYPESO_ReturnMaterial));
        orderId.ifPresent(p::add);
        p.add(limit);
        return p.toArray();
    }

    private static Map<Long, List<OrderSummary.Line>> lines(Tx tx, List<Head> heads) {
        Map<Long, List<OrderSummary.Line>> out = new LinkedHashMap<>();
        heads.forEach(h -> out.put(h.id(), new ArrayList<>()));
        if (heads.isEmpty()) {
            return out;
        }
        String ids = String.join(", ", Collections.nCopies(heads.size(), "?"));
        HostSql.list(tx, "Order lines", "SELECT l.C_Order_ID, l.Line, l.M_Product_ID, COALESCE(p.Name, ch.Name, l.Description, ''),"
                + " l.QtyEntered, l.PriceEntered, l.LineNetAmt, p." + IdempiereOrders.SUBSCRIPTION_PRODUCT + ", p."
                + IdempiereOrders.SUBSCRIPTION_TEMPLATE + " FROM C_OrderLine l"
                + " LEFT JOIN M_Product p ON p.M_Product_ID = l.M_Product_ID"
                + " LEFT JOIN C_Charge ch ON ch.C_Charge_ID = l.C_Charge_ID"
                + " WHERE l.C_Order_ID IN (" + ids + ") AND l.IsActive = 'Y' ORDER BY l.C_Order_ID, l.Line",
                rs -> Map.entry(rs.getLong(1), new OrderSummary.Line(rs.getInt(2),
                        rs.getLong(3) > 0 ? Optional.of(rs.getLong(3)) : Optional.empty(), rs.getString(4), rs.getBigDecimal(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7), OrderSummaryRules.plan("Y".equals(rs.getString(8)), rs.getInt(9)))),
                heads.stream().map(Head::id).toArray())
                .forEach(e -> out.get(e.getKey()).add(e.getValue()));
        return out;
    }
}
