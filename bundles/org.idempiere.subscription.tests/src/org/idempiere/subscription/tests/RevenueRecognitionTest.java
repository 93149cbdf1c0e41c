package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.ChangesTest.nextMonthOf;
import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.RevenueBalance;
import org.idempiere.subscription.api.service.RevenueItem;
import org.idempiere.subscription.api.service.RevenueMonth;
import org.idempiere.subscription.api.service.RevenueService;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.junit.jupiter.api.Test;

/**
 * Revenue recognition over what billing really recorded: billing items with their invoice dates
 * and the adjustment items of a change, with every figure of the schedule computed by hand; the
 * balances reconciled with what was invoiced (a plain sum over the tables) for the whole tenant;
 * the API's answers and refusals. M is a 31-day month, N the month after it; 1 x 31.00 a month.
 */
class RevenueRecognitionTest {

    private static long plan(BillingTiming billing) {
        return service(TemplateService.class).create(new TemplateDraft(unique("Revenue plan"), Optional.empty(), Recurrence.monthly(),
                billing, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE, List.of())).id();
    }

    private static Subscription subscribe(long plan, LocalDate start, long product) {
        return service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer("DE"), "EUR", start, Optional.empty(),
                List.of(new LineDraft(product, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
    }

    private static void bill(long plan, LocalDate asOf) {
        service(BillingService.class).run(asOf, new BillingScope(Optional.of(plan), Optional.empty()));
    }

    private static RevenueService revenue() {
        return service(RevenueService.class);
    }

    private static String row(RevenueMonth m) {
        return m.month() + " " + m.currency() + " def " + m.deferredStart() + " unb " + m.unbilledStart() + " | inv " + m.invoiced()
                + " adj " + m.adjusted() + " rec " + m.recognized() + " | def " + m.deferredEnd() + " unb " + m.unbilledEnd();
    }

    /*
     * Plan A, in advance, from M1, billed ahead for N; upgraded to 3 on M11 (as ChangesTest): the adjustment invoice
     * dated M11 is two adjustment items, M11..M31 +42.00 (-21.00 + 63.00) and N1..N-end +62.00 (-31.00 + 93.00).
     *
     *   M: invoiced 31.00 (M1)  adjusted 104.00  recognized 31.00 + 42.00 = 73.00
     *      deferred at M31: the N adjustment 62.00 (the N period is invoiced on N1: not yet, nothing of it earned)
     *   N: invoiced 31.00 (N1)  recognized 31.00 + 62.00 = 93.00  deferred 0.00
     *
     * Plan B, in arrears, from M1, invoiced N1 for M1..M31: M recognizes 31.00 unbilled; N invoices it.
     */
    @Test
    void schedule_followsBillingAndAnAdjustment_handComputed_andDrillsDown() throws Exception {
        LocalDate m = nextMonthOf(31);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long product = product("31.00");
        long planA = plan(BillingTiming.IN_ADVANCE);
        long planB = plan(BillingTiming.IN_ARREARS);
        Subscription a = subscribe(planA, m, product);
        subscribe(planB, m, product);
        bill(planA, n);
        service(SubscriptionService.class).change(a.id(), new ChangeDraft(Optional.of(m.plusDays(10)), Optional.empty(),
                List.of(new LineChange.Update(a.lines().get(0).id(), Optional.of(new BigDecimal("3")), Optional.empty(),
                        Optional.empty()))));
        clockTo(m.plusDays(10));
        bill(planA, m.plusDays(10));
        clockTo(n);
        bill(planB, n);

        assertEquals(List.of(m.plusDays(10) + "|" + m.plusDays(10) + "|" + m.plusDays(30) + "|42.00",
                m.plusDays(10) + "|" + n + "|" + n.plusMonths(1).minusDays(1) + "|62.00"),
                rows("SELECT dateinvoiced, periodstart, periodend, linenetamt FROM sub_adjustmentitem WHERE sub_subscription_id = ?"
                        + " ORDER BY periodstart", a.id()), "the adjustment invoice's days, as invoiced");

        YearMonth mm = YearMonth.from(m);
        YearMonth nn = YearMonth.from(n);
        assertEquals(List.of(
                mm + " EUR def 0.00 unb 0.00 | inv 31.00 adj 104.00 rec 73.00 | def 62.00 unb 0.00",
                nn + " EUR def 62.00 unb 0.00 | inv 31.00 adj 0.00 rec 93.00 | def 0.00 unb 0.00"),
                revenue().schedule(mm, nn, Optional.of("EUR"), Optional.of(planA)).stream().map(RevenueRecognitionTest::row).toList());
        assertEquals(List.of(
                mm + " EUR def 0.00 unb 0.00 | inv 0.00 adj 0.00 rec 31.00 | def 0.00 unb 31.00",
                nn + " EUR def 0.00 unb 31.00 | inv 31.00 adj 0.00 rec 0.00 | def 0.00 unb 0.00"),
                revenue().schedule(mm, nn, Optional.empty(), Optional.of(planB)).stream().map(RevenueRecognitionTest::row).toList());

        List<RevenueItem> items = revenue().items(mm, Optional.of("EUR"), Optional.of(planA));
        assertEquals(List.of("ADJUSTMENT 42.00 inv 42.00 rec 42.00 def 0.00", "ADJUSTMENT 62.00 inv 62.00 rec 0.00 def 62.00",
                "PERIOD 31.00 inv 31.00 rec 31.00 def 0.00"), items.stream().map(i -> i.kind() + " " + i.amount() + " inv "
                        + i.invoicedInMonth() + " rec " + i.recognizedInMonth() + " def " + i.deferredEnd()).toList(),
                "the N period (invoiced N1, nothing earned in M) is not behind M's figures");

        JsonNode json = Api.call("GET", "/revenue/schedule?from=" + mm + "&to=" + nn + "&currency=EUR&templateId=" + planA, null).body();
        assertEquals(0, new BigDecimal("104.00").compareTo(json.path("months").get(0).path("adjusted").decimalValue()), json.toString());
        assertEquals(2, json.path("months").size());
        assertEquals(planA, json.path("templateId").asLong());
        Api.Answer csv = Api.call("GET", "/revenue/schedule.csv?from=" + mm + "&to=" + nn + "&templateId=" + planA, null);
        assertEquals(200, csv.status());
        assertEquals("text/csv", csv.raw().headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals(List.of("month,currency,deferredStart,unbilledStart,invoiced,adjusted,recognized,deferredEnd,unbilledEnd,revaluation",
                mm + ",EUR,0.00,0.00,31.00,104.00,73.00,62.00,0.00,0.00", nn + ",EUR,62.00,0.00,31.00,0.00,93.00,0.00,0.00,0.00"),
                List.of(csv.text().split("\r\n")));
        // in a reporting currency: the same EUR rows, one per month (EUR into EUR needs no rate)
        Api.Answer eur = Api.call("GET", "/revenue/schedule.csv?from=" + mm + "&to=" + nn + "&templateId=" + planA
                + "&reportingCurrency=EUR", null);
        assertEquals(csv.text(), eur.text());
        Api.Answer bad = Api.call("GET", "/revenue/schedule?from=" + mm + "&to=" + nn + "&reportingCurrency=QQQ", null);
        assertEquals(400, bad.status(), bad.text());
        assertEquals("reportingCurrency", bad.body().path("field").asText(), bad.text());
        Api.Answer itemsCsv = Api.call("GET", "/revenue/items.csv?month=" + mm + "&templateId=" + planA, null);
        assertEquals(4, itemsCsv.text().split("\r\n").length, itemsCsv.text());
    }

    /**
     * The net of the host's invoices the engine created and of their reversals, dated by {@code day},
     * per currency: what the host itself stores, not the engine's items. An invoice's net is the sum
     * of its lines, or, where its prices include tax (gross lines), the sum of its taxes' taxable
     * amounts (decision 0022).
     */
    static Map<String, BigDecimal> hostInvoiced(LocalDate day) {
        String engines = "SELECT c_invoice_id FROM sub_billingitem WHERE ad_client_id = 1000000 UNION SELECT c_invoice_id"
                + " FROM sub_adjustmentitem WHERE ad_client_id = 1000000";
        Map<String, BigDecimal> out = new TreeMap<>();
        for (String r : rows("SELECT c.iso_code, SUM(CASE WHEN i.is_tax_included = 'Y' THEN (SELECT COALESCE(SUM(t.taxable_amt), 0)"
                + " FROM sbx_invoicetax t WHERE t.c_invoice_id = i.c_invoice_id) ELSE (SELECT COALESCE(SUM(l.line_net), 0)"
                + " FROM sbx_invoiceline l WHERE l.c_invoice_id = i.c_invoice_id) END) FROM sbx_invoice i JOIN sbx_currency c"
                + " ON c.c_currency_id = i.c_currency_id WHERE i.ad_client_id = 1000000 AND i.date_invoiced <= ?"
                + " AND (i.c_invoice_id IN (" + engines + ") OR i.reversal_id IN (" + engines + ")) GROUP BY c.iso_code", day)) {
            out.put(r.split("\\|")[0], new BigDecimal(r.split("\\|")[1]));
        }
        return out;
    }

    /*
     * Before reconciling, this tenant surely has a credit and two voids: plan C in advance from M1, 2 x 31.00 invoiced
     * M1 for M (62.00); down to 1 on M11: the adjustment invoice credits M11..M31 (-21.00); the period invoice is voided
     * on M20 and the credit on M25 in the host (its reversal invoices negate their lines). Both reversals are the
     * engine's records too.
     */
    private static void creditAndTwoVoids() throws Exception {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE);
        Subscription c = service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer("DE"), "EUR", m, Optional.empty(),
                List.of(new LineDraft(product("31.00"), new BigDecimal("2"), Optional.empty(), BigDecimal.ZERO))));
        bill(plan, m);
        service(SubscriptionService.class).change(c.id(), new ChangeDraft(Optional.of(m.plusDays(10)), Optional.empty(),
                List.of(new LineChange.Update(c.lines().get(0).id(), Optional.of(BigDecimal.ONE), Optional.empty(), Optional.empty()))));
        clockTo(m.plusDays(10));
        bill(plan, m.plusDays(10));
        List<String> invoices = rows("SELECT c_invoice_id FROM sub_billingitem WHERE sub_subscription_id = ? UNION ALL"
                + " SELECT c_invoice_id FROM sub_adjustmentitem WHERE sub_subscription_id = ?", c.id(), c.id());
        assertEquals(2, invoices.size(), "the period invoice and the credit: " + invoices);
        clockTo(m.plusDays(24));
        for (int i = 0; i < 2; i++) {
            Api.Answer a = Api.call("POST", "/sandbox/invoices/" + invoices.get(i) + "/reverse", "{\"date\":\"" + m.plusDays(19 + 5 * i)
                    + "\"}");
            assertEquals(200, a.status(), a.text());
        }
        assertEquals(List.of("P|" + m + "|62.00", "A|" + m.plusDays(10) + "|-21.00", "V|" + m.plusDays(19) + "|-62.00",
                "V|" + m.plusDays(24) + "|21.00"), rows("SELECT 'P', dateinvoiced, linenetamt FROM sub_billingitem WHERE sub_subscription_id = ?"
                + " UNION ALL SELECT CASE WHEN sub_invoicereversal_id IS NULL THEN 'A' ELSE 'V' END, dateinvoiced, linenetamt"
                + " FROM sub_adjustmentitem WHERE sub_subscription_id = ? ORDER BY 2", c.id(), c.id()));
    }

    /**
     * Over everything the tests have billed in this database, with surely a credit and two voids
     * among it: at several days, per currency, what was invoiced is the net of the host's own
     * invoices dated by then (the engine's and their reversals), and so is recognized + deferred −
     * unbilled; recognized is the sum of the schedule's months up to then; every adjustment
     * invoice's items add up to its change's net.
     */
    @Test
    void balances_reconcileWithTheHostsInvoices_forTheWholeTenant_afterCreditsAndVoids() throws Exception {
        creditAndTwoVoids();
        LocalDate today = LocalDate.now(service(org.idempiere.subscription.api.host.HostContext.class).clock());
        assertEquals(0, count("SELECT COUNT(*) FROM sub_change c WHERE c.c_invoice_id IS NOT NULL AND c.linenetamt <>"
                + " (SELECT COALESCE(SUM(i.linenetamt), 0) FROM sub_adjustmentitem i WHERE i.c_invoice_id = c.c_invoice_id"
                + " AND i.sub_invoicereversal_id IS NULL)"), "each adjustment invoice's items add up to its change's net");
        String first = rows("SELECT MIN(LEAST(periodstart, COALESCE(dateinvoiced, periodstart))) FROM sub_billingitem").get(0);
        assertTrue(!"null".equals(first), "something was billed");
        YearMonth from = YearMonth.parse(first.substring(0, 7));
        YearMonth to = YearMonth.from(today).plusMonths(13);
        List<RevenueMonth> schedule = new ArrayList<>();
        for (YearMonth f = from; !f.isAfter(to); f = f.plusMonths(RevenueService.MAX_MONTHS)) {
            YearMonth t = f.plusMonths(RevenueService.MAX_MONTHS - 1).isAfter(to) ? to : f.plusMonths(RevenueService.MAX_MONTHS - 1);
            schedule.addAll(revenue().schedule(f, t, Optional.empty(), Optional.empty()));
        }
        int checked = 0;
        for (LocalDate day : List.of(from.atDay(1).minusDays(1), from.atEndOfMonth(), today.minusDays(17), today, today.plusDays(40),
                YearMonth.from(today).plusMonths(2).atEndOfMonth(), to.atEndOfMonth())) {
            Map<String, BigDecimal> invoiced = hostInvoiced(day);
            for (RevenueBalance b : revenue().balances(day, Optional.empty())) {
                BigDecimal host = invoiced.getOrDefault(b.currency(), BigDecimal.ZERO);
                assertEquals(0, host.compareTo(b.invoiced()), day + " " + b + ": the host's invoices say " + host);
                assertEquals(0, host.compareTo(b.recognized().add(b.deferred()).subtract(b.unbilled())), day + " " + b
                        + ": recognized + deferred - unbilled against the host's invoices " + host);
                assertEquals(b.invoiced().subtract(b.recognized()), b.deferred().subtract(b.unbilled()), day + " " + b);
                if (day.equals(YearMonth.from(day).atEndOfMonth()) && !day.isBefore(from.atDay(1))) {
                    BigDecimal recognized = schedule.stream().filter(m -> m.currency().equals(b.currency())
                            && !m.month().isAfter(YearMonth.from(day))).map(RevenueMonth::recognized).reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertEquals(0, recognized.compareTo(b.recognized()), day + " " + b);
                    RevenueMonth month = schedule.stream().filter(m -> m.currency().equals(b.currency())
                            && m.month().equals(YearMonth.from(day))).findFirst().orElseThrow();
                    assertEquals(b.deferred(), month.deferredEnd(), day + " " + b);
                    assertEquals(b.unbilled(), month.unbilledEnd(), day + " " + b);
                }
                checked++;
            }
        }
        assertTrue(checked >= 5, "balances checked: " + checked);
        for (int i = 1; i < schedule.size(); i++) {
            RevenueMonth before = schedule.get(i - 1);
            RevenueMonth m = schedule.get(i);
            if (before.currency().equals(m.currency())) {
                assertEquals(before.deferredEnd(), m.deferredStart(), m.toString());
                assertEquals(before.unbilledEnd(), m.unbilledStart(), m.toString());
            }
            assertEquals(0, m.deferredEnd().subtract(m.unbilledEnd()).subtract(m.deferredStart().subtract(m.unbilledStart()))
                    .compareTo(m.invoiced().add(m.adjusted()).subtract(m.recognized())), m.toString());
        }
    }

    /**
     * Bad input is refused naming the field and the value; nothing is written: not the analytics refresher's tables (an
     * entry waits in its queue, which a read that refreshed would take), not the revenue records, nothing a read touches.
     */
    @Test
    void badInput_isRefusedNamingTheField() throws Exception {
        Sandbox.pendingRefresh();
        java.util.Map<String, String> before = Sandbox.contents(Sandbox.READ_PATH_TABLES);
        problem("/revenue/schedule?from=2026-05&to=2026-01", "INVALID_VALUE", "to", "2026-01");
        problem("/revenue/schedule?from=2016-01&to=2026-01", "INVALID_VALUE", "to", "2026-01");
        problem("/revenue/schedule?from=2026-01&to=2026-13", "INVALID_VALUE", "to", "2026-13");
        problem("/revenue/schedule?to=2026-01", "REQUIRED", "from", null);
        problem("/revenue/schedule?from=2026-01&to=2026-02&currency=EURO", "INVALID_VALUE", "currency", "EURO");
        problem("/revenue/schedule?from=2026-01&to=2026-02&currency=XXX", "UNKNOWN_REFERENCE", "currency", "XXX");
        problem("/revenue/schedule.csv?from=2026-01&to=2026-02&templateId=999999999", "UNKNOWN_REFERENCE", "templateId", "999999999");
        problem("/revenue/items?month=26-01", "INVALID_VALUE", "month", "26-01");
        problem("/revenue/balances?date=2026-02-30", "INVALID_VALUE", "date", "2026-02-30");
        assertEquals(200, Api.call("GET", "/revenue/schedule?from=2016-02&to=2026-01", null).status(), "120 months exactly");
        assertEquals(before, Sandbox.contents(Sandbox.READ_PATH_TABLES), "nothing written");
    }

    private static void problem(String path, String code, String field, String value) throws Exception {
        Api.Answer a = Api.call("GET", path, null);
        assertEquals(400, a.status(), path + " -> " + a.text());
        assertEquals(code, a.body().path("code").asText(), a.text());
        assertEquals(field, a.body().path("field").asText(), a.text());
        if (value != null) {
            assertEquals(value, a.body().path("value").asText(), a.text());
        }
    }
}
