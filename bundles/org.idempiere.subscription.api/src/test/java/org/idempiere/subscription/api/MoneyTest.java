package org.idempiere.subscription.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void of_exactAmount_isKeptAtCurrencyScale() {
        assertEquals(new BigDecimal("10.50"), Money.of(new BigDecimal("10.5"), EUR).amount());
        assertEquals(new BigDecimal("7"), Money.of(new BigDecimal("7"), JPY).amount());
    }

    @Test
    void of_moreDecimalsThanCurrency_isRejectedNamingTheValue() {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> Money.of(new BigDecimal("10.005"), EUR));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals("10.005", e.value().orElseThrow());
        assertTrue(e.getMessage().contains("EUR"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"10.005, HALF_UP, 10.01", "10.005, HALF_EVEN, 10.00", "10.001, UP, 10.01", "-10.005, HALF_UP, -10.01"})
    void of_withRounding_roundsOnce(String amount, RoundingMode mode, String expected) {
        assertEquals(new BigDecimal(expected), Money.of(new BigDecimal(amount), EUR, mode).amount());
    }

    @Test
    void plusAndMinus_areExact() {
        Money a = Money.of(new BigDecimal("0.10"), EUR);
        Money b = Money.of(new BigDecimal("0.20"), EUR);
        assertEquals(Money.of(new BigDecimal("0.30"), EUR), a.plus(b));
        assertEquals(Money.of(new BigDecimal("-0.10"), EUR), a.minus(b));
    }

    @Test
    void plus_otherCurrency_isAnError() {
        Money eur = Money.zero(EUR);
        Money jpy = Money.zero(JPY);
        CurrencyMismatchException e = assertThrows(CurrencyMismatchException.class, () -> eur.plus(jpy));
        assertEquals(EUR, e.firstCurrency());
        assertEquals(JPY, e.secondCurrency());
    }

    @Test
    void currencyMismatch_isASubscriptionExceptionNamingBothCurrencies() {
        Money eur = Money.of(BigDecimal.ONE, EUR);
        Money jpy = Money.of(BigDecimal.ONE, JPY);
        CurrencyMismatchException e = assertThrows(CurrencyMismatchException.class, () -> jpy.minus(eur));
        SubscriptionException asDomainError = e;
        assertEquals(ErrorCode.CURRENCY_MISMATCH, asDomainError.code());
        assertEquals(ErrorCode.Kind.INVALID, asDomainError.code().kind());
        assertEquals("currency", asDomainError.field().orElseThrow());
        assertEquals("EUR", asDomainError.value().orElseThrow());
        assertEquals(JPY, e.firstCurrency());
        assertEquals(EUR, e.secondCurrency());
        assertEquals("currency 'EUR' does not match 'JPY': amounts in different currencies cannot be combined", e.getMessage());
    }

    @Test
    void compareTo_otherCurrency_throwsTheMismatchWithBothCurrencies() {
        Money eur = Money.zero(EUR);
        Money jpy = Money.zero(JPY);
        CurrencyMismatchException e = assertThrows(CurrencyMismatchException.class, () -> eur.compareTo(jpy));
        assertEquals(EUR, e.firstCurrency());
        assertEquals(JPY, e.secondCurrency());
    }

    @Test
    void currencyMismatch_needsBothCurrencies() {
        assertThrows(NullPointerException.class, () -> new CurrencyMismatchException(null, EUR));
        assertThrows(NullPointerException.class, () -> new CurrencyMismatchException(EUR, null));
    }

    @Test
    void multipliedBy_fraction_multipliesBeforeDividing() {
        // 9.99 * 52 / 12 = 43.29 exactly; dividing first would give 43.2900000...01 rounding noise
        Money weekly = Money.of(new BigDecimal("9.99"), EUR);
        assertEquals(new BigDecimal("43.29"),
                weekly.multipliedBy(BigDecimal.valueOf(52), BigDecimal.valueOf(12), RoundingMode.HALF_UP).amount());
        Money daily = Money.of(new BigDecimal("1.00"), EUR);
        assertEquals(new BigDecimal("30.42"),
                daily.multipliedBy(BigDecimal.valueOf(365), BigDecimal.valueOf(12), RoundingMode.HALF_UP).amount());
    }

    @ParameterizedTest
    @CsvSource({"EURO", "eur", "XYZ", "''"})
    void currency_unknownCode_isRejectedNamingTheField(String code) {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> Money.currency("currency", code));
        assertEquals("currency", e.field().orElseThrow());
    }
}
