package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Figures derived from the MRR ledger ({@code SUB_ChangeLog}) and the invoiced periods, as defined in
 * the user guide's analytics chapter. Every read first brings the refreshed figures up to date with the
 * ledger, so a figure always reflects every committed entry, including ones dated in the past. Bad input
 * throws {@link org.idempiere.subscription.api.SubscriptionException} naming the field and the value; no read
 * writes anything but the derived analytics tables.
 */
@org.osgi.annotation.versioning.ProviderType
public interface AnalyticsService {
    /**
     * @param currency ISO 4217 code; null for the tenant's own currency
     * @return the MRR of subscriptions in that currency at the end of {@code date}
     */
    MrrSnapshot mrr(LocalDate date, String currency);

    /** @return MRR at the start and end of each period of the range and the movements between */
    MrrSeries mrrSeries(AnalyticsQuery query);

    /**
     * @param grossMargin the gross margin for LTV, a fraction above 0 and at most 1
     * @return the key figures of the range and of each period
     */
    KpiPanel kpis(AnalyticsQuery query, BigDecimal grossMargin);

    /**
     * Cohorts by the month or quarter (the query's granularity; others are refused) customers were first
     * active, from the query's first to its last day; amounts in the reporting currency. Plan and currency
     * filters are refused: a cohort is made of customers.
     */
    CohortTable cohorts(AnalyticsQuery query);

    /** @return the churn of the range by close reason, plan and age */
    ChurnAnalysis churn(AnalyticsQuery query);

    /** @return MRR and movements of the range grouped by {@code by} */
    Breakdown breakdown(AnalyticsQuery query, Breakdown.Dimension by);

    /**
     * @return the ledger entries behind a figure, with the movement each contributes
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN_REFERENCE naming {@code closeReasonId} for a
     *         reason the tenant does not have (0 is "none given"); INVALID_VALUE for a bad range, limit, offset or age
     */
    List<LedgerLine> entries(DrillDown drillDown);

    /**
     * The customers behind one cell of {@link #cohorts}: the cohort's customers, by id, each active or not at the end
     * of the period, with its MRR there and at the end of period 0, converted as the cohort table converts (each
     * currency's total of the cell converted, then shared out over the customers by largest remainder, so the rows add
     * up to the cell exactly).
     *
     * @throws org.idempiere.subscription.api.SubscriptionException as {@link #cohorts}, and INVALID_VALUE naming
     *         {@code cohort} (not a cohort of the range), {@code period} (not a cell of the cohort), {@code limit} or
     *         {@code offset}
     */
    List<CohortCustomer> cohortCustomers(CohortDrillDown drillDown);

    /**
     * The customers behind a customer (logo) count of {@link #kpis} for the query's whole range: those active at its
     * end (one line each), or each transition — new, churned, reactivated — in it (one line each, so the lines are as
     * many as the count), with the query's plan and currency filters.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException as {@link #kpis}, and INVALID_VALUE naming
     *         {@code limit} or {@code offset}
     */
    List<CustomerLine> customers(CustomerDrillDown drillDown);

    /**
     * Brings the refreshed figures up to date with the ledger now and compacts them into one row per figure
     * (reads refresh by themselves and compact only once the figures have grown; billing runs refresh after
     * they finish).
     *
     * @return the customers recomputed
     */
    int refresh();

    /**
     * Recomputes net and one-time revenue from the invoiced periods and the changes' adjustment invoices. The
     * engine records revenue as it invoices; this is for periods loaded without it (an import), and must not run
     * while a billing run does.
     *
     * @return the revenue figures written (one per day, currency, plan and kind)
     */
    int rebuildRevenue();
}
