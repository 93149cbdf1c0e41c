package org.idempiere.subscription.plugin.host;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Tx;

/**
 * Plain reads of iDempiere's tables on the caller's transaction ({@link Tx#connection()}, the
 * {@code Trx}'s own connection): for lists the portal shows, where loading a model per row would
 * cost a query each, and for what must be read as the transaction sees it rather than as the
 * model cache (reset only after commit) remembers it.
 */
final class HostSql {

    private HostSql() {
    }

    /** Maps one row. */
    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * @return every row of the query, mapped
     * @throws SubscriptionException HOST_FAILURE naming {@code what} when the query fails
     */
    static <T> List<T> list(Tx tx, String what, String sql, Mapper<T> mapper, Object... params) {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure(what + " could not be read: " + e.getMessage(), e);
        }
        return out;
    }

    /** @return the text of a column, empty when null or blank, stripped */
    static java.util.Optional<String> text(String s) {
        return s == null || s.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(s.strip());
    }
}
