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
 * on their day exactly once, and refusals that change nothing. Each test moves the shared test
 * clock forward only, to months after its current day, so tests of other classes (which never
 * move it back either) are not disturbed.
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

    /** Moves the test clock forward to {@code date} (it never goes back). */
    static void clockTo(LocalDate date) {
        TestClock clock = service(TestClock.class);
        if (LocalDate.now(clock).isBefore(date)) {
            try {
                clock.setDate(date);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("the test clock could not be moved to " + date, e);
            }
        }
        assertEquals(date, LocalDate.now(clock), "the test clock is past " + date + " already");
    }

    /** The first day of the first month after the clock's today that has {@code days} days. */
    static LocalDate nextMonthOf(int days) {
        LocalDate m = LocalDate.now(service(TestClock.class)).withDayOfMonth(1).plusMonths(1);
        while (m.lengthOfMonth() != days) {
            m = m.plusMonths(1);
        }
        return m;
    }

    private static String line(LocalDate invoiced, LocalDate from, LocalDate to, String rest) {
        return invoiced + " " + from + ".." + to + " " + rest;
    }

    /*
     * Monthly in advance from the 1st of a 31-day month M, 1 x 31.00, billed ahead for M and the next
     * month. Upgrade to 3 on day 11: a run billing ahead does not apply it early; on day 11 the
     * adjustment covers both billed periods: M's days 11..31 (credit 21.00, charge 3 x 21.00 = 42.00
     * net) and the whole next month (credit 31.00, charge 3 x 31.00 = 62.00 net): 104.00.
     */
    @Test
    void upgradeAfterBillingAhead_adjustsEveryBilledPeriod_onTheChangesDayOnly() {
        LocalDate m = nextMonthOf(31);
        LocalDate day11 = m.plusDays(10);
        LocalDate next = m.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        Subscription s = subscribe(plan, m.toString(), List.of(line(product("31.00"), "1")));
        bill(plan, next.toString());
        SubscriptionChange pending = change(s.id(), day11.toString(), Optional.empty(),
                new LineChange.Update(s.lines().get(0).id(), Optional.of(new BigDecimal("3")), Optional.empty(), Optional.empty()));
        assertEquals(ChangeStatus.PENDING, pending.status(), "dated after today");
        bill(plan, next.toString());
        assertEquals(ChangeStatus.PENDING, service(SubscriptionService.class).changesOf(s.id()).get(0).status(),
                "a run billing ahead does not apply a change before its day");

        clockTo(day11);
        bill(plan, day11.toString());
        SubscriptionChange applied = service(SubscriptionService.class).changesOf(s.id()).get(0);
        assertEquals(ChangeStatus.APPLIED, applied.status());
        assertEquals(0, new BigDecimal("104.00").compareTo(applied.adjustmentNet()), applied.toString());
        assertEquals(3, service(BillingService.class).invoicesOf(s.id()).size());
    }

    /* As above, but nothing was billed ahead: the adjustment covers the rest of month M only. */
    @Test
    void upgradeMidPeriod_adjustmentInvoice_handComputed() {
        LocalDate m = nextMonthOf(31);
        LocalDate day11 = m.plusDays(10);
        LocalDate next = m.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        Subscription s = subscribe(plan, m.toString(), List.of(line(product("31.00"), "1")));
        bill(plan, m.toString());
        change(s.id(), day11.toString(), Optional.empty(),
                new LineChange.Update(s.lines().get(0).id(), Optional.of(new BigDecimal("3")), Optional.empty(), Optional.empty()));
        clockTo(day11);
        bill(plan, day11.toString());
        bill(plan, next.toString());

        LocalDate mEnd = m.plusMonths(1).minusDays(1);
        assertEquals(List.of(
                line(m, m, mEnd, "1 x 31.00 = 31.00"),
                line(day11, day11, mEnd, "1 x -21.00 = -21.00"),
                line(day11, day11, mEnd, "3 x 21.00 = 63.00"),
                line(next, next, next.plusMonths(1).minusDays(1), "3 x 31.00 = 93.00")), invoiced(s.id()));
        assertEquals(List.of(m + "|NW|0.00|31.00", day11 + "|EX|31.00|93.00"), ledger(s.id()));
        Subscription after = service(SubscriptionService.class).find(s.id()).orElseThrow();
        assertEquals(0, new BigDecimal("93.00").compareTo(after.mrr().amount()));
        assertEquals(List.of(Optional.of(day11.minusDays(1)), Optional.empty()),
                after.lines().stream().map(l -> l.validTo()).toList(), "the old version ends, the new one runs");
        bill(plan, next.toString());
        assertEquals(4, invoiced(s.id()).size(), "a run again applies and bills nothing twice");
    }

    /*
     * Monthly in arrears from the 1st of a 30-day month, 2 x 30.00. Downgrade to 1 on day 16, before
     * the month is invoiced: the invoice of the next 1st charges each version for its own days of
     * the 30: days 1..15 round(30.00 x 15/30) = 15.00 a unit (2 x 15.00), days 16..30 30.00 - 15.00 =
     * 15.00 (1 x 15.00). No adjustment invoice: nothing of the month was billed before the change.
     */
    @Test
    void downgradeMidPeriod_inArrears_billsEachVersionForItsDays() {
        LocalDate m = nextMonthOf(30);
        LocalDate day16 = m.plusDays(15);
        LocalDate next = m.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ARREARS, ChangeTiming.IMMEDIATE, List.of());
        Subscription s = subscribe(plan, m.toString(), List.of(line(product("30.00"), "2")));
        change(s.id(), day16.toString(), Optional.empty(),
                new LineChange.Update(s.lines().get(0).id(), Optional.of(BigDecimal.ONE), Optional.empty(), Optional.empty()));
        clockTo(next);
        bill(plan, next.toString());
        assertEquals(List.of(
                line(next, m, day16.minusDays(1), "2 x 15.00 = 30.00"),
                line(next, day16, next.minusDays(1), "1 x 15.00 = 15.00")), invoiced(s.id()));
        SubscriptionChange applied = service(SubscriptionService.class).changesOf(s.id()).get(0);
        assertEquals(Optional.empty(), applied.adjustmentInvoiceId());
        assertEquals(List.of(m + "|NW|0.00|60.00", day16 + "|CT|60.00|30.00"), ledger(s.id()));
    }

    /*
     * A plan whose changes wait for the next period: adding 1 x 5.00 asked for day 20 takes effect on
     * the next 1st, so nothing is prorated: 10.00, then 10.00 + 5.00.
     */
    @Test
    void nextPeriodTiming_movesTheChangeToTheNextPeriodStart_withoutProration() {
        LocalDate m = nextMonthOf(30);
        LocalDate next = m.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.NEXT_PERIOD, List.of());
        Subscription s = subscribe(plan, m.toString(), List.of(line(product("10.00"), "1")));
        bill(plan, m.toString());
        SubscriptionChange c = change(s.id(), m.plusDays(19).toString(), Optional.empty(),
                new LineChange.Add(line(product("5.00"), "1")));
        assertEquals(next, c.effectiveDate());
        clockTo(next);
        bill(plan, next.toString());
        LocalDate nextEnd = next.plusMonths(1).minusDays(1);
        assertEquals(List.of(
                line(m, m, next.minusDays(1), "1 x 10.00 = 10.00"),
                line(next, next, nextEnd, "1 x 10.00 = 10.00"),
                line(next, next, nextEnd, "1 x 5.00 = 5.00")), invoiced(s.id()));
    }

    /*
     * Plan change on day 16 of a 30-day month from a 20.00 plan to a 50.00 plan (their default
     * lines; the new plan's setup fee is not charged: a plan change is not a new sale), after the
     * month was invoiced: the 15 days 16..30 are 20.00 - round(20.00 x 15/30) = 10.00 credited and
     * 50.00 - 25.00 = 25.00 charged. A plan with another recurrence is refused.
     */
    @Test
    void planChange_replacesTheLinesWithTheNewPlansDefaults_prorated() {
        LocalDate m = nextMonthOf(30);
        LocalDate day16 = m.plusDays(15);
        LocalDate mEnd = m.plusMonths(1).minusDays(1);
        clockTo(m);
        long small = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of(line(product("20.00"), "1")));
        long large = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of(line(product("50.00"), "1"),
                new LineDraft(product("99.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO, true)));
        long yearly = service(TemplateService.class).create(new TemplateDraft(unique("Yearly"), Optional.empty(),
                new Recurrence(1, RecurrenceUnit.YEAR), BillingTiming.IN_ADVANCE)).id();
        Subscription s = subscribe(small, m.toString(), List.of());
        bill(small, m.toString());

        // another recurrence is taken, but a plan without default lines would leave no recurring line
        SubscriptionException noLines = assertThrows(SubscriptionException.class,
                () -> change(s.id(), day16.toString(), Optional.of(yearly)));
        assertEquals(Optional.of("lines"), noLines.field());

        change(s.id(), day16.toString(), Optional.of(large));
        clockTo(day16);
        bill(small, day16.toString());
        assertEquals(List.of(
                line(m, m, mEnd, "1 x 20.00 = 20.00"),
                line(day16, day16, mEnd, "1 x -10.00 = -10.00"),
                line(day16, day16, mEnd, "1 x 25.00 = 25.00")), invoiced(s.id()));
        Subscription after = service(SubscriptionService.class).find(s.id()).orElseThrow();
        assertEquals(large, after.templateId());
        assertEquals(0, new BigDecimal("50.00").compareTo(after.mrr().amount()));
        bill(large, m.plusMonths(1).toString());
        assertEquals(line(m.plusMonths(1), m.plusMonths(1), m.plusMonths(2).minusDays(1), "1 x 50.00 = 50.00"),
                invoiced(s.id()).get(3));
    }

    /*
     * Calendar-aligned on the 1st, in advance, from day 15 of a 31-day month M, billed ahead for M
     * and the two months after. Raised from 1 to 2 on day 21: the short first period (whole period
     * M, 31 days) gets round(31 x 31/31) - round(31 x 20/31) = 11.00 credited and 2 x 11.00 charged;
     * each of the two whole months billed ahead 31.00 credited and 2 x 31.00 charged. Net 73.00.
     */
    @Test
    void changeInsideAShortFirstPeriod_withMonthsBilledAhead() {
        LocalDate m = nextMonthOf(31);
        LocalDate day15 = m.plusDays(14);
        LocalDate day21 = m.plusDays(20);
        clockTo(day15);
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("On the 1st"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.empty(), Optional.of(1), ChangeTiming.IMMEDIATE,
                List.of())).id();
        Subscription s = subscribe(plan, day15.toString(), List.of(line(product("31.00"), "1")));
        bill(plan, m.plusMonths(2).toString());
        assertEquals(3, invoiced(s.id()).size());
        change(s.id(), day21.toString(), Optional.empty(),
                new LineChange.Update(s.lines().get(0).id(), Optional.of(new BigDecimal("2")), Optional.empty(), Optional.empty()));
        clockTo(day21);
        bill(plan, day21.toString());
        SubscriptionChange applied = service(SubscriptionService.class).changesOf(s.id()).get(0);
        assertEquals(0, new BigDecimal("73.00").compareTo(applied.adjustmentNet()), applied.toString());
        LocalDate mEnd = m.plusMonths(1).minusDays(1);
        InvoiceView adjustment = service(BillingService.class).invoicesOf(s.id()).stream()
                .filter(i -> i.id() == applied.adjustmentInvoiceId().orElseThrow()).findFirst().orElseThrow();
        List<String> lines = adjustment.lines().stream().map(l -> adjustment.dateInvoiced() + " " + l.periodStart() + ".."
                + l.periodEnd() + " " + l.quantity().stripTrailingZeros().toPlainString() + " x " + l.priceActual() + " = "
                + l.lineNet()).toList();
        assertEquals(List.of(
                line(day21, day21, mEnd, "1 x -11.00 = -11.00"),
                line(day21, day21, mEnd, "2 x 11.00 = 22.00"),
                line(day21, m.plusMonths(1), m.plusMonths(2).minusDays(1), "1 x -31.00 = -31.00"),
                line(day21, m.plusMonths(1), m.plusMonths(2).minusDays(1), "2 x 31.00 = 62.00"),
                line(day21, m.plusMonths(2), m.plusMonths(3).minusDays(1), "1 x -31.00 = -31.00"),
                line(day21, m.plusMonths(2), m.plusMonths(3).minusDays(1), "2 x 31.00 = 62.00")), lines);
    }

    @Test
    void refusals_nameTheField_andStoreNothing() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        long noPrice = service(org.idempiere.subscription.sandbox.internal.host.MasterData.class).createProduct(unique("Unpriced"),
                "STANDARD", new BigDecimal("1.00"), "CZK", Optional.empty()).id();
        Subscription s = service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer("DE"), "EUR", m,
                Optional.empty(), List.of(line(product("10.00"), "1"),
                        new LineDraft(product("50.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO, true))));
        long lineId = s.lines().get(0).id();
        long setupId = s.lines().get(1).id();
        String day = m.plusDays(9).toString();

        assertRefused(ErrorCode.INVALID_VALUE, "effectiveDate", () -> change(s.id(), m.minusDays(1).toString(),
                Optional.empty(), new LineChange.Remove(lineId)));
        assertRefused(ErrorCode.UNKNOWN_REFERENCE, "lines[0].lineId", () -> change(s.id(), day, Optional.empty(),
                new LineChange.Remove(Long.MAX_VALUE)));
        assertRefused(ErrorCode.INVALID_VALUE, "lines", () -> change(s.id(), day, Optional.empty(),
                new LineChange.Remove(lineId)));
        assertRefused(ErrorCode.INVALID_VALUE, "lines[0].lineId", () -> change(s.id(), day, Optional.empty(),
                new LineChange.Remove(setupId)));
        assertRefused(ErrorCode.INVALID_VALUE, "lines[1].lineId", () -> change(s.id(), day, Optional.empty(),
                new LineChange.Update(lineId, Optional.of(BigDecimal.TEN), Optional.empty(), Optional.empty()),
                new LineChange.Update(lineId, Optional.of(BigDecimal.ONE), Optional.empty(), Optional.empty())));
        assertRefused(ErrorCode.INVALID_VALUE, "lines[0].quantity", () -> change(s.id(), day, Optional.empty(),
                new LineChange.Update(lineId, Optional.of(BigDecimal.ZERO), Optional.empty(), Optional.empty())));
        assertRefused(ErrorCode.INVALID_VALUE, "lines[1].productId", () -> change(s.id(), day, Optional.empty(),
                new LineChange.Add(line(product("3.00"), "1")), new LineChange.Add(line(noPrice, "1"))));
        assertRefused(ErrorCode.REQUIRED, "lines", () -> change(s.id(), day, Optional.empty()));
        assertEquals(List.of(), service(SubscriptionService.class).changesOf(s.id()));

        change(s.id(), day, Optional.empty(), new LineChange.Add(line(product("1.00"), "1")));
        // another change may be pending too, but not before this one: changes follow one another
        assertRefused(ErrorCode.INVALID_VALUE, "effectiveDate", () -> change(s.id(), m.plusDays(5).toString(), Optional.empty(),
                new LineChange.Add(line(product("1.00"), "1"))));
        assertEquals(1, service(SubscriptionService.class).changesOf(s.id()).size());
    }

    /* A term that does not renew ends: a change after its end is refused. */
    @Test
    void changeAfterTheEndOfService_isRefused() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Three months"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.of(new org.idempiere.subscription.api.service.Term(3, false)),
                Optional.empty(), ChangeTiming.IMMEDIATE, List.of())).id();
        Subscription s = subscribe(plan, m.toString(), List.of(line(product("10.00"), "1")));
        assertRefused(ErrorCode.INVALID_VALUE, "effectiveDate", () -> change(s.id(), m.plusMonths(3).toString(), Optional.empty(),
                new LineChange.Add(line(product("1.00"), "1"))));
    }

    /*
     * A subscription paused before its pending change's day: the pause cancels the change (it names
     * lines the pause ends), saying why, and the run on that day leaves it so. A change whose day has
     * come but that no run applied yet takes effect before the subscription is paused.
     */
    @Test
    void pendingChange_andPause() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        Subscription early = subscribe(plan, m.toString(), List.of(line(product("10.00"), "1")));
        Subscription late = subscribe(plan, m.toString(), List.of(line(product("10.00"), "1")));
        bill(plan, m.toString());
        change(early.id(), m.plusDays(9).toString(), Optional.empty(), new LineChange.Add(line(product("2.00"), "1")));
        change(late.id(), m.plusDays(4).toString(), Optional.empty(), new LineChange.Add(line(product("2.00"), "1")));
        service(SubscriptionService.class).pause(early.id());

        clockTo(m.plusDays(7));
        service(SubscriptionService.class).pause(late.id());
        assertEquals(ChangeStatus.APPLIED, service(SubscriptionService.class).changesOf(late.id()).get(0).status());
        assertEquals(List.of(m + "|NW|0.00|10.00", m.plusDays(4) + "|EX|10.00|12.00", m.plusDays(7) + "|CT|12.00|0.00"),
                ledger(late.id()));

        clockTo(m.plusDays(9));
        bill(plan, m.plusDays(9).toString());
        SubscriptionChange c = service(SubscriptionService.class).changesOf(early.id()).stream()
                .filter(x -> x.effectiveDate().equals(m.plusDays(9))).findFirst().orElseThrow();
        assertEquals(ChangeStatus.CANCELLED, c.status());
        assertTrue(c.description().orElseThrow().contains("PAUSED"), c.toString());
        assertEquals(1, service(SubscriptionService.class).find(early.id()).orElseThrow().lines().size());
    }

    /* Two runs at once reach the same due change: it is applied, and its adjustment invoiced, once. */
    @Test
    void pendingChange_twoRunsAtOnce_appliedExactlyOnce() throws Exception {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        Subscription s = subscribe(plan, m.toString(), List.of(line(product("31.00"), "1")));
        bill(plan, m.toString());
        change(s.id(), m.plusDays(10).toString(), Optional.empty(),
                new LineChange.Update(s.lines().get(0).id(), Optional.of(new BigDecimal("2")), Optional.empty(), Optional.empty()));
        clockTo(m.plusDays(10));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<org.idempiere.subscription.api.service.BillingRunReport> reports = new ArrayList<>();
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            Callable<org.idempiere.subscription.api.service.BillingRunReport> run = () -> {
                start.await();
                return service(BillingService.class).run(m.plusDays(10), new BillingScope(Optional.of(plan), Optional.empty()));
            };
            List<Future<org.idempiere.subscription.api.service.BillingRunReport>> runs = List.of(pool.submit(run), pool.submit(run));
            start.countDown();
            for (Future<org.idempiere.subscription.api.service.BillingRunReport> f : runs) {
                reports.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, invoiced(s.id()).size(), "the month, then one credit and one charge");
        assertEquals(1, count("SELECT count(*) FROM sub_change WHERE sub_subscription_id = ? AND changestatus = 'A'", s.id()));
        assertEquals(2, count("SELECT count(*) FROM sub_changelog WHERE sub_subscription_id = ?", s.id()));
        assertEquals(List.of(0, 0), reports.stream().map(r -> r.failuresCount()).toList(), "neither run failed");
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

    /*
     * The customer (through the portal) within the plan's permission: upgrade-only lets them add
     * an option and raise a quantity, not lower it; closing needs a closable plan.
     */
    @Test
    void customerChanges_withinThePlansPermission() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long option = product("4.00");
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Self-service"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE,
                org.idempiere.subscription.api.PriceUpdate.AT_RENEWAL, Optional.empty(),
                new org.idempiere.subscription.api.service.CustomerTerms(org.idempiere.subscription.api.CustomerPermission.UPGRADE_ONLY,
                        List.of(option), false), List.of())).id();
        assertEquals(List.of(option), service(TemplateService.class).find(plan).orElseThrow().customer().options());
        Subscription s = subscribe(plan, m.toString(), List.of(line(product("10.00"), "2")));
        long lineId = s.lines().get(0).id();
        SubscriptionService subscriptions = service(SubscriptionService.class);

        assertRefused(ErrorCode.INVALID_VALUE, "lines[0].quantity", () -> subscriptions.changeByCustomer(s.id(), new ChangeDraft(
                Optional.empty(), Optional.empty(), List.of(new LineChange.Update(lineId, Optional.of(BigDecimal.ONE),
                        Optional.empty(), Optional.empty())))));
        SubscriptionChange ok = subscriptions.changeByCustomer(s.id(), new ChangeDraft(Optional.empty(), Optional.empty(), List.of(
                new LineChange.Update(lineId, Optional.of(new BigDecimal("3")), Optional.empty(), Optional.empty()),
                new LineChange.Add(line(option, "1")))));
        assertEquals(ChangeStatus.APPLIED, ok.status());
        assertEquals(0, new BigDecimal("34.00").compareTo(subscriptions.find(s.id()).orElseThrow().mrr().amount()));
        // the old version's id (quantity 2) does not let the customer go down from 3: it names no line today
        assertRefused(ErrorCode.INVALID_VALUE, "lines[0].lineId", () -> subscriptions.changeByCustomer(s.id(), new ChangeDraft(
                Optional.empty(), Optional.empty(), List.of(new LineChange.Update(lineId, Optional.of(new BigDecimal("2")),
                        Optional.empty(), Optional.empty())))));
        // nor may a change name one line twice, by its old and its current id
        long current = subscriptions.find(s.id()).orElseThrow().lines().stream().filter(l -> l.validTo().isEmpty()
                && l.quantity().compareTo(new BigDecimal("3")) == 0).findFirst().orElseThrow().id();
        assertRefused(ErrorCode.INVALID_VALUE, "lines[1].lineId", () -> subscriptions.change(s.id(), new ChangeDraft(
                Optional.empty(), Optional.empty(), List.of(
                        new LineChange.Update(lineId, Optional.of(new BigDecimal("4")), Optional.empty(), Optional.empty()),
                        new LineChange.Update(current, Optional.of(new BigDecimal("5")), Optional.empty(), Optional.empty())))));

        long reason = service(org.idempiere.subscription.api.service.CloseReasonService.class).create(unique("Moving"),
                Optional.empty()).id();
        assertRefused(ErrorCode.INVALID_STATE, "closable", () -> subscriptions.closeByCustomer(s.id(), reason, Optional.empty()));
        assertEquals(org.idempiere.subscription.api.SubscriptionStatus.ACTIVE, subscriptions.find(s.id()).orElseThrow().status());
    }

    /*
     * A change adding a line by the pack of ten (product listed at 2.50 a unit): the new line keeps
     * its unit and rate, 2 packs x 25.00. A pending change can be cancelled before its day; a
     * customer's plan change takes the new plan's lines, not lines of the customer's own.
     */
    @Test
    void unitsOnAChange_cancellingAPendingOne_andCustomerPlanChanges() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        long units = product("2.50");
        long pack = 1_000_098L;
        service(org.idempiere.subscription.sandbox.internal.host.MasterData.class).addUomConversion(units, pack, BigDecimal.TEN);
        Subscription s = subscribe(plan, m.toString(), List.of(line(product("10.00"), "1")));
        SubscriptionChange packs = change(s.id(), null, Optional.empty(), new LineChange.Add(new LineDraft(units, new BigDecimal("2"),
                Optional.empty(), BigDecimal.ZERO, false, Optional.of(pack))));
        assertEquals(ChangeStatus.APPLIED, packs.status());
        org.idempiere.subscription.api.service.SubscriptionLine added = service(SubscriptionService.class).find(s.id()).orElseThrow()
                .lines().stream().filter(l -> l.productId() == units).findFirst().orElseThrow();
        assertEquals(pack, added.uomId());
        assertEquals(0, BigDecimal.TEN.compareTo(added.uomRate()));
        assertEquals(0, new BigDecimal("60.00").compareTo(service(SubscriptionService.class).find(s.id()).orElseThrow().mrr().amount()),
                "10.00 + 2 x 25.00");

        SubscriptionChange later = change(s.id(), m.plusDays(5).toString(), Optional.empty(),
                new LineChange.Add(line(product("1.00"), "1")));
        SubscriptionChange cancelled = service(SubscriptionService.class).cancelChange(s.id(), later.id());
        assertEquals(ChangeStatus.CANCELLED, cancelled.status());
        assertRefused(ErrorCode.INVALID_STATE, "status", () -> service(SubscriptionService.class).cancelChange(s.id(), later.id()));
        assertRefused(ErrorCode.NOT_FOUND, "id", () -> service(SubscriptionService.class).cancelChange(s.id(), Long.MAX_VALUE));

        long open = service(TemplateService.class).create(new TemplateDraft(unique("Open"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE,
                org.idempiere.subscription.api.PriceUpdate.AT_RENEWAL, Optional.empty(),
                new org.idempiere.subscription.api.service.CustomerTerms(
                        org.idempiere.subscription.api.CustomerPermission.UPGRADE_DOWNGRADE, List.of(), true), List.of())).id();
        Subscription mine = subscribe(open, m.toString(), List.of(line(product("10.00"), "1")));
        long other = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of(line(product("20.00"), "1")));
        assertRefused(ErrorCode.INVALID_VALUE, "lines", () -> service(SubscriptionService.class).changeByCustomer(mine.id(),
                new ChangeDraft(Optional.empty(), Optional.of(other), List.of(new LineChange.Update(mine.lines().get(0).id(),
                        Optional.of(BigDecimal.TEN), Optional.empty(), Optional.empty())))));
    }

    /*
     * A plan that closes after 10 days unpaid: of two subscriptions billed on the 1st, the one whose
     * invoice was paid stays active on the 11th; the other is closed that day with a churn entry
     * naming its invoice. On the 10th, neither is closed yet.
     */
    @Test
    void unpaidInvoice_closesTheSubscriptionAfterTheTemplatesDays() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Strict"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE,
                org.idempiere.subscription.api.PriceUpdate.AT_RENEWAL, Optional.empty(),
                org.idempiere.subscription.api.service.CustomerTerms.NONE, Optional.of(10), List.of())).id();
        Subscription paid = subscribe(plan, m.toString(), List.of(line(product("10.00"), "1")));
        Subscription open = subscribe(plan, m.toString(), List.of(line(product("10.00"), "1")));
        bill(plan, m.toString());
        service(org.idempiere.subscription.sandbox.internal.host.MasterData.class).payInvoice(
                service(BillingService.class).invoicesOf(paid.id()).get(0).id());
        long openInvoice = service(BillingService.class).invoicesOf(open.id()).get(0).id();

        clockTo(m.plusDays(9));
        bill(plan, m.plusDays(9).toString());
        assertEquals(org.idempiere.subscription.api.SubscriptionStatus.ACTIVE,
                service(SubscriptionService.class).find(open.id()).orElseThrow().status(), "9 days: not yet");
        clockTo(m.plusDays(10));
        bill(plan, m.plusDays(10).toString());
        Subscription closed = service(SubscriptionService.class).find(open.id()).orElseThrow();
        assertEquals(org.idempiere.subscription.api.SubscriptionStatus.CLOSED, closed.status());
        assertEquals(Optional.of(m.plusDays(10)), closed.dateClosed());
        assertEquals(List.of(m.plusDays(10) + "|CH|10.00|0.00|Unpaid: invoice " + openInvoice + " of " + m + " still open after 10 days"),
                rows("SELECT datetrx, changetype, mrrbefore, mrrafter, description FROM sub_changelog WHERE sub_subscription_id = ?"
                        + " AND changetype = 'CH'", open.id()));
        assertEquals(org.idempiere.subscription.api.SubscriptionStatus.ACTIVE,
                service(SubscriptionService.class).find(paid.id()).orElseThrow().status());
    }

    /*
     * A late close dated before a change of plan already applied carries the plan in force on its day
     * (decision 0048). Plans A, B (default line: 1 x 10.00) and C (2 x 10.00) close after 10 days unpaid.
     * Both subscriptions start on A on the 1st (10.00) and are billed; on the 13th S1 moves to B at the same
     * price (no MRR move: no entry) and S2 to C (an entry 10.00 -> 20.00 on C). Runs for the 11th, made on
     * the 13th, close both unpaid on the 11th:
     *
     *   S1: 1st NW 10.00 A | 11th CH A (was B: the plan now)  | 13th plan B, no entry
     *   S2: 1st NW 10.00 A | 11th CH A (was C)                | 13th EX 10.00 -> 20.00 C
     *
     * Churn by plan over the month: A has both churn entries (-10.00 each, measured from the 1st's entry); B
     * and C none.
     */
    @Test
    void lateClose_afterAChangeOfPlan_carriesThePlanInForceOnItsDay() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long product = product("10.00");
        java.util.function.Function<List<LineDraft>, Long> strict = defaults -> service(TemplateService.class).create(new TemplateDraft(
                unique("Strict"), Optional.empty(), Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(),
                ChangeTiming.IMMEDIATE, org.idempiere.subscription.api.PriceUpdate.AT_RENEWAL, Optional.empty(),
                org.idempiere.subscription.api.service.CustomerTerms.NONE, Optional.of(10), defaults)).id();
        long a = strict.apply(List.of());
        long b = strict.apply(List.of(line(product, "1")));
        long c = strict.apply(List.of(line(product, "2")));
        Subscription s1 = subscribe(a, m.toString(), List.of(line(product, "1")));
        Subscription s2 = subscribe(a, m.toString(), List.of(line(product, "1")));
        bill(a, m.toString());
        clockTo(m.plusDays(12));
        change(s1.id(), m.plusDays(12).toString(), Optional.of(b));
        change(s2.id(), m.plusDays(12).toString(), Optional.of(c));
        bill(b, m.plusDays(10).toString());
        bill(c, m.plusDays(10).toString());
        String plan = "|" + a;
        // s1's change to B keeps its MRR: a plan transfer on the 13th (decision 0053); its late close still counts on A
        assertEquals(List.of(m + "|NW|10.00" + plan, m.plusDays(12) + "|PT|10.00|" + b, m.plusDays(10) + "|CH|0.00" + plan), rows("SELECT datetrx, changetype,"
                + " mrrafter, sub_template_id FROM sub_changelog WHERE sub_subscription_id = ? ORDER BY sub_changelog_id", s1.id()));
        assertEquals(List.of(m + "|NW|10.00" + plan, m.plusDays(12) + "|EX|20.00|" + c, m.plusDays(10) + "|CH|0.00" + plan),
                rows("SELECT datetrx, changetype, mrrafter, sub_template_id FROM sub_changelog WHERE sub_subscription_id = ?"
                        + " ORDER BY sub_changelog_id", s2.id()));
        org.idempiere.subscription.api.service.AnalyticsService analytics = service(org.idempiere.subscription.api.service.AnalyticsService.class);
        for (long p : List.of(a, b, c)) {
            org.idempiere.subscription.api.service.ChurnAnalysis churn = analytics.churn(new org.idempiere.subscription.api.service.AnalyticsQuery(
                    m, m.plusDays(30), org.idempiere.subscription.api.service.Granularity.MONTH, Optional.of(p), Optional.of("EUR"),
                    Optional.empty()));
            assertEquals(p == a ? List.of(a + " -20.00 2") : List.of(), churn.byPlan().stream()
                    .map(g -> g.key() + " " + g.movements().churnVoluntary() + " " + g.subscriptions()).toList(), "churn on plan " + p);
        }
    }

    /*
     * A 12-month term priced at renewal: the list price goes from 10.00 to 12.00 on day 6; raising the
     * quantity from 1 to 2 on day 11 keeps the term's price. Days 11..31 of 31: 10.00 - round(10.00
     * x 10/31) = 6.77 a unit: credit 1 x 6.77, charge 2 x 6.77. The next month: 2 x 10.00.
     */
    @Test
    void changeUnderAtRenewalPricing_keepsTheTermsPrice() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long product = product("10.00");
        service(org.idempiere.subscription.sandbox.internal.host.MasterData.class).addPrice(product, new BigDecimal("12.00"), "EUR",
                m.plusDays(5));
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Yearly term"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.of(new org.idempiere.subscription.api.service.Term(12, true)),
                Optional.empty(), ChangeTiming.IMMEDIATE, List.of())).id();
        Subscription s = subscribe(plan, m.toString(), List.of(line(product, "1")));
        bill(plan, m.toString());
        change(s.id(), m.plusDays(10).toString(), Optional.empty(),
                new LineChange.Update(s.lines().get(0).id(), Optional.of(new BigDecimal("2")), Optional.empty(), Optional.empty()));
        clockTo(m.plusDays(10));
        bill(plan, m.plusDays(10).toString());
        bill(plan, m.plusMonths(1).toString());
        LocalDate mEnd = m.plusMonths(1).minusDays(1);
        assertEquals(List.of(
                line(m, m, mEnd, "1 x 10.00 = 10.00"),
                line(m.plusDays(10), m.plusDays(10), mEnd, "1 x -6.77 = -6.77"),
                line(m.plusDays(10), m.plusDays(10), mEnd, "2 x 6.77 = 13.54"),
                line(m.plusMonths(1), m.plusMonths(1), m.plusMonths(2).minusDays(1), "2 x 10.00 = 20.00")), invoiced(s.id()));
    }

    /*
     * Currency change on day 16: 1 x 10.00 EUR (CZK list price 250.00) becomes 250.00 CZK of MRR; the
     * ledger moves the MRR between currencies with two CURRENCY_TRANSFER entries, no churn; the next
     * month is invoiced in CZK. A line change inside the month billed in EUR is refused; a fixed
     * price keeps a subscription in its currency.
     */
    @Test
    void currencyChange_movesMrrBetweenCurrencies() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        long product = product("10.00");
        service(org.idempiere.subscription.sandbox.internal.host.MasterData.class).addPrice(product, new BigDecimal("250.00"), "CZK",
                m.minusYears(1));
        Subscription s = subscribe(plan, m.toString(), List.of(line(product, "1")));
        bill(plan, m.toString());
        clockTo(m.plusDays(15));
        Subscription moved = service(SubscriptionService.class).changeCurrency(s.id(), "CZK");
        assertEquals("CZK", moved.mrr().currency().getCurrencyCode());
        assertEquals(0, new BigDecimal("250.00").compareTo(moved.mrr().amount()));
        assertEquals(List.of(m + "|NW|0.00|10.00", m.plusDays(15) + "|CU|10.00|0.00", m.plusDays(15) + "|CU|0.00|250.00"),
                ledger(s.id()));
        assertRefused(ErrorCode.INVALID_VALUE, "currency", () -> service(SubscriptionService.class).changeCurrency(s.id(), "CZK"));
        assertRefused(ErrorCode.INVALID_VALUE, "effectiveDate", () -> change(s.id(), null, Optional.empty(),
                new LineChange.Add(line(product, "1"))));
        bill(plan, m.plusMonths(1).toString());
        InvoiceView next = service(BillingService.class).invoicesOf(s.id()).get(1);
        assertEquals("CZK", next.currency());
        assertEquals(0, new BigDecimal("250.00").compareTo(next.totalLines()));

        Subscription fixed = subscribe(plan, m.toString(), List.of(new LineDraft(product, BigDecimal.ONE,
                Optional.of(new BigDecimal("9.00")), BigDecimal.ZERO)));
        assertRefused(ErrorCode.INVALID_VALUE, "lines[0].unitPrice",
                () -> service(SubscriptionService.class).changeCurrency(fixed.id(), "CZK"));
    }

    /*
     * Monthly in arrears from the 1st of a 30-day month at 30.00, closed on day 11 before any run:
     * the 10 days served stay due and are invoiced on the period's regular date (the next 1st),
     * round(30.00 x 10/30) = 10.00; nothing more after. Reactivating is refused while they are
     * due; once a run billing ahead has billed them, it is refused for the rest of that period
     * (its remaining days could not be billed any more) and allowed from the next one.
     */
    @Test
    void closeInArrears_billsTheDaysServed() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ARREARS, ChangeTiming.IMMEDIATE, List.of());
        Subscription s = subscribe(plan, m.toString(), List.of(line(product("30.00"), "1")));
        clockTo(m.plusDays(10));
        Subscription closed = service(SubscriptionService.class).close(s.id(), "Moving away");
        assertEquals(Optional.of(m.plusMonths(1)), closed.nextInvoiceDate());
        assertRefused(ErrorCode.INVALID_STATE, "nextInvoiceDate", () -> service(SubscriptionService.class).reactivate(s.id()));
        bill(plan, m.plusMonths(3).toString());
        assertEquals(List.of(line(m.plusMonths(1), m, m.plusDays(9), "1 x 10.00 = 10.00")), invoiced(s.id()));
        assertRefused(ErrorCode.INVALID_STATE, "dateClosed", () -> service(SubscriptionService.class).reactivate(s.id()));
        clockTo(m.plusMonths(1));
        assertEquals(org.idempiere.subscription.api.SubscriptionStatus.ACTIVE,
                service(SubscriptionService.class).reactivate(s.id()).status());
    }

    /*
     * The preview of the next invoice sees a pending change the run would apply first (dated on or
     * before the next invoice date), and not one dated later; the run then invoices what the
     * preview showed. Monthly in advance from the 1st of a 31-day month M, 1 x 31.00, M billed.
     */
    @Test
    void preview_seesAPendingChangeDatedByTheNextInvoice() {
        LocalDate m = nextMonthOf(31);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        long product = product("31.00");
        Subscription now = subscribe(plan, m.toString(), List.of(line(product, "1")));
        Subscription later = subscribe(plan, m.toString(), List.of(line(product, "1")));
        bill(plan, m.toString());
        change(now.id(), n.toString(), Optional.empty(),
                new LineChange.Update(now.lines().get(0).id(), Optional.of(new BigDecimal("3")), Optional.empty(), Optional.empty()));
        change(later.id(), n.plusDays(10).toString(), Optional.empty(),
                new LineChange.Update(later.lines().get(0).id(), Optional.of(new BigDecimal("3")), Optional.empty(), Optional.empty()));

        org.idempiere.subscription.api.service.InvoicePreview withChange = service(BillingService.class).preview(now.id());
        assertEquals(n, withChange.dateInvoiced());
        assertEquals(new BigDecimal("93.00"), withChange.totalLines());
        assertEquals(new BigDecimal("31.00"), service(BillingService.class).preview(later.id()).totalLines());
        assertEquals(ChangeStatus.PENDING, service(SubscriptionService.class).changesOf(now.id()).get(0).status(),
                "the preview wrote nothing");

        clockTo(n);
        bill(plan, n.toString());
        assertEquals(List.of(line(n, n, n.plusMonths(1).minusDays(1), "3 x 31.00 = 93.00")),
                invoiced(now.id()).subList(1, invoiced(now.id()).size()));
    }

    /*
     * Several changes pending at once, applied by the runs on their days in order: an upgrade to
     * 2 on N1 and a downgrade back to 1 on O1, both naming the line as it is today (the second
     * changes the first's new version). Monthly in advance at 30.00 from M1 (30-day month).
     * A change dated before a pending one, or removing a line a pending one removes, is refused.
     */
    @Test
    void severalPendingChanges_applyInOrder_onTheirDays() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        LocalDate o = n.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        Subscription s = subscribe(plan, m.toString(), List.of(line(product("30.00"), "1"), line(product("5.00"), "1")));
        long main = s.lines().get(0).id();
        long extra = s.lines().get(1).id();
        bill(plan, m.toString());
        change(s.id(), n.toString(), Optional.empty(),
                new LineChange.Update(main, Optional.of(new BigDecimal("2")), Optional.empty(), Optional.empty()),
                new LineChange.Remove(extra));
        change(s.id(), o.toString(), Optional.empty(),
                new LineChange.Update(main, Optional.of(BigDecimal.ONE), Optional.empty(), Optional.empty()));
        assertRefused(ErrorCode.INVALID_VALUE, "effectiveDate", () -> change(s.id(), n.plusDays(3).toString(), Optional.empty(),
                new LineChange.Add(line(product("1.00"), "1"))));
        assertRefused(ErrorCode.INVALID_VALUE, "lines[0].lineId", () -> change(s.id(), o.plusDays(1).toString(), Optional.empty(),
                new LineChange.Remove(extra)));
        assertEquals(new BigDecimal("60.00"), service(BillingService.class).preview(s.id()).totalLines(), "N at 2 x 30.00");

        clockTo(n);
        bill(plan, n.toString());
        clockTo(o);
        bill(plan, o.toString());
        List<String> lines = invoiced(s.id());
        assertEquals(List.of(line(n, n, n.plusMonths(1).minusDays(1), "2 x 30.00 = 60.00"),
                line(o, o, o.plusMonths(1).minusDays(1), "1 x 30.00 = 30.00")), lines.subList(2, lines.size()));
        assertEquals(List.of(m + "|NW|0.00|35.00", n + "|EX|35.00|60.00", o + "|CT|60.00|30.00"), ledger(s.id()));
        assertEquals(List.of(ChangeStatus.APPLIED, ChangeStatus.APPLIED),
                service(SubscriptionService.class).changesOf(s.id()).stream().map(SubscriptionChange::status).toList());
    }

    /*
     * A change requested while an earlier one is due but not applied yet (no run since its day)
     * applies that one first, then itself: the line's versions follow one another, never fork.
     * Monthly in advance at 30.00 from M1; M and N billed. c1 on N1: qty 2; requested on N3 (no
     * run since N1), c2 for today: qty 3. The versions: 1 until N1, 2 on N1..N2, 3 from N3.
     */
    @Test
    void aChangeRequestedWhileAnEarlierOneIsDue_appliesThatOneFirst() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        Subscription s = subscribe(plan, m.toString(), List.of(line(product("30.00"), "1")));
        long l = s.lines().get(0).id();
        bill(plan, n.toString()); // M, and N billed ahead at 1 x 30.00
        change(s.id(), n.toString(), Optional.empty(),
                new LineChange.Update(l, Optional.of(new BigDecimal("2")), Optional.empty(), Optional.empty()));
        clockTo(n.plusDays(2));
        change(s.id(), null, Optional.empty(),
                new LineChange.Update(l, Optional.of(new BigDecimal("3")), Optional.empty(), Optional.empty()));
        assertEquals(List.of(ChangeStatus.APPLIED, ChangeStatus.APPLIED),
                service(SubscriptionService.class).changesOf(s.id()).stream().map(SubscriptionChange::status).toList());
        List<String> versions = rows("SELECT qtyentered, validfrom, validto FROM sub_subscriptionline WHERE sub_subscription_id = ?"
                + " ORDER BY sub_subscriptionline_id", s.id());
        assertEquals(List.of("1|null|" + n.minusDays(1), "2|" + n + "|" + n.plusDays(1), "3|" + n.plusDays(2) + "|null"),
                versions.stream().map(v -> v.replaceAll("\\.0+\\b", "")).toList());
        assertEquals(new BigDecimal("90.00"), service(SubscriptionService.class).find(s.id()).orElseThrow().mrr().amount());
    }

    /* Cancelling an earlier pending change that added a line cannot leave the subscription without a recurring line. */
    @Test
    void aChangeThatWouldLeaveNoRecurringLine_afterAnEarlierOneIsCancelled_isNotApplied() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long plan = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        Subscription s = subscribe(plan, m.toString(), List.of(line(product("10.00"), "1")));
        SubscriptionChange add = change(s.id(), m.plusDays(5).toString(), Optional.empty(), new LineChange.Add(line(product("4.00"), "1")));
        SubscriptionChange remove = change(s.id(), m.plusDays(9).toString(), Optional.empty(),
                new LineChange.Remove(s.lines().get(0).id()));
        service(SubscriptionService.class).cancelChange(s.id(), add.id());
        clockTo(m.plusDays(9));
        org.idempiere.subscription.api.service.BillingRunReport report = service(BillingService.class).run(m.plusDays(9),
                new BillingScope(Optional.of(plan), Optional.empty()));
        assertEquals(1, report.failuresCount(), report.toString());
        assertTrue(report.failures().get(0).message().contains("no recurring line"), report.toString());
        assertEquals(ChangeStatus.PENDING, service(SubscriptionService.class).changesOf(s.id()).stream()
                .filter(c -> c.id() == remove.id()).findFirst().orElseThrow().status());
        assertEquals(1, service(SubscriptionService.class).find(s.id()).orElseThrow().lines().size());
    }

    /*
     * AT_RENEWAL: a fixed term of three months from M1 that renews; a change asked for in the
     * first term takes effect on the first day of the second term (M+3), without proration.
     */
    @Test
    void atRenewalTiming_movesTheChangeToTheNextTerm() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Quarter terms"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.of(new org.idempiere.subscription.api.service.Term(3, true)),
                Optional.empty(), ChangeTiming.AT_RENEWAL, List.of())).id();
        Subscription s = subscribe(plan, m.toString(), List.of(line(product("10.00"), "1")));
        clockTo(m.plusDays(40));
        SubscriptionChange c = change(s.id(), null, Optional.empty(),
                new LineChange.Update(s.lines().get(0).id(), Optional.of(new BigDecimal("2")), Optional.empty(), Optional.empty()));
        assertEquals(m.plusMonths(3), c.effectiveDate());
        assertEquals(ChangeStatus.PENDING, c.status());
        SubscriptionChange onTermStart = change(s.id(), m.plusMonths(6).toString(), Optional.empty(),
                new LineChange.Add(line(product("1.00"), "1")));
        assertEquals(m.plusMonths(6), onTermStart.effectiveDate(), "a term's first day stays");
    }

    /*
     * A plan change to another recurrence: monthly in advance at 30.00 from M1 (no run yet),
     * moved on day 11 to a yearly plan whose default line is 300.00 a year. It takes effect on the
     * next period's first day N1; the first run after it bills M first (the periods before a
     * change of recurrence are billed under the old plan) and stops there; the next run applies
     * the change, and a run of the yearly plan bills the year from N1. The MRR goes from 30.00 to
     * 25.00 (300.00 / 12).
     */
    @Test
    void planChangeToAnotherRecurrence_takesEffectAtTheNextPeriod_andCountsPeriodsFromThere() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long monthly = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        long yearly = service(TemplateService.class).create(new TemplateDraft(unique("Yearly"), Optional.empty(),
                new Recurrence(1, RecurrenceUnit.YEAR), BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(),
                ChangeTiming.IMMEDIATE, List.of(line(product("300.00"), "1")))).id();
        Subscription s = subscribe(monthly, m.toString(), List.of(line(product("30.00"), "1")));
        clockTo(m.plusDays(10));
        assertRefused(ErrorCode.INVALID_VALUE, "lines", () -> change(s.id(), null, Optional.of(yearly),
                new LineChange.Add(line(product("1.00"), "1"))));
        SubscriptionChange c = change(s.id(), null, Optional.of(yearly));
        assertEquals(n, c.effectiveDate(), "the next period's first day");
        assertEquals(ChangeStatus.PENDING, c.status());
        assertRefused(ErrorCode.INVALID_STATE, "recurrenceChangeDate", () -> change(s.id(), null, Optional.empty(),
                new LineChange.Add(line(product("1.00"), "1"))));

        clockTo(n.plusDays(2));
        bill(monthly, n.plusDays(2).toString());
        assertEquals(List.of(line(m, m, m.plusDays(29), "1 x 30.00 = 30.00")), invoiced(s.id()), "M only, under the old plan");
        assertEquals(ChangeStatus.PENDING, service(SubscriptionService.class).changesOf(s.id()).get(0).status());
        org.idempiere.subscription.api.service.InvoicePreview first = service(BillingService.class).preview(s.id());
        assertEquals(n, first.dateInvoiced(), "the preview shows the first yearly invoice, the change projected");
        assertEquals(new org.idempiere.subscription.api.ServicePeriod(n, n.plusYears(1).minusDays(1)), first.period());
        assertEquals(new BigDecimal("300.00"), first.totalLines());
        bill(monthly, n.plusDays(2).toString()); // applies the change: the subscription is on the yearly plan now
        assertEquals(ChangeStatus.APPLIED, service(SubscriptionService.class).changesOf(s.id()).get(0).status());
        bill(yearly, n.plusDays(2).toString());
        Subscription after = service(SubscriptionService.class).find(s.id()).orElseThrow();
        assertEquals(new Recurrence(1, RecurrenceUnit.YEAR), after.plan().recurrence());
        assertEquals(yearly, after.templateId());
        assertEquals(List.of(line(m, m, m.plusDays(29), "1 x 30.00 = 30.00"),
                line(n, n, n.plusYears(1).minusDays(1), "1 x 300.00 = 300.00")), invoiced(s.id()));
        assertEquals(Optional.of(n.plusYears(1)), after.nextInvoiceDate());
        assertEquals(List.of(m + "|NW|0.00|30.00", n + "|CT|30.00|25.00"), ledger(s.id()));
    }

    /* A change of recurrence is refused for a subscription billed in arrears, or with a fixed term. */
    @Test
    void planChangeToAnotherRecurrence_refusedInArrearsOrWithATerm() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long yearly = service(TemplateService.class).create(new TemplateDraft(unique("Yearly"), Optional.empty(),
                new Recurrence(1, RecurrenceUnit.YEAR), BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(),
                ChangeTiming.IMMEDIATE, List.of(line(product("120.00"), "1")))).id();
        Subscription arrears = subscribe(plan(BillingTiming.IN_ARREARS, ChangeTiming.IMMEDIATE, List.of()), m.toString(),
                List.of(line(product("10.00"), "1")));
        assertRefused(ErrorCode.INVALID_VALUE, "templateId", () -> change(arrears.id(), null, Optional.of(yearly)));
        long termed = service(TemplateService.class).create(new TemplateDraft(unique("Termed"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.of(new org.idempiere.subscription.api.service.Term(12, true)))).id();
        Subscription fixed = subscribe(termed, m.toString(), List.of(line(product("10.00"), "1")));
        assertRefused(ErrorCode.INVALID_VALUE, "templateId", () -> change(fixed.id(), null, Optional.of(yearly)));
        assertEquals(List.of(), service(SubscriptionService.class).changesOf(arrears.id()));
        assertEquals(List.of(), service(SubscriptionService.class).changesOf(fixed.id()));
    }

    /*
     * AT_RENEWAL after a run billing ahead recorded the next term already: the change still takes
     * effect at the end of the term it was asked in (M+3), not a term later.
     */
    @Test
    void atRenewalTiming_afterARunBillingAheadRenewedTheTerm() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Quarter terms"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.of(new org.idempiere.subscription.api.service.Term(3, true)),
                Optional.empty(), ChangeTiming.AT_RENEWAL, List.of())).id();
        Subscription s = subscribe(plan, m.toString(), List.of(line(product("10.00"), "1")));
        clockTo(m.plusMonths(2).plusDays(20));
        bill(plan, m.plusMonths(3).toString()); // ahead: the fourth month, the next term recorded
        assertEquals(Optional.of(m.plusMonths(6).minusDays(1)), service(SubscriptionService.class).find(s.id()).orElseThrow()
                .termEndDate());
        SubscriptionChange c = change(s.id(), null, Optional.empty(),
                new LineChange.Update(s.lines().get(0).id(), Optional.of(new BigDecimal("2")), Optional.empty(), Optional.empty()));
        assertEquals(m.plusMonths(3), c.effectiveDate());
    }

    /* A change of recurrence asked for on the first day of a period not billed yet applies at once. */
    @Test
    void planChangeToAnotherRecurrence_onAPeriodsFirstDay_appliesAtOnce() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long monthly = plan(BillingTiming.IN_ADVANCE, ChangeTiming.IMMEDIATE, List.of());
        long yearly = service(TemplateService.class).create(new TemplateDraft(unique("Yearly"), Optional.empty(),
                new Recurrence(1, RecurrenceUnit.YEAR), BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(),
                ChangeTiming.IMMEDIATE, List.of(line(product("240.00"), "1")))).id();
        Subscription s = subscribe(monthly, m.toString(), List.of(line(product("30.00"), "1")));
        bill(monthly, m.toString());
        clockTo(n);
        SubscriptionChange c = change(s.id(), null, Optional.of(yearly));
        assertEquals(n, c.effectiveDate());
        assertEquals(ChangeStatus.APPLIED, c.status());
        Subscription after = service(SubscriptionService.class).find(s.id()).orElseThrow();
        assertEquals(new Recurrence(1, RecurrenceUnit.YEAR), after.plan().recurrence());
        assertEquals(new BigDecimal("20.00"), after.mrr().amount());
        bill(yearly, n.toString());
        assertEquals(List.of(line(m, m, m.plusDays(29), "1 x 30.00 = 30.00"),
                line(n, n, n.plusYears(1).minusDays(1), "1 x 240.00 = 240.00")), invoiced(s.id()));
    }
}
