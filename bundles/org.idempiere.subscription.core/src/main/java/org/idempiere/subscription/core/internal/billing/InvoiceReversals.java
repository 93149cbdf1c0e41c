package org.idempiere.subscription.core.internal.billing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.InvoiceReversal;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.analytics.RevenueLog;
import org.idempiere.subscription.core.internal.store.Insert;
import org.idempiere.subscription.core.internal.store.ChangeLogStore;
import org.idempiere.subscription.core.internal.store.Sql;

/**
 * An invoice of the engine voided or reversed in the host (decision 0057): its revenue reversed as
 * of the reversal's day through the records revenue already reads, nothing else.
 *
 * <ul>
 * <li>per subscription of the invoice one {@code SUB_InvoiceReversal} row (the day, the net and
 * one-time revenue taken back): the record that makes a second call a no-op, and what
 * {@link RevenueLog#rebuild} reads;</li>
 * <li>per billing or adjustment item of the invoice one reversal item in {@code SUB_AdjustmentItem}
 * (the amount negated, the item's days, dated the reversal's day, pointing to its reversal row):
 * recognition takes back what the item recognized before that day and mirrors it after, so the
 * schedule, the balances, the drill-down and the GL booking follow without a case of their own;</li>
 * <li>net and one-time revenue lowered on the reversal's day ({@link RevenueLog}).</li>
 * </ul>
 *
 * Billing items stay: the periods remain billed (exactly-once billing is not reopened), MRR and
 * payments are not touched here (the host's reversal pays the invoice off, which stops its dunning).
 * The subscriptions are locked in id order first, so two calls for one invoice are serialized and
 * the second finds the first's rows.
 */
final class InvoiceReversals {
    private static final int MAX_DESCRIPTION = 255;

    private final HostContext host;
    private final CurrencyLookup currencies;
    private final RevenueLog revenueLog;

    InvoiceReversals(HostContext host, CurrencyLookup currencies) {
        this.host = host;
        this.currencies = currencies;
        this.revenueLog = new RevenueLog(host);
    }

    /** One item of the invoice: a billing item ({@code setupFee} its setup fees) or an adjustment item ({@code setupFee} unused). */
    private record Item(boolean period, long subscriptionId, LocalDate dateInvoiced, LocalDate start, LocalDate end,
            BigDecimal amount, BigDecimal setupFee, long currencyId) {

        BigDecimal oneTime() {
            return period ? setupFee : amount;     // a change's adjustment is one-time revenue as a whole (decision 0036)
        }
    }

    Optional<InvoiceReversal> reverse(long invoiceId, LocalDate date, String description) {
        if (date == null) {
            throw SubscriptionException.required("date");
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw SubscriptionException.invalid("description", description.substring(0, 40) + "…",
                    "is longer than " + MAX_DESCRIPTION + " characters");
        }
        return host.inTransaction(tx -> {
            Connection c = tx.connection();
            Tenant t = host.tenant();
            List<Item> items = items(c, t, invoiceId);
            if (items.isEmpty()) {
                return Optional.<InvoiceReversal>empty();
            }
            Map<Long, Long> plans = lockSubscriptions(c, t, items);
            String currency = currencies.resolver(tx).apply(items.get(0).currencyId()).getCurrencyCode();
            Optional<InvoiceReversal> recorded = recorded(c, t, invoiceId, currency);
            if (recorded.isPresent()) {
                return recorded;
            }
            // all items of an invoice have its date; items billed before 1.0.1 stand in with their period start: the latest counts
            LocalDate invoiced = items.stream().map(Item::dateInvoiced).max(LocalDate::compareTo).orElseThrow();
            if (date.isBefore(invoiced)) {
                throw SubscriptionException.invalid("date", date, "is before the date of invoice " + invoiceId + " (" + invoiced + ")");
            }
            return Optional.of(record(tx, t, invoiceId, date, description, items, plans, currency));
        });
    }

    private InvoiceReversal record(Tx tx, Tenant t, long invoiceId, LocalDate date, String description, List<Item> items,
            Map<Long, Long> plans, String currency) throws SQLException {
        Connection c = tx.connection();
        long currencyId = items.get(0).currencyId();
        Map<Long, List<Item>> bySubscription = new TreeMap<>();
        items.forEach(i -> bySubscription.computeIfAbsent(i.subscriptionId(), k -> new ArrayList<>()).add(i));
        long[] reversalIds = host.nextIds(tx, "SUB_InvoiceReversal", bySubscription.size());
        long[] itemIds = host.nextIds(tx, "SUB_AdjustmentItem", items.size());
        List<RevenueLog.Line> revenue = new ArrayList<>();
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal oneTime = BigDecimal.ZERO;
        int r = 0;
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO SUB_AdjustmentItem (SUB_AdjustmentItem_ID, SUB_AdjustmentItem_UU,"
                + " AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, SUB_Subscription_ID, C_Invoice_ID, DateInvoiced, PeriodStart,"
                + " PeriodEnd, LineNetAmt, C_Currency_ID, SUB_InvoiceReversal_ID, IsActive, Created, Updated)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Y', now(), now())")) {
            for (Map.Entry<Long, List<Item>> e : bySubscription.entrySet()) {
                long reversalId = reversalIds[r++];
                BigDecimal subNet = BigDecimal.ZERO;
                BigDecimal subOneTime = BigDecimal.ZERO;
                for (Item i : e.getValue()) {
                    subNet = subNet.add(i.amount());
                    subOneTime = subOneTime.add(i.oneTime());
                }
                Insert.into("SUB_InvoiceReversal", reversalId, t).set("SUB_Subscription_ID", e.getKey()).set("C_Invoice_ID", invoiceId)
                        .set("DateTrx", date).set("LineNetAmt", subNet.negate()).set("OneTimeAmt", subOneTime.negate())
                        .set("C_Currency_ID", currencyId).set("Description", description).execute(c);
                for (Item i : e.getValue()) {
                    Sql.bind(ps, itemIds[n++], java.util.UUID.randomUUID().toString(), t.clientId(), t.orgId(), t.userId(), t.userId(),
                            e.getKey(), invoiceId, date, i.start(), i.end(), i.amount().negate(), currencyId, reversalId);
                    ps.addBatch();
                    // under the plan of the days it reverses, where their revenue was counted (not the subscription's plan now)
                    revenue.add(new RevenueLog.Line(date, currencyId, planOn(c, t, e.getKey(), i.start()).orElse(plans.get(e.getKey())),
                            i.amount().negate(), i.oneTime().negate()));
                }
                net = net.add(subNet);
                oneTime = oneTime.add(subOneTime);
            }
            ps.executeBatch();
        }
        revenueLog.record(tx, revenue);
        return new InvoiceReversal(invoiceId, date, List.copyOf(bySubscription.keySet()), currency, net.negate(), oneTime.negate(),
                false);
    }

    /** The billing items and (not reversal) adjustment items of the invoice, by subscription. */
    private static List<Item> items(Connection c, Tenant t, long invoiceId) throws SQLException {
        List<Item> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT 'P', SUB_Subscription_ID, COALESCE(DateInvoiced, PeriodStart), PeriodStart,"
                + " PeriodEnd, LineNetAmt, SetupFeeAmt, C_Currency_ID FROM SUB_BillingItem WHERE AD_Client_ID = ? AND C_Invoice_ID = ?"
                + " UNION ALL SELECT 'A', SUB_Subscription_ID, DateInvoiced, PeriodStart, PeriodEnd, LineNetAmt, 0, C_Currency_ID"
                + " FROM SUB_AdjustmentItem WHERE AD_Client_ID = ? AND C_Invoice_ID = ? AND SUB_InvoiceReversal_ID IS NULL"
                + " ORDER BY 2, 1 DESC, 4", t.clientId(), invoiceId, t.clientId(), invoiceId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Item("P".equals(rs.getString(1)), rs.getLong(2), day(rs, 3), day(rs, 4),
                        day(rs, 5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getLong(8)));
            }
        }
        return out;
    }

    /** Locks the invoice's subscriptions in id order; @return the plan of each */
    private static Map<Long, Long> lockSubscriptions(Connection c, Tenant t, List<Item> items) throws SQLException {
        Map<Long, Long> out = new TreeMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT SUB_Subscription_ID, SUB_Template_ID FROM SUB_Subscription WHERE AD_Client_ID = ?"
                + " AND SUB_Subscription_ID = ANY(?) ORDER BY SUB_Subscription_ID FOR UPDATE", t.clientId(),
                c.createArrayOf("bigint", items.stream().map(Item::subscriptionId).distinct().toArray()));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** The plan in force on a day of a subscription (decision 0048's rule, {@link ChangeLogStore#planOn}). */
    private static Optional<Long> planOn(Connection c, Tenant t, long subscriptionId, LocalDate day) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT " + ChangeLogStore.planOn("?") + " FROM SUB_Subscription s"
                + " WHERE s.AD_Client_ID = ? AND s.SUB_Subscription_ID = ?", day, t.clientId(), subscriptionId);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    /** The reversal recorded by an earlier call, if any. */
    private static Optional<InvoiceReversal> recorded(Connection c, Tenant t, long invoiceId, String currency) throws SQLException {
        List<Long> subscriptions = new ArrayList<>();
        LocalDate date = null;
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal oneTime = BigDecimal.ZERO;
        try (PreparedStatement ps = Sql.prepare(c, "SELECT SUB_Subscription_ID, DateTrx, LineNetAmt, OneTimeAmt FROM SUB_InvoiceReversal"
                + " WHERE AD_Client_ID = ? AND C_Invoice_ID = ? ORDER BY SUB_Subscription_ID", t.clientId(), invoiceId);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                subscriptions.add(rs.getLong(1));
                date = day(rs, 2);
                net = net.add(rs.getBigDecimal(3));
                oneTime = oneTime.add(rs.getBigDecimal(4));
            }
        }
        return subscriptions.isEmpty() ? Optional.empty()
                : Optional.of(new InvoiceReversal(invoiceId, date, subscriptions, currency, net, oneTime, true));
    }

    private static LocalDate day(ResultSet rs, int column) throws SQLException {
        return rs.getTimestamp(column).toLocalDateTime().toLocalDate();
    }
}
