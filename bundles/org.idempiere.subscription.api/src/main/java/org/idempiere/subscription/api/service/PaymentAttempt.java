package org.idempiere.subscription.api.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PaymentStatus;

/**
 * One attempt to charge an invoice to a saved payment method, as the seller sees it. Immutable.
 *
 * @param id             {@code SUB_PaymentAttempt_ID}
 * @param subscriptionId the subscription whose invoice it pays
 * @param invoiceId      the invoice
 * @param customerId     the customer
 * @param methodId       the saved method charged; empty while the customer has none
 * @param amount         the amount charged (the invoice's open amount when the attempt was made)
 * @param attemptNo      1 for the first charge of the invoice, 2 for the first retry, ...
 * @param status         where it stands
 * @param dueOn          the day it is (or was) to be tried
 * @param triedAt        when the gateway was called; empty before
 * @param paymentId      the host's payment document, when one was made
 * @param reference      the gateway's reference
 * @param resultCode     the gateway's result code (e.g. {@code insufficient_funds})
 * @param resultMessage  the gateway's or the engine's message
 */
public record PaymentAttempt(long id, long subscriptionId, long invoiceId, long customerId, Optional<Long> methodId, Money amount,
        int attemptNo, PaymentStatus status, LocalDate dueOn, Optional<Instant> triedAt, Optional<Long> paymentId,
        Optional<String> reference, Optional<String> resultCode, Optional<String> resultMessage) {
}
