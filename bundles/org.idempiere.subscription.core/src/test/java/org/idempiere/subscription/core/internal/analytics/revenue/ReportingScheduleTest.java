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

    private static org.idempiere.subscription.api.service.RevenueItem item(String kind, long id, String cur, String amount, String inv,
            String rec, String def) {
        return new org.idempiere.subscription.api.service.RevenueItem(kind, id, 7, 70, LocalDate.parse("2025-01-10"),
                LocalDate.parse("2025-01-10"), LocalDate.parse("2025-03-09"), cur, d(amount), d(inv), d(rec), d(def), d("0.00"));
    }

    /*
     * January 2025, CZK at 0.041 EUR on 01-31. Three CZK periods of 1,000.00 invoiced in the month (41.00 EUR each): recognized
     * 333.33, 333.33, 333.34 (exactly 13.66653, 13.66653, 13.66694 EUR; together 1,000.00 CZK = 41.00 EUR, as the schedule
     * converts the month's sum), deferred 666.67, 666.67, 666.66 (27.33347, 27.33347, 27.33306; together 82.00). Each cut
     * down: 13.66 x 3 = 40.98, 2 cents left: to the largest remainders, item 3 (.00694) then item 1 (.00653, a tie with item
     * 2 that the earlier item wins): 13.67, 13.66, 13.67. Deferred: 27.33 x 3 = 81.99, 1 cent left: item 1: 27.34, 27.33,
     * 27.33. Rounding each on its own would give 41.01 and 81.99, not the schedule's 41.00 and 82.00. An EUR adjustment
     * of -10.00 stays as it is.
     */
    @Test
    void convertItems_splitsEachConvertedColumnByLargestRemainder_andAddsUpToTheSchedule() {
        List<org.idempiere.subscription.api.service.RevenueItem> items = List.of(
                item("PERIOD", 1, "CZK", "1000.00", "1000.00", "333.33", "666.67"),
                item("PERIOD", 2, "CZK", "1000.00", "1000.00", "333.33", "666.67"),
                item("PERIOD", 3, "CZK", "1000.00", "1000.00", "333.34", "666.66"),
                item("ADJUSTMENT", 4, "EUR", "-10.00", "-10.00", "-5.00", "-5.00"));
        List<org.idempiere.subscription.api.service.RevenueItem> eur = ReportingSchedule.convertItems(items, YearMonth.parse("2025-01"),
                "EUR", 2, ReportingScheduleTest::rate);
        assertEquals(List.of("1 EUR 41.00 41.00 13.67 27.34", "2 EUR 41.00 41.00 13.66 27.33", "3 EUR 41.00 41.00 13.67 27.33",
                "4 EUR -10.00 -10.00 -5.00 -5.00"), eur.stream().map(i -> i.itemId() + " " + i.currency() + " " + i.amount() + " "
                        + i.invoicedInMonth() + " " + i.recognizedInMonth() + " " + i.deferredEnd()).toList());
        List<RevenueMonth> schedule = ReportingSchedule.convert(List.of(
                new RevenueMonth(YearMonth.parse("2025-01"), "CZK", d("0.00"), d("0.00"), d("3000.00"), d("0.00"), d("1000.00"),
                        d("2000.00"), d("0.00")),
                new RevenueMonth(YearMonth.parse("2025-01"), "EUR", d("0.00"), d("0.00"), d("0.00"), d("-10.00"), d("-5.00"),
                        d("-5.00"), d("0.00"))), "EUR", 2, ReportingScheduleTest::rate);
        RevenueMonth month = schedule.get(0);
        assertEquals(month.invoiced() + " " + month.adjusted() + " " + month.recognized() + " " + month.deferredEnd(),
                sum(eur, "PERIOD", 0) + " " + sum(eur, "ADJUSTMENT", 0) + " " + sum(eur, null, 1) + " " + sum(eur, null, 2));
        assertEquals("123.00 -10.00 36.00 77.00", month.invoiced() + " " + month.adjusted() + " " + month.recognized() + " "
                + month.deferredEnd());
    }

    private static BigDecimal sum(List<org.idempiere.subscription.api.service.RevenueItem> items, String kind, int column) {
        return items.stream().filter(i -> kind == null || i.kind().equals(kind)).map(i -> column == 0 ? i.invoicedInMonth()
                : column == 1 ? i.recognizedInMonth() : i.deferredEnd()).reduce(d("0.00"), BigDecimal::add);
    }

    /*
     * Balances at 2025-01-31. CZK: invoiced 1,234.56, deferred 567.89, unbilled 12.34 (recognized 679.01); x 0.041: 50.61696
     * -> 50.62, 23.28349 -> 23.28, 0.50594 -> 0.51; recognized 50.62 - 23.28 + 0.51 = 27.85 (its own conversion, 27.84, is
     * a cent off: the identity wins). EUR: 100.00, 60.00, 40.00, 0.00. Together: 150.62, 87.85, 63.28, 0.51.
     */
    @Test
    void convertBalances_convertsInvoicedDeferredAndUnbilled_andKeepsTheIdentity() {
        LocalDate day = LocalDate.parse("2025-01-31");
        List<org.idempiere.subscription.api.service.RevenueBalance> eur = ReportingSchedule.convertBalances(List.of(
                new org.idempiere.subscription.api.service.RevenueBalance(day, "CZK", d("1234.56"), d("679.01"), d("567.89"), d("12.34")),
                new org.idempiere.subscription.api.service.RevenueBalance(day, "EUR", d("100.00"), d("60.00"), d("40.00"), d("0.00"))),
                day, "EUR", 2, ReportingScheduleTest::rate);
        assertEquals(List.of(new org.idempiere.subscription.api.service.RevenueBalance(day, "EUR", d("150.62"), d("87.85"), d("63.28"),
                d("0.51"))), eur);
        assertEquals(List.of(), ReportingSchedule.convertBalances(List.of(), day, "EUR", 2, ReportingScheduleTest::rate));
    }
}
