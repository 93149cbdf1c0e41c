package org.idempiere.subscription.core.internal.analytics.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.idempiere.subscription.api.service.RevenueMonth;
import org.junit.jupiter.api.Test;

/**
 * The schedule in EUR, worked by hand. CZK at 0.04 EUR up to 2024-12-31, 0.041 from 2025-01-01.
 *
 * <pre>
 *  CZK: 3,100.00 invoiced 2024-12-15 for 2024-12-15..2025-01-14 (31 days): December recognizes round(3100 x 17/31) =
 *       1,700.00, January 1,400.00.
 *  EUR: 100.00 invoiced 2024-12-01 for December.
 *
 *  December (rate 0.04 at 12-31): invoiced 3100 x 0.04 = 124.00 + 100.00 = 224.00; recognized 68.00 + 100.00 = 168.00;
 *           deferred at the end 1400 x 0.04 = 56.00; nothing at the start; revaluation 56.00 - 0 - (224.00 - 168.00) = 0.00.
 *  January  (rate 0.041 at 01-31): deferred at the start 1400 x 0.04 (the rate of 12-31) = 56.00; recognized 1400 x 0.041
 *           = 57.40; deferred at the end 0.00; revaluation 0.00 - 56.00 - (0 - 57.40) = 1.40: the deferred CZK were worth
 *           1.40 EUR more when they were earned.
 * </pre>
 */
class ReportingScheduleTest {
    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    private static RevenueMonth row(String month, String cur, String dS, String inv, String rec, String dE) {
        return new RevenueMonth(YearMonth.parse(month), cur, d(dS), d("0.00"), d(inv), d("0.00"), d(rec), d(dE), d("0.00"));
    }

    private static BigDecimal rate(String currency, LocalDate day) {
        if (!currency.equals("CZK")) {
            throw new IllegalArgumentException(currency);
        }
        return day.isBefore(LocalDate.parse("2025-01-01")) ? d("0.04") : d("0.041");
    }

    @Test
    void convert_eachFigureAtItsMonthsEnd_andTheRateChangeIsRevaluation() {
        List<RevenueMonth> perCurrency = List.of(row("2024-12", "CZK", "0.00", "3100.00", "1700.00", "1400.00"),
                row("2025-01", "CZK", "1400.00", "0.00", "1400.00", "0.00"), row("2024-12", "EUR", "0.00", "100.00", "100.00", "0.00"),
                row("2025-01", "EUR", "0.00", "0.00", "0.00", "0.00"));
        List<RevenueMonth> eur = ReportingSchedule.convert(perCurrency, "EUR", 2, ReportingScheduleTest::rate);
        assertEquals(List.of(
                new RevenueMonth(YearMonth.parse("2024-12"), "EUR", d("0.00"), d("0.00"), d("224.00"), d("0.00"), d("168.00"), d("56.00"),
                        d("0.00"), d("0.00")),
                new RevenueMonth(YearMonth.parse("2025-01"), "EUR", d("56.00"), d("0.00"), d("0.00"), d("0.00"), d("57.40"), d("0.00"),
                        d("0.00"), d("1.40"))), eur);
    }

    /* Converted to its own currency nothing changes and the revaluation is 0. */
    @Test
    void convert_intoTheOnlyCurrency_isTheSameSchedule() {
        List<RevenueMonth> eur = List.of(row("2024-12", "EUR", "0.00", "100.00", "60.00", "40.00"),
                row("2025-01", "EUR", "40.00", "0.00", "40.00", "0.00"));
        assertEquals(eur, ReportingSchedule.convert(eur, "EUR", 2, ReportingScheduleTest::rate));
    }
}
