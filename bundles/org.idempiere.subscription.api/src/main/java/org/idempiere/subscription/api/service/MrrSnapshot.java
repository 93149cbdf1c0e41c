package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * MRR of the tenant in one currency at the end of a day, from the change log.
 *
 * @param activeSubscriptions subscriptions with MRR above zero that day
 */
public record MrrSnapshot(LocalDate date, String currency, BigDecimal mrr, int activeSubscriptions) {
}
