package org.idempiere.subscription.api.service;

/**
 * Which customer (logo) count of the KPI panel to open ({@link AnalyticsService#customers}): the query's range,
 * plan and currency filters, and the count. Immutable.
 *
 * @param limit  at most this many lines (1..1000)
 * @param offset lines skipped first (paging)
 */
public record CustomerDrillDown(AnalyticsQuery query, Kind kind, int limit, int offset) {
    /** The counts of {@link Kpis}. */
    public enum Kind {
        /** Customers active at the end of the range ({@link Kpis#customersEnd()}): one line per customer. */
        ACTIVE,
        /** Customers first active in the range ({@link Kpis#newCustomers()}): one line per transition. */
        NEW,
        /** Customers that stopped being active in the range ({@link Kpis#churnedCustomers()}): one line per transition. */
        CHURNED,
        /** Customers active again after having churned ({@link Kpis#reactivatedCustomers()}): one line per transition. */
        REACTIVATED
    }
}
