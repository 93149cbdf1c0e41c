package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.AnalyticsWorld.CZK;
import static org.idempiere.subscription.tests.AnalyticsWorld.EUR;
import static org.idempiere.subscription.tests.Sandbox.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.CohortTable;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.Kpis;
import org.idempiere.subscription.api.service.MrrMovements;
import org.idempiere.subscription.api.service.MrrPeriod;
import org.idempiere.subscription.api.service.RevenueService;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database views the iDempiere charts and reports read ({@code SUB_MRRMonth_v}, {@code SUB_MRRMovement_v},
 * {@code SUB_KPIMonth_v}, {@code SUB_CohortMonth_v}, {@code SUB_RevenueMonth_v}, created by the sandbox migration from the same dictionary
 * statement iDempiere runs) answer, for the hand-computed scenario of {@link AnalyticsScenarioTest}, the figures
 * {@link AnalyticsService} and {@link RevenueService} answer: month by month and per currency (a view cannot convert: the host's rates live
 * in host tables). Both sides are written as the same text lines, amounts without trailing zeros.
 */
class AnalyticsViewsTest {
    private static AnalyticsWorld w;
    private static final LocalDate FROM = d("2024-01-01");
    private static final LocalDate TO = d("2025-06-30");

    @BeforeAll
    static void scenario() {
        AnalyticsScenarioTest.ledger();   // a tenant of its own with the scenario's ledger, invoices and backdated entries
        w = AnalyticsScenarioTest.w;
        // a read refreshes the figures the views sum (the views never refresh: they read what the last refresh stored)
        w.as(() -> analytics().mrrSeries(AnalyticsQuery.of(FROM, TO, Granularity.MONTH)));
    }

    private static AnalyticsService analytics() {
        return Sandbox.service(AnalyticsService.class);
    }

    @Test
    void mrrAndMovementViews_equalTheMonthlySeries_perCurrency() {
        for (String iso : List.of("EUR", "CZK")) {
            long currency = iso.equals("EUR") ? EUR : CZK;
            LocalDate first = iso.equals("EUR") ? FROM : d("2024-10-01");   // CZK has MRR from the transfer on
            List<MrrPeriod> series = w.as(() -> analytics().mrrSeries(AnalyticsQuery.of(first, TO, Granularity.MONTH).withCurrency(iso)))
                    .periods();
            assertEquals(series.stream().map(p -> month(p.start()) + " " + n(p.mrrEnd()) + " " + n(p.arrEnd())).toList(),
                    view("SELECT DateTrx, MRR, ARR FROM SUB_MRRMonth_v WHERE AD_Client_ID = ? AND C_Currency_ID = ?"
                            + " AND DateTrx BETWEEN ? AND ? ORDER BY DateTrx", w.tenant.clientId(), currency, first, TO), iso);
            assertEquals(series.stream().map(p -> month(p.start()) + " " + moves(p.movements()) + " " + n(p.movements().netNew())).toList(),
                    view("SELECT DateTrx, NewMRR, ExpansionMRR, ContractionMRR, ChurnMRR, DelinquentChurnMRR, ReactivationMRR, TransferMRR,"
                            + " NetNewMRR FROM SUB_MRRMovement_v WHERE AD_Client_ID = ? AND C_Currency_ID = ? AND DateTrx BETWEEN ? AND ?"
                            + " ORDER BY DateTrx", w.tenant.clientId(), currency, first, TO), iso);
        }
        // by hand (the scenario's comments): October 2024 moves sub4's 80.00 EUR to 2,000.00 CZK
        assertEquals(List.of("2024-10 0 0 0 0 0 0 -80 0 370", "2024-10 0 0 0 0 0 0 2000 0 2000"),
                view("SELECT m.DateTrx, m.NewMRR, m.ExpansionMRR, m.ContractionMRR, m.ChurnMRR, m.DelinquentChurnMRR, m.ReactivationMRR,"
                        + " m.TransferMRR, m.NetNewMRR, v.MRR FROM SUB_MRRMovement_v m JOIN SUB_MRRMonth_v v ON v.AD_Client_ID = m.AD_Client_ID"
                        + " AND v.C_Currency_ID = m.C_Currency_ID AND v.DateTrx = m.DateTrx"
                        + " WHERE m.AD_Client_ID = ? AND m.DateTrx = ? ORDER BY m.C_Currency_ID", w.tenant.clientId(), d("2024-10-01")));
    }

    @Test
    void kpiView_equalsTheMonthlyKpis_perCurrency() {
        for (String iso : List.of("EUR", "CZK")) {
            long currency = iso.equals("EUR") ? EUR : CZK;
            LocalDate first = iso.equals("EUR") ? FROM : d("2024-10-01");
            List<Kpis> kpis = w.as(() -> analytics().kpis(AnalyticsQuery.of(first, TO, Granularity.MONTH).withCurrency(iso), null)).periods();
            assertEquals(kpis.stream().map(AnalyticsViewsTest::kpis).toList(),
                    view("SELECT DateTrx, MRRStart, NewMRR, ExpansionMRR, ContractionMRR, ChurnMRR, DelinquentChurnMRR, ReactivationMRR,"
                            + " TransferMRR, NetNewMRR, MRR, ARR, CustomersStart, NewCustomers, ChurnedCustomers, ReactivatedCustomers, Customers,"
                            + " ARPA, LogoChurnRate, GrossMRRChurnRate, NetMRRChurnRate, NetRevenueRetention, GrossRevenueRetention, QuickRatio,"
                            + " NetRevenue, OneTimeRevenue FROM SUB_KPIMonth_v WHERE AD_Client_ID = ? AND C_Currency_ID = ?"
                            + " AND DateTrx BETWEEN ? AND ? ORDER BY DateTrx", w.tenant.clientId(), currency, first, TO), iso);
        }
        // by hand: January 2025 in EUR: C2 churns (200.00 of 400.00 - 80.00 transferred = 320.00), customers 2 -> 1
        // (C1 only; C4 counts in CZK), ARPA 120.00; gross churn 200/320 = 0.625
        assertEquals(List.of("2025-01 320 120 2 1 120 0.625"), view("SELECT DateTrx, MRRStart, MRR, CustomersStart, Customers, ARPA,"
                + " GrossMRRChurnRate FROM SUB_KPIMonth_v WHERE AD_Client_ID = ? AND C_Currency_ID = ? AND DateTrx = ?",
                w.tenant.clientId(), EUR, d("2025-01-01")));
    }

    @Test
    void cohortView_equalsTheMonthlyCohorts_convertedAtEachMonthEnd() {
        List<CohortTable.Cohort> cohorts = w.as(() -> analytics().cohorts(AnalyticsQuery.of(FROM, TO, Granularity.MONTH))).cohorts();
        List<String> expected = new ArrayList<>();
        for (CohortTable.Cohort c : cohorts) {
            for (CohortTable.Cell cell : c.cells()) {
                expected.add(month(c.start()) + " +" + cell.index() + " " + c.customers() + " " + cell.active() + " " + n(cell.activeShare())
                        + " " + n(cell.mrr()));
            }
        }
        // the view has a row per currency of the cohort; the service converts each into EUR at the month's end
        Map<String, String> counts = new TreeMap<>();
        Map<String, BigDecimal> eur = new TreeMap<>();
        for (String row : view("SELECT DateCohort, CohortPeriodNo, CohortSize, ActiveCustomers, ActiveShare, C_Currency_ID, MRR, DateTrx"
                + " FROM SUB_CohortMonth_v WHERE AD_Client_ID = ? AND DateTrx <= ? ORDER BY DateCohort, DateTrx, C_Currency_ID",
                w.tenant.clientId(), TO)) {
            String[] f = row.split(" ");
            String key = f[0] + " +" + String.format("%02d", Integer.parseInt(f[1]));
            counts.put(key, f[0] + " +" + f[1] + " " + f[2] + " " + f[3] + " " + f[4]);
            BigDecimal rate = Long.parseLong(f[5]) == EUR ? BigDecimal.ONE : f[7].compareTo("2025-01") < 0 ? new BigDecimal("0.04") : new BigDecimal("0.041");
            eur.merge(key, new BigDecimal(f[6]).multiply(rate).setScale(2, RoundingMode.HALF_UP), BigDecimal::add);
        }
        assertEquals(expected, counts.keySet().stream().map(k -> counts.get(k) + " " + n(eur.get(k))).toList());
        // by hand: C1's cohort (2024-01, one customer) 100.00, 100.00, 100.00, 150.00 after the upgrade: net MRR retention 1.5
        assertEquals(List.of("2024-01 0 1 1 100 1", "2024-01 3 1 1 150 1.5"), view("SELECT DateCohort, CohortPeriodNo, CohortSize,"
                + " ActiveCustomers, MRR, NetMRRRetention FROM SUB_CohortMonth_v WHERE AD_Client_ID = ? AND DateCohort = ?"
                + " AND CohortPeriodNo IN (0, 3) ORDER BY CohortPeriodNo", w.tenant.clientId(), FROM));
    }

    @Test
    void revenueView_equalsTheRevenueSchedule_inEveryMonthWithAFigure() {
        for (String iso : List.of("EUR", "CZK")) {
            long currency = iso.equals("EUR") ? EUR : CZK;
            List<String> expected = w.as(() -> Sandbox.service(RevenueService.class).schedule(YearMonth.of(2024, 1), YearMonth.of(2025, 6),
                    Optional.of(iso), Optional.empty())).stream()
                    .filter(r -> Stream.of(r.invoiced(), r.adjusted(), r.recognized(), r.deferredEnd(), r.unbilledEnd()).anyMatch(a -> a.signum() != 0))
                    .map(r -> r.month() + " " + n(r.invoiced()) + " " + n(r.adjusted()) + " " + n(r.recognized()) + " " + n(r.deferredEnd())
                            + " " + n(r.unbilledEnd())).toList();
            assertEquals(expected, view("SELECT DateTrx, RevenueInvoiced, RevenueAdjusted, RevenueRecognized, RevenueDeferred, RevenueUnbilled"
                    + " FROM SUB_RevenueMonth_v WHERE AD_Client_ID = ? AND C_Currency_ID = ? AND DateTrx BETWEEN ? AND ? ORDER BY DateTrx",
                    w.tenant.clientId(), currency, FROM, TO), iso);
        }
        // by hand, February 2024: invoiced sub1's 100.00 for 02-10..03-09 and sub2's 2,400.00 for 02-01..02-29; earned sub1's
        // first period's last 9 days (100.00 - round(100 x 22/31) = 29.03), 20 of 29 days of its second (round(100 x 20/29) = 68.97)
        // and sub2's month: 2,498.00; deferred the rest of sub1's second period, 31.03
        assertEquals(List.of("2024-02 2500 0 2498 31.03 0"), view("SELECT DateTrx, RevenueInvoiced, RevenueAdjusted, RevenueRecognized,"
                + " RevenueDeferred, RevenueUnbilled FROM SUB_RevenueMonth_v WHERE AD_Client_ID = ? AND C_Currency_ID = ? AND DateTrx = ?",
                w.tenant.clientId(), EUR, d("2024-02-01")));
    }

    @Test
    void everyView_carriesTheTenant_andOrganization0_andAUniqueKey() {
        for (String v : List.of("SUB_MRRMonth_v", "SUB_MRRMovement_v", "SUB_KPIMonth_v", "SUB_CohortMonth_v", "SUB_RevenueMonth_v")) {
            assertEquals(List.of("0 " + count(v)), view("SELECT MAX(AD_Org_ID), COUNT(DISTINCT " + v + "_UU) FROM " + v
                    + " WHERE AD_Client_ID = ?", w.tenant.clientId()), v);
            assertEquals(List.of("0"), view("SELECT COUNT(*) - COUNT(DISTINCT " + v + "_UU) FROM " + v), v + ": a key over all tenants");
        }
        // rows run from the first month up to the current month, also after the last change (MRR stays)
        assertEquals(List.of("2024-01 " + month(LocalDate.now().withDayOfMonth(1))), view("SELECT MIN(DateTrx), MAX(DateTrx) FROM SUB_MRRMonth_v"
                + " WHERE AD_Client_ID = ? AND C_Currency_ID = ?", w.tenant.clientId(), EUR));
    }

    private static long count(String view) {
        return Sandbox.count("SELECT COUNT(*) FROM " + view + " WHERE AD_Client_ID = ?", w.tenant.clientId());
    }

    private static String kpis(Kpis k) {
        MrrPeriod m = k.mrr();
        return Stream.of(month(k.start()), n(m.mrrStart()), moves(m.movements()), n(m.movements().netNew()), n(m.mrrEnd()), n(k.arr()),
                k.customersStart(), k.newCustomers(), k.churnedCustomers(), k.reactivatedCustomers(), k.customersEnd(), n(k.arpa()),
                n(k.logoChurnRate()), n(k.grossMrrChurnRate()), n(k.netMrrChurnRate()), n(k.netRevenueRetention()),
                n(k.grossRevenueRetention()), n(k.quickRatio()), n(k.netRevenue()), n(k.oneTimeRevenue()))
                .map(String::valueOf).collect(Collectors.joining(" "));
    }

    private static String moves(MrrMovements x) {
        return Stream.of(x.newBusiness(), x.expansion(), x.contraction(), x.churnVoluntary(), x.churnDelinquent(), x.reactivation(),
                x.currencyTransfer()).map(AnalyticsViewsTest::n).collect(Collectors.joining(" "));
    }

    /** An amount or rate without trailing zeros ("-" when empty), as {@link #view} writes them. */
    private static String n(BigDecimal v) {
        return v == null ? "-" : v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    private static String n(Optional<BigDecimal> v) {
        return n(v.orElse(null));
    }

    private static String month(LocalDate day) {
        return day.toString().substring(0, 7);
    }

    /** Rows of a view, columns joined by a space: dates as yyyy-MM, numbers without trailing zeros, null as "-". */
    private static List<String> view(String sql, Object... params) {
        HostContext host = Sandbox.service(HostContext.class);
        return host.inTransaction(tx -> Rows.list(tx.connection(), sql, rs -> {
            List<String> cols = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object o = rs.getObject(i);
                cols.add(o instanceof Timestamp t ? month(t.toLocalDateTime().toLocalDate()) : o instanceof BigDecimal b ? n(b)
                        : o == null ? "-" : String.valueOf(o));
            }
            return String.join(" ", cols);
        }, params));
    }
}
