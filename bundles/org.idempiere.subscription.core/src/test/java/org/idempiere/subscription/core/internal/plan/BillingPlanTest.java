package org.idempiere.subscription.core.internal.plan;

import static org.idempiere.subscription.core.internal.plan.Timelines.FIXED;
import static org.idempiere.subscription.core.internal.plan.Timelines.d;
import static org.idempiere.subscription.core.internal.plan.Timelines.fee;
import static org.idempiere.subscription.core.internal.plan.Timelines.invoices;
import static org.idempiere.subscription.core.internal.plan.Timelines.line;
import static org.idempiere.subscription.core.internal.plan.Timelines.monthly;
import static org.idempiere.subscription.core.internal.plan.Timelines.plan;
import static org.idempiere.subscription.core.internal.plan.Timelines.served;
import static org.idempiere.subscription.core.internal.plan.Timelines.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.service.Term;
import org.junit.jupiter.api.Test;

/**
 * The due periods of a subscription and their charges, case by case, each with its timeline drawn
 * above it and the amounts computed by hand. Prices are fixed on the lines (EUR).
 */
class BillingPlanTest {

    /*
     * monthly, in advance, anniversary on the 31st: month ends do not drift
     *   |-- 01-31..02-27 --|-- 02-28..03-30 --|-- 03-31..04-29 --|
     *   ^inv 01-31         ^inv 02-28         ^inv 03-31          next 04-30
     */
    @Test
    void inAdvance_fromTheLastDayOfAMonth_periodsCountedFromTheStart() {
        Timeline t = served(monthly(BillingTiming.IN_ADVANCE), "2026-01-31", line(1, 10, "1", "30.00", null, null));
        BillingPlan.Outcome o = BillingPlan.due(t, d("2026-03-31"));
        assertEquals(List.of("2026-01-31: 2026-01-31..2026-02-27 = 30.00", "2026-02-28: 2026-02-28..2026-03-30 = 30.00",
                "2026-03-31: 2026-03-31..2026-04-29 = 30.00"), invoices(t, o));
        assertEquals(d("2026-04-30"), o.next());
    }

    /*
     * monthly, in arrears: each period invoiced the day after its last
     *   |-- 01-31..02-27 --|-- 02-28..03-30 --|
     *                      ^inv 02-28         ^inv 03-31   (as of 03-31: both)
     */
    @Test
    void inArrears_invoicesTheDayAfterEachPeriod() {
        Timeline t = served(monthly(BillingTiming.IN_ARREARS), "2026-01-31", line(1, 10, "1", "30.00", null, null));
        BillingPlan.Outcome o = BillingPlan.due(t, d("2026-03-31"));
        assertEquals(List.of("2026-02-28: 2026-01-31..2026-02-27 = 30.00", "2026-03-31: 2026-02-28..2026-03-30 = 30.00"),
                invoices(t, o));
        assertEquals(d("2026-04-30"), o.next());
    }

    /*
     * calendar alignment on day 1, start 01-15: a shorter first period, its share by days of January
     *   |01-01 .. (01-15 .. 01-31)|-- 02-01..02-28 --|
     *    whole: 31 days; 17 served  31.00 x 31/31 - 31.00 x 14/31 = 17.00
     *   a setup fee comes in full with the first period: 17.00 + 50.00
     */
    @Test
    void calendarAligned_shortFirstPeriodProrated_setupFeeInFull() {
        Timeline t = served(plan(1, RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, null, 1), "2026-01-15",
                line(1, 10, "1", "31.00", null, null), fee(2, 20, "50.00", null));
        BillingPlan.Outcome o = BillingPlan.due(t, d("2026-02-01"));
        assertEquals(List.of("2026-01-15: 2026-01-15..2026-01-31 = 67.00", "2026-02-01: 2026-02-01..2026-02-28 = 31.00"),
                invoices(t, o));
        assertEquals(d("2026-03-01"), o.next());
    }

    /*
     * yearly from 29 February 2028: the anniversary falls on 28 February in other years
     *   |-- 2028-02-29..2029-02-27 --|-- 2029-02-28..2030-02-27 --|-- 2030-02-28..2031-02-27 --|
     */
    @Test
    void yearly_fromTheTwentyNinthOfFebruary() {
        Timeline t = served(plan(1, RecurrenceUnit.YEAR, BillingTiming.IN_ADVANCE, null, null), "2028-02-29",
                line(1, 10, "1", "120.00", null, null));
        BillingPlan.Outcome o = BillingPlan.due(t, d("2030-03-01"));
        assertEquals(List.of("2028-02-29: 2028-02-29..2029-02-27 = 120.00", "2029-02-28: 2029-02-28..2030-02-27 = 120.00",
                "2030-02-28: 2030-02-28..2031-02-27 = 120.00"), invoices(t, o));
        assertEquals(d("2031-02-28"), o.next());
    }

    /*
     * a term of 3 months that does not renew: three invoices, then it expires on 04-01
     *   |-- Jan --|-- Feb --|-- Mar --|x 04-01
     */
    @Test
    void fixedTerm_notRenewing_expiresTheDayAfterItsLastPeriod() {
        Timeline t = served(plan(1, RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, new Term(3, false), null), "2026-01-01",
                line(1, 10, "1", "10.00", null, null));
        BillingPlan.Outcome o = BillingPlan.due(t, d("2026-12-31"));
        assertEquals(3, o.periods().size());
        assertEquals(Optional.of(d("2026-04-01")), o.expiresOn());
        assertEquals(d("2026-03-31"), o.termEndDate());
    }

    /*
     * a renewing term of 3 months: the fourth period renews it to 06-30
     *   |-- Jan --|-- Feb --|-- Mar --|-- Apr (term 2) ...
     */
    @Test
    void fixedTerm_renewing_movesTheTermEnd() {
        Timeline t = served(plan(1, RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, new Term(3, true), null), "2026-01-01",
                line(1, 10, "1", "10.00", null, null));
        BillingPlan.Outcome o = BillingPlan.due(t, d("2026-04-01"));
        assertEquals(4, o.periods().size());
        assertEquals(d("2026-06-30"), o.termEndDate());
        assertEquals(Optional.empty(), o.expiresOn());
    }

    /* notice not to renew, ending 03-31: a renewing term stops there all the same */
    @Test
    void noticeNotToRenew_endsServiceAtItsDay() {
        Timeline served = served(plan(1, RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, new Term(3, true), null), "2026-01-01",
                line(1, 10, "1", "10.00", null, null));
        Timeline t = with(served, served.nextInvoiceDate(), served.termEndDate(), d("2026-03-31"), null, null, false);
        BillingPlan.Outcome o = BillingPlan.due(t, d("2026-12-31"));
        assertEquals(3, o.periods().size());
        assertEquals(Optional.of(d("2026-04-01")), o.expiresOn());
    }

    /*
     * in arrears, paused on 03-11: the pause ended the line on 03-10; February and the served days
     * of March are still billed, then nothing
     *   |-- Feb --|== 03-01..03-10 ==|.. paused ..
     *             ^inv 03-01         ^inv 04-01: 31.00 x 10/31 = 10.00
     */
    @Test
    void pausedInArrears_billsTheDaysServedBeforeThePause() {
        Timeline base = served(monthly(BillingTiming.IN_ARREARS), "2026-01-01", line(1, 10, "1", "31.00", null, "2026-03-10"));
        Timeline t = with(base, d("2026-03-01"), null, null, null, d("2026-03-10"), true);
        BillingPlan.Outcome o = BillingPlan.due(t, d("2026-06-01"));
        assertEquals(List.of("2026-03-01: 2026-02-01..2026-02-28 = 31.00", "2026-04-01: 2026-03-01..2026-03-31 = 10.00"),
                invoices(t, o));
        assertNull(o.next());
    }

    /* in arrears, closed on 03-11: the last period is billed for 03-01..03-10 only */
    @Test
    void closedInArrears_lastPeriodClippedToTheDaysServed() {
        Timeline base = served(monthly(BillingTiming.IN_ARREARS), "2026-01-01", line(1, 10, "1", "31.00", null, null));
        Timeline t = with(base, d("2026-04-01"), null, null, null, d("2026-03-10"), false);
        BillingPlan.Outcome o = BillingPlan.due(t, d("2026-06-01"));
        assertEquals(List.of("2026-04-01: 2026-03-01..2026-03-10 = 10.00"), invoices(t, o));
        assertNull(o.next());
    }

    /* a pending change of recurrence on 03-01: billing stops before it */
    @Test
    void pendingRecurrenceChange_stopsPlanningBeforeItsDay() {
        Timeline base = served(monthly(BillingTiming.IN_ADVANCE), "2026-01-01", line(1, 10, "1", "10.00", null, null));
        Timeline t = with(base, base.nextInvoiceDate(), null, null, d("2026-03-01"), null, false);
        BillingPlan.Outcome o = BillingPlan.due(t, d("2026-12-31"));
        assertEquals(2, o.periods().size());
        assertEquals(d("2026-03-01"), o.next());
    }

    /* a period all of whose days fall into a pause is passed over without an invoice */
    @Test
    void periodWhollyPaused_isNotInvoiced() {
        Timeline base = served(monthly(BillingTiming.IN_ADVANCE), "2026-01-01", line(1, 10, "1", "31.00", null, "2026-01-31"),
                line(2, 10, "1", "31.00", "2026-03-10", null));
        Timeline t = with(base, d("2026-02-01"), null, null, null, null, false);
        BillingPlan.Outcome o = BillingPlan.due(t, d("2026-03-10"));
        assertEquals(List.of("2026-03-01: 2026-03-01..2026-03-31 = 22.00"), invoices(t, o));
    }

    /* the charge of one period shows each version for its own days */
    @Test
    void charge_splitsAPeriodByLineVersion() {
        Timeline t = served(monthly(BillingTiming.IN_ADVANCE), "2026-04-01", line(1, 10, "1", "30.00", null, "2026-04-15"),
                line(2, 10, "2", "30.00", "2026-04-16", null));
        BillingPlan.Period p = BillingPlan.due(t, d("2026-04-01")).periods().get(0);
        List<String> lines = BillingPlan.charge(t, p, FIXED).stream()
                .map(l -> l.line().id() + " " + BillingPlan.daysOf(t, p, l).start() + ".." + BillingPlan.daysOf(t, p, l).end() + " "
                        + l.priceActual() + " " + l.lineNet().amount()).toList();
        assertEquals(List.of("1 2026-04-01..2026-04-15 15.00 15.00", "2 2026-04-16..2026-04-30 15.00 30.00"), lines);
    }

    /*
     * closed on 04-11, reactivated on 04-21, monthly in advance, 30.00; April was paid in full before
     * the close (a close credits nothing), so billing goes on with May; the versions show the gap
     *   |== April paid ==|x 04-11 .. closed .. 04-21 |== served again ==|-- May --|
     */
    @Test
    void reactivation_aPeriodPaidBeforeTheCloseIsNotChargedAgain() {
        Timeline t = served(monthly(BillingTiming.IN_ADVANCE), "2026-04-01", line(1, 10, "1", "30.00", null, "2026-04-10"),
                line(2, 10, "1", "30.00", "2026-04-21", null));
        BillingPlan.Outcome o = BillingPlan.due(with(t, d("2026-05-01"), null, null, null, null, false), d("2026-05-01"));
        assertEquals(List.of("2026-05-01: 2026-05-01..2026-05-31 = 30.00"), invoices(t, o));
    }

    /* reactivated in a period not billed yet (in arrears): the period charges the days served on both sides of the gap */
    @Test
    void reactivation_inArrears_billsTheDaysServedAroundTheGap() {
        Timeline t = served(monthly(BillingTiming.IN_ARREARS), "2026-04-01", line(1, 10, "1", "30.00", null, "2026-04-10"),
                line(2, 10, "1", "30.00", "2026-04-21", null));
        BillingPlan.Outcome o = BillingPlan.due(t, d("2026-05-01"));
        // 04-01..04-10: 10.00; 04-21..04-30: 30.00 - 20.00 = 10.00
        assertEquals(List.of("2026-05-01: 2026-04-01..2026-04-30 = 20.00"), invoices(t, o));
    }

    /*
     * monthly until a change of recurrence on 03-01 to quarterly: periods are counted from that day
     *   |-- Jan --|-- Feb --|x|------ 03-01..05-31 ------|------ 06-01..08-31 ------|
     */
    @Test
    void afterARecurrenceSwitch_periodsCountFromItsDay() {
        Timeline monthly = served(monthly(BillingTiming.IN_ADVANCE), "2026-01-01", line(1, 10, "1", "90.00", null, null));
        Timeline quarterly = new Timeline(plan(3, RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, null, null), monthly.startDate(),
                d("2026-03-01"), monthly.priceUpdate(), d("2026-03-01"), null, null, null, null, false, monthly.discountPercent(),
                monthly.lines());
        BillingPlan.Outcome o = BillingPlan.due(quarterly, d("2026-06-01"));
        assertEquals(List.of("2026-03-01: 2026-03-01..2026-05-31 = 90.00", "2026-06-01: 2026-06-01..2026-08-31 = 90.00"),
                invoices(quarterly, o));
        assertEquals(d("2026-09-01"), o.next());
    }
}
