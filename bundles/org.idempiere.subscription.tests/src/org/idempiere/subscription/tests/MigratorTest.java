package org.idempiere.subscription.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.idempiere.subscription.sandbox.internal.db.ConnectionPool;
import org.idempiere.subscription.sandbox.internal.db.Migration;
import org.idempiere.subscription.sandbox.internal.db.Migrator;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.sandbox.internal.db.SandboxDatabase;
import org.junit.jupiter.api.Test;

/** Versioned migrations on a real PostgreSQL, in a schema of their own. */
class MigratorTest {
    private static final Migration V1 = Migration.of("V1.0.0__first.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY)");
    private static final Migration V1_1 = Migration.of("V1.1.0__add_name.sql", "ALTER TABLE t ADD COLUMN name VARCHAR(20)");
    private static final Migration V1_10 = Migration.of("V1.10.0__add_note.sql", "ALTER TABLE t ADD COLUMN note VARCHAR(20)");

    @Test
    void migrate_appliesInVersionOrder_onceEach_andUpgradesAnOlderDatabaseInPlace() throws Exception {
        ConnectionPool pool = Sandbox.service(SandboxDatabase.class).pool();
        Connection c = pool.borrow();
        String schema = "mig_" + System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("SET search_path TO " + schema);
            c.commit();
            Migrator migrator = new Migrator();

            assertEquals(List.of("1.0.0"), migrator.migrate(c, "test", List.of(V1)));
            Rows.update(c, "INSERT INTO t (id) VALUES (1)");
            c.commit();
            // An older database meets newer code: only what it lacks is applied, in numeric order.
            assertEquals(List.of("1.1.0", "1.10.0"), migrator.migrate(c, "test", List.of(V1_10, V1, V1_1)));
            assertEquals(List.of(), migrator.migrate(c, "test", List.of(V1, V1_1, V1_10)));
            assertEquals(1L, Rows.first(c, "SELECT COUNT(*) FROM t WHERE name IS NULL AND note IS NULL", rs -> rs.getLong(1))
                    .orElseThrow());
            c.commit();

            Migration changed = Migration.of("V1.0.0__first.sql", "CREATE TABLE t (id BIGINT PRIMARY KEY)");
            SQLException e = assertThrows(SQLException.class, () -> migrator.migrate(c, "test", List.of(changed)));
            assertTrue(e.getMessage().contains("changed after it was applied"), e.getMessage());

            Migration broken = Migration.of("V2.0.0__broken.sql", "ALTER TABLE t ADD COLUMN x INTEGER; SELECT no_such_function()");
            assertThrows(SQLException.class, () -> migrator.migrate(c, "test", List.of(V1, V1_1, V1_10, broken)));
            assertEquals(0L, Rows.first(c, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = ?"
                    + " AND table_name = 't' AND column_name = 'x'", rs -> rs.getLong(1), schema).orElseThrow(),
                    "a failed migration leaves nothing behind");
            c.commit();
        } finally {
            try (Statement s = c.createStatement()) {
                c.rollback();
                s.execute("DROP SCHEMA " + schema + " CASCADE");
                s.execute("SET search_path TO DEFAULT");
                c.commit();
            }
            pool.release(c, false);
        }
    }

    @Test
    void migrationFileNames_mustBeVersioned() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Migration.of("create.sql", ""));
        assertTrue(e.getMessage().contains("create.sql"));
    }
}
