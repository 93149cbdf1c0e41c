package org.idempiere.subscription.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.CustomerTerms;
import org.idempiere.subscription.api.service.PaymentRunReport;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.api.service.PaymentTerms;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Measures one collection of N due payment attempts against the sandbox's reference gateway
 * with a latency of {@value #LATENCY_MS} ms per call, when the framework property
 * {@code subscriptions.benchmark.payments} is set (see {@code benchmarks/run payments}); otherwise
 * it does nothing.
 *
 * <p>It seeds N/5 customers in Germany, each with a saved card (a gateway token that succeeds,
 * saved as the default method), and N monthly subscriptions of a plan paid automatically, one
 * line each, starting on a day after the test clock's today; bills them with one billing run
 * (N invoices, N attempts due on that day — not yet due, so the run's own collection leaves
 * them); sets the gateway's latency, moves the test clock to that day and runs one collection.
 * Then it checks that every attempt SUCCEEDED and that the gateway's ledger holds exactly one
 * successful capture for each invoice and nothing else (and that each invoice's captured sum is
 * the ledger's), and prints attempts per second, the gateway calls the host allows at once, the
 * mean number of gateway calls under way (Little's law: attempts × latency / time) and the peak
 * heap during the collection, all of it (young garbage included) and its old generation. Then it
 * stops the framework.
 */
@Component(immediate = true, service = PaymentsBenchmark.class)
public final class PaymentsBenchmark {
    static final int LATENCY_MS = 20;
    /** The system property that sets the database's {@code synchronous_commit} for the collection. */
    static final String SYNCHRONOUS_COMMIT = "subscriptions.benchmark.synchronousCommit";
    /** The sandbox pool's connections ({@code SandboxDatabase}). */
    private static final int POOL = 8;
    private static final int BATCH = 5000;

    private final HostContext host;
    private final BillingService billing;
    private final PaymentService payments;
    private final TemplateService templates;
    private final Currencies currencies;
    private final Catalog catalog;

    @Activate
    public PaymentsBenchmark(BundleContext context, @Reference HostContext host, @Reference BillingService billing,
            @Reference PaymentService payments, @Reference TemplateService templates, @Reference Currencies currencies,
            @Reference Catalog catalog) {
        this.host = host;
        this.billing = billing;
        this.payments = payments;
        this.templates = templates;
        this.currencies = currencies;
        this.catalog = catalog;
        BenchmarkThread.start(context, "subscriptions.benchmark.payments", "payments-benchmark", n -> run(n));
    }

    private void run(int n) throws Exception {
        LocalDate due = host.today().plusDays(30);
        System.out.printf("Payments benchmark: %,d due attempts, gateway latency %d ms, due on %s%n", n, LATENCY_MS, due);
        long t0 = System.nanoTime();
        seed(n, due);
        System.out.printf("  seeded %,d customers with a saved card and %,d subscriptions in %.1f s%n", customers(n), n, secs(t0));
        analyze("sbx_customer, sbx_location, sbx_gateway_token, sbx_payment_method, sub_subscription, sub_subscriptionline");

        long t1 = System.nanoTime();
        BillingRunReport run = billing.run(due);
        if (run.invoicesCreated() != n || run.failuresCount() != 0) {
            throw new AssertionError("expected " + n + " invoices; got " + run.invoicesCreated() + ", failures " + run.failuresCount());
        }
        long pending = count("SELECT COUNT(*) FROM sub_paymentattempt WHERE paymentstatus = 'P' AND datedue = DATE '" + due + "'");
        if (pending != n) {
            throw new AssertionError("expected " + n + " pending attempts after the billing run; got " + pending);
        }
        System.out.printf("  billed %,d invoices (%,d attempts pending, due %s) in %.1f s%n", n, pending, due, secs(t1));
        analyze("sub_paymentattempt, sbx_invoice, sbx_invoiceline, sbx_invoicetax, sub_billingitem, sub_subscription");

        // the gateway's latency setting (what POST /sandbox/gateway/settings stores), and the test clock to the due day
        update("INSERT INTO sbx_setting (name, value) VALUES ('gateway.latencyMs', '" + LATENCY_MS + "')"
                + " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value");
        moveClockTo(due);
        String commit = synchronousCommit();

        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long t2 = System.nanoTime();
        PaymentRunReport report = payments.collect();
        double collectSecs = secs(t2);
        long peakHeap = 0;
        long peakOld = 0; // what outlived the young collections: the part of the heap that would grow with what a run keeps
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
                if (pool.getName().contains("Old") || pool.getName().contains("Tenured")) {
                    peakOld += pool.getPeakUsage().getUsed();
                }
            }
        }

        long[] captured = check(n, report);

        System.out.println();
        System.out.printf("  due attempts             %,d (%,d SUCCEEDED; ledger: %,d captures of %,d invoices, each once)%n", n,
                n, captured[0], captured[1]);
        System.out.printf("  collection               %.2f s  =  %,.0f attempts/s%n", collectSecs, n / collectSecs);
        System.out.printf("  calls at once (host)     %d%n", host.paymentParallelism());
        System.out.printf("  synchronous_commit       %s%n", commit);
        System.out.printf("  gateway calls under way  %.1f on average (attempts x %d ms / time); one at a time: at most %,d/s%n",
                n * (LATENCY_MS / 1000.0) / collectSecs, LATENCY_MS, 1000 / LATENCY_MS);
        System.out.printf("  peak heap during run     %,d MB  (old generation %,d MB; max heap %,d MB)%n", peakHeap >> 20,
                peakOld >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("  collected                %s%n", report.collected());
        System.out.println();
    }

    /**
     * Checks that every attempt SUCCEEDED, that the gateway's ledger holds one successful capture
     * for each invoice and nothing else, that every invoice is paid and that each invoice's captured
     * sum is the ledger's.
     *
     * @return the captures and the invoices captured
     */
    private long[] check(int n, PaymentRunReport report) {
        int succeeded = report.attempts().getOrDefault(PaymentStatus.SUCCEEDED, 0);
        long attempts = count("SELECT COUNT(*) FROM sub_paymentattempt");
        long notSucceeded = count("SELECT COUNT(*) FROM sub_paymentattempt WHERE paymentstatus <> 'S'");
        long ledger = count("SELECT COUNT(*) FROM sbx_gateway_charge");
        long captures = count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE charge_type = 'CAPTURE' AND outcome = 'SUCCEEDED'");
        long capturedInvoices = count("SELECT COUNT(DISTINCT c_invoice_id) FROM sbx_gateway_charge WHERE charge_type = 'CAPTURE'"
                + " AND outcome = 'SUCCEEDED'");
        long notOnce = count("SELECT COUNT(*) FROM sub_paymentattempt a WHERE (SELECT COUNT(*) FROM sbx_gateway_charge g"
                + " WHERE g.c_invoice_id = a.c_invoice_id AND g.charge_type = 'CAPTURE' AND g.outcome = 'SUCCEEDED') <> 1");
        long unpaid = count("SELECT COUNT(*) FROM sbx_invoice i JOIN sub_paymentattempt a ON a.c_invoice_id = i.c_invoice_id"
                + " WHERE i.is_paid <> 'Y'");
        // what each invoice says it was captured is what the ledger holds for it
        long offLedger = count("SELECT COUNT(*) FROM sbx_invoice i JOIN sub_paymentattempt a ON a.c_invoice_id = i.c_invoice_id"
                + " WHERE i.captured <> (SELECT COALESCE(SUM(g.amount), 0) FROM sbx_gateway_charge g WHERE g.c_invoice_id = i.c_invoice_id"
                + " AND g.charge_type = 'CAPTURE' AND g.outcome = 'SUCCEEDED')");
        if (succeeded != n || attempts != n || notSucceeded != 0 || ledger != n || captures != n || capturedInvoices != n
                || notOnce != 0 || unpaid != 0 || offLedger != 0) {
            throw new AssertionError("expected " + n + " attempts SUCCEEDED, each invoice captured once and paid; got report "
                    + report.attempts() + ", " + attempts + " attempts, " + notSucceeded + " not succeeded, ledger " + ledger
                    + " rows, " + captures + " captures of " + capturedInvoices + " invoices, " + notOnce
                    + " invoices not captured exactly once, " + unpaid + " unpaid, " + offLedger + " whose captured sum is not"
                    + " the ledger's");
        }
        return new long[] {captures, capturedInvoices};
    }

    /**
     * The database's {@code synchronous_commit} during the collection: the sandbox's embedded
     * PostgreSQL is started with {@code off} on its command line (commits not waited for on
     * disk). The system property {@value #SYNCHRONOUS_COMMIT} ({@code on}, {@code off}, ...)
     * changes it for the collection, to measure it as a server that waits for each commit's WAL
     * would run it: for the database's new sessions ({@code ALTER DATABASE}, which the command line
     * does not override) and for each of the pool's {@value #POOL} open connections, all borrowed
     * at once by as many threads ({@code SET}, kept by the session after its commit).
     *
     * @return the setting on every pooled connection, as each answers {@code SHOW} while all are held
     */
    private String synchronousCommit() throws InterruptedException {
        String wanted = System.getProperty(SYNCHRONOUS_COMMIT);
        if (wanted != null && !wanted.matches("[a-z_]+")) {
            throw new IllegalArgumentException(SYNCHRONOUS_COMMIT + " '" + wanted + "' is not a setting's value");
        }
        if (wanted != null) {
            host.inTransaction(tx -> {
                try (Statement s = tx.connection().createStatement()) {
                    tx.connection().setAutoCommit(true); // ALTER DATABASE cannot run in a transaction block
                    s.execute("ALTER DATABASE " + tx.connection().getCatalog() + " SET synchronous_commit = '" + wanted + "'");
                } finally {
                    tx.connection().setAutoCommit(false);
                }
                return null;
            });
        }
        CyclicBarrier all = new CyclicBarrier(POOL);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Set<Integer> backends = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            Thread t = new Thread(() -> host.inTransaction(tx -> {
                try (Statement s = tx.connection().createStatement()) {
                    all.await(30, TimeUnit.SECONDS); // every pooled connection held at once
                    if (wanted != null) {
                        s.execute("SET synchronous_commit = '" + wanted + "'");
                    }
                    try (ResultSet rs = s.executeQuery("SELECT current_setting('synchronous_commit'), pg_backend_pid()")) {
                        rs.next();
                        seen.add(rs.getString(1));
                        backends.add(rs.getInt(2));
                    }
                } catch (TimeoutException | BrokenBarrierException
                        | InterruptedException e) {
                    throw new IllegalStateException("the pool did not lend " + POOL + " connections at once", e);
                }
                return null;
            }), "benchmark-setting-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (backends.size() != POOL || seen.size() != 1) {
            throw new AssertionError("synchronous_commit not set on every pooled connection: " + seen + " on " + backends.size());
        }
        return seen.iterator().next();
    }

    /**
     * Moves the sandbox's test clock to {@code day}, as {@code POST /sandbox/clock} does: the
     * reference host's clock is the sandbox's {@code TestClock}, whose {@code setDate} is called
     * here by reflection (its package is internal to the sandbox bundle).
     */
    private void moveClockTo(LocalDate day) throws ReflectiveOperationException {
        Clock clock = host.clock();
        clock.getClass().getMethod("setDate", LocalDate.class).invoke(clock, day);
        if (!host.today().equals(day)) {
            throw new AssertionError("the test clock did not move to " + day + ": " + host.today());
        }
    }

    private static int customers(int n) {
        return Math.max(1, n / 5);
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /**
     * As autovacuum would after a load this size: planner statistics for the tables just loaded.
     * Not the gateway's ledger: empty now and growing by one row per attempt during the
     * collection, it would be planned as empty (sequential scans of an ever longer table) by
     * statements prepared before autovacuum next looks at it.
     */
    private void analyze(String tables) {
        update("ANALYZE " + tables);
    }

    private void update(String sql) {
        host.inTransaction(tx -> {
            try (Statement s = tx.connection().createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    private long count(String sql) {
        return BenchmarkSeed.count(host, sql);
    }

    /** Seeds a product, a plan paid automatically, N/5 customers each with a saved card, and N subscriptions due on {@code due}. */
    private void seed(int n, LocalDate due) {
        Tenant t = host.tenant();
        CurrencyRef eur = host.inTransaction(tx -> currencies.byIsoCode(tx, "EUR").orElseThrow());
        long priceList = host.inTransaction(tx -> catalog.defaultPriceList(tx, eur.id()).orElseThrow());
        long plan = templates.create(new TemplateDraft("Bench card monthly", Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE, PriceUpdate.AT_RENEWAL,
                Optional.empty(), CustomerTerms.NONE, Optional.empty(), false,
                new PaymentTerms(PaymentMode.AUTOMATIC, PaymentTerms.DEFAULT_RETRY_DAYS), List.of())).id();
        long product = host.inTransaction(tx -> {
            Connection c = tx.connection();
            long id = ids(c, "sbx_id_sq", 1)[0];
            exec(c, "INSERT INTO sbx_product (m_product_id, ad_client_id, name, tax_category) VALUES (?, ?, ?, 'STANDARD')", id,
                    t.clientId(), "Bench card product");
            exec(c, "INSERT INTO sbx_productprice (m_pricelist_id, m_product_id, valid_from, price) VALUES (?, ?,"
                    + " DATE '1970-01-01', ?)", priceList, id, new BigDecimal("100.00"));
            return id;
        });
        long[][] billTo = BenchmarkSeed.customers(host, customers(n), "Bench card customer", i -> "DE", (c, start, rows) -> {
            long[] methods = ids(c, "sbx_id_sq", rows.length);
            try (PreparedStatement tok = c.prepareStatement("INSERT INTO sbx_gateway_token (token, ad_client_id, kind,"
                    + " brand, last4, exp_month, exp_year, holder, behaviour) VALUES (?, ?, 'CARD', 'VISA', '4242', 12,"
                    + " ?, ?, 'SUCCEEDS')");
                    PreparedStatement pm = c.prepareStatement("INSERT INTO sbx_payment_method (c_bp_bankaccount_id,"
                            + " ad_client_id, c_bpartner_id, token, is_default) VALUES (?, ?, ?, ?, 'Y')")) {
                for (int i = 0; i < rows.length; i++) {
                    String token = "tok_bench_" + UUID.randomUUID().toString().replace("-", "");
                    bind(tok, token, t.clientId(), due.getYear() + 4, "Bench Holder " + (start + i));
                    tok.addBatch();
                    bind(pm, methods[i], t.clientId(), rows[i][0], token);
                    pm.addBatch();
                }
                tok.executeBatch();
                pm.executeBatch();
            }
        });
        int customers = billTo.length;
        for (int from = 0; from < n; from += BATCH) {
            int start = from;
            int size = Math.min(BATCH, n - from);
            host.inTransaction(tx -> {
                Connection c = tx.connection();
                long[] subIds = ids(c, "sub_subscription_sq", size);
                long[] lineIds = ids(c, "sub_subscriptionline_sq", size);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO sub_subscription (sub_subscription_id,"
                        + " sub_subscription_uu, ad_client_id, ad_org_id, createdby, updatedby, documentno, sub_template_id,"
                        + " c_bpartner_id, c_bpartner_location_id, c_currency_id, m_pricelist_id, startdate, nextinvoicedate,"
                        + " subscriptionstatus, mrr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'AC', 0)");
                        PreparedStatement l = c.prepareStatement("INSERT INTO sub_subscriptionline (sub_subscriptionline_id,"
                                + " sub_subscriptionline_uu, ad_client_id, ad_org_id, createdby, updatedby, sub_subscription_id,"
                                + " line, m_product_id, qtyentered, c_uom_id, ismanualprice, priceentered, discount)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, 10, ?, 1, 100, 'N', NULL, 0)")) {
                    Date d = Date.valueOf(due);
                    for (int k = 0; k < size; k++) {
                        int i = start + k;
                        long[] customer = billTo[i % customers];
                        bind(s, subIds[k], UUID.randomUUID().toString(), t.clientId(), t.orgId(), t.userId(), t.userId(),
                                "BENCHPAY-" + i, plan, customer[0], customer[1], eur.id(), priceList, d, d);
                        s.addBatch();
                        bind(l, lineIds[k], UUID.randomUUID().toString(), t.clientId(), t.orgId(), t.userId(), t.userId(), subIds[k],
                                product);
                        l.addBatch();
                    }
                    s.executeBatch();
                    l.executeBatch();
                }
                return null;
            });
        }
    }

    private static void exec(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            ps.executeUpdate();
        }
    }

    private static long[] ids(Connection c, String sequence, int count) throws SQLException {
        long[] out = new long[count];
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('" + sequence + "') FROM generate_series(1, ?)")) {
            ps.setInt(1, count);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    out[i] = rs.getLong(1);
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }
}
