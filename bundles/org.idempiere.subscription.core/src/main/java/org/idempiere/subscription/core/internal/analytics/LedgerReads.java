package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.core.internal.store.Sql;

/**
 * Figures read straight from the ledger, the subscriptions and the invoiced periods (no refreshed figures):
 * revenue, churn and drill-down lines, and breakdowns by the subscriptions' current values. Each entry's
 * movement is measured, as in {@link CustomerFacts}, from the previous entry of the same subscription and
 * currency ({@code LAG} over DateTrx, id).
 */
final class LedgerReads {
    /** The ledger with each entry's movement and the previous entry's plan. */
    static final String MOVES = "SELECT l.SUB_ChangeLog_ID, l.SUB_Subscription_ID, l.DateTrx, l.ChangeType, l.IsDelinquent,"
            + " l.C_Currency_ID, l.MRRAfter, COALESCE(LAG(l.MRRAfter) OVER w, 0) AS MRRPrev,"
            + " COALESCE(l.SUB_Template_ID, s.SUB_Template_ID) AS Plan, LAG(COALESCE(l.SUB_Template_ID, s.SUB_Template_ID)) OVER w AS PlanPrev,"
            + " l.Description, l.SUB_CloseReason_ID, l.CloseReason FROM SUB_ChangeLog l JOIN SUB_Subscription s ON s.AD_Client_ID = l.AD_Client_ID"
            + " AND s.SUB_Subscription_ID = l.SUB_Subscription_ID WHERE l.AD_Client_ID = ? AND l.DateTrx <= ?";
    static final String WINDOW = " WINDOW w AS (PARTITION BY l.SUB_Subscription_ID, l.C_Currency_ID ORDER BY l.DateTrx, l.SUB_ChangeLog_ID)";

    private final Connection c;
    private final Tenant t;

    LedgerReads(Connection c, Tenant t) {
        this.c = c;
        this.t = t;
    }

    /** Invoiced net per period and currency: kind 'R' all net, 'O' one-time (adjustments of changes). */
    record Revenue(LocalDate day, long currencyId, char kind, BigDecimal amount) {
    }

    /**
     * One entry with its movement, the subscription's current values, and the close reason and comment a churn entry
     * was written with (entries before 1.0.1 and other types have none).
     */
    record Moved(long entryId, long subscriptionId, LocalDate day, String type, boolean delinquent, long currencyId,
            BigDecimal mrrAfter, BigDecimal mrrPrev, long plan, long planPrev, String description, String documentNo,
            long customerId, LocalDate startDate, long closeReasonId, String closeReasonName, String closeComment) {
        BigDecimal movement() {
            return mrrAfter.subtract(mrrPrev);
        }
    }

    /**
     * Entries from {@code from} to {@code to} with their movements, optionally of some types (empty: any), one plan
     * (the entry's or, for a plan change, the previous one's) and one currency, in date and id order. The extra
     * condition may use the entry's close reason as {@code m.SUB_CloseReason_ID}.
     */
    List<Moved> entries(LocalDate from, LocalDate to, List<String> types, Optional<Long> plan, Optional<Long> currency,
            String extraWhere, List<Object> extraParams, int limit, int offset) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT m.SUB_ChangeLog_ID, m.SUB_Subscription_ID, m.DateTrx, m.ChangeType, m.IsDelinquent,"
                + " m.C_Currency_ID, m.MRRAfter, m.MRRPrev, m.Plan, m.PlanPrev, m.Description, s.DocumentNo, s.C_BPartner_ID, s.StartDate,"
                + " COALESCE(m.SUB_CloseReason_ID, 0), r.Name, m.CloseReason FROM (" + MOVES);
        List<Object> params = new ArrayList<>(List.of(t.clientId(), to));
        currency.ifPresent(cur -> {
            sql.append(" AND l.C_Currency_ID = ?");
            params.add(cur);
        });
        String typeIn = " IN (" + String.join(", ", java.util.Collections.nCopies(types.size(), "?")) + ")";
        if (!types.isEmpty()) { // only subscriptions with such an entry in the range: their whole history, for the movement
            sql.append(" AND l.SUB_Subscription_ID IN (SELECT SUB_Subscription_ID FROM SUB_ChangeLog WHERE AD_Client_ID = ?"
                    + " AND ChangeType" + typeIn + " AND DateTrx BETWEEN ? AND ?)");
            params.add(t.clientId());
            params.addAll(types);
            params.addAll(List.of(from, to));
        }
        sql.append(WINDOW).append(") m JOIN SUB_Subscription s ON s.AD_Client_ID = ? AND s.SUB_Subscription_ID = m.SUB_Subscription_ID"
                + " LEFT JOIN SUB_CloseReason r ON r.AD_Client_ID = s.AD_Client_ID AND r.SUB_CloseReason_ID = m.SUB_CloseReason_ID"
                + " WHERE m.DateTrx >= ?");
        params.addAll(List.of(t.clientId(), from));
        if (!types.isEmpty()) {
            sql.append(" AND m.ChangeType").append(typeIn);
            params.addAll(types);
        }
        plan.ifPresent(p -> {
            sql.append(" AND (m.Plan = ? OR m.PlanPrev = ?)");
            params.addAll(List.of(p, p));
        });
        sql.append(extraWhere);
        params.addAll(extraParams);
        sql.append(" ORDER BY m.DateTrx, m.SUB_ChangeLog_ID LIMIT ? OFFSET ?");
        params.addAll(List.of(limit, offset));
        List<Moved> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql.toString(), params.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Moved(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toLocalDateTime().toLocalDate(), rs.getString(4),
                        "Y".equals(rs.getString(5)), rs.getLong(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getLong(9),
                        rs.getLong(10), rs.getString(11), rs.getString(12), rs.getLong(13),
                        rs.getTimestamp(14).toLocalDateTime().toLocalDate(), rs.getLong(15), rs.getString(16), rs.getString(17)));
            }
        }
        return out;
    }

    /** A slow-path sum: the group's key, currency, movement class (-1: before the range), amount. */
    record GroupSum(String key, long currencyId, int movementClass, BigDecimal amount) {
    }

    /**
     * Movements per group key (a SQL expression over the subscription {@code s} or its current recurring line
     * {@code sl}); entries before {@code from} come as class -1 (they make the MRR at the start).
     */
    List<GroupSum> grouped(String keyExpr, boolean byLine, LocalDate from, LocalDate to, Optional<Long> plan,
            Optional<Long> currency) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT CAST(" + keyExpr + " AS VARCHAR), m.C_Currency_ID, CASE WHEN m.DateTrx < ? THEN 'S'"
                + " ELSE m.ChangeType END, m.IsDelinquent, SUM(m.MRRAfter - m.MRRPrev) FROM (" + MOVES);
        List<Object> params = new ArrayList<>(List.of(from, t.clientId(), to));
        currency.ifPresent(cur -> {
            sql.append(" AND l.C_Currency_ID = ?");
            params.add(cur);
        });
        sql.append(WINDOW).append(") m JOIN SUB_Subscription s ON s.AD_Client_ID = ? AND s.SUB_Subscription_ID = m.SUB_Subscription_ID");
        params.add(t.clientId());
        if (byLine) {
            sql.append(" JOIN (SELECT DISTINCT SUB_Subscription_ID, M_Product_ID FROM SUB_SubscriptionLine WHERE AD_Client_ID = ?"
                    + " AND IsSetupFee = 'N' AND (ValidTo IS NULL OR ValidTo >= ?)) sl ON sl.SUB_Subscription_ID = s.SUB_Subscription_ID");
            params.addAll(List.of(t.clientId(), to));
        }
        plan.ifPresent(p -> {
            sql.append(" WHERE s.SUB_Template_ID = ?");
            params.add(p);
        });
        sql.append(" GROUP BY 1, 2, 3, 4");
        List<GroupSum> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql.toString(), params.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String ty = rs.getString(3);
                out.add(new GroupSum(rs.getString(1) == null ? "" : rs.getString(1), rs.getLong(2),
                        "S".equals(ty) ? -1 : Figures.movementClass(ty, "Y".equals(rs.getString(4))), rs.getBigDecimal(5)));
            }
        }
        return out;
    }

    /** Subscriptions with MRR above zero at the end of {@code to}, per group key. */
    java.util.Map<String, Long> subscriptionsWithMrr(String keyExpr, boolean byLine, LocalDate to, Optional<Long> plan,
            Optional<Long> currency) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT CAST(" + keyExpr + " AS VARCHAR), COUNT(*) FROM (SELECT DISTINCT ON"
                + " (SUB_Subscription_ID) SUB_Subscription_ID, MRRAfter, C_Currency_ID FROM SUB_ChangeLog WHERE AD_Client_ID = ?"
                + " AND DateTrx <= ? ORDER BY SUB_Subscription_ID, DateTrx DESC, SUB_ChangeLog_ID DESC) m JOIN SUB_Subscription s"
                + " ON s.AD_Client_ID = ? AND s.SUB_Subscription_ID = m.SUB_Subscription_ID");
        List<Object> params = new ArrayList<>(List.of(t.clientId(), to, t.clientId()));
        if (byLine) {
            sql.append(" JOIN (SELECT DISTINCT SUB_Subscription_ID, M_Product_ID FROM SUB_SubscriptionLine WHERE AD_Client_ID = ?"
                    + " AND IsSetupFee = 'N' AND (ValidTo IS NULL OR ValidTo >= ?)) sl ON sl.SUB_Subscription_ID = s.SUB_Subscription_ID");
            params.addAll(List.of(t.clientId(), to));
        }
        sql.append(" WHERE m.MRRAfter > 0");
        plan.ifPresent(p -> {
            sql.append(" AND s.SUB_Template_ID = ?");
            params.add(p);
        });
        currency.ifPresent(cur -> {
            sql.append(" AND m.C_Currency_ID = ?");
            params.add(cur);
        });
        sql.append(" GROUP BY 1");
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, sql.toString(), params.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1) == null ? "" : rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
