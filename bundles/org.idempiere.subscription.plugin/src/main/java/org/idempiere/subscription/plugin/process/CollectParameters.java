package org.idempiere.subscription.plugin.process;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.PaymentRunReport;
import org.idempiere.subscription.api.service.PaymentService;

/**
 * The process Collect Subscription Payments without iDempiere: its (absent) parameters, the engine
 * it needs, and the text it reports. {@link CollectPayments} hands over the parameters as name/value
 * pairs as {@code ProcessInfoParameter} carries them, and the engine's {@link PaymentService} if one
 * is registered.
 */
public final class CollectParameters {
    /** The process's search key ({@code AD_Process.Value}). */
    public static final String PROCESS = "SUB_CollectPayments";
    /** Every parameter the process reads: none; any parameter is refused. */
    public static final List<String> NAMES = List.of();
    /** Why the process cannot run while no engine provides automatic payments. */
    public static final String NO_PAYMENT_SERVICE = "Automatic payments are not available: no subscription PaymentService is registered"
            + " (is org.idempiere.subscription.core active, in a version that collects payments?). Nothing was charged.";

    private CollectParameters() {
    }

    /**
     * Checks the parameters and collects the due payment attempts.
     *
     * @param values parameter name to value, as the process received them (a null value: given, not set)
     * @param engine the engine's payment service, empty when none is registered
     * @return what the collection did
     * @throws SubscriptionException INVALID_VALUE naming a parameter (the process has none)
     * @throws IllegalStateException {@link #NO_PAYMENT_SERVICE} when there is no engine; nothing is charged
     */
    public static PaymentRunReport collect(Map<String, Object> values, Optional<PaymentService> engine) {
        ProcessValues.requireKnown(values, PROCESS, NAMES);
        return engine.orElseThrow(() -> new IllegalStateException(NO_PAYMENT_SERVICE)).collect();
    }

    /**
     * @return the process's result message: the attempts finished, by state (in the order of the list
     *         SUB_PaymentStatus, states with none left out), the amounts collected per currency (ISO code
     *         order) and the retries scheduled
     */
    public static String summary(PaymentRunReport report) {
        List<String> states = new ArrayList<>();
        int total = 0;
        for (PaymentStatus status : PaymentStatus.values()) {
            int n = report.attempts().getOrDefault(status, 0);
            if (n > 0) {
                states.add(n + " " + label(status));
                total += n;
            }
        }
        StringBuilder s = new StringBuilder("Payment collection: ");
        if (total == 0) {
            s.append("no payment attempt was due");
        } else {
            s.append(total).append(total == 1 ? " attempt" : " attempts").append(" (").append(String.join(", ", states)).append(')');
        }
        s.append("; collected ");
        Map<String, BigDecimal> collected = new TreeMap<>(report.collected());
        collected.values().removeIf(a -> a.signum() == 0);
        if (collected.isEmpty()) {
            s.append("nothing");
        } else {
            s.append(String.join(", ", collected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toPlainString()).toList()));
        }
        int retries = report.retriesAdded();
        s.append("; ").append(retries).append(retries == 1 ? " retry" : " retries").append(" scheduled");
        int refunds = report.refunds().values().stream().mapToInt(Integer::intValue).sum();
        if (refunds > 0) {
            Map<String, BigDecimal> refunded = new TreeMap<>(report.refunded());
            refunded.values().removeIf(a -> a.signum() == 0);
            s.append("; ").append(refunds).append(refunds == 1 ? " refund" : " refunds").append(", refunded ")
                    .append(refunded.isEmpty() ? "nothing" : String.join(", ", refunded.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue().toPlainString()).toList()));
        }
        return s.toString();
    }

    /** @return the state as the list SUB_PaymentStatus names it, in lower case */
    static String label(PaymentStatus status) {
        return switch (status) {
            case PENDING -> "pending";
            case IN_FLIGHT -> "in flight";
            case SUCCEEDED -> "succeeded";
            case DECLINED -> "declined";
            case ERRORED -> "errored";
            case UNKNOWN -> "unknown";
            case NO_METHOD -> "no payment method";
            case CANCELLED -> "cancelled";
        };
    }
}
