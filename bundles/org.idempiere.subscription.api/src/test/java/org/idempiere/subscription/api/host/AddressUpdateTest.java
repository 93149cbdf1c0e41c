package org.idempiere.subscription.api.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressUpdateTest {

    private static AddressUpdate with(String field, String value) {
        return new AddressUpdate(field.equals("address1") ? value : "Hlavná 1",
                Optional.ofNullable(field.equals("address2") ? value : null),
                Optional.ofNullable(field.equals("postal") ? value : "811 01"), field.equals("city") ? value : "Bratislava",
                Optional.ofNullable(field.equals("region") ? value : null), field.equals("countryCode") ? value : "SK");
    }

    @Test
    void values_areStripped_countryInUpperCase_blankOptionalsNone() {
        AddressUpdate a = new AddressUpdate(" Hlavná 1 ", Optional.of(" "), Optional.of(" 040 01"), " Košice ",
                Optional.of(""), " sk ");
        assertEquals("Hlavná 1", a.address1());
        assertEquals(Optional.empty(), a.address2());
        assertEquals(Optional.of("040 01"), a.postal());
        assertEquals("Košice", a.city());
        assertEquals(Optional.empty(), a.region());
        assertEquals("SK", a.countryCode());
        assertEquals(Optional.empty(), new AddressUpdate("x", null, null, "y", null, "AT").postal());
    }

    @ParameterizedTest(name = "{0} ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "address1|NULL|REQUIRED",
        "address1|'   '|REQUIRED",
        "city|NULL|REQUIRED",
        "countryCode|NULL|REQUIRED",
        "countryCode|XX|INVALID_VALUE",
        "countryCode|SVK|INVALID_VALUE",
        "countryCode|S|INVALID_VALUE",
        "postal|81-|INVALID_VALUE",
        "postal|811_01|INVALID_VALUE",
        "postal|12345678901|INVALID_VALUE",
        "region|tab\there|INVALID_VALUE",
    })
    void invalidPart_refusedNamingIt(String field, String value, ErrorCode code) {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> with(field, value));
        assertEquals(code, e.code());
        assertEquals(field, e.field().orElseThrow());
    }

    @Test
    void lengths_areIdempiereColumns() {
        assertEquals(60, with("address1", "a".repeat(60)).address1().length());
        assertEquals("address1", assertThrows(SubscriptionException.class, () -> with("address1", "a".repeat(61)))
                .field().orElseThrow());
        assertEquals("address2", assertThrows(SubscriptionException.class, () -> with("address2", "a".repeat(61)))
                .field().orElseThrow());
        assertEquals("city", assertThrows(SubscriptionException.class, () -> with("city", "c".repeat(61))).field().orElseThrow());
        assertEquals(Optional.of("r".repeat(40)), with("region", "r".repeat(40)).region());
        assertEquals("region", assertThrows(SubscriptionException.class, () -> with("region", "r".repeat(41)))
                .field().orElseThrow());
        assertEquals(Optional.of("AB1 2CD-XY"), with("postal", "AB1 2CD-XY").postal());
    }
}
