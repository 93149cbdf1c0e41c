package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dry run of a billing run: what a run as of {@code asOf} would invoice, computed without
 * writing anything. Problems a run would meet that can be seen in advance — a product without a
 * price, a line no tax rate applies to — are listed; a run could still fail on what only posting
 * shows.
 *
 * @param subscriptionsDue subscriptions with a period due
 * @param invoicesPlanned  invoices the run would create
 * @param netByCurrency    net amount it would invoice per ISO currency code
 * @param problemsCount    subscriptions with a problem
 * @param problems         the first {@value BillingRunReport#MAX_LISTED} of them
 */
public record BillingForecast(LocalDate asOf, int subscriptionsDue, int invoicesPlanned, Map<String, BigDecimal> netByCurrency,
        int problemsCount, List<BillingRunReport.Failure> problems) {

    public BillingForecast {
        netByCurrency = Map.copyOf(new TreeMap<>(netByCurrency));
        problems = List.copyOf(problems);
    }
}
