package org.idempiere.subscription.sandbox.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies versioned migrations in order, each once, recording them in
 * {@code sbx_schema_history}. Re-running is a no-op; an older database gets only what it lacks.
 * Concurrent starts on one database wait for each other (an advisory lock). A migration that was
 * applied and later changed is refused, never silently re-applied.
 */
public final class Migrator {

    /**
     * Applies the pending migrations of a track ({@code subscriptions}, {@code host}).
     *
     * @return the versions applied now
     */
    public List<String> migrate(Connection c, String track, List<Migration> migrations) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(712946)");
            s.execute("CREATE TABLE IF NOT EXISTS sbx_schema_history (track VARCHAR(40) NOT NULL, version VARCHAR(40) NOT NULL,"
                    + " description VARCHAR(200) NOT NULL, checksum CHAR(64) NOT NULL,"
                    + " applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (track, version))");
            Map<String, String> applied = applied(c, track);
            List<String> now = new ArrayList<>();
            for (Migration m : migrations.stream().sorted().toList()) {
                String checksum = applied.get(m.version());
                if (checksum != null) {
                    if (!checksum.equals(m.checksum())) {
                        throw new SQLException("Migration " + track + " " + m.version() + " was changed after it was applied");
                    }
                    continue;
                }
                s.execute(m.sql());
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sbx_schema_history (track, version, description, checksum) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, track);
                    ps.setString(2, m.version());
                    ps.setString(3, m.description());
                    ps.setString(4, m.checksum());
                    ps.executeUpdate();
                }
                now.add(m.version());
            }
            c.commit();
            return now;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static Map<String, String> applied(Connection c, String track) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version, checksum FROM sbx_schema_history WHERE track = ?")) {
            ps.setString(1, track);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }
}
