package org.idempiere.subscription.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecurrenceTest {

    /*
     * Monthly from the 31st: periods clamp to short months and come back in long ones.
     *
     *   Jan 31 ---- Feb 28 ---- Mar 31 ---- Apr 30 ---- May 31
     *   |  period 0  |  period 1 |  period 2 |  period 3 |
     */
    @ParameterizedTest
    @CsvSource({
        "2026-01-31, 0, 2026-01-31, 2026-02-27",
        "2026-01-31, 1, 2026-02-28, 2026-03-30",
        "2026-01-31, 2, 2026-03-31, 2026-04-29",
        "2026-01-31, 3, 2026-04-30, 2026-05-30",
        "2028-01-31, 1, 2028-02-29, 2028-03-30", // leap year
        "2026-01-15, 0, 2026-01-15, 2026-02-14",
        "2026-12-01, 1, 2027-01-01, 2027-01-31",
    })
    void periodAt_monthly_anchoredOnStart(LocalDate anchor, long index, LocalDate start, LocalDate end) {
        assertEquals(new ServicePeriod(start, end), Recurrence.monthly().periodAt(anchor, index));
    }

    @ParameterizedTest
    @CsvSource({
        // every, unit, anchor, index, start, end
        "1, YEAR, 2028-02-29, 1, 2029-02-28, 2030-02-27",
        "1, YEAR, 2028-02-29, 4, 2032-02-29, 2033-02-27",
        "2, WEEK, 2026-03-02, 1, 2026-03-16, 2026-03-29",
        "10, DAY, 2026-02-25, 0, 2026-02-25, 2026-03-06",
        "3, MONTH, 2026-11-30, 1, 2027-02-28, 2027-05-29",
    })
    void periodAt_otherRhythms(int every, RecurrenceUnit unit, LocalDate anchor, long index, LocalDate start, LocalDate end) {
        assertEquals(new ServicePeriod(start, end), new Recurrence(every, unit).periodAt(anchor, index));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-01-31, 2026-01-31, 0",
        "2026-01-31, 2026-02-27, 0",
        "2026-01-31, 2026-02-28, 1",
        "2026-01-31, 2026-03-30, 1",
        "2026-01-31, 2026-03-31, 2",
        "2026-01-31, 2027-01-31, 12",
    })
    void indexOfPeriodContaining_monthly(LocalDate anchor, LocalDate date, long index) {
        assertEquals(index, Recurrence.monthly().indexOfPeriodContaining(anchor, date));
    }

    @Test
    void periods_coverEveryDayOnce_overTenYearsOfMonthEnds() {
        Recurrence monthly = Recurrence.monthly();
        LocalDate anchor = LocalDate.of(2024, 1, 31);
        LocalDate expectedStart = anchor;
        for (int k = 0; k < 120; k++) {
            ServicePeriod p = monthly.periodAt(anchor, k);
            assertEquals(expectedStart, p.start(), "period " + k);
            assertEquals(k, monthly.indexOfPeriodContaining(anchor, p.end()));
            expectedStart = p.nextStart();
        }
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "1001"})
    void constructor_everyOutOfRange_isRejectedNamingTheField(int every) {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> new Recurrence(every, RecurrenceUnit.MONTH));
        assertEquals("recurrence.every", e.field().orElseThrow());
        assertEquals(String.valueOf(every), e.value().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({
        "1, MONTH, 30.00, 30.00",
        "3, MONTH, 100.00, 33.33",
        "1, YEAR, 1200.00, 100.00",
        "1, YEAR, 100.00, 8.33",
        "1, WEEK, 10.00, 43.33",
        "2, WEEK, 10.00, 21.67",
        "1, DAY, 1.00, 30.42",
    })
    void toMonthly_normalisesPerPeriodAmount(int every, RecurrenceUnit unit, String perPeriod, String monthly) {
        Currency eur = Currency.getInstance("EUR");
        assertEquals(Money.of(new BigDecimal(monthly), eur),
                new Recurrence(every, unit).toMonthly(Money.of(new BigDecimal(perPeriod), eur)));
    }
}
