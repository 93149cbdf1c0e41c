package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The revenue balances in one currency at the end of a day:
 * {@code deferred − unbilled = invoiced − recognized}, exactly.
 *
 * @param invoiced   every period and adjustment invoice dated on or before the day
 * @param recognized revenue earned up to the end of the day
 * @param deferred   invoiced but not yet earned
 * @param unbilled   earned but invoiced after the day
 */
public record RevenueBalance(LocalDate date, String currency, BigDecimal invoiced, BigDecimal recognized,
        BigDecimal deferred, BigDecimal unbilled) {
}
