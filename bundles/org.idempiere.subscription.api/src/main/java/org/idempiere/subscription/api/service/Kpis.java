package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The key figures of one period, defined in the user guide's analytics chapter. Rates are fractions
 * (0.0525 is 5.25 %) rounded half up to 4 decimals; amounts are in the report's currency rounded half up
 * to its scale. A rate whose denominator is zero is empty.
 *
 * @param customersStart      active customers at the end of the day before {@code start}
 * @param customersEnd        active customers at the end of {@code end}
 * @param newCustomers        customers active for the first time in the period
 * @param churnedCustomers    customers that stopped being active
 * @param reactivatedCustomers customers active again after having churned
 * @param mrr                 the period's MRR, movements and subscriptions
 * @param arr                 MRR at the end × 12
 * @param arpa                MRR at the end ÷ customers at the end
 * @param logoChurnRate       churned customers ÷ customers at the start
 * @param grossMrrChurnRate   −(churn + contraction) ÷ MRR at the start
 * @param netMrrChurnRate     −(churn + contraction + expansion + reactivation) ÷ MRR at the start (negative when
 *                            expansion outweighs losses)
 * @param netRevenueRetention (MRR at the start + expansion + reactivation + contraction + churn) ÷ MRR at the start
 * @param grossRevenueRetention (MRR at the start + contraction + churn) ÷ MRR at the start
 * @param quickRatio          (new + expansion + reactivation) ÷ −(contraction + churn)
 * @param ltv                 ARPA × gross margin ÷ monthly gross MRR churn rate, at most ARPA × gross margin × 60
 * @param ltvCapped           whether {@code ltv} is the 60-month cap (no churn, or churn below 1/60 a month)
 * @param netRevenue          net amount invoiced for the period's service periods and adjustments
 * @param oneTimeRevenue      the part of it that is not recurring: adjustments of changes and setup fees
 */
public record Kpis(LocalDate start, LocalDate end, long customersStart, long customersEnd, long newCustomers,
        long churnedCustomers, long reactivatedCustomers, MrrPeriod mrr, BigDecimal arr, Optional<BigDecimal> arpa,
        Optional<BigDecimal> logoChurnRate, Optional<BigDecimal> grossMrrChurnRate, Optional<BigDecimal> netMrrChurnRate,
        Optional<BigDecimal> netRevenueRetention, Optional<BigDecimal> grossRevenueRetention, Optional<BigDecimal> quickRatio,
        Optional<BigDecimal> ltv, boolean ltvCapped, BigDecimal netRevenue, BigDecimal oneTimeRevenue) {
}
