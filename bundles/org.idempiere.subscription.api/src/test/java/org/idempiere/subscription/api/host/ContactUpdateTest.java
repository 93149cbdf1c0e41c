package org.idempiere.subscription.api.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactUpdateTest {

    @Test
    void values_areStripped_blankOptionalsBecomeNone() {
        ContactUpdate u = new ContactUpdate("  Anna Nováková ", Optional.of(" anna@tatrasoft.example "), Optional.of("  "));
        assertEquals("Anna Nováková", u.name());
        assertEquals(Optional.of("anna@tatrasoft.example"), u.email());
        assertEquals(Optional.empty(), u.phone());
        assertEquals(Optional.empty(), new ContactUpdate("A", null, null).email());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+421 2 1234 5678", "(02) 123-456", "0905/123 456", "12"})
    void phone_digitsSpacesAndPunctuation_accepted(String phone) {
        assertEquals(Optional.of(phone), new ContactUpdate("A", Optional.empty(), Optional.of(phone)).phone());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b-c+tag@mail.example.co.uk", "x@y.sk", "o'brien@example.ie"})
    void email_commonAddresses_accepted(String email) {
        assertEquals(Optional.of(email), new ContactUpdate("A", Optional.of(email), Optional.empty()).email());
    }

    @ParameterizedTest(name = "{0}=''{1}'' refused")
    @CsvSource(delimiter = '|', value = {
        "email|anna",
        "email|anna@",
        "email|@example.sk",
        "email|anna@example",
        "email|anna..n@example.sk",
        "email|anna @example.sk",
        "email|anna@exa_mple.sk",
        "email|a@b@example.sk",
        "phone|+421 905 ABC",
        "phone|0905.123.456",
        "phone|+ ( ) -",
        "phone|call me",
    })
    void badEmailOrPhone_refusedNamingTheFieldAndValue(String field, String value) {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> new ContactUpdate("Anna",
                Optional.of(field.equals("email") ? value : "anna@example.sk"), Optional.of(field.equals("phone") ? value : "1")));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals(field, e.field().orElseThrow());
        assertEquals(value, e.value().orElseThrow());
    }

    @Test
    void name_required_andLimitedToSixty() {
        assertEquals("name", assertThrows(SubscriptionException.class,
                () -> new ContactUpdate(" ", Optional.empty(), Optional.empty())).field().orElseThrow());
        assertEquals(ErrorCode.REQUIRED, assertThrows(SubscriptionException.class,
                () -> new ContactUpdate(null, Optional.empty(), Optional.empty())).code());
        assertEquals(60, new ContactUpdate("n".repeat(60), Optional.empty(), Optional.empty()).name().length());
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> new ContactUpdate("n".repeat(61), Optional.empty(), Optional.empty()));
        assertEquals("name", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("longer than 60"), e.getMessage());
    }

    @Test
    void lengths_areIdempiereColumns_emailSixtyPhoneForty() {
        String email = "a".repeat(49) + "@example.sk"; // 60
        assertEquals(Optional.of(email), new ContactUpdate("A", Optional.of(email), Optional.empty()).email());
        assertEquals("email", assertThrows(SubscriptionException.class,
                () -> new ContactUpdate("A", Optional.of("a" + email), Optional.empty())).field().orElseThrow());
        assertEquals("phone", assertThrows(SubscriptionException.class,
                () -> new ContactUpdate("A", Optional.empty(), Optional.of("1".repeat(41)))).field().orElseThrow());
        SubscriptionException huge = assertThrows(SubscriptionException.class,
                () -> new ContactUpdate("x".repeat(100_000), Optional.empty(), Optional.empty()));
        assertTrue(huge.getMessage().length() < 200, "an oversized value is cut in the message");
    }

    @Test
    void controlCharacters_refused() {
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> new ContactUpdate("Anna\nNovak", Optional.empty(), Optional.empty()));
        assertEquals("name", e.field().orElseThrow());
        assertEquals("Anna?Novak", e.value().orElseThrow());
    }
}
