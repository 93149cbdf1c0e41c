package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One month of a forecast. {@code mrrEnd = mrrStart + knownStarts + knownChanges + knownEnds +
 * trendNew + trendExpansion + trendContraction + trendChurn} exactly (contraction and churn are
 * negative), and {@code customersEnd = customersStart + knownCustomers + trendNewCustomers +
 * trendLostCustomers}. Customers are expected values with 2 decimals.
 *
 * @param knownStarts    ledger entries dated in the month after today (subscriptions starting later)
 * @param knownChanges   pending changes dated in the month, priced on their day
 * @param knownEnds      service ending in the month (notice given, fixed terms that do not renew): negative
 * @param trendNew       new business of the trend (0 in the current month)
 * @param knownCustomers change in customers with MRR above zero from the known moves
 */
public record ForecastMonth(YearMonth month, BigDecimal mrrStart, BigDecimal knownStarts, BigDecimal knownChanges,
        BigDecimal knownEnds, BigDecimal trendNew, BigDecimal trendExpansion, BigDecimal trendContraction, BigDecimal trendChurn,
        BigDecimal mrrEnd, BigDecimal customersStart, BigDecimal knownCustomers, BigDecimal trendNewCustomers,
        BigDecimal trendLostCustomers, BigDecimal customersEnd) {
}
