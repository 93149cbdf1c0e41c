package org.idempiere.subscription.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.ApiKey;

/** {@code SUB_ApiKey}: keys of the JSON API with only the SHA-256 of each secret; looked up by hash across tenants. */
public final class ApiKeyStore {
    private static final String SELECT = "SELECT SUB_ApiKey_ID, Name, KeyPrefix, Created, ValidTo, DateLastUsed, IsActive,"
            + " AD_Client_ID, AD_Org_ID, CreatedBy FROM SUB_ApiKey";

    /** A key as stored, with the tenant it acts for. */
    public record Stored(ApiKey key, Tenant tenant) {
    }

    /** Inserts a key. */
    public void insert(Connection c, Tenant tenant, long id, String name, String hash, String prefix, Optional<Instant> validTo)
            throws SQLException {
        Insert.into("SUB_ApiKey", id, tenant).set("Name", name).set("KeyHash", hash).set("KeyPrefix", prefix)
                .set("ValidTo", validTo.map(Timestamp::from).orElse(null)).execute(c);
    }

    /** Replaces a key's secret. @return whether the tenant has the key */
    public boolean setSecret(Connection c, Tenant tenant, long id, String hash, String prefix) throws SQLException {
        return Sql.update(c, "UPDATE SUB_ApiKey SET KeyHash = ?, KeyPrefix = ?, UpdatedBy = ?, Updated = now()"
                + " WHERE AD_Client_ID = ? AND SUB_ApiKey_ID = ?", hash, prefix, tenant.userId(), tenant.clientId(), id) > 0;
    }

    /** Deactivates a key. @return whether the tenant has the key */
    public boolean deactivate(Connection c, Tenant tenant, long id) throws SQLException {
        return Sql.update(c, "UPDATE SUB_ApiKey SET IsActive = 'N', UpdatedBy = ?, Updated = now()"
                + " WHERE AD_Client_ID = ? AND SUB_ApiKey_ID = ?", tenant.userId(), tenant.clientId(), id) > 0;
    }

    /** @return the key with that hash, of any tenant, active or not */
    public Optional<Stored> byHash(Connection c, String hash) throws SQLException {
        return query(c, SELECT + " WHERE KeyHash = ?", hash).stream().findFirst();
    }

    /** @return the tenant's key with that id */
    public Optional<Stored> find(Connection c, Tenant tenant, long id) throws SQLException {
        return query(c, SELECT + " WHERE AD_Client_ID = ? AND SUB_ApiKey_ID = ?", tenant.clientId(), id).stream().findFirst();
    }

    /** @return the tenant's keys by name */
    public List<ApiKey> list(Connection c, Tenant tenant) throws SQLException {
        return query(c, SELECT + " WHERE AD_Client_ID = ? ORDER BY Name, SUB_ApiKey_ID", tenant.clientId()).stream()
                .map(Stored::key).toList();
    }

    /** Records a use of the key at {@code now}, unless one was recorded since {@code since}. */
    public void used(Connection c, long id, Instant now, Instant since) throws SQLException {
        Sql.update(c, "UPDATE SUB_ApiKey SET DateLastUsed = ? WHERE SUB_ApiKey_ID = ? AND (DateLastUsed IS NULL OR DateLastUsed < ?)",
                Timestamp.from(now), id, Timestamp.from(since));
    }

    private static List<Stored> query(Connection c, String sql, Object... params) throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ApiKey k = new ApiKey(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)),
                        rs.getTimestamp(4).toInstant(), instant(rs, 5), instant(rs, 6), "Y".equals(rs.getString(7)));
                out.add(new Stored(k, new Tenant(rs.getLong(8), rs.getLong(9), rs.getLong(10))));
            }
        }
        return out;
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }
}
