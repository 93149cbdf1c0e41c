package org.idempiere.subscription.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.api.service.TemplateService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Measures the customer portal's pages under load, when the framework property
 * {@code subscriptions.benchmark.portal} is set (see {@code benchmarks/run portal}); otherwise it
 * does nothing. It seeds N subscriptions (as the billing benchmark, N / 5 customers) and bills them
 * (N invoices), opens portal sessions for 500 customers through the engine, then requests the
 * portal's pages over HTTP on loopback at a fixed rate (open loop: each request is sent at its
 * scheduled time whatever the answers before, and its latency counts from that time, so a stall
 * shows in the figures instead of slowing the load), and prints the latency percentiles per page
 * and overall, and the errors. Then it stops the framework.
 */
@Component(immediate = true, service = PortalBenchmark.class)
public final class PortalBenchmark {
    private static final LocalDate AS_OF = LocalDate.of(2027, 1, 1);
    private static final int SESSIONS = 500;
    private static final int RATE = Integer.getInteger("subscriptions.benchmark.portal.rate", 300);
    private static final int SECONDS = Integer.getInteger("subscriptions.benchmark.portal.seconds", 30);
    private static final int WARMUP_SECONDS = 10;
    /**
     * The pages measured, those of them that answer 200 for the first visitor (the others are named
     * in the output): every page a customer reads. {id} is one of the session customer's
     * subscriptions, {line} one of its lines, {invoice} one of its invoices. The portal makes no
     * JSON calls: every page is rendered by the server, so these are all its requests but the
     * forms' POSTs.
     */
    private static final List<String> PAGES = List.of("/", "/subscriptions/{id}",
            "/subscriptions/{id}/change?kind=quantity&line={line}&quantity=3", "/subscriptions/{id}/close", "/invoices",
            "/invoices/{invoice}/pay", "/invoices/{invoice}/pdf", "/payment-methods", "/orders", "/details", "/request-link");

    private final HostContext host;
    private final BenchmarkSeed seeds;
    private final BillingService billing;
    private final PortalAccessService portal;

    @Activate
    public PortalBenchmark(BundleContext context, @Reference HostContext host, @Reference BillingService billing,
            @Reference TemplateService templates, @Reference Currencies currencies, @Reference Catalog catalog,
            @Reference PortalAccessService portal) {
        this.host = host;
        this.billing = billing;
        this.portal = portal;
        this.seeds = new BenchmarkSeed(host, templates, currencies, catalog);
        String size = context.getProperty("subscriptions.benchmark.portal");
        if (size != null) {
            Thread t = new Thread(() -> runAndStop(context, Integer.parseInt(size.strip())), "portal-benchmark");
            t.start();
        }
    }

    private void runAndStop(BundleContext context, int n) {
        int exit = 0;
        try {
            run(context, n);
        } catch (Exception | AssertionError e) {
            exit = 1;
            System.err.println("Benchmark failed: " + e);
            e.printStackTrace();
        } finally {
            System.setProperty("subscriptions.exit.code", String.valueOf(exit)); // the launcher exits with it
            try {
                context.getBundle(0).stop();
            } catch (BundleException e) {
                System.err.println("Cannot stop the framework: " + e);
            }
        }
    }

    /** One session, one of its customer's subscriptions, a line of it and an invoice of it. */
    private record Visitor(String cookie, long subscriptionId, long lineId, long invoiceId) {
        String path(String page) {
            return page.replace("{id}", String.valueOf(subscriptionId)).replace("{line}", String.valueOf(lineId))
                    .replace("{invoice}", String.valueOf(invoiceId));
        }
    }

    private void run(BundleContext context, int n) throws Exception {
        System.out.printf("Portal benchmark: %,d subscriptions, %d requests/s for %d s (after %d s of warm-up)%n", n, RATE, SECONDS,
                WARMUP_SECONDS);
        long t0 = System.nanoTime();
        BenchmarkSeed.Seeded seeded = seeds.seed(n, AS_OF);
        billing.run(AS_OF);
        sql("ANALYZE");
        System.out.printf("  seeded and billed %,d subscriptions in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        List<Visitor> visitors = new ArrayList<>();
        long[] customers = seeded.customers();
        for (int i = 0; i < SESSIONS; i++) {
            long customer = customers[(int) ((i * 7919L) % customers.length)];
            PortalSession s = portal.openSession(portal.issueLink(customer, Optional.empty()).token().orElseThrow()).orElseThrow();
            long subscription = sql("SELECT MIN(sub_subscription_id) FROM sub_subscription WHERE c_bpartner_id = " + customer);
            long line = sql("SELECT MIN(sub_subscriptionline_id) FROM sub_subscriptionline WHERE sub_subscription_id = " + subscription);
            long invoice = sql("SELECT MIN(c_invoice_id) FROM sub_billingitem WHERE sub_subscription_id = " + subscription);
            visitors.add(new Visitor("sub_portal=" + s.token().orElseThrow(), subscription, line, invoice));
        }
        String base = endpoint(context) + "/subscriptions/portal";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newFixedThreadPool(8)).build();
        List<String> pages = new ArrayList<>();
        for (String page : PAGES) {
            int status = send(http, base, page, visitors.get(0)).join().statusCode();
            if (status == 200) {
                pages.add(page);
            } else {
                System.out.println("  not measured: " + page + " answers " + status);
            }
        }
        if (pages.isEmpty()) {
            throw new AssertionError("the portal serves none of " + PAGES);
        }
        System.out.println("  pages measured: " + pages + " (of " + PAGES + ")");
        load(http, base, pages, visitors, WARMUP_SECONDS, null);
        long[][] latencies = new long[pages.size()][];
        Map<String, Integer> errors = new TreeMap<>();
        load(http, base, pages, visitors, SECONDS, new Recorder(pages.size(), RATE * SECONDS, latencies, errors));
        report(pages, latencies, errors);
    }

    /** Latencies (microseconds) per page of the measured part of the load. */
    private static final class Recorder {
        final long[][] byPage;
        final int[] counts;
        /** The answers that were not 200, by status ("no answer" for none), the ones of a full portal (503) apart. */
        final Map<String, Integer> errors;

        Recorder(int pages, int requests, long[][] out, Map<String, Integer> errors) {
            for (int i = 0; i < pages; i++) {
                out[i] = new long[requests];
            }
            this.byPage = out;
            this.counts = new int[pages];
            this.errors = errors;
        }

        /** @param status the answer's status; 0: no answer (the client gave up, or the connection failed) */
        synchronized void record(int page, long micros, int status) {
            byPage[page][counts[page]++] = micros;
            if (status != 200) {
                errors.merge(status == 0 ? "no answer" : String.valueOf(status), 1, Integer::sum);
            }
        }
    }

    /** Sends RATE requests a second for {@code seconds}, each at its scheduled time, and waits for every answer. */
    private static void load(HttpClient http, String base, List<String> pages, List<Visitor> visitors, int seconds, Recorder rec)
            throws InterruptedException {
        int total = RATE * seconds;
        long start = System.nanoTime() + 50_000_000L;
        long interval = 1_000_000_000L / RATE;
        List<CompletableFuture<?>> all = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            long at = start + i * interval;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int page = i % pages.size();
            Visitor v = visitors.get((i / pages.size()) % visitors.size());
            all.add(send(http, base, pages.get(page), v).handle((r, e) -> {
                if (rec != null) {
                    rec.record(page, (System.nanoTime() - at) / 1_000, e != null ? 0 : r.statusCode());
                }
                return null;
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    private static CompletableFuture<HttpResponse<byte[]>> send(HttpClient http, String base, String page, Visitor v) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + v.path(page)))
                .timeout(Duration.ofSeconds(10)).header("Cookie", v.cookie()).GET().build();
        return http.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void report(List<String> pages, long[][] latencies, Map<String, Integer> errors) {
        System.out.println();
        System.out.printf("  %-62s %8s %8s %8s %8s %8s%n", "page", "requests", "p50 ms", "p90 ms", "p99 ms", "max ms");
        long[] all = new long[0];
        for (int p = 0; p < pages.size(); p++) {
            long[] l = Arrays.stream(latencies[p]).filter(x -> x > 0).sorted().toArray();
            line(pages.get(p), l);
            long[] merged = Arrays.copyOf(all, all.length + l.length);
            System.arraycopy(l, 0, merged, all.length, l.length);
            all = merged;
        }
        Arrays.sort(all);
        line("all pages", all);
        System.out.printf("  errors (not 200 or no answer): %d %s%n%n", errors.values().stream().mapToInt(Integer::intValue).sum(),
                errors.isEmpty() ? "" : errors);
    }

    private static void line(String name, long[] sorted) {
        System.out.printf("  %-62s %8d %8.1f %8.1f %8.1f %8.1f%n", name, sorted.length, pct(sorted, 0.50), pct(sorted, 0.90),
                pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1000.0;
    }

    private long sql(String sql) {
        return host.inTransaction(tx -> {
            try (Statement s = tx.connection().createStatement()) {
                if (!s.execute(sql)) {
                    return 0L;
                }
                try (ResultSet rs = s.getResultSet()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The HTTP whiteboard's address, e.g. {@code http://127.0.0.1:41234}. */
    private static String endpoint(BundleContext context) throws Exception {
        for (int i = 0; i < 300; i++) {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                    "(objectClass=org.osgi.service.http.runtime.HttpServiceRuntime)");
            if (refs != null) {
                Object endpoint = refs[0].getProperty("osgi.http.endpoint");
                String url = endpoint instanceof String[] a ? a[0] : (String) endpoint;
                if (url != null) {
                    return url.replaceAll("/$", "");
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the HTTP whiteboard published no endpoint");
    }
}
