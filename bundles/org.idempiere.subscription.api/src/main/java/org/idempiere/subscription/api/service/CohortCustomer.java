package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.util.List;

/**
 * One customer of a cohort at the end of one of its periods: a row of the drill-down of a cohort cell
 * ({@link AnalyticsService#cohortCustomers}). Over all the cell's customers, the rows with {@code active} add up to
 * the cell's {@link CohortTable.Cell#active()}, {@code mrr} to its {@link CohortTable.Cell#mrr()} and
 * {@code mrrPeriod0} to the cohort's MRR at the end of period 0, exactly. Immutable.
 *
 * @param customerId   the customer (business partner)
 * @param customerName its name in the host, empty when the host has none
 * @param active       active at the end of the period
 * @param currency     the ISO code of the amounts: the cohort table's currency
 * @param mrr          the customer's MRR at the end of the period, in the table's currency: each currency's total of the
 *                     cell converted as the table converts it, then shared out over the customers by largest remainder
 * @param mrrPeriod0   the same at the end of the cohort's period 0
 * @param documentNos  the document numbers of the customer's subscriptions with a ledger entry up to the period's end
 */
public record CohortCustomer(long customerId, String customerName, boolean active, String currency, BigDecimal mrr, BigDecimal mrrPeriod0,
        List<String> documentNos) {
    public CohortCustomer {
        documentNos = List.copyOf(documentNos);
    }
}
