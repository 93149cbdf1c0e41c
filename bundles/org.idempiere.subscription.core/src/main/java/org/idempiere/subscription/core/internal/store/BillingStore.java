package org.idempiere.subscription.core.internal.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.BillingRunReport;

/**
 * {@code SUB_BillingRun} and {@code SUB_BillingItem}. The unique index on billing items
 * (subscription, period start) is what makes billing exactly-once: a second item for the same
 * period cannot be committed, so neither can the invoice written in the same transaction.
 */
public final class BillingStore {

    /** Starts a run record (status In Progress). */
    public void startRun(Connection c, Tenant tenant, long id, LocalDate asOf, Instant started) throws SQLException {
        Insert.into("SUB_BillingRun", id, tenant)
                .set("AsOfDate", asOf)
                .set("RunStatus", "IP")
                .set("DateStarted", Timestamp.from(started))
                .execute(c);
    }

    /** Completes a run record with its counts. */
    public void finishRun(Connection c, Tenant tenant, long id, int processed, int invoices, int failures,
            Instant finished) throws SQLException {
        Sql.update(c, "UPDATE SUB_BillingRun SET RunStatus = 'CO', SubscriptionsProcessed = ?, InvoicesCreated = ?,"
                + " FailuresCount = ?, DateFinished = ?, Updated = now() WHERE AD_Client_ID = ? AND SUB_BillingRun_ID = ?",
                processed, invoices, failures, Timestamp.from(finished), tenant.clientId(), id);
    }

    /** @return whether the period starting on that day was already billed */
    public boolean isBilled(Connection c, Tenant tenant, long subscriptionId, LocalDate periodStart) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT 1 FROM SUB_BillingItem WHERE AD_Client_ID = ?"
                + " AND SUB_Subscription_ID = ? AND PeriodStart = ?", tenant.clientId(), subscriptionId, periodStart);
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** @return the periods of a subscription billed so far that end on or after {@code date}, in order */
    public java.util.List<org.idempiere.subscription.api.ServicePeriod> billedThrough(Connection c, Tenant tenant,
            long subscriptionId, LocalDate date) throws SQLException {
        java.util.List<org.idempiere.subscription.api.ServicePeriod> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT PeriodStart, PeriodEnd FROM SUB_BillingItem WHERE AD_Client_ID = ?"
                + " AND SUB_Subscription_ID = ? AND PeriodEnd >= ? ORDER BY PeriodStart", tenant.clientId(), subscriptionId, date);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new org.idempiere.subscription.api.ServicePeriod(Sql.date(rs, "PeriodStart"), Sql.date(rs, "PeriodEnd")));
            }
        }
        return out;
    }

    /** @return whether a period of the subscription ending on or after {@code date} was billed in another currency */
    public boolean billedInOtherCurrency(Connection c, Tenant tenant, long subscriptionId, LocalDate date, long currencyId)
            throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT 1 FROM SUB_BillingItem WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ?"
                + " AND PeriodEnd >= ? AND C_Currency_ID <> ? LIMIT 1", tenant.clientId(), subscriptionId, date, currencyId);
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** A subscription whose plan closes it for unpaid invoices, with the days and its period invoices. */
    public record UnpaidWatch(long subscriptionId, int days, List<Long> invoiceIds) {
    }

    /**
     * The active or paused subscriptions in {@code scope} whose template sets AutoCloseDays, each
     * with its period invoices (billing items).
     */
    public List<UnpaidWatch> unpaidWatches(Connection c, Tenant tenant, org.idempiere.subscription.api.service.BillingScope scope)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT s.SUB_Subscription_ID, t.AutoCloseDays, bi.C_Invoice_ID FROM SUB_Subscription s"
                + " JOIN SUB_Template t ON t.SUB_Template_ID = s.SUB_Template_ID"
                + " JOIN SUB_BillingItem bi ON bi.SUB_Subscription_ID = s.SUB_Subscription_ID AND bi.AD_Client_ID = s.AD_Client_ID"
                + " WHERE s.AD_Client_ID = ? AND t.AutoCloseDays > 0 AND s.SubscriptionStatus IN ('AC', 'PA')");
        List<Object> params = new ArrayList<>(List.of(tenant.clientId()));
        Sql.scope(sql, params, scope);
        sql.append(" ORDER BY s.SUB_Subscription_ID, bi.PeriodStart");
        java.util.Map<Long, UnpaidWatch> out = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, sql.toString(), params.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                UnpaidWatch w = out.get(id);
                if (w == null) {
                    w = new UnpaidWatch(id, rs.getInt(2), new ArrayList<>());
                    out.put(id, w);
                }
                w.invoiceIds().add(rs.getLong(3));
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Records why a run could not bill a subscription (in a transaction of its own: the billing one rolled back). */
    public void insertFailure(Connection c, Tenant tenant, long id, long runId, long subscriptionId, String code,
            String message) throws SQLException {
        Insert.into("SUB_BillingFailure", id, tenant)
                .set("SUB_BillingRun_ID", runId)
                .set("SUB_Subscription_ID", subscriptionId)
                .set("BillingErrorCode", code)
                .set("BillingErrorMsg", message.length() > 2000 ? message.substring(0, 1997) + "..." : message)
                .execute(c);
    }

    /** The failures recorded for a run, by subscription. */
    public List<BillingRunReport.Failure> failures(Connection c, Tenant tenant, long runId) throws SQLException {
        List<BillingRunReport.Failure> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT SUB_Subscription_ID, BillingErrorCode, BillingErrorMsg"
                + " FROM SUB_BillingFailure WHERE AD_Client_ID = ? AND SUB_BillingRun_ID = ? ORDER BY SUB_Subscription_ID",
                tenant.clientId(), runId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new BillingRunReport.Failure(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    /** @return whether the run exists for the tenant */
    public boolean runExists(Connection c, Tenant tenant, long runId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT 1 FROM SUB_BillingRun WHERE AD_Client_ID = ? AND SUB_BillingRun_ID = ?",
                tenant.clientId(), runId); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** @return whether the invoice was created by billing a subscription of the tenant */
    public boolean isOurInvoice(Connection c, Tenant tenant, long invoiceId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT 1 FROM SUB_BillingItem WHERE AD_Client_ID = ? AND C_Invoice_ID = ?"
                + " UNION ALL SELECT 1 FROM SUB_Change WHERE AD_Client_ID = ? AND C_Invoice_ID = ? LIMIT 1",
                tenant.clientId(), invoiceId, tenant.clientId(), invoiceId); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** @return whether the subscription was ever invoiced */
    public boolean hasItems(Connection c, Tenant tenant, long subscriptionId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT 1 FROM SUB_BillingItem WHERE AD_Client_ID = ?"
                + " AND SUB_Subscription_ID = ? LIMIT 1", tenant.clientId(), subscriptionId); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** Records that a period was invoiced on {@code dateInvoiced}. Fails on a second item for the same period. */
    public void insertItem(Connection c, Tenant tenant, long id, long subscriptionId, long runId, ServicePeriod period,
            long invoiceId, LocalDate dateInvoiced, BigDecimal lineNet, BigDecimal setupFees, long currencyId) throws SQLException {
        Insert.into("SUB_BillingItem", id, tenant)
                .set("SUB_Subscription_ID", subscriptionId)
                .set("SUB_BillingRun_ID", runId)
                .set("PeriodStart", period.start())
                .set("PeriodEnd", period.end())
                .set("C_Invoice_ID", invoiceId)
                .set("DateInvoiced", dateInvoiced)
                .set("LineNetAmt", lineNet)
                .set("SetupFeeAmt", setupFees)
                .set("C_Currency_ID", currencyId)
                .execute(c);
    }

    /** A billing item to record in a batch: a period invoiced on {@code dateInvoiced}; {@code setupFees} the part of its net that is setup fees. */
    public record Item(long id, long subscriptionId, ServicePeriod period, long invoiceId, LocalDate dateInvoiced,
            BigDecimal lineNet, BigDecimal setupFees, long currencyId) {
    }

    /** Records many invoiced periods in one batch. Fails on a second item for any period. */
    public void insertItems(Connection c, Tenant tenant, long runId, List<Item> items) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO SUB_BillingItem (SUB_BillingItem_ID, SUB_BillingItem_UU,"
                + " AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, SUB_Subscription_ID, SUB_BillingRun_ID, PeriodStart, PeriodEnd,"
                + " C_Invoice_ID, DateInvoiced, LineNetAmt, SetupFeeAmt, C_Currency_ID, IsActive, Created, Updated)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Y', now(), now())")) {
            for (Item i : items) {
                Sql.bind(ps, i.id(), java.util.UUID.randomUUID().toString(), tenant.clientId(), tenant.orgId(), tenant.userId(),
                        tenant.userId(), i.subscriptionId(), runId, i.period().start(), i.period().end(), i.invoiceId(),
                        i.dateInvoiced(), i.lineNet(), i.setupFees(), i.currencyId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * {@link #invoiceIds(Connection, Tenant, long)} of many subscriptions in one statement: per
     * subscription that has invoices, their ids in period order.
     */
    public Map<Long, List<Long>> invoiceIds(Connection c, Tenant tenant, java.util.Collection<Long> subscriptionIds)
            throws SQLException {
        Map<Long, List<Long>> out = new java.util.HashMap<>();
        if (subscriptionIds.isEmpty()) {
            return out;
        }
        java.sql.Array ids = c.createArrayOf("numeric", subscriptionIds.toArray());
        try (PreparedStatement ps = Sql.prepare(c, "SELECT s, id FROM (SELECT SUB_Subscription_ID AS s, C_Invoice_ID AS id,"
                + " MIN(PeriodStart) AS d, 0 AS k FROM SUB_BillingItem WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ANY(?)"
                + " GROUP BY SUB_Subscription_ID, C_Invoice_ID UNION ALL SELECT SUB_Subscription_ID, C_Invoice_ID, ValidFrom, 1"
                + " FROM SUB_Change WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ANY(?) AND C_Invoice_ID IS NOT NULL) x"
                + " ORDER BY s, d, k, id", tenant.clientId(), ids, tenant.clientId(), ids); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        return out;
    }

    /** @return the ids of the subscriptions an invoice bills (its billing items) or adjusts (its changes) */
    public java.util.Set<Long> subscriptionsOfInvoice(Connection c, Tenant tenant, long invoiceId) throws SQLException {
        java.util.Set<Long> out = new java.util.HashSet<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT SUB_Subscription_ID FROM SUB_BillingItem WHERE AD_Client_ID = ?"
                + " AND C_Invoice_ID = ? UNION SELECT SUB_Subscription_ID FROM SUB_Change WHERE AD_Client_ID = ? AND C_Invoice_ID = ?",
                tenant.clientId(), invoiceId, tenant.clientId(), invoiceId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** @return the ids of the invoices billed for a subscription, in period order */
    public List<Long> invoiceIds(Connection c, Tenant tenant, long subscriptionId) throws SQLException {
        List<Long> ids = new ArrayList<>();
        // period invoices by their first period, adjustment invoices of changes on their day
        try (PreparedStatement ps = Sql.prepare(c, "SELECT id FROM (SELECT C_Invoice_ID AS id, MIN(PeriodStart) AS d, 0 AS k"
                + " FROM SUB_BillingItem WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ? GROUP BY C_Invoice_ID"
                + " UNION ALL SELECT C_Invoice_ID, ValidFrom, 1 FROM SUB_Change WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ?"
                + " AND C_Invoice_ID IS NOT NULL) x ORDER BY d, k, id",
                tenant.clientId(), subscriptionId, tenant.clientId(), subscriptionId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
