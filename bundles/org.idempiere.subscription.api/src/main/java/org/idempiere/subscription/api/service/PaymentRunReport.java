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
 */
public record PaymentRunReport(Map<PaymentStatus, Integer> attempts, Map<String, BigDecimal> collected, int retriesAdded) {
    public PaymentRunReport {
        attempts = Map.copyOf(attempts);
        collected = Map.copyOf(collected);
    }
}
