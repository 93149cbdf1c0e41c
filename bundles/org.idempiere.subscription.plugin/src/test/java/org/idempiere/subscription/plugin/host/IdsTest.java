package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.sql.Timestamp;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @Test
    void lookup_onlyPositiveInts() {
        assertEquals(OptionalInt.of(1000000), Ids.lookup(1000000));
        assertEquals(OptionalInt.of(Integer.MAX_VALUE), Ids.lookup(Integer.MAX_VALUE));
        assertEquals(OptionalInt.empty(), Ids.lookup(0));
        assertEquals(OptionalInt.empty(), Ids.lookup(-5));
        assertEquals(OptionalInt.empty(), Ids.lookup(Integer.MAX_VALUE + 1L));
        assertEquals(0, Ids.orNone(-1));
    }

    @Test
    void ourTable_subTablesOnly() {
        assertEquals("SUB_BillingItem", Ids.ourTable("SUB_BillingItem"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"C_Invoice", "SUB_X; DROP TABLE C_Invoice", "sub", ""})
    void ourTable_anythingElse_refused(String table) {
        assertThrows(IllegalArgumentException.class, () -> Ids.ourTable(table));
    }

    @Test
    void dates_midnightBothWays() {
        Timestamp t = Dates.toTimestamp(LocalDate.of(2024, 2, 29));
        assertEquals(Timestamp.valueOf(LocalDateTime.of(2024, 2, 29, 0, 0)), t);
        assertEquals(LocalDate.of(2024, 2, 29), Dates.toLocalDate(t));
    }
}
