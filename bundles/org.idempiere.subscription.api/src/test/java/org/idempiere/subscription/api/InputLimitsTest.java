package org.idempiere.subscription.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InputLimitsTest {

    @ParameterizedTest
    @CsvSource({"1", "0.000001", "2.5", "1000000000"})
    void quantity_inRange_isAccepted(String q) {
        assertEquals(new BigDecimal(q), InputLimits.quantity("quantity", new BigDecimal(q)));
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "0.0000001", "1000000000.5", "1E+400"})
    void quantity_outOfRangeOrTooPrecise_isRefusedNamingTheField(String q) {
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> InputLimits.quantity("lines[2].quantity", new BigDecimal(q)));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals("lines[2].quantity", e.field().orElseThrow());
        assertEquals(true, e.getMessage().length() < 200, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"-0.01, price", "1000000000000.01, price", "0.0000001, price"})
    void price_outOfRange_isRefused(String p, String field) {
        assertEquals(field, assertThrows(SubscriptionException.class,
                () -> InputLimits.price(field, new BigDecimal(p))).field().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"0, true", "100, true", "12.3456, true", "100.0001, false", "-1, false", "1.23456, false"})
    void percent_isZeroToHundredWithFourDecimals(String v, boolean ok) {
        if (ok) {
            assertEquals(new BigDecimal(v), InputLimits.percent("discountPercent", new BigDecimal(v)));
        } else {
            assertThrows(SubscriptionException.class, () -> InputLimits.percent("discountPercent", new BigDecimal(v)));
        }
    }

    @ParameterizedTest
    @CsvSource({
            "sk, sk", "sk-SK, sk_SK", "sk_SK, sk_SK", "SK-sk, sk_SK", "en-us, en_US", "' de_AT ', de_AT", "cs, cs"})
    void language_acceptsBcp47AndIdempiereCodes_normalisedToIdempiereForm(String given, String normalised) {
        assertEquals(normalised, InputLimits.language("language", given));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "slk", "sk-", "sk_SVK", "sk-Latn-SK", "zh-Hant",
            "sk SK", "sk-SK-x", "1k"})
    void language_refusesOtherForms_namingFieldAndValue(String given) {
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> InputLimits.language("language", given));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals("language", e.field().orElseThrow());
        assertEquals(given, e.value().orElseThrow());
        assertEquals("language '" + given + "' is not a language such as sk, sk-SK or sk_SK", e.getMessage());
    }
}
