package org.idempiere.subscription.api.host;

import java.util.Objects;
import org.idempiere.subscription.api.Money;

/**
 * One charge (or refund) to make through the host's payment processor. The idempotency key is the
 * engine's payment attempt's: asking twice with one key never moves money twice. Immutable.
 *
 * @param idempotencyKey the attempt's key, unique per attempt
 * @param customerId     whose method is charged
 * @param methodId       the saved method ({@link PaymentMethod#id()})
 * @param invoiceId      the invoice the payment is allocated to (a refund: the invoice of the payment refunded)
 * @param amount         how much (positive)
 * @param description    shown on the payment document
 */
public record ChargeRequest(String idempotencyKey, long customerId, long methodId, long invoiceId, Money amount,
        String description) {
    public ChargeRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(amount, "amount");
        if (amount.amount().signum() <= 0) {
            throw new IllegalArgumentException("amount " + amount + " is not positive");
        }
    }
}
