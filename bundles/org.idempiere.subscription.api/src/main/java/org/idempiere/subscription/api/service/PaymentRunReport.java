package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.util.Map;
import org.idempiere.subscription.api.PaymentStatus;

/**
 * What one collection of due payment attempts did. Immutable.
 *
 * @param attempts     attempts the collection finished, by the state they ended in
 * @param collected    amounts charged successfully, per currency (ISO code)
 * @param retriesAdded retries scheduled after failures
 * @param refunds      refunds of credits to payments the collection finished, by the state they ended in
 * @param refunded     amounts refunded successfully, per currency (ISO code)
 */
public record PaymentRunReport(Map<PaymentStatus, Integer> attempts, Map<String, BigDecimal> collected, int retriesAdded,
        Map<PaymentStatus, Integer> refunds, Map<String, BigDecimal> refunded) {
    public PaymentRunReport {
        attempts = Map.copyOf(attempts);
        collected = Map.copyOf(collected);
        refunds = Map.copyOf(refunds);
        refunded = Map.copyOf(refunded);
    }

    /** A report of charges only (no refund was due). */
    public PaymentRunReport(Map<PaymentStatus, Integer> attempts, Map<String, BigDecimal> collected, int retriesAdded) {
        this(attempts, collected, retriesAdded, Map.of(), Map.of());
    }

    /** @return this report with the refunds of the same collection */
    public PaymentRunReport withRefunds(Map<PaymentStatus, Integer> refundsEnded, Map<String, BigDecimal> amountsRefunded) {
        return new PaymentRunReport(attempts, collected, retriesAdded, refundsEnded, amountsRefunded);
    }
}
