package org.idempiere.subscription.core.internal.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The few JDBC conversions every store needs. Dates of service are {@code LocalDate}s stored,
 * as iDempiere stores its Date columns, in {@code TIMESTAMP} columns at midnight.
 */
public final class Sql {
    private Sql() {
    }

    /** Prepares {@code sql} and binds the parameters in order ({@code LocalDate}s as timestamps). */
    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            bind(ps, params);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** Binds parameters 1..n of a prepared statement. */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof LocalDate d) {
                ps.setTimestamp(i + 1, Timestamp.valueOf(d.atStartOfDay()));
            } else if (p instanceof Optional<?> o) {
                ps.setObject(i + 1, o.map(v -> v instanceof LocalDate d ? Timestamp.valueOf(d.atStartOfDay()) : v).orElse(null));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /**
     * Narrows a query on subscriptions aliased {@code s} to a billing run's scope: its template
     * and/or organization, with their parameters.
     */
    public static void scope(StringBuilder sql, java.util.List<Object> params,
            org.idempiere.subscription.api.service.BillingScope scope) {
        scope.templateId().ifPresent(id -> {
            sql.append(" AND s.SUB_Template_ID = ?");
            params.add(id);
        });
        scope.orgId().ifPresent(id -> {
            sql.append(" AND s.AD_Org_ID = ?");
            params.add(id);
        });
    }

    /** Runs an update and returns the number of rows changed. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** @return the date of a timestamp column, or null */
    public static LocalDate date(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toLocalDateTime().toLocalDate();
    }

    /** @return the value of a numeric column, or null */
    public static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
        return rs.getBigDecimal(column);
    }
}
