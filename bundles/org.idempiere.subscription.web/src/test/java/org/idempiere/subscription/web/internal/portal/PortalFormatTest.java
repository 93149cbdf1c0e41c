package org.idempiere.subscription.web.internal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Amounts and dates as the portal shows them; '_' below stands for a no-break space (U+00A0). */
class PortalFormatTest {

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            SK | 1234.56    | EUR | 1_234,56_€
            SK | 1234.565   | EUR | 1_234,57_€
            SK | 0          | EUR | 0,00_€
            SK | -1234.5    | EUR | -1_234,50_€
            SK | 1234567.8  | EUR | 1_234_567,80_€
            SK | 99.9       | CZK | 99,90_CZK
            SK | 1500       | JPY | 1_500_JPY
            EN | 1234.56    | EUR | €1,234.56
            EN | 1234.565   | EUR | €1,234.57
            EN | -1234.5    | EUR | -€1,234.50
            EN | 1234567.8  | USD | $1,234,567.80
            EN | 99.9       | CZK | CZK_99.90
            EN | 0.004      | EUR | €0.00
            EN | 999.995    | EUR | €1,000.00
            EN | 123456     | EUR | €123,456.00
            SK | 100        | EUR | 100,00_€
            SK | -0.004     | EUR | 0,00_€
            """)
    void money_isFormattedPerLanguage(PortalLanguage language, String amount, String currency, String expected) {
        assertEquals(expected.replace('_', '\u00A0'), new PortalFormat(language).money(new BigDecimal(amount), currency));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            SK | 2026-12-07 | 7. 12. 2026
            SK | 2026-01-31 | 31. 1. 2026
            EN | 2026-12-07 | Dec 7, 2026
            EN | 2028-02-29 | Feb 29, 2028
            """)
    void date_isFormattedPerLanguage(PortalLanguage language, String date, String expected) {
        assertEquals(expected, new PortalFormat(language).date(LocalDate.parse(date)));
    }

    @org.junit.jupiter.api.Test
    void quantity_dropsTrailingZeros_withTheLanguagesMark() {
        assertEquals("2", new PortalFormat(PortalLanguage.EN).quantity(new java.math.BigDecimal("2.000")));
        assertEquals("1.5", new PortalFormat(PortalLanguage.EN).quantity(new java.math.BigDecimal("1.50")));
        assertEquals("1,5", new PortalFormat(PortalLanguage.SK).quantity(new java.math.BigDecimal("1.50")));
        assertEquals("1\u00A0000", new PortalFormat(PortalLanguage.SK).quantity(new java.math.BigDecimal("1000")));
        assertEquals("10", new PortalFormat(PortalLanguage.SK).quantity(new java.math.BigDecimal("1E+1")));
        assertEquals("03/2029", new PortalFormat(PortalLanguage.SK).expiry(java.time.YearMonth.of(2029, 3)));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            SK | 0.0525   | 5,25_%
            SK | 1.12345  | 112,35_%
            SK | -0.0125  | -1,25_%
            SK | 0.00005  | 0,01_%
            EN | 0.0525   | 5.25%
            EN | 12.5     | 1,250.00%
            """)
    void percent_ofAFraction_roundsHalfUpToTwoDecimals(PortalLanguage language, String fraction, String expected) {
        assertEquals(expected.replace('_', '\u00A0'), new PortalFormat(language).percent(new BigDecimal(fraction), 2));
    }

    @org.junit.jupiter.api.Test
    void decimal_keepsTheScaleAsked() {
        assertEquals("2,50", new PortalFormat(PortalLanguage.SK).decimal(new BigDecimal("2.5"), 2));
        assertEquals("1,234.57", new PortalFormat(PortalLanguage.EN).decimal(new BigDecimal("1234.565"), 2));
        assertEquals("-1\u00A0234,6", new PortalFormat(PortalLanguage.SK).decimal(new BigDecimal("-1234.55"), 1));
    }
}
