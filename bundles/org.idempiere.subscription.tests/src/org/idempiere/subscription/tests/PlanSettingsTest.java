package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.d;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.InvoicePreview;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.SettingsOverride;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.api.service.Term;
import org.junit.jupiter.api.Test;

/**
 * Calendar alignment with a prorated first period, and subscriptions that keep their own copy of
 * their plan's settings (with overrides), with hand-computed invoices.
 */
class PlanSettingsTest {

    private static long template(RecurrenceUnit unit, BillingTiming billing, Optional<Term> term, Integer billingDay) {
        return service(TemplateService.class).create(new TemplateDraft(unique("Plan"), Optional.empty(), new Recurrence(1, unit),
                billing, term, Optional.ofNullable(billingDay), List.of())).id();
    }

    private static Subscription subscribe(long template, String start, String price, String qty, SettingsOverride overrides) {
        return service(SubscriptionService.class).create(new SubscriptionDraft(template, customer("DE"), "EUR", d(start),
                Optional.empty(), List.of(new LineDraft(product(price), new BigDecimal(qty), Optional.empty(), BigDecimal.ZERO)),
                BigDecimal.ZERO, overrides));
    }

    /** "periodStart..periodEnd qty x price = net" per invoice line, invoices by date. */
    private static List<String> invoiced(long subscriptionId) {
        return service(BillingService.class).invoicesOf(subscriptionId).stream()
                .flatMap(i -> i.lines().stream().map(l -> i.dateInvoiced() + " " + l.periodStart() + ".." + l.periodEnd() + " "
                        + l.quantity().stripTrailingZeros().toPlainString() + " x " + l.priceActual() + " = " + l.lineNet()))
                .toList();
    }

    private static void bill(long template, String asOf) {
        service(BillingService.class).run(d(asOf), new BillingScope(Optional.of(template), Optional.empty()));
    }

    /*
     * Monthly in advance on the 1st, from 15 March 2044: the first period 15..31 March is 17 of
     * 31 days. Unit price 31.00: 31.00 - round(31.00 x 14/31) = 17.00; 2 units = 34.00. Then whole
     * months at 62.00. MRR is the whole month's 62.00 from the start.
     */
    @Test
    void calendarAligned_inAdvance_firstPeriodChargedByDays() {
        long plan = template(RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, Optional.empty(), 1);
        Subscription s = subscribe(plan, "2044-03-15", "31.00", "2", SettingsOverride.NONE);
        assertEquals(Optional.of(1), s.plan().billingDay());
        assertEquals(0, new BigDecimal("62.00").compareTo(s.mrr().amount()), s.mrr().toString());
        assertEquals(Optional.of(d("2044-03-15")), s.nextInvoiceDate());

        InvoicePreview preview = service(BillingService.class).preview(s.id());
        assertEquals(d("2044-03-31"), preview.period().end());
        assertEquals(0, new BigDecimal("34.00").compareTo(preview.totalLines()), preview.toString());

        bill(plan, "2044-05-01");
        assertEquals(List.of("2044-03-15 2044-03-15..2044-03-31 2 x 17.00 = 34.00", "2044-04-01 2044-04-01..2044-04-30 2 x 31.00 = 62.00",
                "2044-05-01 2044-05-01..2044-05-31 2 x 31.00 = 62.00"), invoiced(s.id()));
    }

    /*
     * Monthly in arrears on the 1st, from 10 February 2044 (a leap year: February has 29 days):
     * the first period 10..29 February is 20 of 29 days, invoiced on 1 March. Unit price 29.00:
     * 29.00 - round(29.00 x 9/29) = 20.00.
     */
    @Test
    void calendarAligned_inArrears_leapFebruary() {
        long plan = template(RecurrenceUnit.MONTH, BillingTiming.IN_ARREARS, Optional.empty(), 1);
        Subscription s = subscribe(plan, "2044-02-10", "29.00", "1", SettingsOverride.NONE);
        assertEquals(Optional.of(d("2044-03-01")), s.nextInvoiceDate());
        bill(plan, "2044-04-01");
        assertEquals(List.of("2044-03-01 2044-02-10..2044-02-29 1 x 20.00 = 20.00", "2044-04-01 2044-03-01..2044-03-31 1 x 29.00 = 29.00"),
                invoiced(s.id()));
    }

    /*
     * A 12-month term aligned on the 1st from 15 March 2044 counts twelve whole months after the
     * short first one: it ends on 31 March 2045.
     */
    @Test
    void calendarAligned_termCountsWholePeriods() {
        long plan = template(RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, Optional.of(new Term(12, false)), 1);
        Subscription s = subscribe(plan, "2044-03-15", "10.00", "1", SettingsOverride.NONE);
        assertEquals(Optional.of(d("2045-03-31")), s.termEndDate());
    }

    /*
     * Overrides: a monthly anniversary plan with a 12-month term. Yearly with a billing day is
     * refused (a billing day aligns months only). Then a valid override, open-ended instead of the term:
     * quarterly, billing day 1, in advance; from 20 May 2044 the first period is 20..31 May of the
     * quarter 1 March..31 May (92 days): 30.00 - round(30.00 x 80/92) = 30.00 - 26.09 = 3.91.
     */
    @Test
    void overrides_areTheSubscriptionsOwn_andValidated() {
        long plan = template(RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, Optional.of(new Term(12, true)), null);
        SubscriptionException refused = assertThrows(SubscriptionException.class, () -> subscribe(plan, "2044-05-20", "30.00", "1",
                new SettingsOverride(Optional.of(new Recurrence(1, RecurrenceUnit.YEAR)), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.of(1))));
        assertEquals(Optional.of("billingDay"), refused.field());

        Subscription s = subscribe(plan, "2044-05-20", "30.00", "1", new SettingsOverride(
                Optional.of(new Recurrence(3, RecurrenceUnit.MONTH)), Optional.empty(), Optional.of(0), Optional.empty(),
                Optional.of(1)));
        assertEquals(new PlanSettings(new Recurrence(3, RecurrenceUnit.MONTH), BillingTiming.IN_ADVANCE, Optional.empty(),
                Optional.of(1)), s.plan());
        assertEquals(Optional.empty(), s.termEndDate(), "open-ended by override");
        assertEquals(0, new BigDecimal("10.00").compareTo(s.mrr().amount()), "30.00 a quarter: " + s.mrr());
        bill(plan, "2044-06-01");
        assertEquals(List.of("2044-05-20 2044-05-20..2044-05-31 1 x 3.91 = 3.91", "2044-06-01 2044-06-01..2044-08-31 1 x 30.00 = 30.00"),
                invoiced(s.id()));
    }

    /* The subscription keeps its copy: changing the template afterwards does not move its periods. */
    @Test
    void templateEditedLater_doesNotMoveExistingSubscriptions() {
        long plan = template(RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, Optional.empty(), null);
        Subscription s = subscribe(plan, "2044-07-10", "10.00", "1", SettingsOverride.NONE);
        service(HostContext.class).inTransaction(tx -> {
            try (var ps = tx.connection().prepareStatement("UPDATE SUB_Template SET RecurrenceEvery = 2, RecurrenceUnit = 'W', BillingTiming = 'R'"
                    + " WHERE SUB_Template_ID = ?")) {
                ps.setLong(1, plan);
                ps.executeUpdate();
            }
            return null;
        });
        Subscription again = service(SubscriptionService.class).find(s.id()).orElseThrow();
        assertEquals(s.plan(), again.plan());
        bill(plan, "2044-08-10");
        assertEquals(List.of("2044-07-10", "2044-08-10"), service(BillingService.class).invoicesOf(s.id()).stream()
                .map(InvoiceView::dateInvoiced).map(Object::toString).toList());
        assertEquals(List.of("1|M|A|0|0"), rows("SELECT recurrenceevery, recurrenceunit, billingtiming, termperiods, billingday"
                + " FROM sub_subscription WHERE sub_subscription_id = ?", s.id()));
    }

    /*
     * A price-list change from 10.00 to 12.00 on 1 February 2048. A 3-month renewing term billed
     * at renewal keeps 10.00 for January to March and takes 12.00 from its second term (April);
     * the same plan with immediate price updates takes 12.00 from February.
     */
    @Test
    void priceUpdate_atRenewalKeepsTheTermsPrice_immediatelyTakesTheNewOne() {
        long product = product("10.00");
        service(org.idempiere.subscription.sandbox.internal.host.MasterData.class).addPrice(product, new BigDecimal("12.00"), "EUR",
                d("2048-02-01"));
        TemplateService templates = service(TemplateService.class);
        long atRenewal = templates.create(new TemplateDraft(unique("At renewal"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.of(new Term(3, true)), Optional.empty(),
                org.idempiere.subscription.api.ChangeTiming.IMMEDIATE, org.idempiere.subscription.api.PriceUpdate.AT_RENEWAL,
                List.of())).id();
        long immediately = templates.create(new TemplateDraft(unique("Immediately"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.of(new Term(3, true)), Optional.empty(),
                org.idempiere.subscription.api.ChangeTiming.IMMEDIATE, org.idempiere.subscription.api.PriceUpdate.IMMEDIATE,
                List.of())).id();
        List<LineDraft> lines = List.of(new LineDraft(product, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO));
        Subscription kept = service(SubscriptionService.class).create(new SubscriptionDraft(atRenewal, customer("DE"), "EUR",
                d("2048-01-01"), Optional.empty(), lines));
        Subscription moved = service(SubscriptionService.class).create(new SubscriptionDraft(immediately, customer("DE"), "EUR",
                d("2048-01-01"), Optional.empty(), lines));
        bill(atRenewal, "2048-04-01");
        bill(immediately, "2048-04-01");
        assertEquals(List.of("10.00", "10.00", "10.00", "12.00"), prices(kept.id()));
        assertEquals(List.of("10.00", "12.00", "12.00", "12.00"), prices(moved.id()));
    }

    private static List<String> prices(long subscriptionId) {
        return service(BillingService.class).invoicesOf(subscriptionId).stream()
                .map(i -> i.lines().get(0).priceActual().toPlainString()).toList();
    }

    private static long renewingPlan(int periods, Integer noticeDays) {
        return service(TemplateService.class).create(new TemplateDraft(unique("Renewing"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.of(new Term(periods, true)), Optional.empty(),
                org.idempiere.subscription.api.ChangeTiming.IMMEDIATE, org.idempiere.subscription.api.PriceUpdate.AT_RENEWAL,
                Optional.ofNullable(noticeDays), List.of())).id();
    }

    /*
     * A 3-month renewing term from 1 January 2049 with 10 days' notice; notice given long before
     * (the clock is years earlier): it ends on 31 March 2049, the run bills January to March and
     * closes it on 1 April with a churn entry instead of renewing.
     */
    @Test
    void noticeNotToRenew_beforeTheNoticePeriod_endsTheCurrentTerm() {
        long plan = renewingPlan(3, 10);
        Subscription s = subscribe(plan, "2049-01-01", "10.00", "1", SettingsOverride.NONE);
        SubscriptionService subscriptions = service(SubscriptionService.class);
        Subscription noticed = subscriptions.cancelRenewal(s.id());
        assertEquals(Optional.of(d("2049-03-31")), noticed.endsOn());
        SubscriptionException twice = assertThrows(SubscriptionException.class, () -> subscriptions.cancelRenewal(s.id()));
        assertEquals(Optional.of("endsOn"), twice.field());

        bill(plan, "2049-06-01");
        assertEquals(3, service(BillingService.class).invoicesOf(s.id()).size(), "January to March only");
        Subscription ended = subscriptions.find(s.id()).orElseThrow();
        assertEquals(org.idempiere.subscription.api.SubscriptionStatus.CLOSED, ended.status());
        assertEquals(Optional.of(d("2049-04-01")), ended.dateClosed());
        assertEquals(List.of("2049-04-01|CH|10.00|0.00|Not renewed: notice given"), rows("SELECT datetrx, changetype, mrrbefore,"
                + " mrrafter, description FROM sub_changelog WHERE sub_subscription_id = ? AND changetype = 'CH'", s.id()));
    }

    /*
     * Notice given inside the notice period (40 days, the term ends within about a month of the
     * clock's today) reaches only the next term: it ends 6 months after the start, not 3.
     * Open-ended plans have nothing to renew.
     */
    @Test
    void noticeNotToRenew_insideTheNoticePeriod_endsTheNextTerm() {
        java.time.LocalDate today = java.time.LocalDate.now(service(org.idempiere.subscription.sandbox.internal.host.TestClock.class));
        java.time.LocalDate start = today.minusMonths(2);
        long plan = renewingPlan(3, 40);
        Subscription s = subscribe(plan, start.toString(), "10.00", "1", SettingsOverride.NONE);
        assertEquals(Optional.of(start.plusMonths(3).minusDays(1)), s.termEndDate());
        assertEquals(Optional.of(start.plusMonths(6).minusDays(1)),
                service(SubscriptionService.class).cancelRenewal(s.id()).endsOn());

        long open = template(RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, Optional.empty(), null);
        Subscription openEnded = subscribe(open, "2049-01-01", "10.00", "1", SettingsOverride.NONE);
        SubscriptionException nothing = assertThrows(SubscriptionException.class,
                () -> service(SubscriptionService.class).cancelRenewal(openEnded.id()));
        assertEquals(Optional.of("term"), nothing.field());
        SubscriptionException noTerm = assertThrows(SubscriptionException.class, () -> service(TemplateService.class).create(
                new TemplateDraft(unique("Notice without term"), Optional.empty(), Recurrence.monthly(), BillingTiming.IN_ADVANCE,
                        Optional.empty(), Optional.empty(), org.idempiere.subscription.api.ChangeTiming.IMMEDIATE,
                        org.idempiere.subscription.api.PriceUpdate.AT_RENEWAL, Optional.of(30), List.of())));
        assertEquals(Optional.of("noticeDays"), noTerm.field());
    }

    /*
     * A product listed at 2.50 per unit, sold by the pack of ten: 3 packs with a 10 % discount are
     * priced 2.50 x 10 = 25.00 a pack, 22.50 after the discount, 67.50 a month (and MRR). A unit the
     * product has no conversion to is refused, naming the line's uomId.
     */
    @Test
    void unitOfMeasure_pricedThroughTheProductsConversion() {
        long product = product("2.50");
        long pack = 1_000_099L;
        service(org.idempiere.subscription.sandbox.internal.host.MasterData.class).addUomConversion(product, pack, BigDecimal.TEN);
        long plan = template(RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, Optional.empty(), null);
        SubscriptionService subscriptions = service(SubscriptionService.class);
        Subscription s = subscriptions.create(new SubscriptionDraft(plan, customer("DE"), "EUR", d("2049-05-01"), Optional.empty(),
                List.of(new LineDraft(product, new BigDecimal("3"), Optional.empty(), BigDecimal.TEN, false, Optional.of(pack)))));
        assertEquals(pack, s.lines().get(0).uomId());
        assertEquals(0, BigDecimal.TEN.compareTo(s.lines().get(0).uomRate()));
        assertEquals(0, new BigDecimal("67.50").compareTo(s.mrr().amount()), s.mrr().toString());
        bill(plan, "2049-05-01");
        assertEquals(List.of("2049-05-01 2049-05-01..2049-05-31 3 x 22.50 = 67.50"), invoiced(s.id()));

        SubscriptionException unknownUnit = assertThrows(SubscriptionException.class, () -> subscriptions.create(
                new SubscriptionDraft(plan, customer("DE"), "EUR", d("2049-05-01"), Optional.empty(),
                        List.of(new LineDraft(product, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO, false,
                                Optional.of(pack + 1))))));
        assertEquals(Optional.of("lines[0].uomId"), unknownUnit.field());
    }

    /*
     * Consolidation: one customer with two subscriptions due the same day gets one invoice with
     * both lines (each billing item points at it); another customer's subscription its own. Without
     * consolidation each subscription has its own invoice.
     */
    @Test
    void consolidation_oneInvoicePerCustomerAndDay() {
        long plan = template(RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, Optional.empty(), null);
        long customer = customer("DE");
        SubscriptionService subscriptions = service(SubscriptionService.class);
        List<LineDraft> ten = List.of(new LineDraft(product("10.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO));
        List<LineDraft> five = List.of(new LineDraft(product("5.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO));
        Subscription a = subscriptions.create(new SubscriptionDraft(plan, customer, "EUR", d("2049-07-01"), Optional.empty(), ten));
        Subscription b = subscriptions.create(new SubscriptionDraft(plan, customer, "EUR", d("2049-07-01"), Optional.empty(), five));
        Subscription other = subscriptions.create(new SubscriptionDraft(plan, customer("DE"), "EUR", d("2049-07-01"),
                Optional.empty(), five));
        org.idempiere.subscription.api.service.BillingRunReport report = service(BillingService.class).run(d("2049-07-01"),
                new BillingScope(Optional.of(plan), Optional.empty(), true));
        assertEquals(2, report.invoicesCreated(), report.toString());
        InvoiceView shared = service(BillingService.class).invoicesOf(a.id()).get(0);
        assertEquals(shared, service(BillingService.class).invoicesOf(b.id()).get(0));
        assertEquals(0, new BigDecimal("15.00").compareTo(shared.totalLines()), shared.toString());
        assertEquals(2, shared.lines().size());
        assertEquals(1, service(BillingService.class).invoicesOf(other.id()).get(0).lines().size());

        service(BillingService.class).run(d("2049-08-01"), new BillingScope(Optional.of(plan), Optional.empty()));
        assertTrue(service(BillingService.class).invoicesOf(a.id()).get(1).id() != service(BillingService.class)
                .invoicesOf(b.id()).get(1).id(), "not consolidated: one invoice each");
    }

    /*
     * Consolidation across chunks: a customer's first and last of 501 subscriptions due the same
     * day are 500 apart in the billing order (a chunk is 500), and still share one invoice; the
     * 499 in between, of another customer, share another. Each period is billed once.
     */
    @Test
    void consolidation_reachesACustomersSubscriptionsInOtherChunks() {
        long plan = template(RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, Optional.empty(), null);
        long first = customer("DE");
        long middle = customer("DE");
        SubscriptionService subscriptions = service(SubscriptionService.class);
        List<LineDraft> one = List.of(new LineDraft(product("1.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO));
        Subscription a = subscriptions.create(new SubscriptionDraft(plan, first, "EUR", d("2049-09-01"), Optional.empty(), one));
        for (int i = 0; i < 499; i++) {
            subscriptions.create(new SubscriptionDraft(plan, middle, "EUR", d("2049-09-01"), Optional.empty(), one));
        }
        Subscription z = subscriptions.create(new SubscriptionDraft(plan, first, "EUR", d("2049-09-01"), Optional.empty(), one));
        org.idempiere.subscription.api.service.BillingRunReport report = service(BillingService.class).run(d("2049-09-01"),
                new BillingScope(Optional.of(plan), Optional.empty(), true));
        assertEquals(501, report.subscriptionsProcessed(), report.toString());
        assertEquals(2, report.invoicesCreated(), report.toString());
        InvoiceView shared = service(BillingService.class).invoicesOf(a.id()).get(0);
        assertEquals(List.of(shared), service(BillingService.class).invoicesOf(z.id()));
        assertEquals(2, shared.lines().size());
        assertEquals(List.of("501"), Sandbox.rows("SELECT COUNT(*) FROM sub_billingitem bi JOIN sub_subscription s"
                + " ON s.sub_subscription_id = bi.sub_subscription_id WHERE s.sub_template_id = ?", plan));
    }
}
