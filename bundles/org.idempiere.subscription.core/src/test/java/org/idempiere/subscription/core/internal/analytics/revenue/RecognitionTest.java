package org.idempiere.subscription.core.internal.analytics.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.service.RevenueBalance;
import org.idempiere.subscription.api.service.RevenueItem;
import org.idempiere.subscription.api.service.RevenueMonth;
import org.junit.jupiter.api.Test;

/**
 * Ratable recognition by day with every figure computed by hand. Cumulative rounding: through
 * the k-th of N days an amount A has recognized round(A × k / N), half-up at the currency's scale.
 */
class RecognitionTest {
    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency JPY = Currency.getInstance("JPY");

    static Recognizable period(long id, String amount, String from, String to, String invoiced) {
        return item(Recognizable.Kind.PERIOD, id, amount, from, to, invoiced, EUR);
    }

    static Recognizable item(Recognizable.Kind kind, long id, String amount, String from, String to, String invoiced,
            Currency currency) {
        return new Recognizable(kind, id, 100 + id, 500 + id, LocalDate.parse(invoiced),
                new ServicePeriod(LocalDate.parse(from), LocalDate.parse(to)), new BigDecimal(amount), currency);
    }

    /*
     * 100.00 over 2026-01-20..2026-02-18 (30 days): through 01-31 (12 days) round(100 × 12/30) = 40.00, February 60.00.
     */
    @Test
    void through_isTheRoundedShareOfDaysElapsed_andTheWholeAmountFromTheLastDay() {
        Recognizable r = period(1, "100.00", "2026-01-20", "2026-02-18", "2026-01-20");
        assertEquals(new BigDecimal("0.00"), Recognition.through(r, LocalDate.parse("2026-01-19")));
        assertEquals(new BigDecimal("3.33"), Recognition.through(r, LocalDate.parse("2026-01-20")));
        assertEquals(new BigDecimal("40.00"), Recognition.through(r, LocalDate.parse("2026-01-31")));
        assertEquals(new BigDecimal("100.00"), Recognition.through(r, LocalDate.parse("2026-02-18")));
        assertEquals(new BigDecimal("100.00"), Recognition.through(r, LocalDate.parse("2027-01-01")));
        assertEquals(new BigDecimal("60.00"), Recognition.within(r, LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28")));
    }

    /*
     * 10.00 over three days 01-31..02-02: January round(10/3) = 3.33, February 10.00 - 3.33 = 6.67 (not 6.66 + 0.01
     * carried: the months add up to the amount by construction). 1000 JPY over 01-20..02-19 (31 days): January
     * round(1000 × 12/31 = 387.09) = 387, February 613. A credit is the exact negative of the charge.
     */
    @Test
    void monthsOfAPeriod_addUpToItsAmountExactly_atTheCurrencysScale_andACreditMirrorsACharge() {
        Recognizable tenEuros = period(1, "10.00", "2026-01-31", "2026-02-02", "2026-01-31");
        assertEquals(new BigDecimal("3.33"), Recognition.within(tenEuros, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-31")));
        assertEquals(new BigDecimal("6.67"), Recognition.within(tenEuros, LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28")));
        Recognizable yen = item(Recognizable.Kind.PERIOD, 2, "1000", "2026-01-20", "2026-02-19", "2026-01-20", JPY);
        assertEquals(new BigDecimal("387"), Recognition.within(yen, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-31")));
        assertEquals(new BigDecimal("613"), Recognition.within(yen, LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28")));
        Recognizable credit = period(3, "-10.00", "2026-01-31", "2026-02-02", "2026-01-31");
        assertEquals(new BigDecimal("-3.33"), Recognition.within(credit, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-31")));
        assertEquals(new BigDecimal("-6.67"), Recognition.within(credit, LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28")));
    }

    /*
     * A tenant in EUR, January to April 2026:
     *   P1 monthly in advance   2026-01-20..2026-02-19 (31 days)      31.00 invoiced 01-20  Jan 12.00  Feb 19.00
     *   P2 yearly in advance    2026-03-01..2027-02-28 (365 days)  1000.00 invoiced 03-01
     *        through 03-31 (31 d) round(1000 × 31/365 = 84.931) = 84.93 -> March 84.93
     *        through 04-30 (61 d) round(1000 × 61/365 = 167.123) = 167.12 -> April 82.19
     *   P3 monthly in arrears   2026-03-01..2026-03-31                62.00 invoiced 04-01  March 62.00 (unbilled at 03-31)
     *   A  downgrade of P2 on 2026-04-16: credit 400.00, charge 200.00 for 04-16..2027-02-28 (319 days), one
     *      adjustment item of -200.00 invoiced 04-16; through 04-30 (15 d) round(-200 × 15/319 = -9.404) = -9.40
     *
     *   month  deferredStart unbilledStart invoiced adjusted recognized deferredEnd unbilledEnd
     *   Jan         0.00         0.00        31.00     0.00     12.00       19.00       0.00
     *   Feb        19.00         0.00         0.00     0.00     19.00        0.00       0.00
     *   Mar         0.00         0.00      1000.00     0.00    146.93      915.07      62.00
     *   Apr       915.07        62.00        62.00  -200.00     72.79      642.28       0.00
     *   (Apr deferredEnd: P2 1000 - 167.12 = 832.88, A -200 - (-9.40) = -190.60, P3 0)
     */
    static List<Recognizable> tenant() {
        return List.of(period(1, "31.00", "2026-01-20", "2026-02-19", "2026-01-20"),
                period(2, "1000.00", "2026-03-01", "2027-02-28", "2026-03-01"),
                period(3, "62.00", "2026-03-01", "2026-03-31", "2026-04-01"),
                item(Recognizable.Kind.ADJUSTMENT, 4, "-200.00", "2026-04-16", "2027-02-28", "2026-04-16", EUR));
    }

    @Test
    void schedule_ofAHandComputedTenant() {
        List<RevenueMonth> months = Recognition.schedule(tenant(), YearMonth.of(2026, 1), YearMonth.of(2026, 4));
        assertEquals(List.of(
                month("2026-01", "0.00", "0.00", "31.00", "0.00", "12.00", "19.00", "0.00"),
                month("2026-02", "19.00", "0.00", "0.00", "0.00", "19.00", "0.00", "0.00"),
                month("2026-03", "0.00", "0.00", "1000.00", "0.00", "146.93", "915.07", "62.00"),
                month("2026-04", "915.07", "62.00", "62.00", "-200.00", "72.79", "642.28", "0.00")), months);
    }

    @Test
    void itemsOfAMonth_addUpToTheMonthsFigures() {
        List<RevenueItem> april = Recognition.itemsOf(tenant(), YearMonth.of(2026, 4));
        assertEquals(List.of(
                "ADJUSTMENT 4 -200.00 inv -200.00 rec -9.40 def -190.60 unb 0.00",
                "PERIOD 2 1000.00 inv 0.00 rec 82.19 def 832.88 unb 0.00",
                "PERIOD 3 62.00 inv 62.00 rec 0.00 def 0.00 unb 0.00"),
                april.stream().map(i -> i.kind() + " " + i.itemId() + " " + i.amount() + " inv " + i.invoicedInMonth() + " rec "
                        + i.recognizedInMonth() + " def " + i.deferredEnd() + " unb " + i.unbilledEnd()).toList());
        assertEquals(List.of("PERIOD 1"), Recognition.itemsOf(tenant(), YearMonth.of(2026, 1)).stream()
                .map(i -> i.kind() + " " + i.itemId()).toList(), "January: only P1 has a figure");
    }

    @Test
    void balances_atADay_reconcileInvoicedMinusRecognized() {
        List<RevenueBalance> b = Recognition.balances(tenant(), LocalDate.parse("2026-03-31"), Map.of());
        // invoiced by 03-31: P1 31.00 + P2 1000.00; recognized: P1 31.00 + P2 84.93 + P3 62.00
        assertEquals(List.of(new RevenueBalance(LocalDate.parse("2026-03-31"), "EUR", new BigDecimal("1031.00"),
                new BigDecimal("177.93"), new BigDecimal("915.07"), new BigDecimal("62.00"))), b);
        // with P1 left out as settled, given as a sum: the same figures
        List<Recognizable> open = new ArrayList<>(tenant().subList(1, 4));
        assertEquals(b, Recognition.balances(open, LocalDate.parse("2026-03-31"), Map.of("EUR", new BigDecimal("31.00"))));
    }

    /*
     * P2 of the tenant (1000.00 over 2026-03-01..2027-02-28, invoiced 03-01) voided on 2026-04-10: its reversal
     * item is -1000.00 over the same days, dated 04-10, recognized from 04-10 on only.
     *   March keeps P2's 84.93 (the reversal has nothing before 04-10).
     *   April: P2 82.19, the reversal through 04-30 round(-1000 × 61/365) = -167.12: P2 with its reversal -84.93,
     *          which takes back exactly what March recognized. With P1, P3 and A: 72.79 - 167.12 = -94.33.
     *   deferred at 04-30: P2 832.88, reversal -1000.00 + 167.12 = -832.88: nothing of P2 stays deferred;
     *          the tenant's 642.28 less 832.88 = -190.60 (A's credit still to come).
     *   adjusted in April: -200.00 (A) - 1000.00 (the reversal) = -1200.00.
     *   May: P2 and its reversal recognize 0.00 together (the items of the tenant: A alone).
     */
    @Test
    void aReversal_keepsThePastMonths_takesBackInItsMonthWhatWasRecognized_andLeavesNothingDeferred() {
        List<Recognizable> items = new ArrayList<>(tenant());
        items.add(item(Recognizable.Kind.REVERSAL, 5, "-1000.00", "2026-03-01", "2027-02-28", "2026-04-10", EUR));
        List<RevenueMonth> months = Recognition.schedule(items, YearMonth.of(2026, 1), YearMonth.of(2026, 5));
        assertEquals(List.of(
                month("2026-01", "0.00", "0.00", "31.00", "0.00", "12.00", "19.00", "0.00"),
                month("2026-02", "19.00", "0.00", "0.00", "0.00", "19.00", "0.00", "0.00"),
                month("2026-03", "0.00", "0.00", "1000.00", "0.00", "146.93", "915.07", "62.00"),
                month("2026-04", "915.07", "62.00", "62.00", "-1200.00", "-94.33", "-190.60", "0.00"),
                // May: A recognizes round(-200 × 46/319) = -28.84 through 05-31, -9.40 before: -19.44
                month("2026-05", "-190.60", "0.00", "0.00", "0.00", "-19.44", "-171.16", "0.00")), months);
        Recognizable p2 = tenant().get(1);
        Recognizable v = items.get(4);
        assertEquals(new BigDecimal("0.00"), Recognition.through(v, LocalDate.parse("2026-04-09")), "nothing before its day");
        assertEquals(new BigDecimal("-112.33"), Recognition.through(v, LocalDate.parse("2026-04-10")),
                "on its day, all P2 recognized through it: round(1000 × 41/365 = 112.329) = 112.33");
        assertEquals(Recognition.through(p2, LocalDate.parse("2026-04-10")).negate(), Recognition.through(v, LocalDate.parse("2026-04-10")));
        List<RevenueItem> april = Recognition.itemsOf(items, YearMonth.of(2026, 4));
        assertEquals("REVERSAL 5 -1000.00 inv -1000.00 rec -167.12 def -832.88 unb 0.00", april.stream()
                .filter(i -> i.kind().equals("REVERSAL")).map(i -> i.kind() + " " + i.itemId() + " " + i.amount() + " inv "
                        + i.invoicedInMonth() + " rec " + i.recognizedInMonth() + " def " + i.deferredEnd() + " unb " + i.unbilledEnd())
                .findFirst().orElseThrow());
    }

    @Test
    void currencies_areNeverAddedUp() {
        List<Recognizable> items = List.of(period(1, "31.00", "2026-01-01", "2026-01-31", "2026-01-01"),
                item(Recognizable.Kind.PERIOD, 2, "3100", "2026-01-01", "2026-01-31", "2026-01-01", JPY));
        List<RevenueMonth> months = Recognition.schedule(items, YearMonth.of(2026, 1), YearMonth.of(2026, 1));
        assertEquals(List.of(month("2026-01", "0.00", "0.00", "31.00", "0.00", "31.00", "0.00", "0.00"),
                new RevenueMonth(YearMonth.of(2026, 1), "JPY", new BigDecimal("0"), new BigDecimal("0"), new BigDecimal("3100"),
                        new BigDecimal("0"), new BigDecimal("3100"), new BigDecimal("0"), new BigDecimal("0"))), months);
    }

    static RevenueMonth month(String m, String deferredStart, String unbilledStart, String invoiced, String adjusted,
            String recognized, String deferredEnd, String unbilledEnd) {
        return new RevenueMonth(YearMonth.parse(m), "EUR", new BigDecimal(deferredStart), new BigDecimal(unbilledStart),
                new BigDecimal(invoiced), new BigDecimal(adjusted), new BigDecimal(recognized), new BigDecimal(deferredEnd),
                new BigDecimal(unbilledEnd));
    }
}
