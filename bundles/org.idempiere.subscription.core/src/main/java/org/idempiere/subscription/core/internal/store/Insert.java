package org.idempiere.subscription.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.idempiere.subscription.api.host.Tenant;

/**
 * An INSERT into one of our tables with the standard iDempiere columns filled in: key, UUID,
 * client, organization, active flag and the audit columns.
 */
public final class Insert {
    private final List<String> columns = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private final String table;

    private Insert(String table) {
        this.table = table;
    }

    /** Starts an insert of record {@code id} into {@code table} for the tenant. */
    public static Insert into(String table, long id, Tenant tenant) {
        Insert i = new Insert(table);
        return i.set(table + "_ID", id)
                .set(table + "_UU", UUID.randomUUID().toString())
                .set("AD_Client_ID", tenant.clientId())
                .set("AD_Org_ID", tenant.orgId())
                .set("CreatedBy", tenant.userId())
                .set("UpdatedBy", tenant.userId());
    }

    /** Sets a column (null stores NULL; {@code Optional}s and {@code LocalDate}s are converted). */
    public Insert set(String column, Object value) {
        int at = columns.indexOf(column);
        if (at >= 0) {
            values.set(at, value);      // set again: the last value counts
        } else {
            columns.add(column);
            values.add(value);
        }
        return this;
    }

    /** Executes the insert on the connection. */
    public void execute(Connection c) throws SQLException {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns)
                + ", IsActive, Created, Updated) VALUES (" + "?, ".repeat(columns.size()) + "'Y', now(), now())";
        try (PreparedStatement ps = Sql.prepare(c, sql, values.toArray())) {
            ps.executeUpdate();
        }
    }
}
