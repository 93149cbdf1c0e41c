package org.idempiere.subscription.api.service;

import java.time.LocalDate;

/**
 * Which cohort cell to open ({@link AnalyticsService#cohortCustomers}): the cohort table's query (range, MONTH or
 * QUARTER, reporting currency), the cohort and the period. Immutable.
 *
 * @param cohort any day of the cohort's month or quarter (the cohort table's {@link CohortTable.Cohort#start()});
 *               a cohort of the query's range
 * @param period the cell's {@link CohortTable.Cell#index()}: 0 for the cohort's own period, up to the query's last
 * @param limit  at most this many customers (1..1000), by customer id
 * @param offset customers skipped first (paging)
 */
public record CohortDrillDown(AnalyticsQuery query, LocalDate cohort, int period, int limit, int offset) {
}
