package org.idempiere.subscription.core.internal.payments;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.ChargeRequest;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.plan.Credits;
import org.idempiere.subscription.core.internal.plan.Retries;
import org.idempiere.subscription.core.internal.store.CustomerCreditStore;
import org.idempiere.subscription.core.internal.store.PaymentRefundStore;

/**
 * Makes the refunds {@link CreditOutbox} recorded, exactly once per refund, like the
 * {@link Collector} makes charges: claim a batch and mark it in flight (committed at once); outside
 * any transaction call {@link Payments#refund} with the refund's idempotency key — or, for a refund
 * whose answer was unknown or whose collector died in flight, ask {@link Payments#status} first and
 * send the same request again only when the gateway never saw the key; record the answer.
 * A host that refuses the request ({@link SubscriptionException}: nothing moved) ends the refund
 * ERRORED with its message; any other failure is an unknown answer, asked about next time.
 * A refund is not retried: a DECLINED or ERRORED answer is final, and the transaction that
 * records it keeps the refund's amount as customer credit from its credit invoice (a positive
 * {@code SUB_CustomerCredit} entry naming the refund, unique per refund; the refund marked
 * {@code IsCreditCarried}), which the next charges of the customer take off first, as the plan's
 * other credit handling does. Only the collector that still holds the refund records it, so the
 * credit is kept once even with two collectors or after a crash (the transaction commits the
 * answer and the credit together, or neither).
 * When a refund succeeds, the transaction that records it also asks the host to settle the invoice
 * the refund opened again with the credit invoice refunded ({@link Payments#settleWithCredit}), so
 * that neither stays open; a host that cannot leaves both open for the seller to allocate.
 */
public final class RefundCollector {
    /** Refunds claimed per transaction. */
    static final int BATCH = 50;

    private final HostContext host;
    private final Payments payments;
    private final CurrencyLookup currencies;
    private final PaymentRefundStore refunds = new PaymentRefundStore();
    private final CustomerCreditStore ledger = new CustomerCreditStore();
    private final CreditSettlement settlement;

    public RefundCollector(HostContext host, Payments payments, CurrencyLookup currencies) {
        this.host = host;
        this.payments = payments;
        this.currencies = currencies;
        this.settlement = new CreditSettlement(host, payments);
    }

    /**
     * What one pass did: refunds ended by state, and the amounts refunded by currency (a declined
     * or errored refund's amount is kept as customer credit instead).
     */
    public record Report(java.util.Map<PaymentStatus, Integer> ended, java.util.Map<String, BigDecimal> refunded) {
    }

    /** Makes every refund due by today. */
    public Report collectDue() {
        java.util.Map<PaymentStatus, Integer> ended = new java.util.EnumMap<>(PaymentStatus.class);
        java.util.Map<String, BigDecimal> refunded = new java.util.HashMap<>();
        Instant passStart = Instant.now(); // wall time, as the charges' leases
        Duration lease = Collector.LEASE;
        while (true) {
            List<PaymentRefundStore.Stored> claimed = host.inTransaction(tx -> refunds.claim(tx.connection(), host.tenant(),
                    host.today(), host.clock().instant(), Instant.now(), passStart, Instant.now().minus(lease), BATCH));
            if (claimed.isEmpty()) {
                break;
            }
            for (PaymentRefundStore.Stored r : claimed) {
                Money amount = host.inTransaction(tx -> Money.of(r.amount(), currencies.resolver(tx).apply(r.currencyId())));
                ChargeResult answer = refund(r, amount);
                PaymentStatus status = Retries.statusOf(answer.outcome());
                if (record(r, amount, answer, status)) {
                    ended.merge(status, 1, Integer::sum);
                    if (status == PaymentStatus.SUCCEEDED) {
                        refunded.merge(amount.currency().getCurrencyCode(), amount.amount(), BigDecimal::add);
                    }
                }
            }
        }
        return new Report(ended, refunded);
    }

    /**
     * Records a refund's answer; a refund that succeeded also settles, in the same transaction, the
     * invoice it opened again with the credit invoice it refunded.
     *
     * @return whether this collector recorded it (it still held the refund)
     */
    private boolean record(PaymentRefundStore.Stored r, Money amount, ChargeResult answer, PaymentStatus status) {
        return host.inTransaction(tx -> {
            boolean done = refunds.finish(tx.connection(), host.tenant(), r.id(), status, answer.paymentId(), answer.reference(),
                    answer.code(), answer.message());
            if (done && status == PaymentStatus.SUCCEEDED) {
                settlement.settle(tx, r.paidInvoiceId(), amount.currency(),
                        List.of(new Credits.FromInvoice(r.creditInvoiceId(), amount.amount())));
            } else if (done && (status == PaymentStatus.DECLINED || status == PaymentStatus.ERRORED)) {
                // finally failed: the credit is kept for the customer's next invoices instead of left to the seller
                if (ledger.addFailedRefund(tx.connection(), host.tenant(), host.nextId(tx, "SUB_CustomerCredit"), r.subscriptionId(),
                        r.customerId(), r.currencyId(), r.amount(), r.creditInvoiceId(), r.id(), host.today())) {
                    refunds.markCarried(tx.connection(), host.tenant(), r.id());
                }
            }
            return done;
        });
    }

    private ChargeResult refund(PaymentRefundStore.Stored r, Money amount) {
        ChargeRequest request = new ChargeRequest(r.idempotencyKey(), r.customerId(), r.paidMethodId(), r.paidInvoiceId(), amount,
                "Refund of subscription credit invoice " + r.creditInvoiceId());
        if (r.claimedFrom() != PaymentStatus.PENDING) {
            // the answer was unknown, or its collector died in flight: ask, never refund blindly
            Optional<ChargeResult> known;
            try {
                known = payments.status(r.idempotencyKey());
            } catch (RuntimeException e) {
                return unknown("status query failed: " + e.getMessage());
            }
            if (known.isPresent()) {
                return known.get();
            }
        }
        try {
            return payments.refund(r.paidPaymentId(), request);
        } catch (SubscriptionException e) { // refused before anything moved
            return new ChargeResult(ChargeResult.Outcome.ERRORED, Optional.empty(), Optional.empty(),
                    Optional.of(e.code().name().toLowerCase(java.util.Locale.ROOT)), e.getMessage());
        } catch (RuntimeException e) { // money may have moved: ask next time
            System.getLogger(RefundCollector.class.getName()).log(System.Logger.Level.WARNING, "Refund call failed", e);
            return unknown("the refund failed without an answer");
        }
    }

    private static ChargeResult unknown(String why) {
        return new ChargeResult(ChargeResult.Outcome.UNKNOWN, Optional.empty(), Optional.empty(), Optional.empty(), why);
    }
}
