package org.idempiere.subscription.core.internal.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Currency;
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
}
