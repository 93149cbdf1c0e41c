package org.idempiere.subscription.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.CloseReason;

/** {@code SUB_CloseReason}: the tenant's churn reasons. */
public final class CloseReasonStore {
    private static final String SELECT = "SELECT SUB_CloseReason_ID, Name, Description FROM SUB_CloseReason"
            + " WHERE AD_Client_ID = ? AND IsActive = 'Y'";

    /** Inserts a reason. */
    public CloseReason insert(Connection c, Tenant tenant, long id, String name, Optional<String> description)
            throws SQLException {
        Insert.into("SUB_CloseReason", id, tenant).set("Name", name).set("Description", description).execute(c);
        return new CloseReason(id, name, description);
    }

    /** @return whether an active reason of the tenant has that name */
    public boolean nameTaken(Connection c, Tenant tenant, String name) throws SQLException {
        return !query(c, SELECT + " AND Name = ?", tenant.clientId(), name).isEmpty();
    }

    /** @return the tenant's active reason with that id */
    public Optional<CloseReason> find(Connection c, Tenant tenant, long id) throws SQLException {
        return query(c, SELECT + " AND SUB_CloseReason_ID = ?", tenant.clientId(), id).stream().findFirst();
    }

    /**
     * @return whether the tenant has a reason with that id, active or not (churn entries keep the reasons they were
     *         closed with, also after a reason is deactivated)
     */
    public boolean exists(Connection c, Tenant tenant, long id) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT 1 FROM SUB_CloseReason WHERE AD_Client_ID = ?"
                + " AND SUB_CloseReason_ID = ?", tenant.clientId(), id); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** @return the tenant's active reasons by name */
    public List<CloseReason> list(Connection c, Tenant tenant) throws SQLException {
        return query(c, SELECT + " ORDER BY Name", tenant.clientId());
    }

    private static List<CloseReason> query(Connection c, String sql, Object... params) throws SQLException {
        List<CloseReason> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new CloseReason(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3))));
            }
        }
        return out;
    }
}
