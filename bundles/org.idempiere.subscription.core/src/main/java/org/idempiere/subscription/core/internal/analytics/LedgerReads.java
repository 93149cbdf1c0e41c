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
 * revenue of a segment, churn and drill-down lines. Each entry's
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
        Moved {
            // the first entry of a subscription in a currency is measured from nothing: 0 at the currency's scale, as
            // the amounts it is shown with (the query's COALESCE gives a bare 0)
            if (mrrPrev.scale() < mrrAfter.scale()) {
                mrrPrev = mrrPrev.setScale(mrrAfter.scale());
            }
        }

        BigDecimal movement() {
            return mrrAfter.subtract(mrrPrev);
        }

        /** @return whether the entry moves MRR between plans ({@link #PLAN_MOVES}) */
        boolean movesPlan() {
            return "PT".equals(type) || (planPrev != 0 && planPrev != plan && mrrPrev.signum() != 0);
        }

        /**
         * The entry's part of one figure (decision 0053): of the plan transfer when {@code transfer}, else of its own
         * movement; of one plan when {@code plan} is given (a change of plan: the transfer leaves the previous plan and
         * enters the entry's, the movement is the entry's plan's), else of every plan (transfers net to zero).
         */
        BigDecimal movementOf(boolean transfer, java.util.Optional<Long> plan) {
            BigDecimal zero = mrrAfter.subtract(mrrAfter);
            if (transfer) {
                if (plan.isEmpty() || !movesPlan()) {
                    return zero;
                }
                return plan.get() == this.plan ? mrrPrev : plan.get() == planPrev ? mrrPrev.negate() : zero;
            }
            return plan.isEmpty() || plan.get() == this.plan ? movement() : zero;
        }
    }

    /** The SQL condition on {@code m} of the entries that move MRR between plans: a PT entry, or a change of plan with MRR before it. */
    static final String PLAN_MOVES = "(m.ChangeType = 'PT' OR (m.PlanPrev IS NOT NULL AND m.PlanPrev <> m.Plan AND m.MRRPrev <> 0))";

    /**
     * Entries from {@code from} to {@code to} with their movements, optionally of some types (empty: any), one plan
     * and one currency, in date and id order. Type {@code PT} (plan transfer) selects every entry that moves MRR
     * between plans ({@link #PLAN_MOVES}: also an expansion or contraction that changes the plan). With a plan, an
     * entry of it (or, without a type or with {@code PT}, an entry that leaves it: a change of plan is under both
     * plans). The extra condition may use the entry's close reason as {@code m.SUB_CloseReason_ID}.
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
        boolean transfers = types.contains("PT");
        List<String> others = types.stream().filter(ty -> !"PT".equals(ty)).toList();
        String typeIn = " IN (" + String.join(", ", java.util.Collections.nCopies(others.size(), "?")) + ")";
        if (!types.isEmpty()) { // only subscriptions with such an entry in the range: their whole history, for the movement
            sql.append(" AND l.SUB_Subscription_ID IN (SELECT SUB_Subscription_ID FROM SUB_ChangeLog WHERE AD_Client_ID = ?"
                    + (transfers ? "" : " AND ChangeType" + typeIn) + " AND DateTrx BETWEEN ? AND ?)");
            params.add(t.clientId());
            if (!transfers) {
                params.addAll(others);
            }
            params.addAll(List.of(from, to));
        }
        sql.append(WINDOW).append(") m JOIN SUB_Subscription s ON s.AD_Client_ID = ? AND s.SUB_Subscription_ID = m.SUB_Subscription_ID"
                + " LEFT JOIN SUB_CloseReason r ON r.AD_Client_ID = s.AD_Client_ID AND r.SUB_CloseReason_ID = m.SUB_CloseReason_ID"
                + " WHERE m.DateTrx >= ?");
        params.addAll(List.of(t.clientId(), from));
        if (!types.isEmpty()) {
            List<String> conditions = new ArrayList<>();
            if (transfers) {
                conditions.add(PLAN_MOVES);
            }
            if (!others.isEmpty()) {
                conditions.add("m.ChangeType" + typeIn);
                params.addAll(others);
            }
            sql.append(" AND (").append(String.join(" OR ", conditions)).append(")");
        }
        plan.ifPresent(p -> {
            if (types.isEmpty() || transfers) {
                sql.append(" AND (m.Plan = ? OR m.PlanPrev = ?)");
                params.addAll(List.of(p, p));
            } else { // a movement of a type is the plan's it moves to (decision 0053)
                sql.append(" AND m.Plan = ?");
                params.add(p);
            }
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

    /** Revenue of one subscription. */
    record SubscriptionRevenue(long subscriptionId, Revenue revenue) {
    }

    /**
     * Net ('R') and one-time ('O') revenue per subscription, period of {@code g} (its unclipped first day) and currency,
     * as {@link RevenueLog#rebuild} counts it — the invoiced periods by their first day (their setup fees one-time),
     * the changes' adjustment invoices by their day (all one-time), the reversals of invoices voided in the host by
     * their day (decision 0057) — of the subscriptions that {@code where} (a condition on the subscription {@code s},
     * with {@code params}) keeps; a plan filter takes the plan of each amount's days (decision 0070): a period's plan on
     * its first day, a change's on its day, a reversal's on the first day of the days it reverses.
     */
    List<SubscriptionRevenue> revenueOf(LocalDate from, LocalDate to, Granularity g, Optional<Long> plan, Optional<Long> currency,
            String where, List<Object> params) throws SQLException {
        String unit = FactReader.unit(g);
        StringBuilder sql = new StringBuilder();
        List<Object> all = new ArrayList<>();
        for (String[] p : RevenueLog.SOURCES) {
            sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("SELECT s.SUB_Subscription_ID, date_trunc('").append(unit).append("', ")
                    .append(p[0]).append("), ").append(p[2]).append(", SUM(").append(p[3]).append("), SUM(").append(p[4]).append(") FROM ")
                    .append(p[5]).append(" AND ").append(p[0]).append(" BETWEEN ? AND ?").append(where);
            all.addAll(List.of(t.clientId(), from, to));
            all.addAll(params);
            if (plan.isPresent()) {
                sql.append(" AND ").append(org.idempiere.subscription.core.internal.store.ChangeLogStore.planOn(p[1])).append(" = ?");
                all.add(plan.get());
            }
            if (currency.isPresent()) {
                sql.append(" AND ").append(p[2]).append(" = ?");
                all.add(currency.get());
            }
            sql.append(" GROUP BY 1, 2, 3");
        }
        List<SubscriptionRevenue> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql.toString(), all.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                LocalDate day = rs.getTimestamp(2).toLocalDateTime().toLocalDate();
                out.add(new SubscriptionRevenue(rs.getLong(1), new Revenue(day, rs.getLong(3), RevenueLog.NET, rs.getBigDecimal(4))));
                out.add(new SubscriptionRevenue(rs.getLong(1), new Revenue(day, rs.getLong(3), RevenueLog.ONE_TIME, rs.getBigDecimal(5))));
            }
        }
        return out;
    }
}
