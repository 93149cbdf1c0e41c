package org.idempiere.subscription.api.service;

import java.time.LocalDate;
import java.util.List;

/**
 * What a billing run did. A failure on one subscription is recorded here and never aborts the
 * run.
 */
public record BillingRunReport(long runId, LocalDate asOf, int subscriptionsProcessed, int invoicesCreated,
        List<Long> invoiceIds, List<Failure> failures) {

    public BillingRunReport {
        invoiceIds = List.copyOf(invoiceIds);
        failures = List.copyOf(failures);
    }

    /** A subscription that could not be billed, with the reason. */
    public record Failure(long subscriptionId, String code, String message) {
    }
}
