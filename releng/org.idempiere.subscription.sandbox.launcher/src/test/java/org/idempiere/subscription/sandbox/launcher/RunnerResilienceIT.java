package org.idempiere.subscription.sandbox.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Billing is exactly-once across processes and crashes: two sandbox processes on one database
 * bill at the same moment, then a runner is killed with SIGKILL in the middle of a run and the
 * other finishes it. Every period is invoiced once, no invoice exists without its billing item,
 * and the killed runtime starts again over its data (its orphaned PostgreSQL is stopped first).
 */
class RunnerResilienceIT {
    private static final String KEY = "resilience-it-key";
    private static final int SUBSCRIPTIONS = 1200;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoProcessesAndAKilledRunner_billEveryPeriodExactlyOnce() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target")).toAbsolutePath();
        Path dataA = target.resolve("it-runner-a");
        Path dataB = target.resolve("it-runner-b");
        SandboxLauncherIT.deleteTree(dataA);
        SandboxLauncherIT.deleteTree(dataB);
        Files.createDirectories(target);
        int portA = freePort();
        int portB = freePort();
        String a = "http://127.0.0.1:" + portA + "/subscriptions/api/v1";
        String b = "http://127.0.0.1:" + portB + "/subscriptions/api/v1";

        Path logA = target.resolve("it-runner-a.log");
        Process procA = SandboxLauncherIT.start(target, dataA, portA, logA, KEY, null);
        Process procB = null;
        try {
            SandboxLauncherIT.awaitReady(procA, logA, a);
            Matcher m = Pattern.compile("(jdbc:postgresql://\\S+)").matcher(Files.readString(logA));
            assertTrue(m.find(), "the banner shows the database URL");
            String jdbc = m.group(1);

            LocalDate today = LocalDate.parse(json(get(a + "/sandbox/clock"), "today"));
            String template = json(post(a + "/templates", "{\"name\":\"Monthly\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"}}"), "id");
            List<CompletableFuture<HttpResponse<String>>> creating = new ArrayList<>();
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                creating.add(postAsync(a + "/subscriptions", "{\"templateId\":" + template + ",\"customerId\":1000009,"
                        + "\"currency\":\"EUR\",\"startDate\":\"" + today + "\",\"lines\":[{\"productId\":1000022,\"quantity\":1}]}"));
                if (creating.size() == 8) {
                    for (CompletableFuture<HttpResponse<String>> f : creating) {
                        assertEquals(201, f.get().statusCode(), f.get().body());
                    }
                    creating.clear();
                }
            }
            for (CompletableFuture<HttpResponse<String>> f : creating) {
                assertEquals(201, f.get().statusCode());
            }

            Path logB = target.resolve("it-runner-b.log");
            procB = SandboxLauncherIT.start(target, dataB, portB, logB, KEY, jdbc);
            SandboxLauncherIT.awaitReady(procB, logB, b);

            // Two processes bill the same due subscriptions at once.
            String body = "{\"asOf\":\"" + today + "\"}";
            CompletableFuture<HttpResponse<String>> runA = postAsync(a + "/billing-runs", body);
            CompletableFuture<HttpResponse<String>> runB = postAsync(b + "/billing-runs", body);
            int created = Integer.parseInt(json(runA.get(120, TimeUnit.SECONDS).body(), "invoicesCreated"))
                    + Integer.parseInt(json(runB.get(120, TimeUnit.SECONDS).body(), "invoicesCreated"));
            assertEquals(SUBSCRIPTIONS, created, "one invoice per subscription, shared between the two runners");
            assertExactlyOnce(jdbc, SUBSCRIPTIONS);

            // A runner is killed in the middle of the next month's run; the other one finishes it.
            String nextMonth = "{\"asOf\":\"" + today.plusMonths(1) + "\"}";
            CompletableFuture<HttpResponse<String>> dying = postAsync(a + "/billing-runs", nextMonth);
            Thread.sleep(150);
            procA.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            // Whether the kill landed inside a chunk or between chunks, what follows must hold.
            System.out.println("killed runner: run " + (dying.handle((r, e) -> e != null ? "cut off" : "finished: " + r.body())
                    .get()));
            // The database notices the dead client and rolls its transaction back, releasing its row
            // locks: until then the survivor skips those rows (SKIP LOCKED), as it would another runner's.
            awaitNoOpenClaims(jdbc);
            HttpResponse<String> rest = post(b + "/billing-runs", nextMonth);
            assertEquals(201, rest.statusCode(), rest.body());
            assertExactlyOnce(jdbc, 2 * SUBSCRIPTIONS);

            // The killed runtime comes back over its data: its orphaned PostgreSQL is stopped first.
            SandboxLauncherIT.stop(procB);
            procB = null;
            Path logA2 = target.resolve("it-runner-a2.log");
            procA = SandboxLauncherIT.start(target, dataA, portA, logA2, KEY, null);
            SandboxLauncherIT.awaitReady(procA, logA2, a);
            Matcher m2 = Pattern.compile("(jdbc:postgresql://\\S+)").matcher(Files.readString(logA2));
            assertTrue(m2.find());
            assertExactlyOnce(m2.group(1), 2 * SUBSCRIPTIONS);
            assertEquals("0", json(post(a + "/billing-runs/dry-run", nextMonth), "subscriptionsDue"));
        } finally {
            if (procB != null) {
                SandboxLauncherIT.stop(procB);
            }
            SandboxLauncherIT.stop(procA);
        }
    }

    /** Waits (at most 30 s) until no transaction holds a claim on subscriptions: the killed runner's is rolled back. */
    private static void awaitNoOpenClaims(String jdbc) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            while (count(s, "SELECT COUNT(*) FROM pg_locks WHERE relation = 'sub_subscription'::regclass"
                    + " AND pid <> pg_backend_pid()") > 0) {
                assertTrue(System.nanoTime() < deadline, "the killed runner's transaction is still open after 30 s");
                Thread.sleep(100);
            }
        }
    }

    /** Every period invoiced once, and every reference-host invoice has its billing item. */
    private static void assertExactlyOnce(String jdbc, int expected) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            assertEquals(expected, count(s, "SELECT COUNT(*) FROM sub_billingitem"));
            assertEquals(expected, count(s, "SELECT COUNT(DISTINCT (sub_subscription_id, periodstart)) FROM sub_billingitem"));
            assertEquals(expected, count(s, "SELECT COUNT(*) FROM sbx_invoice"), "no invoice without its billing item");
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String json(HttpResponse<String> r, String field) {
        return json(r.body(), field);
    }

    /** The value of a top-level scalar field in a small JSON object (enough for these answers). */
    private static String json(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"?([^\",}]*)").matcher(body);
        assertTrue(m.find(), field + " in " + body);
        return m.group(1);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return postAsync(url, body).get(180, TimeUnit.SECONDS);
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(String url, String body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(180))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
