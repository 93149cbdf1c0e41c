package org.idempiere.subscription.core.internal.analytics.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.core.internal.store.Sql;

/**
 * A product's share of invoiced items, from the host's invoice lines (docs/analytics.md, "Revenue by segment"): an
 * item's share is the net of its invoice's lines of that product that pay for the item's days. Exact, not weighed: the
 * lines are what was invoiced.
 *
 * <ul>
 * <li>An adjustment item is one run of days of its adjustment invoice (decision 0038): its lines are those of exactly
 * its days.</li>
 * <li>A billing item's lines are its invoice's lines within its period. A consolidated invoice holds the lines of its
 * subscriptions one after another, in the order the items were written (the items' ids): the items take, in id order,
 * the next lines within their period until their net is reached (lines of 0.00 change nothing and are passed over).
 * Should the lines not add up so (an invoice changed in the host), each item gets its amount × the product's lines
 * within its days ÷ all lines within its days, rounded half up.</li>
 * <li>A reversal (decision 0057) takes the negated share of the item it reverses (same invoice, subscription and
 * days).</li>
 * </ul>
 */
final class ProductShares {
    private ProductShares() {
    }

    /** An item of an invoice: its days and net. */
    record Item(long id, long subscriptionId, LocalDate start, LocalDate end, BigDecimal amount) {
    }

    /**
     * @return the items with their amount replaced by the product's share; items whose share is 0 are left out
     */
    static List<Recognizable> of(Tx tx, Tenant t, Invoicing invoicing, List<Recognizable> items, long product) throws SQLException {
        Set<Long> invoices = new LinkedHashSet<>();
        items.forEach(i -> invoices.add(i.invoiceId()));
        if (invoices.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Item>> billing = new HashMap<>();
        Map<Long, List<Item>> adjustments = new HashMap<>();
        read(tx.connection(), t, invoices, billing, adjustments);
        Map<Long, InvoiceView> views = invoicing.findAll(tx, invoices);
        Map<Long, BigDecimal> periodShare = new HashMap<>();
        Map<Long, BigDecimal> adjustmentShare = new HashMap<>();
        Map<List<Object>, BigDecimal> byDays = new HashMap<>(); // [invoice, subscription, start, end] -> share, for reversals
        for (long invoice : invoices) {
            InvoiceView view = views.get(invoice);
            List<InvoiceView.Line> lines = view == null ? List.of()
                    : view.lines().stream().sorted(Comparator.comparingInt(InvoiceView.Line::line)).toList();
            Map<Long, BigDecimal> p = billingShares(billing.getOrDefault(invoice, List.of()), lines, product);
            periodShare.putAll(p);
            for (Item i : billing.getOrDefault(invoice, List.of())) {
                byDays.put(List.of(invoice, i.subscriptionId(), i.start(), i.end()), p.get(i.id()));
            }
            for (Item i : adjustments.getOrDefault(invoice, List.of())) {
                BigDecimal share = adjustmentShare(i, lines, product);
                adjustmentShare.put(i.id(), share);
                byDays.put(List.of(invoice, i.subscriptionId(), i.start(), i.end()), share);
            }
        }
        List<Recognizable> out = new ArrayList<>();
        for (Recognizable r : items) {
            BigDecimal share = switch (r.kind()) {
                case PERIOD -> periodShare.get(r.id());
                case ADJUSTMENT -> adjustmentShare.get(r.id());
                case REVERSAL -> {
                    BigDecimal reversed = byDays.get(List.of(r.invoiceId(), r.subscriptionId(), r.days().start(), r.days().end()));
                    yield reversed == null ? null : reversed.negate();
                }
            };
            if (share != null && share.signum() != 0) {
                out.add(new Recognizable(r.kind(), r.id(), r.subscriptionId(), r.invoiceId(), r.dateInvoiced(), r.days(),
                        share.setScale(Math.max(0, r.currency().getDefaultFractionDigits()), RoundingMode.HALF_UP), r.currency()));
            }
        }
        return out;
    }

    /** The billing items and the adjustment items (not reversals) of the invoices, each in id order. */
    private static void read(Connection c, Tenant t, Set<Long> invoices, Map<Long, List<Item>> billing,
            Map<Long, List<Item>> adjustments) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT 'P', C_Invoice_ID, SUB_BillingItem_ID, SUB_Subscription_ID, PeriodStart,"
                + " PeriodEnd, LineNetAmt FROM SUB_BillingItem WHERE AD_Client_ID = ? AND C_Invoice_ID = ANY (?)"
                + " UNION ALL SELECT 'A', C_Invoice_ID, SUB_AdjustmentItem_ID, SUB_Subscription_ID, PeriodStart, PeriodEnd, LineNetAmt"
                + " FROM SUB_AdjustmentItem WHERE AD_Client_ID = ? AND C_Invoice_ID = ANY (?) AND SUB_InvoiceReversal_ID IS NULL"
                + " ORDER BY 1, 2, 3", t.clientId(), c.createArrayOf("numeric", invoices.toArray()), t.clientId(),
                c.createArrayOf("numeric", invoices.toArray())); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Item i = new Item(rs.getLong(3), rs.getLong(4), Sql.date(rs, "PeriodStart"), Sql.date(rs, "PeriodEnd"), rs.getBigDecimal(7));
                ("P".equals(rs.getString(1)) ? billing : adjustments).computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(i);
            }
        }
    }

    /** An adjustment item's share: the invoice's lines of the product over exactly its days. */
    static BigDecimal adjustmentShare(Item item, List<InvoiceView.Line> lines, long product) {
        BigDecimal share = BigDecimal.ZERO;
        for (InvoiceView.Line l : lines) {
            if (l.productId() == product && item.start().equals(l.periodStart()) && item.end().equals(l.periodEnd())) {
                share = share.add(l.lineNet());
            }
        }
        return share;
    }

    /**
     * The billing items' shares of one invoice.
     *
     * @param items the invoice's billing items in id order
     * @param lines its lines in line order
     * @return by item id, the net of its lines of the product
     */
    static Map<Long, BigDecimal> billingShares(List<Item> items, List<InvoiceView.Line> lines, long product) {
        List<InvoiceView.Line> priced = lines.stream().filter(l -> l.lineNet().signum() != 0).toList();
        Map<Long, BigDecimal> out = new HashMap<>();
        int at = 0;
        boolean matched = true;
        for (Item i : items) {
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal share = BigDecimal.ZERO;
            while (at < priced.size() && sum.compareTo(i.amount()) != 0 && within(priced.get(at), i)) {
                InvoiceView.Line l = priced.get(at++);
                sum = sum.add(l.lineNet());
                share = l.productId() == product ? share.add(l.lineNet()) : share;
            }
            matched &= sum.compareTo(i.amount()) == 0;
            out.put(i.id(), share);
        }
        if (matched && at == priced.size()) {
            return out;
        }
        out.clear(); // lines that do not follow the items: each item by the proportion of the lines within its days
        for (Item i : items) {
            BigDecimal all = BigDecimal.ZERO;
            BigDecimal of = BigDecimal.ZERO;
            for (InvoiceView.Line l : priced) {
                if (within(l, i)) {
                    all = all.add(l.lineNet());
                    of = l.productId() == product ? of.add(l.lineNet()) : of;
                }
            }
            out.put(i.id(), all.signum() == 0 ? BigDecimal.ZERO.setScale(i.amount().scale())
                    : i.amount().multiply(of).divide(all, i.amount().scale(), RoundingMode.HALF_UP));
        }
        return out;
    }

    private static boolean within(InvoiceView.Line l, Item i) {
        return l.periodStart() != null && l.periodEnd() != null && !l.periodStart().isBefore(i.start()) && !l.periodEnd().isAfter(i.end());
    }
}
