package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.ChangesTest.nextMonthOf;
import static org.idempiere.subscription.tests.Sandbox.context;
import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.GeneralLedger;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.JournalDraft;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.KpiPanel;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.RevenueBookingService;
import org.idempiere.subscription.api.service.RevenueMonth;
import org.idempiere.subscription.api.service.RevenueService;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;

/**
 * An invoice voided (reversed) in the host mid-recognition, end to end through the sandbox's own
 * reversal ({@code POST /sandbox/invoices/{id}/reverse}, as iDempiere's Reverse - Correct/Accrual):
 * the host's reversal invoice, the engine's record made once, the schedule, the drill-down, net and
 * one-time revenue, the GL booking of the months before and of the void's month, and billing left
 * as it was. Every figure by hand (decision 0057).
 */
class InvoiceReversalTest {

    /*
     * M a 31-day month, N the one after. A monthly plan in advance from M16: 31.00 a month and a setup fee of 10.00,
     * invoiced on M16 for M16..N15 (31 days): 41.00 net, 10.00 of it one-time.
     *
     *   through M31 (16 of 31 days): round(41.00 × 16/31 = 21.161) = 21.16   M recognizes 21.16, defers 19.84
     *   voided on N5: the reversal item -41.00 over M16..N15, dated N5, recognizes from N5 on only:
     *     N: the period 41.00 - 21.16 = 19.84, the reversal -41.00 -> N recognizes -21.16: it takes back M's 21.16
     *        adjusted -41.00, deferred at the end 0.00
     *   net revenue: M16 +41.00 (10.00 one-time), N5 -41.00 (-10.00 one-time)
     *   booked: M 21.16 (Dr deferred, Cr revenue) before the void, nothing more for M after it; N -21.16 (Dr revenue, Cr deferred)
     */
    @Test
    void anInvoiceVoidedMidRecognition_isTakenBackInTheVoidsMonth_onceAndForAll() throws Exception {
        LocalDate m = nextMonthOf(31);
        LocalDate n = m.plusMonths(1);
        YearMonth mm = YearMonth.from(m);
        YearMonth nn = YearMonth.from(n);
        clockTo(m.plusDays(15));
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Voided plan"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE, List.of())).id();
        rows("UPDATE sub_template SET sub_deferredrevenue_acct = 9301, sub_revenue_acct = 9302 WHERE sub_template_id = ?"
                + " RETURNING sub_template_id", plan);
        Subscription s = service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer("DE"), "EUR", m.plusDays(15),
                Optional.empty(), List.of(new LineDraft(product("31.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO),
                        new LineDraft(product("10.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO, true))));
        service(BillingService.class).run(m.plusDays(15), new BillingScope(Optional.of(plan), Optional.empty()));
        assertEquals(List.of(m.plusDays(15) + "|" + n.plusDays(14) + "|41.00|10.00|" + m.plusDays(15)), rows("SELECT periodstart,"
                + " periodend, linenetamt, setupfeeamt, dateinvoiced FROM sub_billingitem WHERE sub_subscription_id = ?", s.id()));
        long invoice = Long.parseLong(rows("SELECT c_invoice_id FROM sub_billingitem WHERE sub_subscription_id = ?", s.id()).get(0));
        String nextInvoice = rows("SELECT nextinvoicedate FROM sub_subscription WHERE sub_subscription_id = ?", s.id()).get(0);

        RevenueBookingTest.RecordingLedger ledger = new RevenueBookingTest.RecordingLedger();
        ServiceRegistration<GeneralLedger> registration = context().registerService(GeneralLedger.class, ledger, null);
        try {
            RevenueBookingTest.setting("SUBSCRIPTIONS_DEFERRED_REVENUE_ACCT", "9001");
            RevenueBookingTest.setting("SUBSCRIPTIONS_REVENUE_ACCT", "9002");
            RevenueBookingService booking = service(RevenueBookingService.class);
            clockTo(n);
            ratesToEur(mm);
            booking.book(mm);
            assertEquals(List.of("9301 Dr 21.16", "9302 Cr 21.16"), planLines(ledger, 0), "M booked before the void");

            clockTo(n.plusDays(4));
            Api.Answer voided = Api.call("POST", "/sandbox/invoices/" + invoice + "/reverse", "{\"date\":\"" + n.plusDays(4) + "\"}");
            assertEquals(200, voided.status(), voided.text());
            JsonNode v = voided.body();
            assertEquals(n.plusDays(4).toString(), v.path("date").asText());
            assertEquals(false, v.path("alreadyReversed").asBoolean());
            assertEquals("EUR false", v.path("revenue").path("currency").asText() + " " + v.path("revenue").path("alreadyRecorded")
                    .asBoolean(), v.toString());
            assertEquals(0, new BigDecimal("-41.00").compareTo(v.path("revenue").path("netReversed").decimalValue()), v.toString());
            assertEquals(0, new BigDecimal("-10.00").compareTo(v.path("revenue").path("oneTimeReversed").decimalValue()), v.toString());
            long reversal = v.path("reversalId").asLong();
            assertEquals(List.of("RE|Y|" + reversal + "|41.00", "RE|Y|" + invoice + "|-41.00"), rows("SELECT doc_status, is_paid,"
                    + " reversal_id, total_lines FROM sbx_invoice WHERE c_invoice_id IN (?, ?) ORDER BY c_invoice_id", invoice, reversal),
                    "the host's reversal: the invoice reversed and paid, its reversal's lines negated");
            assertEquals(List.of("-31.00", "-10.00"), rows("SELECT line_net FROM sbx_invoiceline WHERE c_invoice_id = ? ORDER BY line",
                    reversal));

            // twice is once: the host answers its first reversal, the engine its first record
            Api.Answer again = Api.call("POST", "/sandbox/invoices/" + invoice + "/reverse", "{\"date\":\"" + n.plusDays(9) + "\"}");
            assertEquals(200, again.status(), again.text());
            assertEquals(true, again.body().path("alreadyReversed").asBoolean());
            assertEquals(true, again.body().path("revenue").path("alreadyRecorded").asBoolean());
            assertEquals(n.plusDays(4).toString(), again.body().path("date").asText());
            assertEquals(List.of(n.plusDays(4) + "|-41.00|-10.00"), rows("SELECT datetrx, linenetamt, onetimeamt FROM sub_invoicereversal"
                    + " WHERE c_invoice_id = ?", invoice));
            assertEquals(List.of(n.plusDays(4) + "|" + m.plusDays(15) + "|" + n.plusDays(14) + "|-41.00"), rows("SELECT dateinvoiced,"
                    + " periodstart, periodend, linenetamt FROM sub_adjustmentitem WHERE sub_subscription_id = ?"
                    + " AND sub_invoicereversal_id IS NOT NULL", s.id()));
            assertEquals(1, service(BillingService.class).invoiceReversed(invoice, n.plusDays(20), "again").orElseThrow().subscriptionIds()
                    .size());
            assertEquals(1, count("SELECT COUNT(*) FROM sub_adjustmentitem WHERE sub_subscription_id = ?", s.id()));

            assertEquals(List.of(
                    mm + " def 0.00 unb 0.00 | inv 41.00 adj 0.00 rec 21.16 | def 19.84 unb 0.00",
                    nn + " def 19.84 unb 0.00 | inv 0.00 adj -41.00 rec -21.16 | def 0.00 unb 0.00"),
                    service(RevenueService.class).schedule(mm, nn, Optional.of("EUR"), Optional.of(plan)).stream()
                            .map(InvoiceReversalTest::row).toList());
            assertEquals(List.of("PERIOD 41.00 inv 0.00 rec 19.84 def 0.00", "REVERSAL -41.00 inv -41.00 rec -41.00 def 0.00"),
                    service(RevenueService.class).items(nn, Optional.of("EUR"), Optional.of(plan)).stream().map(i -> i.kind() + " "
                            + i.amount() + " inv " + i.invoicedInMonth() + " rec " + i.recognizedInMonth() + " def " + i.deferredEnd())
                            .toList());

            // the view iDempiere's charts and report read applies the same rule (the whole tenant's EUR months)
            assertEquals(service(RevenueService.class).schedule(mm, nn, Optional.of("EUR"), Optional.empty()).stream()
                    .map(r -> r.month() + " " + n(r.invoiced()) + " " + n(r.adjusted()) + " " + n(r.recognized()) + " "
                            + n(r.deferredEnd()) + " " + n(r.unbilledEnd())).toList(),
                    rows("SELECT v.DateTrx, v.RevenueInvoiced, v.RevenueAdjusted, v.RevenueRecognized, v.RevenueDeferred, v.RevenueUnbilled"
                            + " FROM SUB_RevenueMonth_v v JOIN sbx_currency c ON c.c_currency_id = v.C_Currency_ID WHERE v.AD_Client_ID"
                            + " = 1000000 AND c.iso_code = 'EUR' AND v.DateTrx BETWEEN ? AND ? ORDER BY v.DateTrx", mm.atDay(1), nn.atDay(1))
                            .stream().map(InvoiceReversalTest::viewRow).toList());

            KpiPanel kpis = service(AnalyticsService.class).kpis(AnalyticsQuery.of(mm.atDay(1), nn.atEndOfMonth(), Granularity.MONTH)
                    .withTemplate(plan).withCurrency("EUR"), null);
            assertEquals(List.of("41.00 10.00", "-41.00 -10.00"), kpis.periods().stream().map(k -> k.netRevenue() + " "
                    + k.oneTimeRevenue()).toList());
            assertEquals(0, kpis.total().netRevenue().signum());
            String revenue = "SELECT FactKind, DateTrx, SUM(FactAmt) FROM SUB_AnalyticsDelta WHERE FactKind IN ('R', 'O')"
                    + " AND SUB_Template_ID = ? GROUP BY 1, 2 HAVING SUM(FactAmt) <> 0 ORDER BY 1, 2";
            List<String> recorded = List.of("O|" + m.plusDays(15) + "|10.00", "O|" + n.plusDays(4) + "|-10.00",
                    "R|" + m.plusDays(15) + "|41.00", "R|" + n.plusDays(4) + "|-41.00");
            assertEquals(recorded, rows(revenue, plan));
            service(AnalyticsService.class).rebuildRevenue();
            assertEquals(recorded, rows(revenue, plan), "rebuilt from the billing items and the reversal");

            int before = ledger.journals.size();
            booking.book(mm);
            assertTrue(ledger.journals.subList(before, ledger.journals.size()).stream().noneMatch(j -> !planLines(j).isEmpty()),
                    "M is not touched by a void in N");
            clockTo(nn.plusMonths(1).atDay(1));
            ratesToEur(nn);
            before = ledger.journals.size();
            booking.book(nn);
            assertEquals(List.of("9302 Dr 21.16", "9301 Cr 21.16"), planLines(ledger, before), "N books the void: M's 21.16 taken back");
        } finally {
            registration.unregister();
            // later bookings (RevenueBookingTest) expect every plan on the tenant's default accounts
            rows("UPDATE sub_template SET sub_deferredrevenue_acct = NULL, sub_revenue_acct = NULL WHERE sub_template_id = ?"
                    + " RETURNING sub_template_id", plan);
            service(HostContext.class).inTransaction(tx -> org.idempiere.subscription.sandbox.internal.db.Rows.update(tx.connection(),
                    "DELETE FROM sbx_setting WHERE name IN ('SUBSCRIPTIONS_DEFERRED_REVENUE_ACCT', 'SUBSCRIPTIONS_REVENUE_ACCT')"));
        }
        assertEquals(List.of(nextInvoice + "|1"), rows("SELECT s.nextinvoicedate, (SELECT COUNT(*) FROM sub_billingitem b"
                + " WHERE b.sub_subscription_id = s.sub_subscription_id) FROM sub_subscription s WHERE s.sub_subscription_id = ?", s.id()),
                "billing is not reopened: the voided period stays billed, nothing was invoiced again");
    }

    /** Unknown invoices, bad dates, a reversal reversed: refused naming the field and the value, nothing written. */
    @Test
    void badReversals_areRefused_andAnInvoiceNotTheEnginesIsLeftAlone() throws Exception {
        long before = count("SELECT (SELECT COUNT(*) FROM sub_invoicereversal) + (SELECT COUNT(*) FROM sub_adjustmentitem)"
                + " + (SELECT COUNT(*) FROM sbx_invoice)");
        Api.Answer unknown = Api.call("POST", "/sandbox/invoices/999999999/reverse", "{}");
        assertEquals(404, unknown.status(), unknown.text());
        String invoice = rows("SELECT b.c_invoice_id FROM sub_billingitem b JOIN sbx_invoice i ON i.c_invoice_id = b.c_invoice_id"
                + " WHERE i.doc_status = 'CO' AND b.ad_client_id = 1000000 ORDER BY b.c_invoice_id DESC LIMIT 1").get(0);
        String dated = rows("SELECT date_invoiced FROM sbx_invoice WHERE c_invoice_id = ?", Long.parseLong(invoice)).get(0);
        Api.Answer early = Api.call("POST", "/sandbox/invoices/" + invoice + "/reverse", "{\"date\":\""
                + LocalDate.parse(dated).minusDays(1) + "\"}");
        assertEquals(400, early.status(), early.text());
        assertEquals("date", early.body().path("field").asText(), early.text());
        assertEquals(LocalDate.parse(dated).minusDays(1).toString(), early.body().path("value").asText(), early.text());
        Api.Answer badDate = Api.call("POST", "/sandbox/invoices/" + invoice + "/reverse", "{\"date\":\"2026-02-30\"}");
        assertEquals(400, badDate.status(), badDate.text());
        assertEquals("date", badDate.body().path("field").asText(), badDate.text());
        SubscriptionException missing = assertThrows(SubscriptionException.class,
                () -> service(BillingService.class).invoiceReversed(Long.parseLong(invoice), null, null));
        assertEquals(Optional.of("date"), missing.field());
        assertEquals(Optional.empty(), service(BillingService.class).invoiceReversed(999999999L, LocalDate.parse(dated), "not ours"),
                "an invoice the engine did not create: nothing to reverse");
        assertEquals(before, count("SELECT (SELECT COUNT(*) FROM sub_invoicereversal) + (SELECT COUNT(*) FROM sub_adjustmentitem)"
                + " + (SELECT COUNT(*) FROM sbx_invoice)"), "nothing written");
    }

    /** The booking needs a rate to the tenant's EUR for every currency with revenue in the month. */
    private static void ratesToEur(YearMonth month) {
        for (RevenueMonth r : service(RevenueService.class).schedule(month, month, Optional.empty(), Optional.empty())) {
            if (!r.currency().equals("EUR") && service(HostContext.class).inTransaction(tx -> service(
                    org.idempiere.subscription.api.host.Currencies.class).rate(tx, RevenueBookingTest.id(r.currency()),
                    RevenueBookingTest.id("EUR"), month.atEndOfMonth())).isEmpty()) {
                service(org.idempiere.subscription.sandbox.internal.host.MasterData.class).createConversionRate(r.currency(), "EUR",
                        month.atDay(1), new BigDecimal("0.04"));
            }
        }
    }

    /** The lines of the plan's accounts (9301 deferred, 9302 revenue) in the journals from {@code from} on. */
    private static List<String> planLines(RevenueBookingTest.RecordingLedger ledger, int from) {
        return ledger.journals.subList(from, ledger.journals.size()).stream().flatMap(j -> planLines(j).stream()).toList();
    }

    private static List<String> planLines(JournalDraft j) {
        return RevenueBookingTest.lines(j).stream().filter(l -> l.startsWith("9301 ") || l.startsWith("9302 ")).toList();
    }

    private static String n(BigDecimal amount) {
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }

    /** A row of {@code SUB_RevenueMonth_v} as {@code YYYY-MM} and its five amounts without trailing zeros. */
    private static String viewRow(String row) {
        String[] f = row.split("\\|");
        StringBuilder out = new StringBuilder(f[0].substring(0, 7));
        for (int i = 1; i < f.length; i++) {
            out.append(' ').append(n(new BigDecimal(f[i])));
        }
        return out.toString();
    }

    private static String row(RevenueMonth m) {
        return m.month() + " def " + m.deferredStart() + " unb " + m.unbilledStart() + " | inv " + m.invoiced() + " adj " + m.adjusted()
                + " rec " + m.recognized() + " | def " + m.deferredEnd() + " unb " + m.unbilledEnd();
    }
}
