package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.d;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.service.BillingForecast;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.InvoicePreview;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.CloseReason;
import org.idempiere.subscription.api.service.CloseReasonService;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.api.service.Term;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first billing slice end to end through the services, on the reference host and a real
 * PostgreSQL, with invoices compared to amounts computed by hand. The demo data's tax rates
 * apply: SK 20 % until 2024, 23 % from 2025; DE 19 %.
 */
class BillingSliceTest {
    private static TemplateService templates;
    private static SubscriptionService subscriptions;
    private static BillingService billing;
    private static long monthly;

    @BeforeAll
    static void services() {
        templates = service(TemplateService.class);
        subscriptions = service(SubscriptionService.class);
        billing = service(BillingService.class);
        monthly = templates.create(new TemplateDraft("Monthly", Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE)).id();
    }

    private static LineDraft line(long product, String qty) {
        return new LineDraft(product, new BigDecimal(qty), Optional.empty(), BigDecimal.ZERO);
    }

    private static Subscription subscribe(long template, long customer, String start, LineDraft... lines) {
        return subscriptions.create(new SubscriptionDraft(template, customer, "EUR", d(start), Optional.empty(), List.of(lines)));
    }

    /*
     * Monthly from 31 January, billed as of 31 March: three periods, clamped at month ends.
     *   31 Jan ---- 28 Feb ---- 31 Mar ---- 30 Apr
     *   |  inv 1    |  inv 2    |  inv 3    | next
     * Lines: 2 x 29.00 (list price) + 1 x 100.00 fixed less 10 % = 58.00 + 90.00 = 148.00
     * SK 23 % on 148.00 = 34.04; grand total 182.04.
     */
    @Test
    void monthlyFromThe31st_billsEachPeriodOnce_withTaxComputedByTheHost() {
        long sk = customer("SK");
        long hosting = product("29.00");
        long support = product("59.00");
        Subscription s = subscribe(monthly, sk, "2026-01-31", line(hosting, "2"),
                new LineDraft(support, BigDecimal.ONE, Optional.of(new BigDecimal("100")), BigDecimal.TEN));
        assertEquals(SubscriptionStatus.ACTIVE, s.status());
        assertEquals(new BigDecimal("148.00"), s.mrr().amount());
        assertEquals(Optional.of(d("2026-01-31")), s.nextInvoiceDate());

        BillingRunReport first = billing.run(d("2026-03-31"));
        List<InvoiceView> invoices = billing.invoicesOf(s.id());
        assertEquals(3, invoices.size());
        assertTrue(first.invoiceIds().containsAll(invoices.stream().map(InvoiceView::id).toList()));
        String[][] expected = {
            {"2026-01-31", "2026-01-31", "2026-02-27"},
            {"2026-02-28", "2026-02-28", "2026-03-30"},
            {"2026-03-31", "2026-03-31", "2026-04-29"},
        };
        for (int i = 0; i < 3; i++) {
            InvoiceView inv = invoices.get(i);
            assertEquals(d(expected[i][0]), inv.dateInvoiced());
            assertEquals(0, new BigDecimal("148.00").compareTo(inv.totalLines()), "lines of " + inv.documentNo());
            assertEquals(0, new BigDecimal("34.04").compareTo(inv.totalTax()), "tax of " + inv.documentNo());
            assertEquals(0, new BigDecimal("182.04").compareTo(inv.grandTotal()), "total of " + inv.documentNo());
            assertEquals(2, inv.lines().size());
            for (InvoiceView.Line l : inv.lines()) {
                assertEquals(d(expected[i][1]), l.periodStart());
                assertEquals(d(expected[i][2]), l.periodEnd());
                assertEquals(0, new BigDecimal("23").compareTo(l.taxRatePercent()));
            }
            assertEquals(0, new BigDecimal("58.00").compareTo(inv.lines().get(0).lineNet()));
            assertEquals(0, new BigDecimal("90.00").compareTo(inv.lines().get(1).priceActual()));
        }
        assertEquals(Optional.of(d("2026-04-30")), subscriptions.find(s.id()).orElseThrow().nextInvoiceDate());

        // Billing again bills nothing twice.
        billing.run(d("2026-03-31"));
        billing.run(d("2026-04-01"));
        assertEquals(3, billing.invoicesOf(s.id()).size());
        assertEquals(3, count("SELECT COUNT(*) FROM sub_billingitem WHERE sub_subscription_id = ?", s.id()));
    }

    /* The host's rate valid on each invoice date: SK 20 % in December 2024, 23 % from January 2025. */
    @Test
    void taxRate_isTheOneValidOnTheInvoiceDate() {
        long sk = customer("SK");
        Subscription s = subscribe(monthly, sk, "2024-12-15", line(product("10.00"), "3"));
        billing.run(d("2025-01-15"));
        List<InvoiceView> invoices = billing.invoicesOf(s.id());
        assertEquals(2, invoices.size());
        assertEquals(0, new BigDecimal("6.00").compareTo(invoices.get(0).totalTax()));  // 30.00 x 20 %
        assertEquals(0, new BigDecimal("6.90").compareTo(invoices.get(1).totalTax()));  // 30.00 x 23 %
    }

    /* A rate for the bill-to region wins over the country-wide rate of the same tax category. */
    @Test
    void regionalTaxRate_winsOverTheCountryRate() {
        MasterData md = service(MasterData.class);
        String category = "REGIONAL_" + Math.abs(System.nanoTime() % 1_000_000_000L);
        md.createTaxRate(Optional.empty(), "DE", Optional.empty(), category, new BigDecimal("19"), d("2020-01-01"));
        md.createTaxRate(Optional.empty(), "DE", Optional.of("HH"), category, new BigDecimal("10"), d("2020-01-01"));
        long hamburg = md.createCustomer(Sandbox.unique("Hamburg"), Optional.empty(), "DE", Optional.of("HH"),
                Optional.empty()).id();
        long product = product("100.00", category);
        Subscription regional = subscribe(monthly, hamburg, "2032-01-01", line(product, "1"));
        Subscription national = subscribe(monthly, customer("DE"), "2032-01-01", line(product, "1"));
        billing.run(d("2032-01-01"));
        assertEquals(0, new BigDecimal("10.00").compareTo(billing.invoicesOf(regional.id()).get(0).totalTax()));
        assertEquals(0, new BigDecimal("19.00").compareTo(billing.invoicesOf(national.id()).get(0).totalTax()));
    }

    /*
     * Yearly in arrears from 29 February 2024: the period runs to 27 February 2025 and is invoiced
     * the day after; the next invoice is due the day after the next period.
     */
    @Test
    void yearlyInArrearsFromLeapDay_invoicesTheDayAfterThePeriod() {
        long yearly = templates.create(new TemplateDraft("Yearly in arrears", Optional.empty(),
                new Recurrence(1, RecurrenceUnit.YEAR), BillingTiming.IN_ARREARS)).id();
        long de = customer("DE");
        Subscription s = subscribe(yearly, de, "2024-02-29", line(product("1200.00"), "1"));
        assertEquals(Optional.of(d("2025-02-28")), s.nextInvoiceDate());
        assertEquals(new BigDecimal("100.00"), s.mrr().amount());

        billing.run(d("2025-02-27"));
        assertEquals(0, billing.invoicesOf(s.id()).size());
        billing.run(d("2025-02-28"));
        List<InvoiceView> invoices = billing.invoicesOf(s.id());
        assertEquals(1, invoices.size());
        InvoiceView inv = invoices.get(0);
        assertEquals(d("2025-02-28"), inv.dateInvoiced());
        assertEquals(d("2024-02-29"), inv.lines().get(0).periodStart());
        assertEquals(d("2025-02-27"), inv.lines().get(0).periodEnd());
        assertEquals(0, new BigDecimal("228.00").compareTo(inv.totalTax())); // DE 19 %
        assertEquals(Optional.of(d("2026-02-28")), subscriptions.find(s.id()).orElseThrow().nextInvoiceDate());
    }

    /* A line without a fixed price takes the price list's price valid on each billing date. */
    @Test
    void listPrice_isReadOnEachBillingDate() {
        long product = product("10.00");
        service(MasterData.class).addPrice(product, new BigDecimal("12.50"), "EUR", d("2026-06-01"));
        Subscription s = subscribe(monthly, customer("DE"), "2026-05-01", line(product, "2"));
        billing.run(d("2026-06-01"));
        List<InvoiceView> invoices = billing.invoicesOf(s.id());
        assertEquals(0, new BigDecimal("20.00").compareTo(invoices.get(0).totalLines()));
        assertEquals(0, new BigDecimal("25.00").compareTo(invoices.get(1).totalLines()));
    }

    /*
     * Closing stops billing and books the churn in the MRR ledger; closing twice is refused. What was
     * served before the close and never billed (here: monthly in advance since 2020, no run ever)
     * stays due: the next run bills every period that started before the close, and nothing after.
     */
    @Test
    void close_stopsBillingAndLogsChurn() {
        HostContext host = service(HostContext.class);
        Subscription s = subscribe(monthly, customer("SK"), "2020-01-01", line(product("40.00"), "1"));
        Subscription closed = subscriptions.close(s.id(), "Moved to another provider");
        assertEquals(SubscriptionStatus.CLOSED, closed.status());
        assertEquals(Optional.of(d("2020-01-01")), closed.nextInvoiceDate(), "served, not billed yet");
        assertEquals(Optional.of(host.today()), closed.dateClosed());
        int served = 0;
        for (java.time.LocalDate p = d("2020-01-01"); p.isBefore(host.today()); p = p.plusMonths(1)) {
            served++;
        }
        billing.run(host.today());
        assertEquals(served, billing.invoicesOf(s.id()).size(), "every period that started before the close");
        assertEquals(Optional.empty(), subscriptions.find(s.id()).orElseThrow().nextInvoiceDate());
        assertEquals(List.of("NW|0.00|40.00", "CH|40.00|0.00"), Sandbox.rows("SELECT changetype, mrrbefore, mrrafter"
                + " FROM sub_changelog WHERE sub_subscription_id = ? ORDER BY sub_changelog_id", s.id()));

        SubscriptionException again = assertThrows(SubscriptionException.class, () -> subscriptions.close(s.id(), "again"));
        assertEquals(ErrorCode.INVALID_STATE, again.code());
        billing.run(host.today().plusYears(1));
        assertEquals(served, billing.invoicesOf(s.id()).size(), "nothing after the close");
    }

    /* Closing with a reason from the tenant's list and a comment; both are kept and the ledger says why. */
    @Test
    void close_withAChurnReasonFromTheList() {
        CloseReasonService reasons = service(CloseReasonService.class);
        String name = Sandbox.unique("Too expensive");
        CloseReason expensive = reasons.create(name, Optional.of("Price was the deciding factor"));
        assertTrue(reasons.list().contains(expensive));
        SubscriptionException taken = assertThrows(SubscriptionException.class, () -> reasons.create(name, Optional.empty()));
        assertEquals(ErrorCode.INVALID_STATE, taken.code());

        Subscription s = subscribe(monthly, customer("CZ"), "2020-01-01", line(product("12.00"), "1"));
        SubscriptionException unknown = assertThrows(SubscriptionException.class,
                () -> subscriptions.close(s.id(), 999_999_999L, Optional.empty()));
        assertEquals("closeReasonId", unknown.field().orElseThrow());
        assertEquals(SubscriptionStatus.ACTIVE, subscriptions.find(s.id()).orElseThrow().status());

        Subscription closed = subscriptions.close(s.id(), expensive.id(), Optional.of("moved to a cheaper plan elsewhere"));
        assertEquals(Optional.of(expensive.id()), closed.closeReasonId());
        assertEquals(Optional.of("moved to a cheaper plan elsewhere"), closed.closeReason());
        assertEquals(List.of("CH|" + name + ": moved to a cheaper plan elsewhere"), Sandbox.rows("SELECT changetype, description"
                + " FROM sub_changelog WHERE sub_subscription_id = ? AND changetype = 'CH'", s.id()));
    }

    /* MRR normalises the per-period amount: weekly 10.00 is 10 x 52 / 12 = 43.33 a month. */
    @Test
    void mrr_isNormalisedToAMonthAndSummedFromTheLedger() {
        long weekly = templates.create(new TemplateDraft("Weekly", Optional.empty(), new Recurrence(1, RecurrenceUnit.WEEK),
                BillingTiming.IN_ADVANCE)).id();
        AnalyticsService analytics = service(AnalyticsService.class);
        BigDecimal before = analytics.mrr(d("2031-01-01"), "EUR").mrr();
        Subscription s = subscribe(weekly, customer("AT"), "2031-01-01", line(product("10.00"), "1"));
        assertEquals(new BigDecimal("43.33"), s.mrr().amount());
        assertEquals(before.add(new BigDecimal("43.33")), analytics.mrr(d("2031-01-01"), "EUR").mrr());
        assertEquals(before, analytics.mrr(d("2030-12-31"), "EUR").mrr());
    }

    /* A subscription the host cannot invoice fails alone: the run goes on, nothing of it is kept. */
    @Test
    void failureOnOneSubscription_isReportedAndRolledBack_othersAreBilled() {
        long noTaxRate = product("5.00", "NO_RATE_ANYWHERE");
        long bad = customer("SK");
        Subscription failing = subscribe(monthly, bad, "2027-03-01", line(noTaxRate, "1"));
        Subscription fine = subscribe(monthly, customer("SK"), "2027-03-01", line(product("5.00"), "1"));
        try {
            BillingRunReport report = billing.run(d("2027-03-01"));
            assertTrue(report.failures().stream().anyMatch(f -> f.subscriptionId() == failing.id()
                    && f.code().equals("HOST_FAILURE") && f.message().contains("No tax rate")), report.failures().toString());
            assertEquals(1, billing.invoicesOf(fine.id()).size());
            assertEquals(0, count("SELECT COUNT(*) FROM sbx_invoice WHERE c_bpartner_id = ?", bad));
            assertEquals(Optional.of(d("2027-03-01")), subscriptions.find(failing.id()).orElseThrow().nextInvoiceDate());
            assertEquals(report.failuresCount(),
                    count("SELECT failurescount FROM sub_billingrun WHERE sub_billingrun_id = ?", report.runId()));
            // The reason is kept with the run, not only in the answer.
            assertTrue(billing.failuresOf(report.runId()).stream().anyMatch(f -> f.subscriptionId() == failing.id()
                    && f.code().equals("HOST_FAILURE") && f.message().contains("No tax rate")));
            assertEquals(report.failuresCount(), billing.failuresOf(report.runId()).size());
        } finally {
            subscriptions.close(failing.id(), "test done");
        }
    }

    /*
     * A subscription discount applies after each line's own: 100.00 less 10 % less 10 % = 81.00,
     * one rounding; 3 x 9.99 less 0 % less 10 % = 3 x 8.99 (8.991 rounded) = 26.97.
     */
    @Test
    void subscriptionDiscount_appliesAfterTheLineDiscount_roundedOnce() {
        Subscription s = subscriptions.create(new SubscriptionDraft(monthly, customer("DE"), "EUR", d("2039-01-01"),
                Optional.empty(), List.of(new LineDraft(product("100.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.TEN),
                        line(product("9.99"), "3")), BigDecimal.TEN));
        assertEquals(new BigDecimal("107.97"), s.mrr().amount());
        assertEquals(0, BigDecimal.TEN.compareTo(s.discountPercent()));
        billing.run(d("2039-01-01"));
        InvoiceView invoice = billing.invoicesOf(s.id()).get(0);
        assertEquals(0, new BigDecimal("81.00").compareTo(invoice.lines().get(0).priceActual()));
        assertEquals(0, new BigDecimal("8.99").compareTo(invoice.lines().get(1).priceActual()));
        assertEquals(0, new BigDecimal("107.97").compareTo(invoice.totalLines()));
        SubscriptionException tooMuch = assertThrows(SubscriptionException.class, () -> subscriptions.create(
                new SubscriptionDraft(monthly, customer("DE"), "EUR", d("2039-01-01"), Optional.empty(),
                        List.of(line(product("1.00"), "1")), new BigDecimal("101"))));
        assertEquals("discountPercent", tooMuch.field().orElseThrow());
    }

    /* A plan's default lines: stored with the plan, copied to a subscription that brings none of its own. */
    @Test
    void templateDefaultLines_areCopiedToASubscriptionWithoutLines() {
        long seat = product("20.00");
        long onboarding = product("150.00");
        Template plan = templates.create(new TemplateDraft("Team plan", Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), List.of(
                        new LineDraft(seat, new BigDecimal("5"), Optional.empty(), BigDecimal.TEN),
                        new LineDraft(onboarding, BigDecimal.ONE, Optional.of(new BigDecimal("99.00")), BigDecimal.ZERO,
                                true))));
        Template stored = templates.find(plan.id()).orElseThrow();
        assertEquals(plan.lines(), stored.lines());
        assertEquals(2, stored.lines().size());

        Subscription s = subscribe(plan.id(), customer("DE"), "2041-03-01");
        assertEquals(2, s.lines().size());
        assertEquals(seat, s.lines().get(0).productId());
        assertEquals(0, new BigDecimal("5").compareTo(s.lines().get(0).quantity()));
        assertEquals(0, BigDecimal.TEN.compareTo(s.lines().get(0).discountPercent()));
        assertTrue(s.lines().get(1).setupFee());
        assertEquals(0, new BigDecimal("99.00").compareTo(s.lines().get(1).fixedUnitPrice().orElseThrow()));
        assertEquals(new BigDecimal("90.00"), s.mrr().amount()); // 5 x 20.00 less 10 %; the setup fee is not MRR

        // Lines of its own replace the plan's.
        Subscription own = subscribe(plan.id(), customer("DE"), "2041-03-01", line(product("7.00"), "1"));
        assertEquals(1, own.lines().size());
        assertEquals(new BigDecimal("7.00"), own.mrr().amount());
    }

    /* A default line is checked like a subscription line; a refused plan leaves nothing behind. */
    @Test
    void templateDefaultLines_areValidated_andARefusedTemplateIsNotStored() {
        int before = templates.list().size();
        SubscriptionException unknown = assertThrows(SubscriptionException.class, () -> templates.create(new TemplateDraft(
                "Plan with a missing product", Optional.empty(), Recurrence.monthly(), BillingTiming.IN_ADVANCE,
                Optional.empty(), List.of(line(product("1.00"), "1"), line(999_999_999L, "1")))));
        assertEquals(ErrorCode.UNKNOWN_REFERENCE, unknown.code());
        assertEquals("lines[1].productId", unknown.field().orElseThrow());
        SubscriptionException zero = assertThrows(SubscriptionException.class, () -> templates.create(new TemplateDraft(
                "Plan with no quantity", Optional.empty(), Recurrence.monthly(), BillingTiming.IN_ADVANCE,
                Optional.empty(), List.of(line(product("1.00"), "0")))));
        assertEquals("lines[0].quantity", zero.field().orElseThrow());
        assertEquals(before, templates.list().size());

        // Neither the subscription nor its plan has lines: the subscription's lines are required.
        SubscriptionException none = assertThrows(SubscriptionException.class,
                () -> subscribe(monthly, customer("DE"), "2041-03-01"));
        assertEquals(ErrorCode.REQUIRED, none.code());
        assertEquals("lines", none.field().orElseThrow());
    }

    /* A setup fee is billed once, with the first period, and is not MRR. */
    @Test
    void setupFee_isBilledOnceOnTheFirstInvoice_andIsNotMrr() {
        Subscription s = subscriptions.create(new SubscriptionDraft(monthly, customer("DE"), "EUR", d("2040-01-15"),
                Optional.empty(), List.of(line(product("10.00"), "1"),
                        new LineDraft(product("50.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO, true))));
        assertEquals(new BigDecimal("10.00"), s.mrr().amount());
        assertTrue(s.lines().get(1).setupFee());
        billing.run(d("2040-02-15"));
        List<InvoiceView> invoices = billing.invoicesOf(s.id());
        assertEquals(2, invoices.size());
        assertEquals(0, new BigDecimal("60.00").compareTo(invoices.get(0).totalLines()));
        assertEquals(0, new BigDecimal("10.00").compareTo(invoices.get(1).totalLines()));
        assertEquals(1, invoices.get(1).lines().size());
    }

    /*
     * Yearly plans with a two-year term from 1 January 2042: the renewing one is invoiced again in
     * 2044 and its term moves to 2045-12-31; the expiring one is closed on 2044-01-01 with a churn
     * entry, and nothing more is invoiced.
     */
    @Test
    void fixedTerm_renewsOrExpires() {
        Recurrence yearly = new Recurrence(1, RecurrenceUnit.YEAR);
        long renewing = templates.create(new TemplateDraft("Two years, renewing", Optional.empty(), yearly,
                BillingTiming.IN_ADVANCE, Optional.of(new Term(2, true)))).id();
        long expiring = templates.create(new TemplateDraft("Two years, then ends", Optional.empty(), yearly,
                BillingTiming.IN_ADVANCE, Optional.of(new Term(2, false)))).id();
        Subscription r = subscribe(renewing, customer("DE"), "2042-01-01", line(product("120.00"), "1"));
        Subscription x = subscribe(expiring, customer("DE"), "2042-01-01", line(product("120.00"), "1"));
        assertEquals(Optional.of(d("2043-12-31")), r.termEndDate());
        assertEquals(Optional.of(d("2043-12-31")), x.termEndDate());

        billing.run(d("2044-06-30"));
        assertEquals(3, billing.invoicesOf(r.id()).size());
        Subscription renewed = subscriptions.find(r.id()).orElseThrow();
        assertEquals(Optional.of(d("2045-12-31")), renewed.termEndDate());
        assertEquals(Optional.of(d("2045-01-01")), renewed.nextInvoiceDate());

        assertEquals(2, billing.invoicesOf(x.id()).size());
        Subscription ended = subscriptions.find(x.id()).orElseThrow();
        assertEquals(SubscriptionStatus.CLOSED, ended.status());
        assertEquals(Optional.of(d("2044-01-01")), ended.dateClosed());
        assertEquals(List.of("2044-01-01|CH|10.00|0.00"), Sandbox.rows("SELECT datetrx, changetype, mrrbefore, mrrafter"
                + " FROM sub_changelog WHERE sub_subscription_id = ? AND changetype = 'CH'", x.id()));
        assertEquals("term.periods", assertThrows(SubscriptionException.class, () -> new Term(0, true)).field().orElseThrow());
    }

    /* A run limited to one template bills only its subscriptions; the others stay due. */
    @Test
    void runLimitedToATemplate_billsOnlyItsSubscriptions() {
        long other = templates.create(new TemplateDraft("Other plan", Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE)).id();
        Subscription mine = subscribe(monthly, customer("DE"), "2038-02-01", line(product("2.00"), "1"));
        Subscription theirs = subscribe(other, customer("DE"), "2038-02-01", line(product("2.00"), "1"));
        BillingRunReport report = billing.run(d("2038-02-01"), new BillingScope(Optional.of(other), Optional.empty()));
        assertEquals(1, report.invoicesCreated());
        assertEquals(1, billing.invoicesOf(theirs.id()).size());
        assertEquals(0, billing.invoicesOf(mine.id()).size());
        assertEquals(Optional.of(d("2038-02-01")), subscriptions.find(mine.id()).orElseThrow().nextInvoiceDate());
    }

    /* The database itself refuses a second billing item for the same subscription and period. */
    @Test
    void billingItem_isUniquePerSubscriptionAndPeriod() {
        Subscription s = subscribe(monthly, customer("DE"), "2028-01-01", line(product("1.00"), "1"));
        billing.run(d("2028-01-01"));
        HostContext host = service(HostContext.class);
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> host.inTransaction(tx -> Rows.update(
                tx.connection(), "INSERT INTO sub_billingitem (sub_billingitem_id, ad_client_id, ad_org_id, createdby,"
                        + " updatedby, sub_subscription_id, sub_billingrun_id, periodstart, periodend, c_invoice_id,"
                        + " linenetamt, c_currency_id) SELECT nextval('sub_billingitem_sq'), ad_client_id, ad_org_id, createdby,"
                        + " updatedby, sub_subscription_id, sub_billingrun_id, periodstart, periodend, c_invoice_id, linenetamt,"
                        + " c_currency_id FROM sub_billingitem WHERE sub_subscription_id = ?", s.id())));
        assertTrue(e.getMessage().contains("sub_billingitem_period"), e.getMessage());
        assertEquals(1, count("SELECT COUNT(*) FROM sub_billingitem WHERE sub_subscription_id = ?", s.id()));
    }

    /* Two runners at once over the same due subscriptions: every period is invoiced exactly once. */
    @Test
    void twoRunnersAtOnce_billEveryPeriodExactlyOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        long p = product("3.00");
        for (int i = 0; i < 12; i++) {
            ids.add(subscribe(monthly, customer("DE"), "2029-01-01", line(p, "1")).id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<BillingRunReport> run = () -> billing.run(d("2029-03-15"));
            List<Future<BillingRunReport>> runs = pool.invokeAll(List.of(run, run));
            for (Future<BillingRunReport> f : runs) {
                assertTrue(f.get().failures().isEmpty(), f.get().failures().toString());
            }
        } finally {
            pool.shutdown();
        }
        for (long id : ids) {
            assertEquals(3, billing.invoicesOf(id).size(), "subscription " + id);
            assertEquals(3, count("SELECT COUNT(DISTINCT periodstart) FROM sub_billingitem WHERE sub_subscription_id = ?", id));
        }
    }

    /*
     * A transaction that inserts a row referring to a due subscription (a payment attempt, a change
     * request, another run's failure) holds, until it commits, the key-share lock PostgreSQL takes
     * on the subscription's row for the foreign key. A run meanwhile bills the subscription all the
     * same: nobody else is billing it. (Claimed FOR UPDATE, it was skipped as held by another
     * runner, and left unbilled by the run without a failure.)
     */
    @Test
    void aDueSubscriptionAnotherTransactionRefersTo_isBilledByTheRun() {
        long plan = templates.create(new TemplateDraft("Referred to", Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE)).id();
        Subscription s = subscribe(plan, customer("DE"), "2030-05-01", line(product("4.00"), "1"));
        BillingRunReport report = service(HostContext.class).inTransaction(tx -> {
            assertEquals(Optional.of(true), Rows.first(tx.connection(),
                    "SELECT true FROM SUB_Subscription WHERE SUB_Subscription_ID = ? FOR KEY SHARE", rs -> rs.getBoolean(1), s.id()));
            return billing.run(d("2030-05-01"), new BillingScope(Optional.of(plan), Optional.empty()));
        });
        assertEquals(1, billing.invoicesOf(s.id()).size(), report.toString());
        assertEquals(1, report.invoicesCreated(), report.toString());
        assertTrue(report.failures().isEmpty(), report.failures().toString());
        assertEquals(Optional.of(d("2030-06-01")), subscriptions.find(s.id()).orElseThrow().nextInvoiceDate());
    }

    /* The preview of the next invoice is the invoice the run then creates; a dry run writes nothing. */
    @Test
    void previewAndDryRun_foretellTheRun_withoutWriting() {
        long sk = customer("SK");
        Subscription s = subscribe(monthly, sk, "2036-05-31", line(product("19.99"), "3"),
                new LineDraft(product("7.00"), BigDecimal.ONE, Optional.empty(), new BigDecimal("15")));
        InvoicePreview preview = billing.preview(s.id());
        // 3 x 19.99 = 59.97; 7.00 less 15 % = 5.95; net 65.92; SK 23 % = 15.16; total 81.08
        assertEquals(d("2036-05-31"), preview.dateInvoiced());
        assertEquals(new ServicePeriod(d("2036-05-31"), d("2036-06-29")), preview.period());
        assertEquals(new BigDecimal("65.92"), preview.totalLines());
        assertEquals(new BigDecimal("15.16"), preview.estimatedTax());
        assertEquals(new BigDecimal("81.08"), preview.estimatedTotal());

        Subscription noTax = subscribe(monthly, customer("SK"), "2036-05-31", line(product("1.00", "NO_RATE_ANYWHERE"), "1"));
        try {
            String[] tables = {"sbx_invoice", "sub_billingitem", "sub_billingrun"};
            long[] before = new long[tables.length];
            for (int i = 0; i < tables.length; i++) {
                before[i] = count("SELECT COUNT(*) FROM " + tables[i]);
            }
            BillingForecast forecast = billing.dryRun(d("2036-05-31"));
            for (int i = 0; i < tables.length; i++) {
                assertEquals(before[i], count("SELECT COUNT(*) FROM " + tables[i]), tables[i] + " written by a dry run");
            }
            assertTrue(forecast.problems().stream().anyMatch(p -> p.subscriptionId() == noTax.id()
                    && p.message().contains("no tax rate")), forecast.problems().toString());

            subscriptions.close(noTax.id(), "test done");
            BillingForecast clean = billing.dryRun(d("2036-05-31"));
            BillingRunReport run = billing.run(d("2036-05-31"));
            assertEquals(clean.invoicesPlanned(), run.invoicesCreated());
            assertEquals(clean.netByCurrency(), run.netByCurrency());
            InvoiceView invoice = billing.invoicesOf(s.id()).get(0);
            assertEquals(0, preview.estimatedTax().compareTo(invoice.totalTax()));
            assertEquals(0, preview.estimatedTotal().compareTo(invoice.grandTotal()));
        } finally {
            if (subscriptions.find(noTax.id()).orElseThrow().status() == SubscriptionStatus.ACTIVE) {
                subscriptions.close(noTax.id(), "test done");
            }
        }
        SubscriptionException closed = assertThrows(SubscriptionException.class, () -> billing.preview(noTax.id()));
        assertEquals(ErrorCode.INVALID_STATE, closed.code());
    }

    /* Bad input is refused with the field and value named, and nothing is written. */
    @Test
    void badInput_isRefusedNamingTheField_andChangesNothing() {
        long before = count("SELECT COUNT(*) FROM sub_subscription");
        long c = customer("SK");
        long p = product("1.00");
        assertRefused(ErrorCode.UNKNOWN_REFERENCE, "templateId", () -> subscribe(999_999_999L, c, "2026-01-01", line(p, "1")));
        assertRefused(ErrorCode.UNKNOWN_REFERENCE, "customerId", () -> subscribe(monthly, 999_999_999L, "2026-01-01", line(p, "1")));
        assertRefused(ErrorCode.UNKNOWN_REFERENCE, "lines[1].productId",
                () -> subscribe(monthly, c, "2026-01-01", line(p, "1"), line(999_999_999L, "1")));
        assertRefused(ErrorCode.INVALID_VALUE, "lines[0].quantity", () -> subscribe(monthly, c, "2026-01-01", line(p, "-1")));
        assertRefused(ErrorCode.INVALID_VALUE, "lines[0].discountPercent", () -> subscribe(monthly, c, "2026-01-01",
                new LineDraft(p, BigDecimal.ONE, Optional.empty(), new BigDecimal("100.5"))));
        assertRefused(ErrorCode.INVALID_VALUE, "currency", () -> subscriptions.create(new SubscriptionDraft(monthly, c, "XYZ",
                d("2026-01-01"), Optional.empty(), List.of(line(p, "1")))));
        assertRefused(ErrorCode.UNKNOWN_REFERENCE, "currency", () -> subscriptions.create(new SubscriptionDraft(monthly, c, "JPY",
                d("2026-01-01"), Optional.empty(), List.of(line(p, "1")))));
        assertRefused(ErrorCode.REQUIRED, "lines", () -> subscriptions.create(new SubscriptionDraft(monthly, c, "EUR",
                d("2026-01-01"), Optional.empty(), List.of())));
        assertRefused(ErrorCode.INVALID_VALUE, "recurrence.every", () -> new Recurrence(0, RecurrenceUnit.MONTH));
        assertRefused(ErrorCode.NOT_FOUND, "id", () -> subscriptions.close(999_999_999L, "no such"));
        long retired = templates.create(new TemplateDraft("Retired plan", Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE)).id();
        Sandbox.service(HostContext.class).inTransaction(tx -> Rows.update(tx.connection(),
                "UPDATE sub_template SET isactive = 'N' WHERE sub_template_id = ?", retired));
        assertRefused(ErrorCode.UNKNOWN_REFERENCE, "templateId", () -> subscribe(retired, c, "2026-01-01", line(p, "1")));
        assertEquals(before, count("SELECT COUNT(*) FROM sub_subscription"));
    }

    private static void assertRefused(ErrorCode code, String field, org.junit.jupiter.api.function.Executable call) {
        SubscriptionException e = assertThrows(SubscriptionException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(field, e.field().orElse(null), e.getMessage());
    }

}
