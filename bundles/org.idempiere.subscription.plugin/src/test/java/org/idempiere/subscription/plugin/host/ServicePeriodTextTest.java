package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.idempiere.subscription.api.ServicePeriod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServicePeriodTextTest {
    private static final ServicePeriod JAN31 = new ServicePeriod(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 27));

    @Test
    void format_isoDatesJoinedByDash() {
        assertEquals("2026-01-31 - 2026-02-27", ServicePeriodText.format(JAN31));
    }

    @Test
    void describe_descriptionNamingThePeriod_keptAsIs() {
        assertEquals("S-0001: 2026-01-31 - 2026-02-27", ServicePeriodText.describe("S-0001: 2026-01-31 - 2026-02-27", JAN31));
    }

    @Test
    void describe_descriptionWithoutThePeriod_periodAppended() {
        assertEquals("Hosting 2026-01-31 - 2026-02-27", ServicePeriodText.describe("  Hosting ", JAN31));
    }

    @Test
    void describe_noDescription_periodOnly() {
        assertEquals("2026-01-31 - 2026-02-27", ServicePeriodText.describe(null, JAN31));
        assertEquals("2026-01-31 - 2026-02-27", ServicePeriodText.describe(" ", JAN31));
    }

    @Test
    void describe_tooLong_textShortenedPeriodKeptAtTheEnd() {
        String described = ServicePeriodText.describe("x".repeat(400), JAN31);
        assertEquals(ServicePeriodText.DESCRIPTION_LENGTH, described.length());
        assertTrue(described.endsWith("x... 2026-01-31 - 2026-02-27"), described);
        assertEquals(Optional.of(JAN31), ServicePeriodText.parse(described));
    }

    @Test
    void describe_tooLongAndNamingThePeriod_periodMovedToTheEnd() {
        String described = ServicePeriodText.describe("2026-01-31 - 2026-02-27 " + "y".repeat(300), JAN31);
        assertEquals(ServicePeriodText.DESCRIPTION_LENGTH, described.length());
        assertEquals(Optional.of(JAN31), ServicePeriodText.parse(described));
    }

    @Test
    void parse_describedLine_roundTrips() {
        assertEquals(Optional.of(JAN31), ServicePeriodText.parse(ServicePeriodText.describe("Support", JAN31)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "S-1: 2025-12-31 - 2026-01-30, S-1: 2026-01-31 - 2026-02-27 | 2026-01-31 | 2026-02-27",
        "2024-02-29 - 2024-02-29                                | 2024-02-29 | 2024-02-29",
        "2026-02-30 - 2026-03-01                                | NULL       | NULL",
        "2026-03-01 - 2026-02-01                                | NULL       | NULL",
        "no period here                                         | NULL       | NULL",
        "NULL                                                   | NULL       | NULL",
    })
    void parse_lastValidPeriodOrNone(String description, LocalDate start, LocalDate end) {
        Optional<ServicePeriod> parsed = ServicePeriodText.parse(description);
        if (start == null) {
            assertTrue(parsed.isEmpty(), String.valueOf(parsed));
        } else {
            assertEquals(Optional.of(new ServicePeriod(start, end)), parsed);
        }
    }

    @Test
    void fit_blankIsNull_longIsShortened() {
        assertNull(ServicePeriodText.fit("  ", 10));
        assertEquals("abc", ServicePeriodText.fit(" abc ", 10));
        assertEquals("abcdefg...", ServicePeriodText.fit("abcdefghijkl", 10));
    }
}
