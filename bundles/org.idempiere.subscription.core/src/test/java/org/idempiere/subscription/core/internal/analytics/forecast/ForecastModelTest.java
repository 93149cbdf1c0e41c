package org.idempiere.subscription.core.internal.analytics.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.idempiere.subscription.api.service.ForecastMonth;
import org.idempiere.subscription.api.service.ForecastRates;
import org.idempiere.subscription.api.service.MrrForecast;
import org.idempiere.subscription.core.internal.analytics.forecast.ForecastModel.Event;
import org.idempiere.subscription.core.internal.analytics.forecast.ForecastModel.Known;
import org.idempiere.subscription.core.internal.analytics.forecast.ForecastModel.Part;
import org.idempiere.subscription.core.internal.analytics.forecast.ForecastModel.Trailing;
import org.junit.jupiter.api.Test;

/**
 * The forecast computed by hand. Today 2026-05-10, EUR.
 *
 * <pre>
 *  known today: S1 (customer 1) 100.00, S2 (customer 2) 50.00, S3 (customer 2) 30.00  -> 180.00, 2 customers
 *  events:      S4 (customer 3) starts 2026-05-20 at 40.00          START   month 0  +40.00, +1 customer
 *               S1 pending change 2026-06-15 to 120.00              CHANGE  month 1  +20.00
 *               S2 notice: last day 06-29, ends 06-30               END     month 1  -50.00 (customer 2 keeps S3)
 *               S3 term does not renew: ends 07-01                  END     month 2  -30.00, -1 customer
 *  trailing:    T1 start 1000.00 new 60 exp 30 contr 10 churn 20, 10 customers, 2 new, 1 lost
 *               T2 start 1060.00 new 40 exp 20 contr  0 churn 30, 11 customers, 1 new, 2 lost
 *  rates:       new 100 / 2 = 50.00 a month; base 2060.00: expansion 50/2060 = 0.024272, contraction 10/2060 = 0.004854,
 *               churn 50/2060 = 0.024272; new customers 3 / 2 = 1.50; logo churn 3 / 21 = 0.142857
 *  month 0 (May):  180.00 + 40.00 = 220.00 (no trend);                 customers 2 + 1 = 3.00
 *  month 1 (June): 220.00 + 20.00 - 50.00 + 50.00 + 5.34 - 1.07 - 5.34 = 238.93   (220 x 0.024272 = 5.33984)
 *                  customers 3.00 + 0 + 1.50 - 0.43 = 4.07                           (3 x 0.142857 = 0.428571)
 *  month 2 (July): 238.93 - 30.00 + 50.00 + 5.80 - 1.16 - 5.80 = 257.77  (238.93 x 0.024272 = 5.7993, x 0.004854 = 1.1598)
 *                  customers 4.07 - 1 + 1.50 - 0.58 = 3.99                           (4.07 x 0.142857 = 0.5814)
 * </pre>
 */
class ForecastModelTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void rates_areTheTrailingMonthsAverageAndShares() {
        ForecastRates r = ForecastModel.rates(trailing(), 2);
        assertEquals(new ForecastRates(2, d("50.00"), d("0.024272"), d("0.004854"), d("0.024272"), d("1.50"), d("0.142857")), r);
    }

    @Test
    void forecast_handComputed_eachPartApart() {
        MrrForecast f = ForecastModel.forecast(LocalDate.parse("2026-05-10"), "EUR", 2, 2,
                List.of(new Known(1, 1, d("100.00")), new Known(2, 2, d("50.00")), new Known(3, 2, d("30.00"))),
                List.of(new Event(4, 3, LocalDate.parse("2026-05-20"), d("40.00"), Part.START),
                        new Event(1, 1, LocalDate.parse("2026-06-15"), d("120.00"), Part.CHANGE),
                        new Event(2, 2, LocalDate.parse("2026-06-30"), d("0"), Part.END),
                        new Event(3, 2, LocalDate.parse("2026-07-01"), d("0"), Part.END)),
                ForecastModel.rates(trailing(), 2));
        assertEquals(d("180.00"), f.mrrToday());
        assertEquals(2, f.customersToday());
        assertEquals(List.of(
                "2026-05 180.00 +40.00 +0.00 +0.00 | 0.00 0.00 0.00 0.00 = 220.00 | 2.00 +1.00 +0.00 -0.00 = 3.00",
                "2026-06 220.00 +0.00 +20.00 +-50.00 | 50.00 5.34 -1.07 -5.34 = 238.93 | 3.00 +0.00 +1.50 -0.43 = 4.07",
                "2026-07 238.93 +0.00 +0.00 +-30.00 | 50.00 5.80 -1.16 -5.80 = 257.77 | 4.07 +-1.00 +1.50 -0.58 = 3.99"),
                f.months().stream().map(ForecastModelTest::row).toList());
        for (ForecastMonth m : f.months()) {
            assertEquals(m.mrrEnd(), m.mrrStart().add(m.knownStarts()).add(m.knownChanges()).add(m.knownEnds()).add(m.trendNew())
                    .add(m.trendExpansion()).add(m.trendContraction()).add(m.trendChurn()), m.toString());
        }
        assertEquals(YearMonth.of(2026, 5), f.months().get(0).month());
    }

    @Test
    void moves_areTheKnownPartsOneByOne_measuredFromTheMoveBefore() {
        List<Known> known = List.of(new Known(1, 1, d("100.00")), new Known(2, 2, d("50.00")), new Known(3, 2, d("30.00")));
        // an entry dated today is already in today's MRR: no move; S1 changes twice in June, the second from the first
        List<Event> events = List.of(new Event(3, 2, LocalDate.parse("2026-07-01"), d("0"), Part.END),
                new Event(1, 1, LocalDate.parse("2026-06-25"), d("130.00"), Part.CHANGE),
                new Event(4, 3, LocalDate.parse("2026-05-20"), d("40.00"), Part.START),
                new Event(1, 1, LocalDate.parse("2026-06-15"), d("120.00"), Part.CHANGE),
                new Event(2, 2, LocalDate.parse("2026-05-10"), d("55.00"), Part.START));
        List<ForecastModel.Move> moves = ForecastModel.moves(LocalDate.parse("2026-05-10"), known, events);
        assertEquals(List.of("2026-05-20 S4 START 0 -> 40.00 +40.00", "2026-06-15 S1 CHANGE 100.00 -> 120.00 +20.00",
                "2026-06-25 S1 CHANGE 120.00 -> 130.00 +10.00", "2026-07-01 S3 END 30.00 -> 0 -30.00"), moves.stream().map(m -> m.event().date()
                        + " S" + m.event().subscriptionId() + " " + m.event().part() + " " + m.mrrBefore() + " -> " + m.event().mrrAfter() + " "
                        + (m.effect().signum() < 0 ? "" : "+") + m.effect()).toList());
        MrrForecast f = ForecastModel.forecast(LocalDate.parse("2026-05-10"), "EUR", 2, 2, known, events, ForecastModel.rates(trailing(), 2));
        for (ForecastMonth month : f.months()) {
            for (Part part : Part.values()) {
                BigDecimal sum = moves.stream().filter(m -> YearMonth.from(m.event().date()).equals(month.month()) && m.event().part() == part)
                        .map(ForecastModel.Move::effect).reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal figure = part == Part.START ? month.knownStarts() : part == Part.CHANGE ? month.knownChanges() : month.knownEnds();
                assertEquals(0, sum.compareTo(figure), month.month() + " " + part);
            }
        }
    }

    @Test
    void noTrailingBase_meansNoTrend() {
        ForecastRates r = ForecastModel.rates(List.of(new Trailing(YearMonth.of(2026, 4), d("0"), d("0"), d("0"), d("0"), d("0"),
                0, 0, 0)), 2);
        assertEquals(new ForecastRates(1, d("0.00"), d("0.000000"), d("0.000000"), d("0.000000"), d("0.00"), d("0.000000")), r);
    }

    private static List<Trailing> trailing() {
        return List.of(new Trailing(YearMonth.of(2026, 3), d("1000.00"), d("60.00"), d("30.00"), d("10.00"), d("20.00"), 10, 2, 1),
                new Trailing(YearMonth.of(2026, 4), d("1060.00"), d("40.00"), d("20.00"), d("0.00"), d("30.00"), 11, 1, 2));
    }

    private static String row(ForecastMonth m) {
        return m.month() + " " + m.mrrStart() + " +" + m.knownStarts() + " +" + m.knownChanges() + " +" + m.knownEnds() + " | "
                + m.trendNew() + " " + m.trendExpansion() + " " + m.trendContraction() + " " + m.trendChurn() + " = " + m.mrrEnd()
                + " | " + m.customersStart() + " +" + m.knownCustomers() + " +" + m.trendNewCustomers() + " "
                + (m.trendLostCustomers().signum() == 0 ? "-" + m.trendLostCustomers().abs() : m.trendLostCustomers().toString())
                + " = " + m.customersEnd();
    }
}
