package org.idempiere.subscription.core.internal.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.idempiere.subscription.api.ServicePeriod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinePricingTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");

    /* price actual is rounded first (as iDempiere's PriceActual), then quantity x price actual. */
    @ParameterizedTest
    @CsvSource({
        // price, discount %, quantity, price actual, line net
        "29.00,  0,     2,     29.00, 58.00",
        "100,    10,    1,     90.00, 90.00",
        "9.99,   15,    3,     8.49,  25.47",   // 8.4915 -> 8.49; 3 x 8.49
        "0.333,  0,     3,     0.33,  0.99",    // a price finer than cents is rounded before multiplying
        "10.00,  100,   5,     0.00,  0.00",
        "12.34,  0,     2.5,   12.34, 30.85",
        "19.99,  33.33, 7,     13.33, 93.31",   // 19.99 x 66.67 / 100 = 13.327333 -> 13.33
        "-150.00, 0,    1,     -150.00, -150.00", // a credit line keeps its negative price (iDempiere's window allows it)
        "-9.99,  15,    3,     -8.49, -25.47",  // -8.4915 -> -8.49, half-up away from zero as iDempiere rounds
    })
    void priceActualThenLineNet_roundHalfUpAtCurrencyScale(String price, String discount, String qty, String actual,
            String net) {
        BigDecimal pa = LinePricing.priceActual(new BigDecimal(price), new BigDecimal(discount), EUR);
        assertEquals(new BigDecimal(actual), pa);
        assertEquals(new BigDecimal(net), LinePricing.lineNet(new BigDecimal(qty), pa, EUR).amount());
    }

    @ParameterizedTest
    @CsvSource({"1234.5, 0, 1235", "1234.4, 0, 1234", "1000, 12.5, 875"})
    void currencyWithoutMinorUnits_roundsToWholeUnits(String price, String discount, String actual) {
        assertEquals(new BigDecimal(actual), LinePricing.priceActual(new BigDecimal(price), new BigDecimal(discount), JPY));
    }

    private static ServicePeriod period(String from, String to) {
        return new ServicePeriod(LocalDate.parse(from), LocalDate.parse(to));
    }

    /* The share of a unit price for part of a period: round(price x lastDay/N) - round(price x (firstDay-1)/N). */
    @ParameterizedTest
    @CsvSource({
        // price, whole period,          part,                    share
        "10.00, 2026-03-01, 2026-03-31, 2026-03-15, 2026-03-31, 5.48",   // 10 - round(4.5161)
        "10.00, 2026-03-01, 2026-03-31, 2026-03-01, 2026-03-14, 4.52",   // round(4.5161)
        "29.99, 2028-01-31, 2028-02-28, 2028-02-10, 2028-02-28, 19.65",  // 29 days; 29.99 - round(10.3414)
        "29.99, 2028-01-31, 2028-02-28, 2028-01-31, 2028-02-28, 29.99",  // the whole period
        "0.01,  2026-03-01, 2026-03-31, 2026-03-31, 2026-03-31, 0.00",   // round(0.01) - round(0.0097)
        "1000,  2025-12-01, 2026-02-28, 2026-02-15, 2026-02-28, 155.56", // 90 days; 1000 - round(844.444)
    })
    void prorate_cumulativeRoundingAtCurrencyScale(String price, String wholeFrom, String wholeTo, String from, String to,
            String share) {
        assertEquals(new BigDecimal(share), LinePricing.prorate(new BigDecimal(price), period(wholeFrom, wholeTo),
                period(from, to), EUR));
    }

    /* Any split of a period into consecutive parts adds up to exactly the price, and no part exceeds it. */
    @ParameterizedTest
    @CsvSource({"10.00", "0.01", "29.99", "1234.57", "0.33"})
    void prorate_sharesOfASplitAddUp_andNeverExceedThePrice(String price) {
        BigDecimal p = new BigDecimal(price);
        ServicePeriod whole = period("2028-01-31", "2028-02-28");
        for (int a = 1; a < 28; a++) {
            for (int b = a + 1; b < 29; b++) {
                LocalDate s = whole.start();
                ServicePeriod first = new ServicePeriod(s, s.plusDays(a - 1));
                ServicePeriod second = new ServicePeriod(s.plusDays(a), s.plusDays(b - 1));
                ServicePeriod third = new ServicePeriod(s.plusDays(b), whole.end());
                BigDecimal x = LinePricing.prorate(p, whole, first, EUR);
                BigDecimal y = LinePricing.prorate(p, whole, second, EUR);
                BigDecimal z = LinePricing.prorate(p, whole, third, EUR);
                assertEquals(0, p.compareTo(x.add(y).add(z)), a + "/" + b + ": " + x + " + " + y + " + " + z);
                for (BigDecimal share : List.of(x, y, z)) {
                    assertTrue(share.signum() >= 0 && share.compareTo(p) <= 0, share + " within 0.." + p);
                }
            }
        }
    }

    @Test
    void prorate_aPartOutsideTheWholePeriod_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> LinePricing.prorate(BigDecimal.TEN, period("2026-03-01", "2026-03-31"),
                period("2026-02-28", "2026-03-31"), EUR));
    }
}
