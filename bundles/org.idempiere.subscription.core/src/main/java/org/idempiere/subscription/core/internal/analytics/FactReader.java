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
 * Sums of the refreshed figures ({@code SUB_AnalyticsDelta}); nothing else is read. Every figure is the sum
 * of its rows, compacted or not.
 */
final class FactReader {
    /** A sum of movement or subscription rows: day (or null for "before the range"), currency, plan, type, delinquent. */
    record Sum(LocalDate day, long currencyId, long templateId, String type, boolean delinquent, BigDecimal amount, long count) {
    }

    private final Connection c;
    private final Tenant t;

    FactReader(Connection c, Tenant t) {
        this.c = c;
        this.t = t;
    }

    /**
     * Movement ({@code M}) or subscription ({@code U}) rows up to {@code to}: those before {@code from} summed into
     * one row per key with a null day, the others per
     * period of {@code g} (the day is the unclipped period's first day).
     *
     * @param byPlan whether sums keep the plan (else plan 0)
     */
    List<Sum> moves(char kind, LocalDate from, LocalDate to, Granularity g, Optional<Long> plan, Optional<Long> currency,
            boolean byPlan) throws SQLException {
        String planCol = byPlan ? "COALESCE(SUB_Template_ID, 0)" : "0";
        StringBuilder sql = new StringBuilder("SELECT CASE WHEN DateTrx < ? THEN NULL ELSE date_trunc('" + unit(g)
                + "', DateTrx) END AS d, C_Currency_ID, ")
                .append(planCol).append(" AS p, ChangeType, IsDelinquent, SUM(FactAmt), SUM(FactQty) FROM SUB_AnalyticsDelta")
                .append(" WHERE AD_Client_ID = ? AND FactKind = ? AND DateTrx <= ?");
        List<Object> params = new ArrayList<>(List.of(from, t.clientId(), String.valueOf(kind), to));
        filters(sql, params, plan, currency);
        sql.append(" GROUP BY 1, 2, 3, 4, 5");
        return sums(sql.toString(), params);
    }

    /** Customer transitions ({@code L}) up to {@code to} for one view (plan 0 and currency 0: all), before {@code from} summed. */
    List<Sum> logos(LocalDate from, LocalDate to, Granularity g, long plan, long currency) throws SQLException {
        String sql = "SELECT CASE WHEN DateTrx < ? THEN NULL ELSE date_trunc('" + unit(g) + "', DateTrx) END AS d, 0, 0, ChangeType, 'N', 0, SUM(FactQty)"
                + " FROM SUB_AnalyticsDelta WHERE AD_Client_ID = ? AND FactKind = 'L' AND DateTrx <= ?"
                + " AND COALESCE(SUB_Template_ID, 0) = ? AND COALESCE(C_Currency_ID, 0) = ? GROUP BY 1, 4";
        return sums(sql, List.of(from, t.clientId(), to, plan, currency));
    }

    /** Revenue rows ({@code R} net, {@code O} one-time) from {@code from} to {@code to} per period of {@code g} and currency. */
    List<LedgerReads.Revenue> revenue(LocalDate from, LocalDate to, Granularity g, Optional<Long> plan, Optional<Long> currency)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT date_trunc('" + unit(g) + "', DateTrx), C_Currency_ID, FactKind, SUM(FactAmt)"
                + " FROM SUB_AnalyticsDelta WHERE AD_Client_ID = ? AND FactKind IN ('R', 'O') AND DateTrx BETWEEN ? AND ?");
        List<Object> params = new ArrayList<>(List.of(t.clientId(), from, to));
        filters(sql, params, plan, currency);
        sql.append(" GROUP BY 1, 2, 3");
        List<LedgerReads.Revenue> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql.toString(), params.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new LedgerReads.Revenue(rs.getTimestamp(1).toLocalDateTime().toLocalDate(), rs.getLong(2),
                        rs.getString(3).charAt(0), rs.getBigDecimal(4)));
            }
        }
        return out;
    }

    /** A cohort row: cohort month, month (null for size), currency (0 for counts), amount, count. */
    record CohortSum(char kind, LocalDate cohort, LocalDate month, long currencyId, BigDecimal amount, long count) {
    }

    /** Cohort rows ({@code S}, {@code A}, {@code C}) of cohorts from {@code from} to {@code to} (cohort months). */
    List<CohortSum> cohorts(LocalDate from, LocalDate to) throws SQLException {
        List<CohortSum> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT FactKind, DateCohort, DateTrx, COALESCE(C_Currency_ID, 0), SUM(FactAmt),"
                + " SUM(FactQty) FROM SUB_AnalyticsDelta WHERE AD_Client_ID = ? AND FactKind IN ('S', 'A', 'C')"
                + " AND DateCohort BETWEEN ? AND ? GROUP BY 1, 2, 3, 4", t.clientId(), from, to); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new CohortSum(rs.getString(1).charAt(0), Sql.date(rs, "DateCohort"),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toLocalDateTime().toLocalDate(), rs.getLong(4),
                        rs.getBigDecimal(5), rs.getLong(6)));
            }
        }
        return out;
    }

    /** PostgreSQL's date_trunc unit of a granularity (its weeks start on Monday, like ISO weeks). */
    static String unit(Granularity g) {
        return g.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void filters(StringBuilder sql, List<Object> params, Optional<Long> plan, Optional<Long> currency) {
        plan.ifPresent(p -> {
            sql.append(" AND SUB_Template_ID = ?");
            params.add(p);
        });
        currency.ifPresent(cur -> {
            sql.append(" AND C_Currency_ID = ?");
            params.add(cur);
        });
    }

    private List<Sum> sums(String sql, List<Object> params) throws SQLException {
        List<Sum> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, params.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Sum(rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toLocalDateTime().toLocalDate(),
                        rs.getLong(2), rs.getLong(3), rs.getString(4), "Y".equals(rs.getString(5)), rs.getBigDecimal(6),
                        rs.getLong(7)));
            }
        }
        return out;
    }
}
