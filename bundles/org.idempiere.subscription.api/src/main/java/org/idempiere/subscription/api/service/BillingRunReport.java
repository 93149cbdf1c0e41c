package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a billing run did. A failure on one subscription is recorded here and never aborts the
 * run. So that a run over a million subscriptions reports in constant memory, the invoice ids
 * and failures listed are the first {@value #MAX_LISTED}; the counts are always complete.
 *
 * @param invoicesCreated count of invoices created
 * @param invoiceIds      the first {@value #MAX_LISTED} invoices created
 * @param failuresCount   count of subscriptions that failed
 * @param failures        the first {@value #MAX_LISTED} failures
 * @param netByCurrency   net amount invoiced (without tax) per ISO currency code
 */
public record BillingRunReport(long runId, LocalDate asOf, int subscriptionsProcessed, int invoicesCreated,
        List<Long> invoiceIds, int failuresCount, List<Failure> failures, Map<String, BigDecimal> netByCurrency) {

    /** How many invoice ids and failures a report lists at most. */
    public static final int MAX_LISTED = 1000;

    public BillingRunReport {
        invoiceIds = List.copyOf(invoiceIds);
        failures = List.copyOf(failures);
        netByCurrency = Map.copyOf(new TreeMap<>(netByCurrency));
    }

    /** A subscription that could not be billed, with the reason. */
    public record Failure(long subscriptionId, String code, String message) {
    }
}
