package org.idempiere.subscription.core.internal.payments;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.service.PaymentRunReport;

/**
 * What one collection did, as counts and sums only (its memory does not grow with the attempts);
 * its workers add to it at once.
 */
final class Tally {
    private final Map<PaymentStatus, Integer> ended = new EnumMap<>(PaymentStatus.class);
    private final Map<String, BigDecimal> collected = new HashMap<>();
    private int retries;

    synchronized void ended(PaymentStatus status) {
        ended.merge(status, 1, Integer::sum);
    }

    synchronized void collected(Money amount) {
        collected.merge(amount.currency().getCurrencyCode(), amount.amount(), BigDecimal::add);
    }

    synchronized void retries(int n) {
        retries += n;
    }

    synchronized PaymentRunReport report() {
        return new PaymentRunReport(new EnumMap<>(ended), new HashMap<>(collected), retries);
    }
}
