package org.idempiere.subscription.sandbox.internal.db;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.idempiere.subscription.sandbox.internal.SandboxConfig;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The sandbox's PostgreSQL: the embedded server over the data folder, or the database given by
 * {@code subscriptions.db.url}. On activation it applies pending migrations: the {@code SUB_}
 * tables generated from the 2pack dictionary ({@code db/subscriptions}) and the reference host's
 * own ({@code db/host}).
 */
@Component(service = SandboxDatabase.class, immediate = true)
public final class SandboxDatabase {
    private static final System.Logger LOG = System.getLogger(SandboxDatabase.class.getName());
    private static final int POOL_SIZE = 8;

    private final EmbeddedDatabase embedded;
    private final ConnectionPool pool;
    private final String description;

    @Activate
    public SandboxDatabase(BundleContext context) throws IOException, SQLException {
        try {
            SandboxConfig config = SandboxConfig.of(context);
            Started started = start(config);
            embedded = started.embedded();
            pool = started.pool();
            description = started.description();
        } catch (IOException | SQLException | RuntimeException | Error e) {
            // Nothing works without the database: say so where the person who started it looks.
            LOG.log(System.Logger.Level.ERROR, "The sandbox database did not start: " + e, e);
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "Sandbox database ready: " + description);
    }

    private record Started(EmbeddedDatabase embedded, ConnectionPool pool, String description) {
    }

    private static Started start(SandboxConfig config) throws IOException, SQLException {
        EmbeddedDatabase embedded;
        String description;
        javax.sql.DataSource source;
        if (config.dbUrl().isPresent()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(config.dbUrl().get());
            ds.setReWriteBatchedInserts(true);
            source = ds;
            embedded = null;
            description = "PostgreSQL at " + config.dbUrl().get().replaceAll("password=[^&]*", "password=***");
        } else {
            embedded = EmbeddedDatabase.start(config.dataDir());
            source = embedded.dataSource();
            if (source instanceof PGSimpleDataSource pg) {
                pg.setReWriteBatchedInserts(true); // batched inserts travel as multi-row INSERTs
            }
            description = "embedded PostgreSQL, data in " + config.dataDir().resolve("pgdata") + ", " + embedded.jdbcUrl();
        }
        ConnectionPool pool = new ConnectionPool(source, POOL_SIZE);
        try {
            migrate(pool, FrameworkUtil.getBundle(SandboxDatabase.class));
        } catch (SQLException | IOException | RuntimeException e) {
            pool.close();
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        return new Started(embedded, pool, description);
    }

    private static void migrate(ConnectionPool pool, Bundle bundle) throws SQLException, IOException {
        Connection c = pool.borrow();
        boolean broken = true;
        try {
            Migrator migrator = new Migrator();
            for (String track : List.of("subscriptions", "host")) {
                List<String> applied = migrator.migrate(c, track, load(bundle, "db/" + track));
                if (!applied.isEmpty()) {
                    LOG.log(System.Logger.Level.INFO, "Schema " + track + ": applied " + applied);
                }
            }
            broken = false;
        } finally {
            pool.release(c, broken);
        }
    }

    private static List<Migration> load(Bundle bundle, String folder) throws IOException {
        Enumeration<URL> entries = bundle.findEntries(folder, "V*.sql", false);
        List<Migration> out = new ArrayList<>();
        for (URL url : entries == null ? Collections.<URL>emptyList() : Collections.list(entries)) {
            String path = url.getPath();
            try (InputStream in = url.openStream()) {
                out.add(Migration.of(path.substring(path.lastIndexOf('/') + 1), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        if (out.isEmpty()) {
            throw new IOException("No migrations in " + folder + " of bundle " + bundle.getSymbolicName());
        }
        return out;
    }

    /** @return the connection pool */
    public ConnectionPool pool() {
        return pool;
    }

    /** @return where the data lives, for the start-up banner */
    public String description() {
        return description;
    }

    @Deactivate
    void close() throws IOException {
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
