package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * What booking a month did.
 *
 * @param journals the journals booked now, one per currency with something to book; empty when
 *                 the month was booked already and nothing changed
 */
public record RevenueBookingReport(YearMonth month, List<Journal> journals) {
    public RevenueBookingReport {
        journals = List.copyOf(journals);
    }

    /**
     * A journal booked for one currency.
     *
     * @param amount the net recognized revenue it moves (negative: booked back)
     */
    public record Journal(String currency, long journalId, String documentNo, BigDecimal amount) {
    }
}
