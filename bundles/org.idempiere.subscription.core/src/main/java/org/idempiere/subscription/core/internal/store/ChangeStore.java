package org.idempiere.subscription.core.internal.store;

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
import org.idempiere.subscription.api.ChangeStatus;
import org.idempiere.subscription.api.DictionaryCode;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.SubscriptionChange;

/** {@code SUB_Change} and {@code SUB_ChangeLine}: changes of subscriptions, with the line changes they carry. */
public final class ChangeStore {
    private static final String SELECT = "SELECT SUB_Change_ID, SUB_Subscription_ID, ValidFrom, ChangeStatus, SUB_Template_ID,"
            + " C_Invoice_ID, LineNetAmt, Description FROM SUB_Change WHERE AD_Client_ID = ?";

    /** A stored change with its line changes in order. */
    public record Stored(SubscriptionChange change, List<LineChange> lines) {
    }

    /** Inserts a pending change and its line changes. */
    public void insert(Connection c, Tenant tenant, long id, long subscriptionId, LocalDate effective, Optional<Long> templateId,
            List<LineChange> lines, long[] lineIds) throws SQLException {
        Insert.into("SUB_Change", id, tenant)
                .set("SUB_Subscription_ID", subscriptionId)
                .set("ValidFrom", effective)
                .set("ChangeStatus", ChangeStatus.PENDING.code())
                .set("SUB_Template_ID", templateId)
                .set("LineNetAmt", BigDecimal.ZERO)
                .execute(c);
        for (int i = 0; i < lines.size(); i++) {
            Insert row = Insert.into("SUB_ChangeLine", lineIds[i], tenant).set("SUB_Change_ID", id).set("Line", (i + 1) * 10);
            LineChange change = lines.get(i);
            if (change instanceof LineChange.Add a) {
                LineDraft d = a.line();
                row.set("ChangeAction", "AD").set("M_Product_ID", d.productId()).set("QtyEntered", d.quantity())
                        .set("IsManualPrice", d.unitPrice().isPresent() ? "Y" : "N").set("PriceEntered", d.unitPrice())
                        .set("Discount", d.discountPercent()).set("IsSetupFee", d.setupFee() ? "Y" : "N")
                        .set("C_UOM_ID", d.uomId());
            } else if (change instanceof LineChange.Update u) {
                row.set("ChangeAction", "UP").set("SUB_SubscriptionLine_ID", u.lineId()).set("QtyEntered", u.quantity())
                        .set("IsManualPrice", u.unitPrice().isPresent() ? "Y" : "N").set("PriceEntered", u.unitPrice())
                        .set("Discount", u.discountPercent());
            } else if (change instanceof LineChange.Remove r) {
                row.set("ChangeAction", "RM").set("SUB_SubscriptionLine_ID", r.lineId());
            }
            row.execute(c);
        }
    }

    /** @return the changes of a subscription, by effective date */
    public List<SubscriptionChange> ofSubscription(Connection c, Tenant tenant, long subscriptionId) throws SQLException {
        return read(c, SELECT + " AND SUB_Subscription_ID = ? ORDER BY ValidFrom, SUB_Change_ID", tenant.clientId(), subscriptionId);
    }

    /** @return the subscription's pending changes, in the order they apply (by day, then as requested) */
    public List<SubscriptionChange> pendingOf(Connection c, Tenant tenant, long subscriptionId) throws SQLException {
        return read(c, SELECT + " AND SUB_Subscription_ID = ? AND ChangeStatus = 'P' ORDER BY ValidFrom, SUB_Change_ID",
                tenant.clientId(), subscriptionId);
    }

    /**
     * The pending changes of many subscriptions in one statement (a page previewing several
     * invoices), each subscription's in the order they apply; one without any is absent.
     */
    public Map<Long, List<SubscriptionChange>> pendingOf(Connection c, Tenant tenant, java.util.Collection<Long> subscriptionIds)
            throws SQLException {
        Map<Long, List<SubscriptionChange>> out = new java.util.HashMap<>();
        if (subscriptionIds.isEmpty()) {
            return out;
        }
        for (SubscriptionChange ch : read(c, SELECT + " AND SUB_Subscription_ID = ANY(?) AND ChangeStatus = 'P'"
                + " ORDER BY SUB_Subscription_ID, ValidFrom, SUB_Change_ID", tenant.clientId(),
                c.createArrayOf("numeric", subscriptionIds.toArray()))) {
            out.computeIfAbsent(ch.subscriptionId(), k -> new ArrayList<>()).add(ch);
        }
        return out;
    }

    /** A pending change that is due, and its subscription. */
    public record Due(long changeId, long subscriptionId) {
    }

    /** Pending changes due on or before {@code asOf} for subscriptions in {@code scope}, by day. */
    public List<Due> due(Connection c, Tenant tenant, LocalDate asOf, BillingScope scope) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ch.SUB_Change_ID, ch.SUB_Subscription_ID FROM SUB_Change ch JOIN SUB_Subscription s"
                + " ON s.SUB_Subscription_ID = ch.SUB_Subscription_ID AND s.AD_Client_ID = ch.AD_Client_ID WHERE ch.AD_Client_ID = ? AND ch.ChangeStatus = 'P'"
                + " AND ch.ValidFrom <= ?");
        List<Object> params = new ArrayList<>(List.of(tenant.clientId(), asOf));
        Sql.scope(sql, params, scope);
        sql.append(" ORDER BY ch.ValidFrom, ch.SUB_Change_ID");
        List<Due> due = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql.toString(), params.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                due.add(new Due(rs.getLong(1), rs.getLong(2)));
            }
        }
        return due;
    }

    /**
     * Locks a pending change for applying it; empty when it is no longer pending or another
     * transaction holds it (another runner applies it).
     */
    public Optional<Stored> lockPending(Connection c, Tenant tenant, long changeId) throws SQLException {
        Optional<SubscriptionChange> change = read(c, SELECT + " AND SUB_Change_ID = ? AND ChangeStatus = 'P'"
                + " FOR UPDATE SKIP LOCKED", tenant.clientId(), changeId).stream().findFirst();
        return withLines(c, tenant, change);
    }

    /** @return a change with its line changes, not locked */
    public Optional<Stored> stored(Connection c, Tenant tenant, long changeId) throws SQLException {
        return withLines(c, tenant, read(c, SELECT + " AND SUB_Change_ID = ?", tenant.clientId(), changeId).stream().findFirst());
    }

    /** @return the subscription's last applied change (by id), with its line changes */
    public Optional<Stored> lastApplied(Connection c, Tenant tenant, long subscriptionId) throws SQLException {
        return withLines(c, tenant, read(c, SELECT + " AND SUB_Subscription_ID = ? AND ChangeStatus = 'A'"
                + " ORDER BY SUB_Change_ID DESC LIMIT 1", tenant.clientId(), subscriptionId).stream().findFirst());
    }

    private static Optional<Stored> withLines(Connection c, Tenant tenant, Optional<SubscriptionChange> change) throws SQLException {
        return change.isEmpty() ? Optional.empty() : Optional.of(new Stored(change.get(), linesOf(c, tenant, change.get().id())));
    }

    private static List<LineChange> linesOf(Connection c, Tenant tenant, long changeId) throws SQLException {
        List<LineChange> lines = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT ChangeAction, SUB_SubscriptionLine_ID, M_Product_ID, QtyEntered,"
                + " IsManualPrice, PriceEntered, Discount, IsSetupFee, C_UOM_ID FROM SUB_ChangeLine WHERE AD_Client_ID = ?"
                + " AND SUB_Change_ID = ? ORDER BY Line", tenant.clientId(), changeId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Optional<BigDecimal> price = "Y".equals(rs.getString("IsManualPrice"))
                        ? Optional.of(rs.getBigDecimal("PriceEntered")) : Optional.empty();
                Optional<BigDecimal> qty = Optional.ofNullable(rs.getBigDecimal("QtyEntered"));
                Optional<BigDecimal> discount = Optional.ofNullable(rs.getBigDecimal("Discount"));
                lines.add(switch (rs.getString("ChangeAction")) {
                    case "AD" -> {
                        long uom = rs.getLong("C_UOM_ID");
                        Optional<Long> uomId = rs.wasNull() ? Optional.empty() : Optional.of(uom);
                        yield new LineChange.Add(new LineDraft(rs.getLong("M_Product_ID"), qty.orElseThrow(), price,
                                discount.orElse(BigDecimal.ZERO), "Y".equals(rs.getString("IsSetupFee")), uomId));
                    }
                    case "UP" -> new LineChange.Update(rs.getLong("SUB_SubscriptionLine_ID"), qty, price, discount);
                    case "RM" -> new LineChange.Remove(rs.getLong("SUB_SubscriptionLine_ID"));
                    default -> throw new SQLException("Unknown ChangeAction " + rs.getString("ChangeAction"));
                });
            }
        }
        return lines;
    }

    /**
     * Marks a change applied or cancelled, with its adjustment invoice and what happened; a
     * cancelled change of recurrence no longer stops its subscription's billing.
     */
    public void finish(Connection c, Tenant tenant, long changeId, ChangeStatus status, Long invoiceId, BigDecimal net,
            String description) throws SQLException {
        if (status != ChangeStatus.PENDING) { // applied (the switch cleared it already) or cancelled
            Sql.update(c, "UPDATE SUB_Subscription s SET RecurrenceChangeDate = NULL FROM SUB_Change ch WHERE ch.AD_Client_ID = ?"
                    + " AND ch.SUB_Change_ID = ? AND s.AD_Client_ID = ch.AD_Client_ID AND s.SUB_Subscription_ID = ch.SUB_Subscription_ID"
                    + " AND s.RecurrenceChangeDate = ch.ValidFrom", tenant.clientId(), changeId);
        }
        Sql.update(c, "UPDATE SUB_Change SET ChangeStatus = ?, C_Invoice_ID = ?, LineNetAmt = ?, Description = ?,"
                + " Updated = now(), UpdatedBy = ? WHERE AD_Client_ID = ? AND SUB_Change_ID = ?", status.code(),
                Optional.ofNullable(invoiceId), net, description, tenant.userId(), tenant.clientId(), changeId);
    }

    private static List<SubscriptionChange> read(Connection c, String sql, Object... params) throws SQLException {
        List<SubscriptionChange> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long template = rs.getLong("SUB_Template_ID");
                Optional<Long> templateId = rs.wasNull() ? Optional.empty() : Optional.of(template);
                long invoice = rs.getLong("C_Invoice_ID");
                Optional<Long> invoiceId = rs.wasNull() ? Optional.empty() : Optional.of(invoice);
                out.add(new SubscriptionChange(rs.getLong("SUB_Change_ID"), rs.getLong("SUB_Subscription_ID"),
                        Sql.date(rs, "ValidFrom"), DictionaryCode.fromCode(ChangeStatus.class, "ChangeStatus",
                                rs.getString("ChangeStatus")), templateId, invoiceId, rs.getBigDecimal("LineNetAmt"),
                        Optional.ofNullable(rs.getString("Description"))));
            }
        }
        return out;
    }
}
