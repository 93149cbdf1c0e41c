package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.count;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeStatus;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionChange;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.host.TestClock;
import org.junit.jupiter.api.Test;

/**
 * Mid-period changes as timelines with hand-computed invoices: upgrades and downgrades prorated by
 * days, changes at the next period, plan changes, future-dated changes applied by the billing run
 * exactly once, and refusals that change nothing. Dates lie after every other test's, and
 * changes dated later than the test clock's today are applied by billing runs, so the clock is
 * never moved.
 */
class ChangesTest {

    private static long plan(BillingTiming billing, ChangeTiming timing, List<LineDraft> defaults) {
        return service(TemplateService.class).create(new TemplateDraft(unique("Plan"), Optional.empty(), Recurrence.monthly(),
                billing, Optional.empty(), Optional.empty(), timing, defaults)).id();
    }

    private static LineDraft line(long product, String qty) {
        return new LineDraft(product, new BigDecimal(qty), Optional.empty(), BigDecimal.ZERO);
    }

    private static Subscription subscribe(long plan, String start, List<LineDraft> lines) {
        return service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer("DE"), "EUR", d(start),
                Optional.empty(), lines));
    }

    private static void bill(long plan, String asOf) {
        service(BillingService.class).run(d(asOf), new BillingScope(Optional.of(plan), Optional.empty()));
    }

    private static SubscriptionChange change(long subscriptionId, String effective, Optional<Long> plan, LineChange... lines) {
        return service(SubscriptionService.class).change(subscriptionId, new ChangeDraft(Optional.ofNullable(effective).map(LocalDate::parse),
                plan, List.of(lines)));
    }

    /** "dateInvoiced periodStart..periodEnd qty x price = net" per invoice line, invoices in order. */
    private static List<String> invoiced(long subscriptionId) {
        List<String> out = new ArrayList<>();
        for (InvoiceView i : service(BillingService.class).invoicesOf(subscriptionId)) {
            for (InvoiceView.Line l : i.lines()) {
                out.add(i.dateInvoiced() + " " + l.periodStart() + ".." + l.periodEnd() + " "
                        + l.quantity().stripTrailingZeros().toPlainString() + " x " + l.priceActual() + " = " + l.lineNet());
            }
        }
        return out;
    }

    private static List<String> ledger(long subscriptionId) {
        return rows("SELECT datetrx, changetype, mrrbefore, mrrafter FROM sub_changelog WHERE sub_subscription_id = ?"
                + " ORDER BY datetrx, sub_changelog_id", subscriptionId);
    }

    /*
     * Monthly in advance from 1 March 2045, 1 x 31.00. Upgrade to 3 on 11 March, after March was
     * invoiced: the 21 days 11..31 March of 31 are worth 31.00 - round(31.00 x 10/31) = 21.00 a
     * unit, so the adjustment invoice of 11 March credits 1 x 21.00 and charges 3 x 21.00 (net
     * 42.00). April is invoiced at 3 x 31.00. The ledger: NEW 0 -> 31, EXPANSION 31 -> 93 on 11 March.
     */
    @Test
    void upgradeMidPeriod_afterTheInvoice_creditsTheUnusedDays_andChargesTheNewOnes() {
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        Subscription s = subscribe(plan, "2045-03-01", List.of(line(product("31.00"), "1")));
        bill(plan, "2045-03-01");
        long lineId = s.lines().get(0).id();

        SubscriptionChange pending = change(s.id(), "2045-03-11", Optional.empty(),
                new LineChange.Update(lineId, Optional.of(new BigDecimal("3")), Optional.empty(), Optional.empty()));
        assertEquals(ChangeStatus.PENDING, pending.status(), "dated after the clock's today");
        assertEquals(d("2045-03-11"), pending.effectiveDate());

        bill(plan, "2045-03-11");
        SubscriptionChange applied = service(SubscriptionService.class).changesOf(s.id()).get(0);
        assertEquals(ChangeStatus.APPLIED, applied.status());
        assertEquals(0, new BigDecimal("42.00").compareTo(applied.adjustmentNet()), applied.toString());
        bill(plan, "2045-04-01");

        assertEquals(List.of(
                "2045-03-01 2045-03-01..2045-03-31 1 x 31.00 = 31.00",
                "2045-03-11 2045-03-11..2045-03-31 1 x -21.00 = -21.00",
                "2045-03-11 2045-03-11..2045-03-31 3 x 21.00 = 63.00",
                "2045-04-01 2045-04-01..2045-04-30 3 x 31.00 = 93.00"), invoiced(s.id()));
        assertEquals(List.of("2045-03-01|NW|0.00|31.00", "2045-03-11|EX|31.00|93.00"), ledger(s.id()));
        Subscription after = service(SubscriptionService.class).find(s.id()).orElseThrow();
        assertEquals(0, new BigDecimal("93.00").compareTo(after.mrr().amount()));
        assertEquals(List.of(Optional.of(d("2045-03-10")), Optional.empty()),
                after.lines().stream().map(l -> l.validTo()).toList(), "the old version ends, the new one runs");

        bill(plan, "2045-04-01");
        assertEquals(4, invoiced(s.id()).size(), "a run again applies and bills nothing twice");
    }

    /*
     * Monthly in arrears from 1 June 2045, 2 x 30.00. Downgrade to 1 on 16 June, before June is
     * invoiced: the invoice of 1 July charges each version for its own days of the 30: 1..15 June
     * round(30.00 x 15/30) = 15.00 a unit (2 x 15.00), 16..30 June 30.00 - 15.00 = 15.00 (1 x 15.00).
     * No adjustment invoice: nothing of June was billed before the change.
     */
    @Test
    void downgradeMidPeriod_inArrears_billsEachVersionForItsDays() {
        long plan = plan(BillingTiming.IN_ARREARS, ChangeTiming.IMMEDIATE, List.of());
        Subscription s = subscribe(plan, "2045-06-01", List.of(line(product("30.00"), "2")));
        change(s.id(), "2045-06-16", Optional.empty(),
                new LineChange.Update(s.lines().get(0).id(), Optional.of(BigDecimal.ONE), Optional.empty(), Optional.empty()));
        bill(plan, "2045-07-01");
        assertEquals(List.of(
                "2045-07-01 2045-06-01..2045-06-15 2 x 15.00 = 30.00",
                "2045-07-01 2045-06-16..2045-06-30 1 x 15.00 = 15.00"), invoiced(s.id()));
        SubscriptionChange applied = service(SubscriptionService.class).changesOf(s.id()).get(0);
        assertEquals(Optional.empty(), applied.adjustmentInvoiceId());
        assertEquals(List.of("2045-06-01|NW|0.00|60.00", "2045-06-16|CT|60.00|30.00"), ledger(s.id()));
    }

    /*
     * A plan whose changes wait for the next period: adding 1 x 5.00 asked for 20 September 2045
     * takes effect on 1 October, so nothing is prorated: September 10.00, October 10.00 + 5.00.
     */
    @Test
    void nextPeriodTiming_movesTheChangeToTheNextPeriodStart_withoutProration() {
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.NEXT_PERIOD, List.of());
        Subscription s = subscribe(plan, "2045-09-01", List.of(line(product("10.00"), "1")));
        bill(plan, "2045-09-01");
        SubscriptionChange c = change(s.id(), "2045-09-20", Optional.empty(), new LineChange.Add(line(product("5.00"), "1")));
        assertEquals(d("2045-10-01"), c.effectiveDate());
        bill(plan, "2045-10-01");
        assertEquals(List.of(
                "2045-09-01 2045-09-01..2045-09-30 1 x 10.00 = 10.00",
                "2045-10-01 2045-10-01..2045-10-31 1 x 10.00 = 10.00",
                "2045-10-01 2045-10-01..2045-10-31 1 x 5.00 = 5.00"), invoiced(s.id()));
    }

    /*
     * Plan change on 16 November 2045 from a 20.00 plan to a 50.00 plan (their default lines), after
     * November (30 days) was invoiced: the 15 days 16..30 are 20.00 - round(20.00 x 15/30) = 10.00
     * credited and 50.00 - 25.00 = 25.00 charged. A plan with another recurrence is refused.
     */
    @Test
    void planChange_replacesTheLinesWithTheNewPlansDefaults_prorated() {
        long small = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of(line(product("20.00"), "1")));
        long large = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of(line(product("50.00"), "1")));
        long yearly = service(TemplateService.class).create(new TemplateDraft(unique("Yearly"), Optional.empty(),
                new Recurrence(1, RecurrenceUnit.YEAR), BillingTiming.IN_ADVANCE)).id();
        Subscription s = subscribe(small, "2045-11-01", List.of());
        bill(small, "2045-11-01");

        SubscriptionException otherRhythm = assertThrows(SubscriptionException.class,
                () -> change(s.id(), "2045-11-16", Optional.of(yearly)));
        assertEquals(Optional.of("templateId"), otherRhythm.field());

        change(s.id(), "2045-11-16", Optional.of(large));
        bill(small, "2045-11-16");
        assertEquals(List.of(
                "2045-11-01 2045-11-01..2045-11-30 1 x 20.00 = 20.00",
                "2045-11-16 2045-11-16..2045-11-30 1 x -10.00 = -10.00",
                "2045-11-16 2045-11-16..2045-11-30 1 x 25.00 = 25.00"), invoiced(s.id()));
        Subscription after = service(SubscriptionService.class).find(s.id()).orElseThrow();
        assertEquals(large, after.templateId());
        assertEquals(0, new BigDecimal("50.00").compareTo(after.mrr().amount()));
        bill(large, "2045-12-01");
        assertEquals("2045-12-01 2045-12-01..2045-12-31 1 x 50.00 = 50.00", invoiced(s.id()).get(3));
    }

    @Test
    void refusals_nameTheField_andStoreNothing() {
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        Subscription s = subscribe(plan, "2046-01-01", List.of(line(product("10.00"), "1")));
        long lineId = s.lines().get(0).id();
        LocalDate today = LocalDate.now(service(TestClock.class));

        assertRefused(ErrorCode.INVALID_VALUE, "effectiveDate", () -> change(s.id(), today.minusDays(1).toString(),
                Optional.empty(), new LineChange.Remove(lineId)));
        assertRefused(ErrorCode.UNKNOWN_REFERENCE, "lines[0].lineId", () -> change(s.id(), "2046-01-10", Optional.empty(),
                new LineChange.Remove(Long.MAX_VALUE)));
        assertRefused(ErrorCode.INVALID_VALUE, "lines", () -> change(s.id(), "2046-01-10", Optional.empty(),
                new LineChange.Remove(lineId)));
        assertRefused(ErrorCode.INVALID_VALUE, "lines[1].lineId", () -> change(s.id(), "2046-01-10", Optional.empty(),
                new LineChange.Update(lineId, Optional.of(BigDecimal.TEN), Optional.empty(), Optional.empty()),
                new LineChange.Update(lineId, Optional.of(BigDecimal.ONE), Optional.empty(), Optional.empty())));
        assertRefused(ErrorCode.INVALID_VALUE, "lines[0].quantity", () -> change(s.id(), "2046-01-10", Optional.empty(),
                new LineChange.Update(lineId, Optional.of(BigDecimal.ZERO), Optional.empty(), Optional.empty())));
        assertRefused(ErrorCode.REQUIRED, "lines", () -> change(s.id(), "2046-01-10", Optional.empty()));
        assertEquals(List.of(), service(SubscriptionService.class).changesOf(s.id()));

        change(s.id(), "2046-01-10", Optional.empty(), new LineChange.Add(line(product("1.00"), "1")));
        assertRefused(ErrorCode.INVALID_STATE, "effectiveDate", () -> change(s.id(), "2046-01-20", Optional.empty(),
                new LineChange.Add(line(product("1.00"), "1"))));
        assertEquals(1, service(SubscriptionService.class).changesOf(s.id()).size());
    }

    /* A subscription paused before its pending change's day: the run cancels the change, saying why. */
    @Test
    void pendingChange_ofAPausedSubscription_isCancelled() {
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        Subscription s = subscribe(plan, "2046-02-01", List.of(line(product("10.00"), "1")));
        change(s.id(), "2046-02-10", Optional.empty(), new LineChange.Add(line(product("2.00"), "1")));
        service(SubscriptionService.class).pause(s.id());
        bill(plan, "2046-02-10");
        SubscriptionChange c = service(SubscriptionService.class).changesOf(s.id()).get(0);
        assertEquals(ChangeStatus.CANCELLED, c.status());
        assertTrue(c.description().orElseThrow().contains("PAUSED"), c.toString());
        assertEquals(1, service(SubscriptionService.class).find(s.id()).orElseThrow().lines().size());
    }

    /* Two runs at once reach the same pending change: it is applied, and its adjustment invoiced, once. */
    @Test
    void pendingChange_twoRunsAtOnce_appliedExactlyOnce() throws Exception {
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        Subscription s = subscribe(plan, "2046-03-01", List.of(line(product("31.00"), "1")));
        bill(plan, "2046-03-01");
        change(s.id(), "2046-03-11", Optional.empty(),
                new LineChange.Update(s.lines().get(0).id(), Optional.of(new BigDecimal("2")), Optional.empty(), Optional.empty()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Object> run = () -> service(BillingService.class).run(d("2046-03-11"),
                    new BillingScope(Optional.of(plan), Optional.empty()));
            List<Future<Object>> runs = pool.invokeAll(List.of(run, run));
            for (Future<Object> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, invoiced(s.id()).size(), "March, then one credit and one charge");
        assertEquals(1, count("SELECT count(*) FROM sub_change WHERE sub_subscription_id = ? AND changestatus = 'A'", s.id()));
        assertEquals(2, count("SELECT count(*) FROM sub_changelog WHERE sub_subscription_id = ?", s.id()));
    }

    /* Dated today (the default), a change is applied at once, with its adjustment in the same transaction. */
    @Test
    void changeToday_isAppliedAtOnce() {
        LocalDate today = LocalDate.now(service(TestClock.class));
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        Subscription s = subscribe(plan, today.minusDays(3).toString(), List.of(line(product("10.00"), "1")));
        bill(plan, today.toString());
        SubscriptionChange c = change(s.id(), null, Optional.empty(),
                new LineChange.Update(s.lines().get(0).id(), Optional.of(new BigDecimal("2")), Optional.empty(), Optional.empty()));
        assertEquals(ChangeStatus.APPLIED, c.status());
        assertEquals(today, c.effectiveDate());
        List<InvoiceView> invoices = service(BillingService.class).invoicesOf(s.id());
        assertEquals(2, invoices.size());
        InvoiceView adjustment = invoices.get(1);
        BigDecimal share = adjustment.lines().get(1).priceActual();
        assertEquals(0, share.negate().compareTo(adjustment.lines().get(0).priceActual()), "credit and charge at the same daily share");
        assertTrue(share.signum() > 0 && share.compareTo(new BigDecimal("10.00")) < 0, share.toString());
        assertEquals(0, share.compareTo(c.adjustmentNet()), "2 x share - 1 x share");
    }

    private static void assertRefused(ErrorCode code, String field, org.junit.jupiter.api.function.Executable call) {
        SubscriptionException e = assertThrows(SubscriptionException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(Optional.of(field), e.field(), e.getMessage());
    }
}
