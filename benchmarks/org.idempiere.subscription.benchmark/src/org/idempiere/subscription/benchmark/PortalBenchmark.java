package org.idempiere.subscription.benchmark;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.api.service.TemplateService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Measures the customer portal's pages under load, when the framework property
 * {@code subscriptions.benchmark.portal} is set (see {@code benchmarks/run portal}); otherwise it
 * does nothing. It seeds N subscriptions (as the billing benchmark, N / 5 customers) and bills them
 * (N invoices), opens portal sessions for 500 customers through the engine, then writes the plan of
 * the load (the portal's address, rate, pages, visitors and their cookies) to the file named by
 * {@value #PLAN} and waits until {@code <plan>.done} exists: {@link PortalLoad}, a process of its
 * own started by {@code benchmarks/run portal}, requests the pages over HTTP on loopback at the
 * fixed rate and prints the figures, so the measured JVM serves only the portal. Then it stops
 * the framework.
 */
@Component(immediate = true, service = PortalBenchmark.class)
public final class PortalBenchmark {
    private static final LocalDate AS_OF = LocalDate.of(2027, 1, 1);
    private static final int SESSIONS = 500;
    private static final int RATE = Integer.getInteger("subscriptions.benchmark.portal.rate", 300);
    private static final int SECONDS = Integer.getInteger("subscriptions.benchmark.portal.seconds", 30);
    /**
     * Seconds of load before the measured part: long enough for the JIT to finish compiling the
     * portal's paths (with 10 s, the server's CPU per request still fell by half during the
     * measured 30 s; see docs/performance.md).
     */
    private static final int WARMUP_SECONDS = Integer.getInteger("subscriptions.benchmark.portal.warmup", 60);
    /** The framework property naming the plan file the load process reads; {@code <plan>.done} tells this one it finished. */
    static final String PLAN = "subscriptions.benchmark.portal.plan";
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
        BenchmarkThread.start(context, "subscriptions.benchmark.portal", "portal-benchmark", n -> run(context, n));
    }

    /** One session, one of its customer's subscriptions, a line of it and an invoice of it. */
    private record Visitor(String cookie, long subscriptionId, long lineId, long invoiceId) {
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
        Properties plan = new Properties();
        plan.setProperty("base", endpoint(context) + "/subscriptions/portal");
        plan.setProperty("rate", String.valueOf(RATE));
        plan.setProperty("seconds", String.valueOf(SECONDS));
        plan.setProperty("warmup", String.valueOf(WARMUP_SECONDS));
        plan.setProperty("serverPid", String.valueOf(ProcessHandle.current().pid()));
        for (int i = 0; i < PAGES.size(); i++) {
            plan.setProperty("page." + i, PAGES.get(i));
        }
        for (int i = 0; i < visitors.size(); i++) {
            Visitor v = visitors.get(i);
            plan.setProperty("visitor." + i, v.cookie() + " " + v.subscriptionId() + " " + v.lineId() + " " + v.invoiceId());
        }
        String planFile = context.getProperty(PLAN);
        if (planFile == null) {
            throw new AssertionError(PLAN + " is not set: run the portal benchmark with benchmarks/run portal, which starts the load");
        }
        Path file = Path.of(planFile);
        Path written = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
            plan.store(w, "portal benchmark plan");
        }
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("  " + SESSIONS + " sessions open; the load runs in a process of its own (PortalLoad)");
        Path done = file.resolveSibling(file.getFileName() + ".done");
        for (long waited = 0; !Files.exists(done); waited += 200) {
            if (waited > TimeUnit.MINUTES.toMillis(30)) {
                throw new AssertionError("the load did not finish within 30 minutes");
            }
            Thread.sleep(200);
        }
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
