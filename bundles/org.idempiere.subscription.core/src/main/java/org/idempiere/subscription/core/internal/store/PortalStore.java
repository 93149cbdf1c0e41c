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
import org.idempiere.subscription.api.service.PortalLink;

/**
 * {@code SUB_PortalLink} and {@code SUB_PortalSession}: links to the customer portal and the
 * sessions they opened, each with only the SHA-256 of its token. Tokens are looked up across
 * tenants (a link names its tenant); everything else is the tenant's.
 */
public final class PortalStore {
    private static final String LINK = "SELECT SUB_PortalLink_ID, C_BPartner_ID, AD_User_ID, Created, ValidTo, DateRevoked,"
            + " DateLastUsed, AD_Client_ID, AD_Org_ID, CreatedBy FROM SUB_PortalLink";

    /** A link as stored, with the tenant it was issued in. */
    public record StoredLink(PortalLink link, Tenant issuedBy) {
    }

    /** A session as stored, with its link's tenant and expiry. */
    public record StoredSession(long id, long linkId, Tenant issuedBy, long customerId, Optional<Long> contactId,
            Instant validTo, Optional<Instant> lastUsed, Instant linkValidTo) {
    }

    /** Inserts a link. */
    public void insertLink(Connection c, Tenant tenant, long id, long customerId, Optional<Long> contactId, String tokenHash,
            Instant validTo) throws SQLException {
        Insert.into("SUB_PortalLink", id, tenant).set("C_BPartner_ID", customerId).set("AD_User_ID", contactId)
                .set("TokenHash", tokenHash).set("ValidTo", Timestamp.from(validTo)).execute(c);
    }

    /** @return the link with that token hash, of any tenant, locked when {@code lock} */
    public Optional<StoredLink> linkByToken(Connection c, String tokenHash, boolean lock) throws SQLException {
        return links(c, LINK + " WHERE TokenHash = ?" + (lock ? " FOR UPDATE" : ""), tokenHash).stream().findFirst();
    }

    /** @return the tenant's link with that id */
    public Optional<StoredLink> link(Connection c, Tenant tenant, long id) throws SQLException {
        return links(c, LINK + " WHERE AD_Client_ID = ? AND SUB_PortalLink_ID = ?", tenant.clientId(), id).stream().findFirst();
    }

    /** @return the customer's links, newest first */
    public List<StoredLink> links(Connection c, Tenant tenant, long customerId) throws SQLException {
        return links(c, LINK + " WHERE AD_Client_ID = ? AND C_BPartner_ID = ? ORDER BY Created DESC, SUB_PortalLink_ID DESC",
                tenant.clientId(), customerId);
    }

    /** Records that a link opened a session at {@code now}. */
    public void linkUsed(Connection c, long linkId, Instant now) throws SQLException {
        Sql.update(c, "UPDATE SUB_PortalLink SET DateLastUsed = ?, Updated = now() WHERE SUB_PortalLink_ID = ?",
                Timestamp.from(now), linkId);
    }

    /**
     * Revokes the links (one, or all of a customer's not yet revoked) and ends their sessions.
     *
     * @return how many links were revoked
     */
    public int revoke(Connection c, Tenant tenant, long customerId, Optional<Long> linkId, Instant now) throws SQLException {
        String which = " WHERE AD_Client_ID = ? AND C_BPartner_ID = ? AND DateRevoked IS NULL"
                + (linkId.isPresent() ? " AND SUB_PortalLink_ID = ?" : "");
        Object[] params = linkId.isPresent() ? new Object[] {tenant.clientId(), customerId, linkId.get()}
                : new Object[] {tenant.clientId(), customerId};
        Sql.update(c, "UPDATE SUB_PortalSession SET ValidTo = LEAST(ValidTo, ?), Updated = now()"
                + " WHERE SUB_PortalLink_ID IN (SELECT SUB_PortalLink_ID FROM SUB_PortalLink" + which + ")",
                prepend(Timestamp.from(now), params));
        return Sql.update(c, "UPDATE SUB_PortalLink SET DateRevoked = ?, UpdatedBy = ?, Updated = now()" + which,
                prepend(Timestamp.from(now), prepend(tenant.userId(), params)));
    }

    /** Inserts a session. */
    public void insertSession(Connection c, Tenant tenant, long id, long linkId, long customerId, Optional<Long> contactId,
            String tokenHash, Instant validTo, Instant now) throws SQLException {
        Insert.into("SUB_PortalSession", id, tenant).set("SUB_PortalLink_ID", linkId).set("C_BPartner_ID", customerId)
                .set("AD_User_ID", contactId).set("TokenHash", tokenHash).set("ValidTo", Timestamp.from(validTo))
                .set("DateLastUsed", Timestamp.from(now)).execute(c);
    }

    /** @return the session with that token hash, of any tenant, with its link's state; empty when its link is revoked */
    public Optional<StoredSession> sessionByToken(Connection c, String tokenHash) throws SQLException {
        String sql = "SELECT s.SUB_PortalSession_ID, s.SUB_PortalLink_ID, l.AD_Client_ID, l.AD_Org_ID, l.CreatedBy,"
                + " s.C_BPartner_ID, s.AD_User_ID, s.ValidTo, s.DateLastUsed, l.ValidTo FROM SUB_PortalSession s"
                + " JOIN SUB_PortalLink l ON l.SUB_PortalLink_ID = s.SUB_PortalLink_ID"
                + " WHERE s.TokenHash = ? AND s.IsActive = 'Y' AND l.DateRevoked IS NULL AND l.IsActive = 'Y'";
        try (PreparedStatement ps = Sql.prepare(c, sql, tokenHash); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            long contact = rs.getLong(7);
            Optional<Long> contactId = rs.wasNull() ? Optional.empty() : Optional.of(contact);
            return Optional.of(new StoredSession(rs.getLong(1), rs.getLong(2),
                    new Tenant(rs.getLong(3), rs.getLong(4), contactId.orElse(rs.getLong(5))), rs.getLong(6), contactId,
                    rs.getTimestamp(8).toInstant(), instant(rs, 9), rs.getTimestamp(10).toInstant()));
        }
    }

    /** Restarts a session's idle time: it now ends at {@code validTo}. */
    public void touchSession(Connection c, long sessionId, Instant validTo, Instant now) throws SQLException {
        Sql.update(c, "UPDATE SUB_PortalSession SET ValidTo = ?, DateLastUsed = ?, Updated = now() WHERE SUB_PortalSession_ID = ?",
                Timestamp.from(validTo), Timestamp.from(now), sessionId);
    }

    /** Ends the session with that token hash, if any. */
    public void endSession(Connection c, String tokenHash, Instant now) throws SQLException {
        Sql.update(c, "UPDATE SUB_PortalSession SET ValidTo = LEAST(ValidTo, ?), Updated = now() WHERE TokenHash = ?",
                Timestamp.from(now), tokenHash);
    }

    private static List<StoredLink> links(Connection c, String sql, Object... params) throws SQLException {
        List<StoredLink> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long contact = rs.getLong(3);
                Optional<Long> contactId = rs.wasNull() ? Optional.empty() : Optional.of(contact);
                PortalLink link = new PortalLink(rs.getLong(1), rs.getLong(2), contactId, Optional.empty(), Optional.empty(),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), instant(rs, 6), instant(rs, 7));
                out.add(new StoredLink(link, new Tenant(rs.getLong(8), rs.getLong(9), contactId.orElse(rs.getLong(10)))));
            }
        }
        return out;
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] out = new Object[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
