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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Automatic payments are captured at most once across processes and crashes (decision 0026): a
 * collector process is killed with SIGKILL in the middle of a payment run several times, with
 * attempts left in flight and charges inside the gateway's latency, and a surviving process
 * collects the rest after the lease; then two collectors run at once, with a lease shorter than a
 * batch takes, so each asks about or re-sends the other's attempts. The gateway's ledger shows one
 * capture per invoice, and every attempt ends SUCCEEDED.
 *
 * <p>Three processes share one PostgreSQL: the holder (its embedded database; it is never killed
 * and is the survivor) and collectors started with {@code --db-url}. The test clock is read by a
 * process when it starts, so it is only moved while no collector runs.
 */
class CollectorCrashIT {
    private static final String KEY = "collector-crash-it-key";
    /** The lease after which an attempt left in flight is asked about, shortened for the test. */
    private static final int LEASE_SECONDS = 3;
    private static final List<String> JVM = List.of("-Dsubscriptions.payments.lease.seconds=" + LEASE_SECONDS);
    private static final int KILLED_INVOICES = 60;
    private static final int CONCURRENT_INVOICES = 80;
    private static final int KILLS = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void killedAndConcurrentCollectors_captureEachInvoiceAtMostOnce_andResolveEveryAttempt() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target")).toAbsolutePath();
        Path holderData = target.resolve("it-collector-holder");
        Path collectorData = target.resolve("it-collector-k");
        SandboxLauncherIT.deleteTree(holderData);
        SandboxLauncherIT.deleteTree(collectorData);
        Files.createDirectories(target);
        int holderPort = freePort();
        int collectorPort = freePort();
        String h = "http://127.0.0.1:" + holderPort + "/subscriptions/api/v1";
        String k = "http://127.0.0.1:" + collectorPort + "/subscriptions/api/v1";

        Path holderLog = target.resolve("it-collector-holder.log");
        Process holder = SandboxLauncherIT.start(target, holderData, holderPort, holderLog, KEY, null, JVM);
        Process collector = null;
        try {
            SandboxLauncherIT.awaitReady(holder, holderLog, h);
            Matcher m = Pattern.compile("(jdbc:postgresql://\\S+)").matcher(Files.readString(holderLog));
            assertTrue(m.find(), "the banner shows the database URL");
            String jdbc = m.group(1);

            // A plan paid automatically, a saved card, and invoices whose attempts are due tomorrow
            // (the killed phase) and the day after (the concurrent phase): the billing run that
            // records them collects only what is due today, which is nothing.
            LocalDate today = LocalDate.parse(json(get(h + "/sandbox/clock"), "today"));
            String template = json(created(post(h + "/templates", "{\"name\":\"Monthly by card\",\"recurrence\":{\"every\":1,"
                    + "\"unit\":\"MONTH\"},\"payment\":{\"mode\":\"AUTOMATIC\"}}")), "id");
            String token = json(created(post(h + "/sandbox/gateway/tokens", "{\"card\":{\"number\":\"4242424242424242\","
                    + "\"expMonth\":12,\"expYear\":" + (today.getYear() + 3) + ",\"cvc\":\"123\",\"holder\":\"Jana Nováková\"}}")),
                    "token");
            created(post(h + "/customers/1000009/payment-methods", "{\"token\":\"" + token + "\",\"makeDefault\":true}"));
            List<String> killedPhase = subscribe(h, template, today.plusDays(1), KILLED_INVOICES);
            List<String> concurrentPhase = subscribe(h, template, today.plusDays(2), CONCURRENT_INVOICES);
            HttpResponse<String> run = post(h + "/billing-runs", "{\"asOf\":\"" + today.plusDays(2) + "\"}");
            assertEquals(201, run.statusCode(), run.body());
            assertEquals(KILLED_INVOICES + CONCURRENT_INVOICES, Integer.parseInt(json(run, "invoicesCreated")));
            assertEquals(0, captures(jdbc), "nothing was due today");

            // --- A collector killed mid-run, several times; the holder survives and finishes.
            ok(post(h + "/sandbox/clock", "{\"advanceDays\":1}"));
            ok(post(h + "/sandbox/gateway/settings", "{\"latencyMs\":200}"));
            for (int kill = 1; kill <= KILLS; kill++) {
                Path log = target.resolve("it-collector-k" + kill + ".log");
                collector = SandboxLauncherIT.start(target, collectorData, collectorPort, log, KEY, jdbc, JVM);
                SandboxLauncherIT.awaitReady(collector, log, k);
                long before = captures(jdbc);
                long t0 = System.nanoTime();
                CompletableFuture<HttpResponse<String>> dying = postAsync(k + "/payment-runs", "{}");
                // kill it once it has captured a little more, while its batch is in flight
                awaitCaptures(jdbc, before + 2 * kill, dying);
                Thread.sleep(37L * kill);
                System.out.println("killing the collector after " + (System.nanoTime() - t0) / 1_000_000 + " ms: captures "
                        + captures(jdbc) + ", in flight " + inFlight(jdbc));
                collector.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                collector = null;
                System.out.println("collector killed (" + kill + "): run " + dying.handle((r, e) -> e != null ? "cut off"
                        : "finished: " + r.body()).get() + "; captures " + captures(jdbc) + ", in flight " + inFlight(jdbc));
                assertTrue(inFlight(jdbc) > 0, "the kill left attempts in flight");
            }
            collectUntilResolved(h, jdbc, today.plusDays(1));
            assertEachInvoiceCapturedOnce(h, killedPhase);

            // --- Two collectors at once: a batch takes longer than the lease, so each one finds the
            // other's attempts stale and asks about (or re-sends under the same key) some of them.
            ok(post(h + "/sandbox/clock", "{\"advanceDays\":1}"));
            ok(post(h + "/sandbox/gateway/settings", "{\"latencyMs\":100}"));
            Path log = target.resolve("it-collector-k-concurrent.log");
            collector = SandboxLauncherIT.start(target, collectorData, collectorPort, log, KEY, jdbc, JVM);
            SandboxLauncherIT.awaitReady(collector, log, k);
            CompletableFuture<HttpResponse<String>> runH = postAsync(h + "/payment-runs", "{}");
            CompletableFuture<HttpResponse<String>> runK = postAsync(k + "/payment-runs", "{}");
            System.out.println("concurrent payment runs: " + ok(runH.get(180, TimeUnit.SECONDS)).body() + " / "
                    + ok(runK.get(180, TimeUnit.SECONDS)).body());
            collectUntilResolved(h, jdbc, today.plusDays(2));
            assertEachInvoiceCapturedOnce(h, concurrentPhase);
            assertEachInvoiceCapturedOnce(h, killedPhase);
            assertEquals(KILLED_INVOICES + CONCURRENT_INVOICES, captures(jdbc), "one capture per invoice in the whole ledger");
        } finally {
            if (collector != null) {
                collector.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            SandboxLauncherIT.stop(holder);
        }
    }

    /** Creates {@code n} subscriptions of one customer starting on {@code start}; returns their ids. */
    private static List<String> subscribe(String base, String template, LocalDate start, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> creating = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            creating.add(postAsync(base + "/subscriptions", "{\"templateId\":" + template + ",\"customerId\":1000009,"
                    + "\"currency\":\"EUR\",\"startDate\":\"" + start + "\",\"lines\":[{\"productId\":1000022,\"quantity\":1}]}"));
            if (creating.size() == 8 || i == n - 1) {
                for (CompletableFuture<HttpResponse<String>> f : creating) {
                    ids.add(json(created(f.get(60, TimeUnit.SECONDS)), "id"));
                }
                creating.clear();
            }
        }
        return ids;
    }

    /**
     * Runs the survivor's collector until no attempt is pending, in flight or unknown (an attempt
     * a killed collector left in flight waits for its lease): at most ten runs.
     */
    private static void collectUntilResolved(String base, String jdbc, LocalDate today) throws Exception {
        for (int i = 0; i < 10 && unresolved(jdbc, today) > 0; i++) {
            if (i > 0) {
                Thread.sleep((LEASE_SECONDS + 1) * 1000L);
            }
            System.out.println("survivor's payment run: " + ok(post(base + "/payment-runs", "{}")).body());
        }
        assertEquals(0, unresolved(jdbc, today), "every attempt due resolved after ten payment runs");
    }

    /**
     * From the gateway's ledger and the engine's attempts: every invoice of the subscriptions has
     * exactly one capture (none twice, none missing), every capture succeeded, and every attempt
     * ended SUCCEEDED with the capture's reference.
     */
    private static void assertEachInvoiceCapturedOnce(String base, List<String> subscriptions) throws Exception {
        Map<String, Integer> capturesByInvoice = new HashMap<>();
        Map<String, String> referenceByInvoice = new HashMap<>();
        for (String entry : objects(ok(get(base + "/sandbox/gateway/ledger")).body())) {
            if ("CAPTURE".equals(json(entry, "type"))) {
                String invoice = json(entry, "invoiceId");
                capturesByInvoice.merge(invoice, 1, Integer::sum);
                assertEquals("SUCCEEDED", json(entry, "outcome"), entry);
                referenceByInvoice.put(invoice, json(entry, "reference"));
            }
        }
        Set<String> invoices = new HashSet<>();
        for (String subscription : subscriptions) {
            List<String> attempts = objects(ok(get(base + "/payments?subscriptionId=" + subscription)).body());
            assertEquals(1, attempts.size(), "one attempt per invoice, no retry: " + attempts);
            for (String attempt : attempts) {
                String invoice = json(attempt, "invoiceId");
                invoices.add(invoice);
                assertEquals("SUCCEEDED", json(attempt, "status"), attempt);
                assertEquals(1, capturesByInvoice.getOrDefault(invoice, 0), "captures of invoice " + invoice);
                assertEquals(referenceByInvoice.get(invoice), json(attempt, "reference"), "the attempt shows its capture");
            }
        }
        assertEquals(subscriptions.size(), invoices.size(), "one invoice per subscription");
    }

    private static long captures(String jdbc) throws SQLException {
        return count(jdbc, "SELECT COUNT(*) FROM sbx_gateway_charge WHERE charge_type = 'CAPTURE'");
    }

    private static long inFlight(String jdbc) throws SQLException {
        return count(jdbc, "SELECT COUNT(*) FROM sub_paymentattempt WHERE paymentstatus = 'F'");
    }

    /** Attempts pending and due by {@code today}, in flight or with an unknown answer. */
    private static long unresolved(String jdbc, LocalDate today) throws SQLException {
        return count(jdbc, "SELECT COUNT(*) FROM sub_paymentattempt WHERE paymentstatus IN ('F', 'U')"
                + " OR (paymentstatus = 'P' AND datedue <= DATE '" + today + "')");
    }

    private static long count(String jdbc, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits (at most 60 s) until the ledger has {@code atLeast} captures; fails if the run ends first. */
    private static void awaitCaptures(String jdbc, long atLeast, CompletableFuture<?> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (captures(jdbc) < atLeast) {
            if (run.isDone()) {
                throw new AssertionError("the payment run ended before it could be killed: " + run.handle((r, e) -> e != null ? e : r).get());
            }
            assertTrue(System.nanoTime() < deadline, "no progress in 60 s: " + captures(jdbc) + " captures");
            Thread.sleep(20);
        }
    }

    /** The objects of a JSON array of flat objects (enough for these answers: no nested objects). */
    private static List<String> objects(String array) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\{[^{}]*\\}").matcher(array);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static HttpResponse<String> created(HttpResponse<String> r) {
        assertEquals(201, r.statusCode(), r.body());
        return r;
    }

    private static HttpResponse<String> ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }

    private static String json(HttpResponse<String> r, String field) {
        return json(r.body(), field);
    }

    /** The value of a top-level scalar field in a small JSON object. */
    private static String json(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"?([^\",}]*)").matcher(body);
        assertTrue(m.find(), field + " in " + body);
        return m.group(1);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
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
