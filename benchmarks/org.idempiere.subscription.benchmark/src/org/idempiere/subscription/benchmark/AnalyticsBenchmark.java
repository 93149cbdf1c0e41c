package org.idempiere.subscription.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.Breakdown;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.KpiPanel;
import org.idempiere.subscription.api.service.MrrSeries;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Measures the analytics reads on a large tenant, when the framework property
 * {@code subscriptions.benchmark.analytics} is set (see {@code benchmarks/run analytics}); otherwise it does
 * nothing. It seeds, with set-based SQL as an import would, N subscriptions of N / 3 customers in eight
 * countries, 25 sales representatives, six plans and four currencies (EUR 70 %, CZK 15 %, USD 10 %, GBP 5 %),
 * five ledger entries each (new; an expansion, every seventh to another plan; a contraction or a pause; a
 * churn — every tenth delinquent — or an expansion or a resume; a reactivation or a contraction) started over
 * two years, and their invoiced periods of 2025 and 2026 (each plan's own rhythm); queues every entry as the
 * engine does, records the periods' revenue ({@code rebuildRevenue}) and runs the refresher once. Then it times, warm (best of five), the 24-month MRR series with
 * movements, the KPI panel, the 24-month cohort table and the breakdown by plan, all converted into EUR.
 */
@Component(immediate = true, service = AnalyticsBenchmark.class)
public final class AnalyticsBenchmark {
    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 12, 31);

    private final HostContext host;
    private final AnalyticsService analytics;
    private final TemplateService templates;

    @Activate
    public AnalyticsBenchmark(BundleContext context, @Reference HostContext host, @Reference AnalyticsService analytics,
            @Reference TemplateService templates) {
        this.host = host;
        this.analytics = analytics;
        this.templates = templates;
        BenchmarkThread.start(context, "subscriptions.benchmark.analytics", "analytics-benchmark", n -> run(n));
    }

    private void run(int n) throws SQLException {
        System.out.printf("Analytics benchmark: %,d subscriptions%n", n);
        long t0 = System.nanoTime();
        long[] plans = {
            plan("Bench basic monthly", Recurrence.monthly(), BillingTiming.IN_ADVANCE),
            plan("Bench pro monthly", Recurrence.monthly(), BillingTiming.IN_ADVANCE),
            plan("Bench quarterly", new Recurrence(3, RecurrenceUnit.MONTH), BillingTiming.IN_ADVANCE),
            plan("Bench yearly", new Recurrence(1, RecurrenceUnit.YEAR), BillingTiming.IN_ADVANCE),
            plan("Bench usage in arrears", Recurrence.monthly(), BillingTiming.IN_ARREARS),
            plan("Bench half-yearly", new Recurrence(6, RecurrenceUnit.MONTH), BillingTiming.IN_ADVANCE),
        };
        seed(n, plans);
        System.out.printf("  seeded in %.1f s: %,d subscriptions, %,d customers, %,d ledger entries, %,d invoiced periods%n", secs(t0),
                count("SELECT COUNT(*) FROM SUB_Subscription"), count("SELECT COUNT(DISTINCT C_BPartner_ID) FROM SUB_Subscription"),
                count("SELECT COUNT(*) FROM SUB_ChangeLog"), count("SELECT COUNT(*) FROM SUB_BillingItem"));
        long t1 = System.nanoTime();
        int revenueRows = analytics.rebuildRevenue(); // the periods were loaded, not invoiced by the engine
        System.out.printf("  revenue of the loaded periods: %,d rows in %.1f s%n", revenueRows, secs(t1));
        t1 = System.nanoTime();
        int customers = analytics.refresh();
        System.out.printf("  refresher: %,d customers in %.1f s (then compacted and vacuumed), %,d delta rows%n", customers, secs(t1),
                count("SELECT COUNT(*) FROM SUB_AnalyticsDelta"));
        analyze();
        AnalyticsQuery q = AnalyticsQuery.of(FROM, TO, Granularity.MONTH).reportedIn("EUR");
        System.out.println("  right after the refresh (which vacuums the analytics tables itself after a mass delete):");
        MrrSeries series = time("24-month MRR series with movements", () -> analytics.mrrSeries(q));
        KpiPanel kpis = time("KPI panel (24 months, by month)", () -> analytics.kpis(q, new java.math.BigDecimal("0.8")));
        time("24-month cohort table", () -> analytics.cohorts(q));
        Breakdown byPlan = time("breakdown by plan", () -> analytics.breakdown(q, Breakdown.Dimension.PLAN));
        // read from the ledger (decision 0058): a segment, and a breakdown the refreshed figures do not keep
        AnalyticsQuery sk = q.withSegment(org.idempiere.subscription.api.service.Segment.ALL.withCountry("SK"));
        time("24-month MRR series, country SK", () -> analytics.mrrSeries(sk));
        time("KPI panel, country SK", () -> analytics.kpis(sk, new java.math.BigDecimal("0.8")));
        time("breakdown by country", () -> analytics.breakdown(q, Breakdown.Dimension.COUNTRY));
        System.out.printf("  MRR %s -> %s EUR, customers %,d -> %,d, plans %d%n", series.periods().get(0).mrrStart(),
                series.periods().get(series.periods().size() - 1).mrrEnd(), kpis.total().customersStart(), kpis.total().customersEnd(),
                byPlan.groups().size());
    }

    private long plan(String name, Recurrence r, BillingTiming b) {
        return templates.create(new TemplateDraft(name, Optional.empty(), r, b)).id();
    }

    private <T> T time(String what, Supplier<T> read) {
        T out = read.get(); // cold
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            out = read.get();
            best = Math.min(best, secs(t));
        }
        System.out.printf("  %-40s %6.0f ms (warm, best of 5)%n", what, best * 1000);
        return out;
    }

    private void seed(int n, long[] plans) throws SQLException {
        Tenant t = host.tenant();
        int customers = Math.max(1, n / 3);
        String plan = "(ARRAY[" + plans[0] + "," + plans[1] + "," + plans[2] + "," + plans[3] + "," + plans[4] + "," + plans[5] + "])";
        sql("INSERT INTO sbx_conversion_rate (c_conversion_rate_id, ad_client_id, c_currency_id, c_currency_id_to, valid_from, multiply_rate)"
                + " SELECT nextval('sbx_id_sq'), ?, c, 102, DATE '2000-01-01', r FROM (VALUES (114, 0.04), (100, 0.92), (113, 1.17)) v(c, r)",
                t.clientId());
        long cbase = block("sbx_id_sq", 2L * customers);
        sql("INSERT INTO sbx_customer (c_bpartner_id, ad_client_id, name) SELECT ? + g, ?, 'Bench customer ' || g"
                + " FROM generate_series(1, ?) g", cbase, t.clientId(), customers);
        sql("INSERT INTO sbx_location (c_bpartner_location_id, c_bpartner_id, ad_client_id, country_code) SELECT ? + ? + g, ? + g, ?,"
                + " (ARRAY['SK','CZ','DE','AT','PL','HU','FR','IT'])[1 + g % 8] FROM generate_series(1, ?) g",
                cbase, customers, cbase, t.clientId(), customers);
        long sbase = block("sub_subscription_sq", n);
        // g: 1..n; customer g % customers; plan by g % 6 (every seventh moves to the next plan at its first change)
        String cur = "(CASE WHEN g % 20 < 14 THEN 102 WHEN g % 20 < 17 THEN 114 WHEN g % 20 < 19 THEN 100 ELSE 113 END)";
        String start = "(DATE '2023-01-01' + (g::bigint * 7919 % 700)::int)";
        String laterPlan = "(CASE WHEN g % 7 = 0 THEN " + plan + "[1 + (g + 1) % 6] ELSE " + plan + "[1 + g % 6] END)";
        sql("INSERT INTO SUB_Subscription (SUB_Subscription_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, DocumentNo, SUB_Template_ID,"
                + " C_BPartner_ID, C_BPartner_Location_ID, C_Currency_ID, M_PriceList_ID, StartDate, SubscriptionStatus, MRR, SalesRep_ID)"
                + " SELECT ? + g, ?, ?, ?, ?, 'BENCH-' || g, " + laterPlan + ", ? + 1 + g % ?, ? + ? + 1 + g % ?, " + cur + ", 1, " + start
                + ", 'AC', 0, 1000 + g % 25 FROM generate_series(1, ?) g",
                sbase, t.clientId(), t.orgId(), t.userId(), t.userId(), cbase, customers, cbase, customers, customers, n);
        long lbase = block("sub_changelog_sq", 5L * n);
        // the base MRR in the subscription's currency, and each entry's MRR after
        String base = "round((10 + (g % 200) * 1.37) * (CASE WHEN g % 20 < 14 THEN 1 WHEN g % 20 < 17 THEN 25 WHEN g % 20 < 19 THEN 1.1"
                + " ELSE 0.85 END), 2)";
        String after = "(CASE k WHEN 0 THEN b WHEN 1 THEN round(b * 1.1, 2) WHEN 2 THEN (CASE WHEN g % 11 = 0 THEN 0 ELSE round(b * 1.05, 2) END)"
                + " WHEN 3 THEN (CASE WHEN g % 5 = 0 THEN 0 WHEN g % 11 = 0 THEN round(b * 1.05, 2) ELSE round(b * 1.2, 2) END)"
                + " ELSE (CASE WHEN g % 5 = 0 THEN b ELSE round(b * 1.15, 2) END) END)";
        String type = "(CASE k WHEN 0 THEN 'NW' WHEN 1 THEN 'EX' WHEN 2 THEN 'CT' WHEN 3 THEN (CASE WHEN g % 5 = 0 THEN 'CH' ELSE 'EX' END)"
                + " ELSE (CASE WHEN g % 5 = 0 THEN 'RA' ELSE 'CT' END) END)";
        sql("INSERT INTO SUB_ChangeLog (SUB_ChangeLog_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, SUB_Subscription_ID, DateTrx,"
                + " ChangeType, MRRBefore, MRRAfter, C_Currency_ID, Description, IsDelinquent, SUB_Template_ID)"
                + " SELECT ? + (g - 1) * 5 + k + 1, ?, ?, ?, ?, ? + g, d, ty, COALESCE(LAG(a) OVER (PARTITION BY g ORDER BY k), 0), a, c,"
                + " 'Benchmark', CASE WHEN ty = 'CH' AND g % 10 = 0 THEN 'Y' ELSE 'N' END, CASE WHEN k = 0 THEN " + plan + "[1 + g % 6]"
                + " ELSE " + laterPlan + " END FROM (SELECT g, k, " + start + " + CASE WHEN k = 0 THEN 0 ELSE k * 90 + g % 30 END AS d,"
                + type + " AS ty, " + after + " AS a, " + cur + " AS c FROM (SELECT g, k, " + base + " AS b FROM generate_series(1, ?) g"
                + " CROSS JOIN generate_series(0, 4) k) x) y",
                lbase, t.clientId(), t.orgId(), t.userId(), t.userId(), sbase, n);
        sql("INSERT INTO SUB_AnalyticsQueue (SUB_AnalyticsQueue_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, C_BPartner_ID,"
                + " SUB_ChangeLog_ID) SELECT l.SUB_ChangeLog_ID, l.AD_Client_ID, l.AD_Org_ID, l.CreatedBy, l.UpdatedBy, s.C_BPartner_ID,"
                + " l.SUB_ChangeLog_ID FROM SUB_ChangeLog l JOIN SUB_Subscription s ON s.SUB_Subscription_ID = l.SUB_Subscription_ID"
                + " WHERE l.AD_Client_ID = ?", t.clientId());
        // invoiced periods of 2025 and 2026: every month of each plan's rhythm while the subscription has MRR
        long run = block("sub_billingrun_sq", 1);
        sql("INSERT INTO SUB_BillingRun (SUB_BillingRun_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, AsOfDate, DateStarted)"
                + " VALUES (?, ?, ?, ?, ?, DATE '2026-12-31', now())", run, t.clientId(), t.orgId(), t.userId(), t.userId());
        long ibase = block("sub_billingitem_sq", 24L * n);
        sql("INSERT INTO SUB_BillingItem (SUB_BillingItem_ID, AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, SUB_Subscription_ID,"
                + " SUB_BillingRun_ID, PeriodStart, PeriodEnd, C_Invoice_ID, LineNetAmt, C_Currency_ID)"
                + " SELECT ? + (s.SUB_Subscription_ID - ?) * 24 + m, s.AD_Client_ID, s.AD_Org_ID, s.CreatedBy, s.UpdatedBy,"
                + " s.SUB_Subscription_ID, ?, p, p + (e || ' months')::interval - interval '1 day', ? + (s.SUB_Subscription_ID - ?) * 24 + m,"
                + " l.MRRAfter * e, s.C_Currency_ID FROM SUB_Subscription s"
                + " CROSS JOIN generate_series(0, 23) m"
                + " CROSS JOIN LATERAL (SELECT CASE s.SUB_Template_ID WHEN ? THEN 3 WHEN ? THEN 12 WHEN ? THEN 6 ELSE 1 END AS e,"
                + " (DATE '2025-01-01' + (m || ' months')::interval + ((EXTRACT(DAY FROM s.StartDate)::int - 1) % 28) * interval '1 day') AS p) x"
                + " CROSS JOIN LATERAL (SELECT MRRAfter FROM SUB_ChangeLog c WHERE c.SUB_Subscription_ID = s.SUB_Subscription_ID"
                + " AND c.DateTrx <= x.p ORDER BY c.DateTrx DESC, c.SUB_ChangeLog_ID DESC LIMIT 1) l"
                + " WHERE s.AD_Client_ID = ? AND s.DocumentNo LIKE 'BENCH-%' AND m % e = 0 AND l.MRRAfter > 0",
                ibase, sbase, run, ibase, sbase, plans[2], plans[3], plans[5], t.clientId());
        analyze();
    }

    private long block(String sequence, long count) throws SQLException {
        return host.inTransaction(tx -> {
            try (Statement s = tx.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT nextval('" + sequence + "')")) {
                rs.next();
                long first = rs.getLong(1);
                s.execute("SELECT setval('" + sequence + "', " + (first + count) + ")");
                return first;
            }
        });
    }

    private void sql(String sql, Object... params) {
        host.inTransaction(tx -> {
            Connection c = tx.connection();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                BenchmarkSeed.bind(ps, params);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private void analyze() {
        host.inTransaction(tx -> {
            try (Statement s = tx.connection().createStatement()) {
                s.execute("ANALYZE");
            }
            return null;
        });
    }

    private long count(String sql) {
        return BenchmarkSeed.count(host, sql);
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
