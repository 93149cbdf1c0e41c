package org.idempiere.subscription.sandbox.internal.db;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;

/** JDBC in a line for the reference host: queries that map rows, updates, ids. */
public final class Rows {
    private Rows() {
    }

    /** Maps one row. */
    @FunctionalInterface
    public interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** All rows of a query. */
    public static <T> List<T> list(Connection c, String sql, Mapper<T> mapper, Object... params) {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure("Reference host query failed: " + e.getMessage(), e);
        }
    }

    /** The first row of a query, if any. */
    public static <T> Optional<T> first(Connection c, String sql, Mapper<T> mapper, Object... params) {
        return list(c, sql + " LIMIT 1", mapper, params).stream().findFirst();
    }

    /** Runs an insert or update; returns the row count. */
    public static int update(Connection c, String sql, Object... params) {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure("Reference host update failed: " + e.getMessage(), e);
        }
    }

    /** A new id for a reference host record. */
    public static long nextId(Connection c) {
        return ids(c, "sbx_id_sq", 1)[0];
    }

    /** {@code count} values of a sequence in one round trip. */
    public static long[] ids(Connection c, String sequence, int count) {
        return list(c, "SELECT nextval('" + sequence + "') FROM generate_series(1, ?)", rs -> rs.getLong(1), count)
                .stream().mapToLong(Long::longValue).toArray();
    }

    /** Ids as an SQL array, for {@code id = ANY(?)}: the reference host's ids are NUMERIC, as iDempiere's. */
    public static java.sql.Array ids(Connection c, Collection<Long> ids) {
        try {
            return c.createArrayOf("numeric", ids.toArray());
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure("Reference host query failed: " + e.getMessage(), e);
        }
    }

    /** @return a DATE column as a LocalDate, or null */
    public static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            ps.setObject(i + 1, p instanceof LocalDate d ? Date.valueOf(d) : p);
        }
        return ps;
    }
}
