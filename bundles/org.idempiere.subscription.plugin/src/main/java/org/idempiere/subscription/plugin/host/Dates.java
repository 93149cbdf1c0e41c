package org.idempiere.subscription.plugin.host;

import java.sql.Timestamp;
import java.time.LocalDate;

/**
 * iDempiere stores a date (DateInvoiced, a price or tax validity) as a {@link Timestamp} at
 * midnight of the server's time zone; our ports use {@link LocalDate}.
 */
final class Dates {

    private Dates() {
    }

    /** @return midnight of {@code date} in the JVM's time zone, as iDempiere stores dates */
    static Timestamp toTimestamp(LocalDate date) {
        return Timestamp.valueOf(date.atStartOfDay());
    }

    /** @return the calendar day of an iDempiere date, or null for null */
    static LocalDate toLocalDate(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().toLocalDate();
    }
}
