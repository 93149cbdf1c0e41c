package org.idempiere.subscription.core.internal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.Term;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Period math as tables: anniversary and calendar alignment, month ends, leap years, invoice dates, terms. */
class ScheduleTest {

    private static PlanSettings plan(int every, RecurrenceUnit unit, BillingTiming billing, Integer day) {
        return new PlanSettings(new Recurrence(every, unit), billing, Optional.empty(), Optional.ofNullable(day));
    }

    private static Schedule monthly(String start, Integer day) {
        return Schedule.of(plan(1, RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, day), LocalDate.parse(start));
    }

    /** The first {@code n} periods as "start..end" (a partial one marked with its whole period). */
    private static List<String> periods(Schedule s, int n) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ServicePeriod p = s.periodAt(k);
            String text = p.start() + ".." + p.end();
            if (s.isPartial(k)) {
                ServicePeriod w = s.wholePeriodOf(k);
                text += " of " + w.start() + ".." + w.end();
            }
            out.add(text);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} anniversary")
    @CsvSource(delimiter = '|', value = {
        // start      | periods 0, 1, 2, 3
        "2026-01-31 | 2026-01-31..2026-02-27, 2026-02-28..2026-03-30, 2026-03-31..2026-04-29, 2026-04-30..2026-05-30",
        "2028-01-31 | 2028-01-31..2028-02-28, 2028-02-29..2028-03-30, 2028-03-31..2028-04-29, 2028-04-30..2028-05-30",
        "2028-02-29 | 2028-02-29..2028-03-28, 2028-03-29..2028-04-28, 2028-04-29..2028-05-28, 2028-05-29..2028-06-28",
        "2026-03-15 | 2026-03-15..2026-04-14, 2026-04-15..2026-05-14, 2026-05-15..2026-06-14, 2026-06-15..2026-07-14",
    })
    void anniversary_monthEndsDoNotDrift(String start, String expected) {
        assertEquals(List.of(expected.split(", ")), periods(monthly(start, null), 4));
    }

    @ParameterizedTest(name = "{0} on day {1}")
    @CsvSource(delimiter = '|', value = {
        // start    | day | periods 0, 1, 2 (a short first period shows the whole period it is part of)
        "2026-03-15 | 1  | 2026-03-15..2026-03-31 of 2026-03-01..2026-03-31, 2026-04-01..2026-04-30, 2026-05-01..2026-05-31",
        "2026-03-01 | 1  | 2026-03-01..2026-03-31, 2026-04-01..2026-04-30, 2026-05-01..2026-05-31",
        "2026-03-20 | 15 | 2026-03-20..2026-04-14 of 2026-03-15..2026-04-14, 2026-04-15..2026-05-14, 2026-05-15..2026-06-14",
        "2026-03-10 | 15 | 2026-03-10..2026-03-14 of 2026-02-15..2026-03-14, 2026-03-15..2026-04-14, 2026-04-15..2026-05-14",
        "2026-01-10 | 31 | 2026-01-10..2026-01-30 of 2025-12-31..2026-01-30, 2026-01-31..2026-02-27, 2026-02-28..2026-03-30",
        "2028-02-10 | 31 | 2028-02-10..2028-02-28 of 2028-01-31..2028-02-28, 2028-02-29..2028-03-30, 2028-03-31..2028-04-29",
        "2028-02-10 | 30 | 2028-02-10..2028-02-28 of 2028-01-30..2028-02-28, 2028-02-29..2028-03-29, 2028-03-30..2028-04-29",
        "2027-02-28 | 29 | 2027-02-28..2027-03-28, 2027-03-29..2027-04-28, 2027-04-29..2027-05-28",
    })
    void calendar_periodsStartOnTheDay_orTheMonthsLastDay(String start, int day, String expected) {
        assertEquals(List.of(expected.split(", ")), periods(monthly(start, day), 3));
    }

    @Test
    void calendar_quarterly_shortFirstPeriodIsTheTailOfAWholeQuarter() {
        Schedule s = Schedule.of(plan(3, RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, 1), LocalDate.parse("2026-02-15"));
        assertEquals(List.of("2026-02-15..2026-02-28 of 2025-12-01..2026-02-28", "2026-03-01..2026-05-31",
                "2026-06-01..2026-08-31"), periods(s, 3));
    }

    @ParameterizedTest(name = "{0} day {1}: {2} is in period {3}")
    @CsvSource({
        "2026-03-15, 1, 2026-03-15, 0", "2026-03-15, 1, 2026-03-31, 0", "2026-03-15, 1, 2026-04-01, 1",
        "2026-03-15, 1, 2026-12-31, 9", "2026-03-01, 1, 2026-03-31, 0", "2026-03-01, 1, 2027-03-01, 12",
        "2028-02-10, 31, 2028-02-29, 1", "2028-02-10, 31, 2028-03-30, 1", "2028-02-10, 31, 2028-03-31, 2",
        "2026-01-31, 0, 2026-02-27, 0", "2026-01-31, 0, 2026-02-28, 1",
    })
    void indexOfPeriodContaining_agreesWithPeriodAt(String start, int day, String date, long index) {
        Schedule s = monthly(start, day == 0 ? null : day);
        LocalDate d = LocalDate.parse(date);
        assertEquals(index, s.indexOfPeriodContaining(d));
        ServicePeriod p = s.periodAt(index);
        assertTrue(!d.isBefore(p.start()) && !d.isAfter(p.end()), p + " contains " + d);
    }

    @Test
    void indexOfPeriodContaining_beforeTheStart_isRefused() {
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> monthly("2026-03-15", 1).indexOfPeriodContaining(LocalDate.parse("2026-03-14")));
        assertEquals(Optional.of("date"), e.field());
    }

    @ParameterizedTest(name = "{0} {1} day {2}: first invoice {3}")
    @CsvSource({
        "2026-03-15, IN_ADVANCE, 1, 2026-03-15", "2026-03-15, IN_ARREARS, 1, 2026-04-01",
        "2026-03-15, IN_ADVANCE, 0, 2026-03-15", "2026-03-15, IN_ARREARS, 0, 2026-04-15",
        "2028-02-29, IN_ARREARS, 0, 2028-03-29",
    })
    void firstInvoiceDate_inAdvanceOnTheFirstDay_inArrearsTheDayAfterTheLast(String start, BillingTiming billing, int day,
            String expected) {
        Schedule s = Schedule.of(plan(1, RecurrenceUnit.MONTH, billing, day == 0 ? null : day), LocalDate.parse(start));
        assertEquals(LocalDate.parse(expected), s.firstInvoiceDate());
    }

    @ParameterizedTest(name = "from {2}: next invoice {3}")
    @CsvSource({
        "2026-03-15, 1, 2026-03-20, 2026-04-01", "2026-03-15, 1, 2026-04-01, 2026-04-01", "2026-03-15, 1, 2026-03-15, 2026-03-15",
        "2026-03-15, 0, 2026-03-20, 2026-04-15", "2026-03-15, 0, 2026-03-01, 2026-03-15",
    })
    void nextInvoiceFrom_theFirstPeriodStartingOnOrAfterTheDate(String start, int day, String from, String expected) {
        assertEquals(LocalDate.parse(expected), monthly(start, day == 0 ? null : day).nextInvoiceFrom(LocalDate.parse(from)));
    }

    @Test
    void term_countsWholePeriods_aShortFirstPeriodComesOnTop() {
        Term twelve = new Term(12, true);
        assertEquals(LocalDate.parse("2027-03-14"), monthly("2026-03-15", null).firstTermEnd(twelve));
        Schedule aligned = monthly("2026-03-15", 1);
        assertEquals(LocalDate.parse("2027-03-31"), aligned.firstTermEnd(twelve));
        assertEquals(LocalDate.parse("2028-03-31"), aligned.nextTermEnd(LocalDate.parse("2027-03-31"), twelve));
        assertEquals(LocalDate.parse("2027-02-28"), monthly("2026-03-01", 1).firstTermEnd(twelve));
    }

    @Test
    void yearlyAndWeekly_anniversary() {
        Schedule yearly = Schedule.of(plan(1, RecurrenceUnit.YEAR, BillingTiming.IN_ADVANCE, null), LocalDate.parse("2028-02-29"));
        assertEquals(List.of("2028-02-29..2029-02-27", "2029-02-28..2030-02-27"), periods(yearly, 2));
        Schedule weekly = Schedule.of(plan(2, RecurrenceUnit.WEEK, BillingTiming.IN_ARREARS, null), LocalDate.parse("2026-12-28"));
        assertEquals(List.of("2026-12-28..2027-01-10", "2027-01-11..2027-01-24"), periods(weekly, 2));
        assertFalse(weekly.isPartial(0));
        assertEquals(LocalDate.parse("2027-01-11"), weekly.firstInvoiceDate());
    }

    @Test
    void billingDay_onlyForMonthlyRecurrences_andWithinTheMonth() {
        SubscriptionException weekly = assertThrows(SubscriptionException.class,
                () -> plan(1, RecurrenceUnit.WEEK, BillingTiming.IN_ADVANCE, 1));
        assertEquals(Optional.of("billingDay"), weekly.field());
        SubscriptionException day32 = assertThrows(SubscriptionException.class,
                () -> plan(1, RecurrenceUnit.MONTH, BillingTiming.IN_ADVANCE, 32));
        assertEquals(Optional.of("billingDay"), day32.field());
    }

    @ParameterizedTest(name = "{0} from {1}, next {2}, served to {3}")
    @CsvSource(delimiter = '|', value = {
        // billing  | start      | next invoice | last day served | next kept?
        "IN_ADVANCE | 2026-04-01 | 2026-05-01   | 2026-04-10      | ",            // April billed; May not served
        "IN_ADVANCE | 2026-04-01 | 2026-04-01   | 2026-04-10      | 2026-04-01",  // a lagging run: April served, unbilled
        "IN_ADVANCE | 2026-04-01 | 2026-05-01   | 2026-04-30      | ",            // paused on May 1: May not served
        "IN_ADVANCE | 2026-04-01 | 2026-05-01   | 2026-05-01      | 2026-05-01",  // paused on May 2: May 1 served
        "IN_ARREARS | 2026-04-01 | 2026-05-01   | 2026-04-10      | 2026-05-01",  // April's days 1-10 are due
        "IN_ARREARS | 2026-04-01 | 2026-05-01   | 2026-03-31      | ",            // before the start: nothing served
        "IN_ARREARS | 2026-04-01 | 2026-06-01   | 2026-04-30      | ",            // April billed; May not served
        "IN_ARREARS | 2026-04-01 | 2026-06-01   | 2026-05-01      | 2026-06-01",  // May 1 served
    })
    void servedNext_keepsTheNextInvoiceOnlyForAPeriodServedInPart(BillingTiming billing, String start, String next,
            String served, String kept) {
        Schedule s = Schedule.of(plan(1, RecurrenceUnit.MONTH, billing, null), LocalDate.parse(start));
        assertEquals(kept == null ? null : LocalDate.parse(kept), s.servedNext(LocalDate.parse(next), LocalDate.parse(served)));
    }
}
