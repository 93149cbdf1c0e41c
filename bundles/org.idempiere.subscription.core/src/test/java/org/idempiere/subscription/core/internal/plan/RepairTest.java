package org.idempiere.subscription.core.internal.plan;

import static org.idempiere.subscription.core.internal.plan.Timelines.FIXED;
import static org.idempiere.subscription.core.internal.plan.Timelines.d;
import static org.idempiere.subscription.core.internal.plan.Timelines.fee;
import static org.idempiere.subscription.core.internal.plan.Timelines.items;
import static org.idempiere.subscription.core.internal.plan.Timelines.line;
import static org.idempiere.subscription.core.internal.plan.Timelines.monthly;
import static org.idempiere.subscription.core.internal.plan.Timelines.served;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.junit.jupiter.api.Test;

/**
 * Repairs of periods billed already, as "what should have been billed minus what was billed",
 * each case with its timeline and the amounts computed by hand (products are 100 + line number).
 */
class RepairTest {
    private static final ServicePeriod APRIL = new ServicePeriod(d("2026-04-01"), d("2026-04-30"));
    private static final ServicePeriod JANUARY = new ServicePeriod(d("2026-01-01"), d("2026-01-31"));

    private static List<String> repair(Timeline before, List<SubscriptionLine> ended, List<SubscriptionLine> started, String day,
            ServicePeriod... billed) {
        LocalDate on = d(day);
        Timeline after = before.withLines(Timeline.versionsAfter(before.lines(), ended, started, on));
        return items(Repair.of(before, after, on, List.of(billed), FIXED));
    }

    /*
     * upgrade on 04-16, April billed in advance (30 days, 30.00 a unit)
     *   |=========== April invoiced: 1 x 30.00 ===========|
     *   |---- 1 unit, 04-01..04-15 ----|-- 2 units, 04-16..04-30 --|
     *   credit 1 unit  x (30.00 - 15.00) = 15.00;  charge 2 units x 15.00 = 30.00
     */
    @Test
    void upgradeMidPeriod_creditsTheOldVersionAndChargesTheNew() {
        SubscriptionLine one = line(1, 1, "1", "30.00", null, null);
        Timeline t = served(monthly(BillingTiming.IN_ADVANCE), "2026-04-01", one);
        assertEquals(List.of("credit 101 2026-04-16..2026-04-30 -15.00 -15.00", "charge 101 2026-04-16..2026-04-30 15.00 30.00"),
                repair(t, List.of(one), List.of(line(2, 1, "2", "30.00", "2026-04-16", null)), "2026-04-16", APRIL));
    }

    /*
     * removal on 01-11 of a 10.00 line, January billed (31 days): cumulative shares
     *   days 1..10:  round(10.00 x 10/31) = 3.23;   days 11..31: 10.00 - 3.23 = 6.77 credited
     *   the other line is untouched: nothing for it
     */
    @Test
    void removalMidPeriod_creditsTheUnusedDaysByCumulativeShares() {
        SubscriptionLine gone = line(1, 1, "1", "10.00", null, null);
        SubscriptionLine stays = line(2, 2, "1", "5.00", null, null);
        Timeline t = served(monthly(BillingTiming.IN_ADVANCE), "2026-01-01", gone, stays);
        assertEquals(List.of("credit 101 2026-01-11..2026-01-31 -6.77 -6.77"),
                repair(t, List.of(gone), List.of(), "2026-01-11", JANUARY));
    }

    /*
     * billed ahead: January and February invoiced; removal on 01-21 (31.00 a month)
     *   January 21..31: 31.00 - 20.00 = 11.00;  February wholly: 31.00
     */
    @Test
    void changeReachingPeriodsBilledAhead_repairsEachOfThem() {
        SubscriptionLine gone = line(1, 1, "1", "31.00", null, null);
        Timeline t = served(monthly(BillingTiming.IN_ADVANCE), "2026-01-01", gone);
        assertEquals(List.of("credit 101 2026-01-21..2026-01-31 -11.00 -11.00", "credit 101 2026-02-01..2026-02-28 -31.00 -31.00"),
                repair(t, List.of(gone), List.of(), "2026-01-21", JANUARY, new ServicePeriod(d("2026-02-01"), d("2026-02-28"))));
    }

    /* a setup fee a change starts comes in full with the billed period its day falls in */
    @Test
    void setupFeeStartedByAChange_chargedInFull() {
        Timeline t = served(monthly(BillingTiming.IN_ADVANCE), "2026-04-01", line(1, 1, "1", "30.00", null, null));
        assertEquals(List.of("charge 102 2026-04-16..2026-04-16 50.00 50.00"),
                repair(t, List.of(), List.of(fee(2, 2, "50.00", "2026-04-16")), "2026-04-16", APRIL));
    }

    /*
     * pause on 04-11, resume on 04-21, April paid in advance (30.00)
     *   |== served 04-01..04-10 ==|.. paused ..|== served 04-21..04-30 ==|
     *   pause:  credit 04-11..04-30 = 30.00 - 10.00 = 20.00
     *   resume: charge 04-21..04-30 = 30.00 - 20.00 = 10.00     billed in all: 20.00 for 20 days
     */
    @Test
    void pauseThenResume_billsExactlyTheDaysServed() {
        SubscriptionLine a = line(1, 1, "1", "30.00", null, null);
        Timeline t = served(monthly(BillingTiming.IN_ADVANCE), "2026-04-01", a);
        assertEquals(List.of("credit 101 2026-04-11..2026-04-30 -20.00 -20.00"), repair(t, List.of(a), List.of(), "2026-04-11", APRIL));
        Timeline paused = t.withLines(Timeline.versionsAfter(t.lines(), List.of(a), List.of(), d("2026-04-11")));
        assertEquals(List.of("charge 101 2026-04-21..2026-04-30 10.00 10.00"),
                repair(paused, List.of(), List.of(line(2, 1, "1", "30.00", "2026-04-21", null)), "2026-04-21", APRIL));
    }

    /*
     * two changes in one billed period, applied in day order: 1 -> 2 units on 04-11, 2 -> 3 on 04-21
     *   |-- 1 unit, 10 days --|-- 2 units, 10 days --|-- 3 units, 10 days --|
     *   from scratch: 10.00 + 20.00 + 30.00 = 60.00 = 30.00 billed - 20.00 + 40.00 - 20.00 + 30.00
     */
    @Test
    void twoChangesInOnePeriod_addUpToTheFinalServiceComputedFromScratch() {
        SubscriptionLine one = line(1, 1, "1", "30.00", null, null);
        SubscriptionLine two = line(2, 1, "2", "30.00", "2026-04-11", null);
        SubscriptionLine three = line(3, 1, "3", "30.00", "2026-04-21", null);
        Timeline t = served(monthly(BillingTiming.IN_ADVANCE), "2026-04-01", one);
        List<String> first = repair(t, List.of(one), List.of(two), "2026-04-11", APRIL);
        assertEquals(List.of("credit 101 2026-04-11..2026-04-30 -20.00 -20.00", "charge 101 2026-04-11..2026-04-30 20.00 40.00"), first);
        Timeline middle = t.withLines(Timeline.versionsAfter(t.lines(), List.of(one), List.of(two), d("2026-04-11")));
        List<String> second = repair(middle, List.of(two), List.of(three), "2026-04-21", APRIL);
        assertEquals(List.of("credit 101 2026-04-21..2026-04-30 -10.00 -20.00", "charge 101 2026-04-21..2026-04-30 10.00 30.00"), second);
        Timeline last = middle.withLines(Timeline.versionsAfter(middle.lines(), List.of(two), List.of(three), d("2026-04-21")));
        BigDecimal fromScratch = BillingPlan.charge(last, BillingPlan.due(t, d("2026-04-01")).periods().get(0), FIXED).stream()
                .map(l -> l.lineNet().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(new BigDecimal("60.00"), fromScratch);
    }

    /* a change dated after the billed period's last day repairs nothing */
    @Test
    void changeAfterTheBilledPeriods_repairsNothing() {
        SubscriptionLine a = line(1, 1, "1", "30.00", null, null);
        Timeline t = served(monthly(BillingTiming.IN_ADVANCE), "2026-04-01", a);
        assertEquals(List.of(), repair(t, List.of(a), List.of(), "2026-05-01", APRIL));
    }

    /* the days of one run outside another: none, one or two runs */
    @Test
    void minus_givesTheDaysOutside() {
        ServicePeriod all = new ServicePeriod(d("2026-04-01"), d("2026-04-30"));
        ServicePeriod mid = new ServicePeriod(d("2026-04-11"), d("2026-04-20"));
        assertEquals(List.of(new ServicePeriod(d("2026-04-01"), d("2026-04-10")), new ServicePeriod(d("2026-04-21"), d("2026-04-30"))),
                Repair.minus(Optional.of(all), Optional.of(mid)));
        assertEquals(List.of(), Repair.minus(Optional.of(mid), Optional.of(all)));
        assertEquals(List.of(all), Repair.minus(Optional.of(all), Optional.empty()));
    }
}
