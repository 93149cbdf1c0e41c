package org.idempiere.subscription.api.service;

import java.math.BigDecimal;

/**
 * One row of a grouped figure (a breakdown, a churn analysis).
 *
 * @param key           the group's key: an id, an ISO code, a bucket name; "" for "none recorded"
 * @param label         the group's name for people
 * @param mrrStart      MRR at the end of the day before the range
 * @param movements     the movements in the range
 * @param mrrEnd        MRR at the end of the range
 * @param subscriptions subscriptions with MRR at the end of the range (in a churn analysis: churned subscriptions)
 */
public record AnalyticsGroup(String key, String label, BigDecimal mrrStart, MrrMovements movements, BigDecimal mrrEnd,
        long subscriptions) {
}
