package org.idempiere.subscription.sandbox.internal.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * PostgreSQL run from the binaries inside this bundle, with its data in a folder that survives
 * restarts ({@code <data>/pgdata}). A server left running by a process that was killed is
 * stopped first, so the next start finds its data folder free.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts (and on first use initialises) the server for the data folder. */
    public static EmbeddedDatabase start(Path dataDir) throws IOException {
        Path pgData = dataDir.resolve("pgdata");
        Path work = dataDir.resolve("pgbin");
        Files.createDirectories(pgData);
        Files.createDirectories(work);
        stopOrphan(pgData);
        clearUnfinishedInit(pgData);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(work.toFile())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        return new EmbeddedDatabase(pg);
    }

    /**
     * initdb refuses a non-empty folder. A folder without postgresql.conf (written last by
     * initdb, and what the embedded server checks) holds only an interrupted first start: clear it.
     */
    private static void clearUnfinishedInit(Path pgData) throws IOException {
        if (Files.exists(pgData.resolve("postgresql.conf"))) {
            return;
        }
        try (var walk = Files.walk(pgData)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(pgData)) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A server whose JVM died keeps running and holds the data folder: end it. */
    private static void stopOrphan(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
        if (orphan.isPresent() && orphan.get().isAlive() && orphan.get().info().command().orElse("").contains("postgres")) {
            orphan.get().destroy(); // SIGTERM: PostgreSQL's "smart" shutdown
            try {
                orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("A PostgreSQL server (pid " + orphan.get().pid() + ") still holds " + pgData, e);
            }
        }
    }

    /** @return a data source for the {@code postgres} database as its superuser */
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** @return the JDBC URL, for people who want to look with psql */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
