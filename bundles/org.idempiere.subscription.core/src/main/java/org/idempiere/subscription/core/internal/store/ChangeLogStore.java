package org.idempiere.subscription.core.internal.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.idempiere.subscription.api.host.Tenant;

/**
 * {@code SUB_ChangeLog}, the MRR ledger. Append-only: there is no update and no delete here, and
 * there must never be one; a correction is a new entry.
 */
public final class ChangeLogStore {

    /**
     * Appends one entry of the plan's {@link org.idempiere.subscription.core.internal.plan.Ledger}, with the
     * subscription's plan in force on the entry's day ({@link #PLAN_ON}), and queues the subscription's customer for
     * the analytics refresher in the same transaction (decision 0034). The queue row takes the entry's id: one row
     * per entry, so a writer never meets another transaction's row and never waits on the refresher.
     * <p>
     * A CHURN entry keeps the close it records: the subscription's close reason and comment
     * ({@code SUB_CloseReason_ID}, {@code CloseReason}) are copied onto the entry by the same statement, so every
     * close writes them to the subscription first ({@link SubscriptionStore#close}, {@link SubscriptionStore#closeServed}),
     * then appends. A reactivation clears the subscription's and a second close replaces them; the entry's stay.
     */
    public void append(Connection c, Tenant tenant, long id, long subscriptionId, LocalDate date,
            org.idempiere.subscription.core.internal.plan.Ledger.Entry e) throws SQLException {
        append(c, tenant, id, subscriptionId, date, e, null);
    }

    /**
     * The plan in force on a day {@code day} (an SQL expression: a column or {@code ?}) of subscription {@code s}
     * (decision 0048): the plan of its latest applied change of plan that takes effect on or before the day; before its first applied change of plan, the plan of its
     * first ledger entry (the plan it started on); without any applied change of plan, its plan now. Changes take
     * effect today or later but a run billing ahead applies them early, so an entry written later can be dated
     * before a change of plan already applied (a close today, an unpaid close of a run for a past day).
     */
    public static String planOn(String day) {
        return "COALESCE((SELECT pc.SUB_Template_ID FROM SUB_Change pc WHERE pc.AD_Client_ID = s.AD_Client_ID"
                + " AND pc.SUB_Subscription_ID = s.SUB_Subscription_ID AND pc.ChangeStatus = 'A' AND pc.SUB_Template_ID IS NOT NULL"
                + " AND pc.ValidFrom <= " + day + " ORDER BY pc.ValidFrom DESC, pc.SUB_Change_ID DESC LIMIT 1),"
                + " CASE WHEN EXISTS (SELECT 1 FROM SUB_Change pc WHERE pc.AD_Client_ID = s.AD_Client_ID"
                + " AND pc.SUB_Subscription_ID = s.SUB_Subscription_ID AND pc.ChangeStatus = 'A' AND pc.SUB_Template_ID IS NOT NULL)"
                + " THEN (SELECT fl.SUB_Template_ID FROM SUB_ChangeLog fl WHERE fl.AD_Client_ID = s.AD_Client_ID"
                + " AND fl.SUB_Subscription_ID = s.SUB_Subscription_ID ORDER BY fl.DateTrx, fl.SUB_ChangeLog_ID LIMIT 1) END,"
                + " s.SUB_Template_ID)";
    }

    /** {@link #planOn} of a parameter day {@code ?}. */
    static final String PLAN_ON = planOn("?");

    /**
     * As {@link #append(Connection, Tenant, long, long, LocalDate, org.idempiere.subscription.core.internal.plan.Ledger.Entry)},
     * with the entry's plan given: the entry of a change names the plan the change moves to, since the change is not
     * recorded as applied yet when its entry is written.
     *
     * @param plan the entry's plan, or {@code null} for the plan in force on {@code date}
     */
    public void append(Connection c, Tenant tenant, long id, long subscriptionId, LocalDate date,
            org.idempiere.subscription.core.internal.plan.Ledger.Entry e, Long plan) throws SQLException {
        String churn = e.type() == org.idempiere.subscription.api.ChangeType.CHURN ? "Y" : "N";
        int rows = Sql.update(c, "INSERT INTO SUB_ChangeLog (SUB_ChangeLog_ID, SUB_ChangeLog_UU, AD_Client_ID, AD_Org_ID,"
                + " CreatedBy, UpdatedBy, SUB_Subscription_ID, DateTrx, ChangeType, MRRBefore, MRRAfter, C_Currency_ID,"
                + " Description, IsDelinquent, SUB_Template_ID, SUB_CloseReason_ID, CloseReason, IsActive, Created, Updated)"
                + " SELECT ?, ?, ?, ?, ?, ?, s.SUB_Subscription_ID, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, " + PLAN_ON + "),"
                + " CASE WHEN ? = 'Y' THEN s.SUB_CloseReason_ID END, CASE WHEN ? = 'Y' THEN s.CloseReason END, 'Y', now(), now()"
                + " FROM SUB_Subscription s WHERE s.AD_Client_ID = ? AND s.SUB_Subscription_ID = ?",
                id, java.util.UUID.randomUUID().toString(), tenant.clientId(), tenant.orgId(), tenant.userId(), tenant.userId(),
                date, e.type().code(), e.before().amount(), e.after().amount(), e.currencyId(), e.description(),
                e.delinquent() ? "Y" : "N", plan == null ? null : BigDecimal.valueOf(plan), date, churn, churn, tenant.clientId(),
                subscriptionId);
        if (rows != 1) {
            throw new SQLException("No subscription " + subscriptionId + " to append a ledger entry to");
        }
        Sql.update(c, "INSERT INTO SUB_AnalyticsQueue (SUB_AnalyticsQueue_ID, SUB_AnalyticsQueue_UU, AD_Client_ID, AD_Org_ID,"
                + " CreatedBy, UpdatedBy, C_BPartner_ID, SUB_ChangeLog_ID, IsActive, Created, Updated)"
                + " SELECT ?, ?, ?, ?, ?, ?, s.C_BPartner_ID, ?, 'Y', now(), now() FROM SUB_Subscription s"
                + " WHERE s.AD_Client_ID = ? AND s.SUB_Subscription_ID = ?",
                id, java.util.UUID.randomUUID().toString(), tenant.clientId(), tenant.orgId(), tenant.userId(), tenant.userId(),
                id, tenant.clientId(), subscriptionId);
    }

    /**
     * MRR in one currency at the end of {@code date}: for each subscription its last entry on or
     * before that day.
     *
     */
    public MrrTotal mrrAt(Connection c, Tenant tenant, LocalDate date, long currencyId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT COALESCE(SUM(l.MRRAfter), 0), COUNT(*) FILTER (WHERE l.MRRAfter > 0)"
                + " FROM (SELECT DISTINCT ON (SUB_Subscription_ID) MRRAfter, C_Currency_ID FROM SUB_ChangeLog"
                + " WHERE AD_Client_ID = ? AND DateTrx <= ? ORDER BY SUB_Subscription_ID, DateTrx DESC, SUB_ChangeLog_ID DESC) l"
                + " WHERE l.C_Currency_ID = ?", tenant.clientId(), date, currencyId); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new MrrTotal(rs.getBigDecimal(1), rs.getInt(2));
        }
    }

    /** Sum of MRR and the number of subscriptions with MRR above zero. */
    public record MrrTotal(BigDecimal mrr, int subscriptions) {
    }
}
