package org.idempiere.subscription.api.service;

import java.util.List;

/**
 * Churn in a range: subscriptions whose MRR churned, grouped three ways. In each group
 * {@link AnalyticsGroup#movements()} holds the churn (voluntary and delinquent, negative),
 * {@link AnalyticsGroup#subscriptions()} the churned subscriptions; MRR at the start and end are zero.
 *
 * @param currency the ISO code of every amount
 * @param byReason by the reason given at the close each churn entry records, which the entry keeps (key: its id, "" when
 *                 none was given): a later reactivation or close does not move it
 * @param byPlan   by the plan of the churn entry
 * @param byAge    by the subscription's age at churn: {@code 0-3m}, {@code 3-6m}, {@code 6-12m}, {@code 12-24m}, {@code 24m+}
 */
public record ChurnAnalysis(String currency, List<AnalyticsGroup> byReason, List<AnalyticsGroup> byPlan,
        List<AnalyticsGroup> byAge) {
}
