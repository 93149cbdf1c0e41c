package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Customers grouped by the month (or quarter) they were first active, and what is left of each
 * group period after period.
 *
 * @param currency    the ISO code of every amount
 * @param granularity MONTH or QUARTER
 * @param cohorts     the cohorts that start in the query's range, oldest first
 */
public record CohortTable(String currency, Granularity granularity, List<Cohort> cohorts) {
    /**
     * One cohort.
     *
     * @param start     the first day of the cohort's month or quarter
     * @param customers customers first active in it
     * @param cells     period 0 (the cohort's own) and every later one up to the query's end
     */
    public record Cohort(LocalDate start, long customers, List<Cell> cells) {
    }

    /**
     * The cohort at the end of one period.
     *
     * @param index           0 for the cohort's own period, then 1, 2, …
     * @param periodEnd       the last day of the period
     * @param active          the cohort's customers active at its end
     * @param activeShare     active ÷ customers (4 decimals)
     * @param mrr             the cohort's MRR at its end
     * @param netMrrRetention mrr ÷ the cohort's MRR at the end of period 0 (4 decimals; can exceed 1)
     */
    public record Cell(int index, LocalDate periodEnd, long active, BigDecimal activeShare, BigDecimal mrr,
            Optional<BigDecimal> netMrrRetention) {
    }
}
