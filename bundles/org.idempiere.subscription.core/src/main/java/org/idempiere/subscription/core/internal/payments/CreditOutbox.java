package org.idempiere.subscription.core.internal.payments;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.idempiere.subscription.api.CreditHandling;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.core.internal.plan.Credits;
import org.idempiere.subscription.core.internal.store.PaymentRefundStore;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;

/**
 * Records, in the transaction that posts a credit (an adjustment invoice with a negative total) of
 * a subscription paid automatically, what becomes of it by its plan's {@link CreditHandling}:
 * REFUND — one refund per payment that paid the subscription's invoices, most recent first, never
 * more than is left of each ({@link Credits#refund}), made by the {@link RefundCollector} after
 * commit; CARRY — a positive entry of the customer's credit ledger, which the collector takes off
 * the customer's next charges. What no payment covers under REFUND (the invoices were never paid)
 * is not refunded: it is carried as customer credit like CARRY, so it reduces what is open of the
 * next charge — the unpaid invoice's own next attempt included. A period invoice whose total is
 * negative is a credit too ({@link #recordPeriodCredits}).
 */
public final class CreditOutbox {
    private final HostContext host;
    private final PaymentRefundStore refunds = new PaymentRefundStore();
    private final SubscriptionStore subscriptions = new SubscriptionStore();
    private final org.idempiere.subscription.core.internal.store.CustomerCreditStore ledger =
            new org.idempiere.subscription.core.internal.store.CustomerCreditStore();

    public CreditOutbox(HostContext host) {
        this.host = host;
    }

    /** What was recorded for a credit: the refunds, and what was carried as customer credit. */
    public record Recorded(CreditHandling handling, List<PaymentRefundStore.New> refunds, BigDecimal carried) {
    }

    /**
     * Records what becomes of a posted invoice's credit; nothing for an invoice that is not a
     * credit or a subscription not paid automatically.
     *
     * @param grandTotal the invoice's grand total (a credit is negative)
     */
    public Recorded record(Tx tx, SubscriptionRecord s, long invoiceId, BigDecimal grandTotal, LocalDate day) throws SQLException {
        if (grandTotal.signum() >= 0 || subscriptions.paidAutomatically(tx.connection(), host.tenant(), Set.of(s.id())).isEmpty()) {
            return new Recorded(null, List.of(), BigDecimal.ZERO);
        }
        BigDecimal credit = grandTotal.negate();
        CreditHandling handling = refunds.creditHandling(tx.connection(), host.tenant(), s.id());
        if (handling != CreditHandling.REFUND) {
            carry(tx, s, invoiceId, credit, day);
            return new Recorded(handling, List.of(), credit);
        }
        Credits.Refund split = Credits.refund(credit, refunds.refundable(tx.connection(), host.tenant(), s.id(), s.currencyId()));
        List<PaymentRefundStore.New> out = new ArrayList<>();
        for (Credits.Share share : split.shares()) {
            out.add(new PaymentRefundStore.New(s.id(), invoiceId, share.attemptId(), s.customerId(), share.amount(), s.currencyId(),
                    day));
        }
        if (!out.isEmpty()) {
            refunds.insert(tx.connection(), host.tenant(), host.nextIds(tx, "SUB_PaymentRefund", out.size()), out);
        }
        carry(tx, s, invoiceId, split.unrefunded(), day);
        return new Recorded(handling, out, split.unrefunded());
    }

    /**
     * Records what becomes of the credits among posted period invoices (a period whose invoice
     * total is negative: a credit line or discount larger than its charges), as {@link #record}
     * does for an adjustment: nothing is charged (the {@link PaymentOutbox} skips it), and the
     * credit is refunded or carried by the plan's credit handling. A consolidated credit invoice is
     * handled under its first subscription, and only when every subscription on it is paid
     * automatically (otherwise it stays an open credit invoice, as a manual payer's credit does).
     */
    public void recordPeriodCredits(Tx tx, List<PaymentOutbox.Posted> posted) throws SQLException {
        java.util.Map<Long, PaymentOutbox.Posted> first = new java.util.LinkedHashMap<>();
        java.util.Map<Long, java.util.Set<Long>> onInvoice = new java.util.HashMap<>();
        for (PaymentOutbox.Posted p : posted) {
            if (p.grandTotal().signum() < 0) {
                first.putIfAbsent(p.invoiceId(), p);
                onInvoice.computeIfAbsent(p.invoiceId(), k -> new java.util.HashSet<>()).add(p.subscription().id());
            }
        }
        if (first.isEmpty()) {
            return;
        }
        java.util.Set<Long> all = new java.util.HashSet<>();
        onInvoice.values().forEach(all::addAll);
        Set<Long> automatic = subscriptions.paidAutomatically(tx.connection(), host.tenant(), all);
        for (PaymentOutbox.Posted p : first.values()) {
            if (automatic.containsAll(onInvoice.get(p.invoiceId()))) {
                record(tx, p.subscription(), p.invoiceId(), p.grandTotal(), p.dateInvoiced());
            }
        }
    }

    private void carry(Tx tx, SubscriptionRecord s, long invoiceId, BigDecimal amount, LocalDate day) throws SQLException {
        if (amount.signum() > 0) {
            ledger.add(tx.connection(), host.tenant(), host.nextId(tx, "SUB_CustomerCredit"), s.id(), s.customerId(), s.currencyId(),
                    amount, invoiceId, java.util.Optional.empty(), day);
        }
    }
}
