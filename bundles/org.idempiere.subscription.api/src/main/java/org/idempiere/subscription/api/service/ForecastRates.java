package org.idempiere.subscription.api.service;

import java.math.BigDecimal;

/**
 * The trend of the trailing months, from the MRR ledger.
 *
 * @param trailingMonths       how many complete months before the current one
 * @param newMrrPerMonth       average MRR of NEW and REACTIVATION entries per month, at the currency's scale
 * @param expansionRate        EXPANSION entries ÷ MRR at the trailing months' starts (summed), 6 decimals
 * @param contractionRate      CONTRACTION entries (positive) ÷ the same base
 * @param churnRate            CHURN entries (positive) ÷ the same base
 * @param newCustomersPerMonth average customers gaining MRR from none per month, 2 decimals
 * @param logoChurnRate        customers losing all MRR ÷ customers at the months' starts (summed), 6 decimals
 */
public record ForecastRates(int trailingMonths, BigDecimal newMrrPerMonth, BigDecimal expansionRate, BigDecimal contractionRate,
        BigDecimal churnRate, BigDecimal newCustomersPerMonth, BigDecimal logoChurnRate) {
}
