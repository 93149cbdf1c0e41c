package org.idempiere.subscription.sandbox.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sandbox as a user runs it: the launcher jar started as its own process over the assembled
 * runtime, answering over HTTP, stopped as Ctrl-C stops it (SIGTERM runs the same shutdown), and
 * started again with everything kept. Prints the start-up times it measured.
 */
class SandboxLauncherIT {
    private static final String KEY = "launcher-it-key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void startsServesStopsCleanly_andKeepsItsDataAcrossARestart() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target")).toAbsolutePath();
        Path data = target.resolve("it-sandbox");
        deleteTree(data);
        Files.createDirectories(target);
        int port = freePort();
        String base = "http://127.0.0.1:" + port + "/subscriptions/api/v1";

        Path log1 = target.resolve("it-sandbox-1.log");
        Process first = start(target, data, port, log1);
        try {
            long ms = awaitReady(first, log1, base);
            System.out.println("sandbox first start (initdb, migrations, demo data): " + ms + " ms");
            assertEquals(200, get(base + "/health", null).statusCode());
            assertEquals(401, get(base + "/sandbox/customers", null).statusCode());
            HttpResponse<String> customers = get(base + "/sandbox/customers", KEY);
            assertEquals(200, customers.statusCode());
            assertEquals(4, count(customers.body(), "\"countryCode\""), customers.body());
            HttpResponse<String> created = post(base + "/templates", "{\"name\":\"Kept across restarts\","
                    + "\"recurrence\":{\"every\":3,\"unit\":\"MONTH\"}}");
            assertEquals(201, created.statusCode(), created.body());
            HttpResponse<String> portal = get("http://127.0.0.1:" + port + "/subscriptions/portal/request-link", null);
            assertEquals(200, portal.statusCode(), "the portal is served from the web bundle's web.xml");
            assertTrue(portal.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        } finally {
            stop(first);
        }
        assertFalse(Files.exists(data.resolve("pgdata/postmaster.pid")), "PostgreSQL stopped with the sandbox");

        Path log2 = target.resolve("it-sandbox-2.log");
        Process second = start(target, data, port, log2);
        try {
            long ms = awaitReady(second, log2, base);
            System.out.println("sandbox restart: " + ms + " ms");
            assertTrue(ms < 30_000, "restart took " + ms + " ms");
            HttpResponse<String> templates = get(base + "/templates", KEY);
            assertTrue(templates.body().contains("Kept across restarts"), templates.body());
            assertEquals(4, count(get(base + "/sandbox/customers", KEY).body(), "\"countryCode\""), "demo data loaded once");
        } finally {
            stop(second);
        }
    }

    /**
     * A second sandbox on a data folder or a port the first one holds exits at once, non-zero,
     * with one line that says which and what to do, and leaves the first one serving.
     */
    @Test
    void aSecondSandboxOnTheSameDataOrPort_exitsAtOnceWithOneLine() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target")).toAbsolutePath();
        Path data = target.resolve("it-sandbox-held");
        Path otherData = target.resolve("it-sandbox-other");
        deleteTree(data);
        deleteTree(otherData);
        Files.createDirectories(target);
        int port = freePort();
        String base = "http://127.0.0.1:" + port + "/subscriptions/api/v1";
        Process first = start(target, data, port, target.resolve("it-sandbox-held.log"));
        try {
            awaitReady(first, target.resolve("it-sandbox-held.log"), base);

            String sameData = refusedAtOnce(target, data, freePort(), "it-sandbox-same-data.log");
            assertTrue(sameData.startsWith("sandbox: the data folder " + data + " is in use by another sandbox"), sameData);
            assertTrue(sameData.contains("--data DIR"), sameData);

            String samePort = refusedAtOnce(target, otherData, port, "it-sandbox-same-port.log");
            assertEquals("sandbox: port " + port + " on 127.0.0.1 is in use by another program; stop it or start with --port N",
                    samePort);
            assertFalse(Files.exists(otherData.resolve("pgdata")), "the refused sandbox started no database");

            assertEquals(200, get(base + "/health", null).statusCode(), "the first sandbox still serves");
        } finally {
            stop(first);
        }
    }

    /** Started on port 0 (any free port, as the benchmark runs), the banner shows the port it really got. */
    @Test
    void onPortZero_theBannerShowsTheRealPort() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target")).toAbsolutePath();
        Path data = target.resolve("it-sandbox-port0");
        deleteTree(data);
        Files.createDirectories(target);
        Path log = target.resolve("it-sandbox-port0.log");
        Process p = start(target, data, 0, log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!(Files.exists(log) && Files.readString(log).contains("Press Ctrl-C to stop.")) && System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new AssertionError("the sandbox exited with " + p.exitValue() + ":\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
            String out = Files.readString(log);
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("  API       http://127\\.0\\.0\\.1:(\\d+)/subscriptions/api/v1   \\(OpenAPI: ").matcher(out);
            assertTrue(m.find(), "banner with the API address:\n" + out);
            int port = Integer.parseInt(m.group(1));
            assertTrue(port > 0, "the banner shows port " + port);
            assertEquals(200, get("http://127.0.0.1:" + port + "/subscriptions/api/v1/health", null).statusCode(),
                    "the API answers on the port the banner shows");
            java.util.regex.Matcher analytics = java.util.regex.Pattern
                    .compile("  Analytics (http://127\\.0\\.0\\.1:" + port + "/subscriptions/seller/sign-in)   ").matcher(out);
            assertTrue(analytics.find(), "banner with the analytics page's address:\n" + out);
            assertEquals(200, get(analytics.group(1), null).statusCode(), "the seller's sign-in page answers at the banner's address");
        } finally {
            stop(p);
        }
    }

    /** Starts a sandbox that must be refused: it ends within 15 s with exit code 3; returns its only line. */
    private static String refusedAtOnce(Path target, Path data, int port, String logName) throws Exception {
        Path log = target.resolve(logName);
        long t0 = System.nanoTime();
        Process p = start(target, data, port, log);
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the second sandbox did not exit within 15 s:\n" + Files.readString(log));
        }
        System.out.println("second sandbox refused in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        String out = Files.readString(log);
        assertEquals(3, p.exitValue(), out);
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line, no stack trace:\n" + out);
        return lines.get(0);
    }

    private static Process start(Path target, Path data, int port, Path log) throws IOException {
        return start(target, data, port, log, KEY, null);
    }

    /** Starts the sandbox process, on its embedded database or on {@code dbUrl}. */
    static Process start(Path target, Path data, int port, Path log, String key, String dbUrl) throws IOException {
        return start(target, data, port, log, key, dbUrl, List.of());
    }

    /**
     * Starts the sandbox process, on its embedded database or on {@code dbUrl}, with extra JVM
     * options ({@code -Dname=value}) given before the launcher's jar: the launched JVM's own
     * system properties, which the engine's bundles read.
     */
    static Process start(Path target, Path data, int port, Path log, String key, String dbUrl, List<String> jvmOptions)
            throws IOException {
        Path runtime = target.resolve("../../org.idempiere.subscription.sandbox.runtime/target/repository/plugins").normalize();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + target, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", target.resolve("sandbox-launcher.jar").toString(),
                "--bundles", runtime.toString(), "--data", data.toString(), "--port", String.valueOf(port)));
        if (dbUrl != null) {
            cmd.add("--db-url");
            cmd.add(dbUrl);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("SUBSCRIPTIONS_API_KEY", key);
        pb.environment().remove("SUBSCRIPTIONS_DB_URL");
        return pb.start();
    }

    /**
     * Waits until the banner's last line is in the process's log file and the API answers;
     * returns how long that took. The output goes to a file, not a pipe, so nothing in the test
     * JVM has to keep reading it.
     */
    static long awaitReady(Process p, Path log, String base) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("the sandbox exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
            if (Files.exists(log) && Files.readString(log).contains("Press Ctrl-C to stop.")
                    && get(base + "/health", null).statusCode() == 200) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the sandbox did not get ready within 180 s:\n" + Files.readString(log));
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM: the JVM runs the launcher's shutdown hook, as on Ctrl-C
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the sandbox did not stop within 90 s");
        }
    }

    static HttpResponse<String> get(String url, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
