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
import java.time.LocalDate;
import java.util.UUID;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.TemplateService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Measures a billing run over N subscriptions in the sandbox, when the framework property
 * {@code subscriptions.benchmark.size} is set (see {@code benchmarks/run}); otherwise it does
 * nothing. It seeds N subscriptions (1–3 lines each; monthly, weekly, quarterly and yearly plans;
 * every one with exactly one period due), runs the billing, checks that exactly N invoices and
 * N billing items were written, then inserts the same number of invoice, line, tax and billing
 * item rows with plain JDBC batches into scratch tables with the same columns, checks, keys and
 * indexes (no foreign keys), and prints both times, their ratio and
 * the peak heap. Then it stops the framework.
 */
@Component(immediate = true, service = BillingBenchmark.class)
public final class BillingBenchmark {
    private static final LocalDate AS_OF = LocalDate.of(2027, 1, 1);
    private static final int BATCH = 5000;

    private final HostContext host;
    private final BillingService billing;
    private final TemplateService templates;
    private final Currencies currencies;
    private final Catalog catalog;

    @Activate
    public BillingBenchmark(BundleContext context, @Reference HostContext host, @Reference BillingService billing,
            @Reference TemplateService templates, @Reference Currencies currencies, @Reference Catalog catalog) {
        this.host = host;
        this.billing = billing;
        this.templates = templates;
        this.currencies = currencies;
        this.catalog = catalog;
        String size = context.getProperty("subscriptions.benchmark.size");
        if (size != null) {
            Thread t = new Thread(() -> runAndStop(context, Integer.parseInt(size.strip())), "billing-benchmark");
            t.start();
        }
    }

    private void runAndStop(BundleContext context, int n) {
        int exit = 0;
        try {
            run(n);
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

    private void run(int n) throws SQLException {
        System.out.printf("Billing benchmark: %,d subscriptions, as of %s%n", n, AS_OF);
        long t0 = System.nanoTime();
        int lines = new BenchmarkSeed(host, templates, currencies, catalog).seed(n, AS_OF).lines();
        System.out.printf("  seeded %,d subscriptions with %,d lines in %.1f s%n", n, lines, secs(t0));
        // As autovacuum would after a load this size: planner statistics for the seeded tables.
        host.inTransaction(tx -> {
            try (Statement s = tx.connection().createStatement()) {
                s.execute("ANALYZE");
            }
            return null;
        });

        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long t1 = System.nanoTime();
        BillingRunReport report = billing.run(AS_OF);
        double billingSecs = secs(t1);
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        long items = count("SELECT COUNT(*) FROM sub_billingitem WHERE sub_billingrun_id = " + report.runId());
        long distinct = count("SELECT COUNT(DISTINCT (sub_subscription_id, periodstart)) FROM sub_billingitem");
        long all = count("SELECT COUNT(*) FROM sub_billingitem");
        if (report.invoicesCreated() != n || items != n || distinct != all || report.failuresCount() != 0) {
            throw new AssertionError("expected " + n + " invoices once each; got " + report.invoicesCreated() + " invoices, "
                    + items + " items, " + report.failuresCount() + " failures, duplicates " + (all - distinct));
        }
        long invoiceLines = count("SELECT COUNT(*) FROM sbx_invoiceline l JOIN sub_billingitem b ON b.c_invoice_id = l.c_invoice_id"
                + " WHERE b.sub_billingrun_id = " + report.runId());
        long taxLines = count("SELECT COUNT(*) FROM sbx_invoicetax t JOIN sub_billingitem b ON b.c_invoice_id = t.c_invoice_id"
                + " WHERE b.sub_billingrun_id = " + report.runId());

        long t2 = System.nanoTime();
        rawInsert(n, invoiceLines, taxLines);
        double rawSecs = secs(t2);

        System.out.println();
        System.out.printf("  subscriptions            %,d%n", n);
        System.out.printf("  invoices created         %,d (%,d lines, %,d tax lines, %,d billing items)%n", report.invoicesCreated(),
                invoiceLines, taxLines, items);
        System.out.printf("  billing run              %.2f s  =  %,.0f invoices/s%n", billingSecs, n / billingSecs);
        System.out.printf("  raw JDBC batch insert    %.2f s  (same rows, plain batches, no logic)%n", rawSecs);
        System.out.printf("  ratio billing / raw      %.2f%n", billingSecs / rawSecs);
        System.out.printf("  peak heap during run     %,d MB  (max heap %,d MB)%n", peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("  net billed               %s%n", report.netByCurrency());
        System.out.println();
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private long count(String sql) {
        return host.inTransaction(tx -> {
            try (Statement s = tx.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * The baseline: the same number of invoice, invoice line, tax line and billing item rows,
     * inserted with plain JDBC batches into scratch tables shaped like the real ones, 500
     * invoices per transaction like the billing run.
     */
    private void rawInsert(int n, long lines, long taxLines) {
        host.inTransaction(tx -> {
            try (Statement s = tx.connection().createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_invoice, bench_invoiceline, bench_invoicetax, bench_billingitem");
                // Same columns, defaults, checks, primary keys and indexes as the real tables; no foreign keys.
                s.execute("CREATE TABLE bench_invoice (LIKE sbx_invoice INCLUDING ALL)");
                s.execute("CREATE TABLE bench_invoiceline (LIKE sbx_invoiceline INCLUDING ALL)");
                s.execute("CREATE TABLE bench_invoicetax (LIKE sbx_invoicetax INCLUDING ALL)");
                s.execute("CREATE TABLE bench_billingitem (LIKE sub_billingitem INCLUDING ALL)");
            }
            return null;
        });
        Tenant t = host.tenant();
        double linesPerInvoice = (double) lines / n;
        double taxPerInvoice = (double) taxLines / n;
        int chunk = 500;
        long[] written = {0, 0};
        for (int from = 0; from < n; from += chunk) {
            int start = from;
            int size = Math.min(chunk, n - from);
            host.inTransaction(tx -> {
                Connection c = tx.connection();
                try (PreparedStatement inv = c.prepareStatement("INSERT INTO bench_invoice (c_invoice_id, ad_client_id,"
                        + " document_no, c_bpartner_id, c_bpartner_location_id, c_currency_id, m_pricelist_id, date_invoiced,"
                        + " description, total_lines, total_tax, grand_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                        PreparedStatement line = c.prepareStatement("INSERT INTO bench_invoiceline (c_invoiceline_id,"
                                + " c_invoice_id, line, m_product_id, qty, c_uom_id, price_actual, line_net, c_tax_id, tax_rate,"
                                + " period_start, period_end, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                        PreparedStatement tax = c.prepareStatement("INSERT INTO bench_invoicetax (c_invoice_id, c_tax_id, rate,"
                                + " taxable_amt, tax_amt) VALUES (?, ?, ?, ?, ?)");
                        PreparedStatement item = c.prepareStatement("INSERT INTO bench_billingitem (sub_billingitem_id,"
                                + " sub_billingitem_uu, ad_client_id, ad_org_id, createdby, updatedby, sub_subscription_id,"
                                + " sub_billingrun_id, periodstart, periodend, c_invoice_id, linenetamt, c_currency_id)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    Date d = Date.valueOf(AS_OF);
                    BigDecimal amount = new BigDecimal("100.00");
                    for (int k = 0; k < size; k++) {
                        long id = start + k + 1L;
                        BenchmarkSeed.bind(inv, id, t.clientId(), "RAW-" + id, 1, 1, 102, 1, d, "raw", amount, amount, amount);
                        inv.addBatch();
                        long lineTarget = Math.round((start + k + 1) * linesPerInvoice);
                        for (; written[0] < lineTarget; written[0]++) {
                            BenchmarkSeed.bind(line, written[0] + 1, id, 10, 1, BigDecimal.ONE, 100, amount, amount, 1, BigDecimal.TEN, d, d, "raw");
                            line.addBatch();
                        }
                        long taxTarget = Math.round((start + k + 1) * taxPerInvoice);
                        for (; written[1] < taxTarget; written[1]++) {
                            BenchmarkSeed.bind(tax, id, written[1] + 1, BigDecimal.TEN, amount, amount);
                            tax.addBatch();
                        }
                        BenchmarkSeed.bind(item, id, UUID.randomUUID().toString(), t.clientId(), t.orgId(), t.userId(), t.userId(), id, 1, d, d, id,
                                amount, 102);
                        item.addBatch();
                    }
                    inv.executeBatch();
                    line.executeBatch();
                    tax.executeBatch();
                    item.executeBatch();
                }
                return null;
            });
        }
    }
}
