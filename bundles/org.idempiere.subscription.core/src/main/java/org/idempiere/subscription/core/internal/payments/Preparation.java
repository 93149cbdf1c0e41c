package org.idempiere.subscription.core.internal.payments;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.core.internal.payments.GatewayCalls.Call;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore.Claimed;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;

/**
 * The collector's prepare step for attempts charged afresh, all of one claim in one transaction:
 * those the claim still owns are locked (one taken over by another collector after the lease is
 * left to it), the open amounts of their invoices and the saved methods of their customers read in
 * one call each, the customers' credit locked; then each attempt is decided — the invoice's open
 * amount, less the customer's credit, to the attempt's method or the customer's default usable
 * today — and the amounts and methods written in one batch before any gateway call. Nothing open:
 * cancelled (paid otherwise). Settled by credit: succeeded. No usable method: waiting for one, the
 * customer told. Past-due flags are written in subscription order, after the decisions.
 */
final class Preparation {
    private final HostContext host;
    private final Payments payments;
    private final CreditUse credit;
    private final PaymentAttemptStore attempts = new PaymentAttemptStore();
    private final SubscriptionStore subscriptions = new SubscriptionStore();

    Preparation(HostContext host, Payments payments) {
        this.host = host;
        this.payments = payments;
        this.credit = new CreditUse(host, payments);
    }

    /** What a prepare transaction decided: the charges to make, and the attempts it ended. */
    private record Decided(List<Call> calls, List<PaymentStatus> ended) {
    }

    /**
     * Prepares attempts of one claim (one lease) in one transaction; counts those it ends in
     * {@code tally} after the commit.
     *
     * @return the charges to make, in claim order
     */
    List<Call> prepare(List<Claimed> claimed, Tally tally) {
        if (claimed.isEmpty()) {
            return List.of();
        }
        Decided d = host.inTransaction(tx -> decide(tx, claimed));
        d.ended().forEach(tally::ended);
        return d.calls();
    }

    private Decided decide(Tx tx, List<Claimed> claimed) throws SQLException {
        Set<Long> owned = attempts.owned(tx.connection(), host.tenant(), claimed.stream().map(c -> c.stored().attempt().id()).toList(),
                claimed.get(0).lease());
        List<Claimed> mine = claimed.stream().filter(c -> owned.contains(c.stored().attempt().id())).toList();
        List<Long> invoices = mine.stream().map(c -> c.stored().attempt().invoiceId()).distinct().toList();
        List<Long> customers = mine.stream().map(c -> c.stored().attempt().customerId()).distinct().toList();
        Map<Long, Money> open = new LinkedHashMap<>(payments.openAmounts(tx, invoices));
        CreditSettlement.Locked credits = credit.lock(tx, customers);
        Map<Long, List<PaymentMethod>> methods = customers.isEmpty() ? Map.of() : payments.methodsOf(tx, customers);
        Decided d = new Decided(new ArrayList<>(), new ArrayList<>());
        Map<Long, Boolean> pastDue = new LinkedHashMap<>();
        for (Claimed c : mine) {
            PaymentAttempt a = c.stored().attempt();
            Optional<Money> left = Optional.ofNullable(open.get(a.invoiceId())).filter(m -> m.amount().signum() > 0);
            if (left.isEmpty()) {
                end(tx, a, PaymentStatus.CANCELLED, "Nothing open: the invoice is paid", d);
                pastDue.put(a.subscriptionId(), false);
                continue;
            }
            Money charge = credit.take(tx, a, c.stored().currencyId(), left.get(), credits); // credit first (decision 0027)
            open.put(a.invoiceId(), charge); // what another attempt of the invoice in this claim would find open
            if (charge.amount().signum() == 0) {
                d.ended().add(PaymentStatus.SUCCEEDED); // settled by credit: the attempt is finished
                pastDue.put(a.subscriptionId(), false);
                continue;
            }
            Optional<PaymentMethod> method = method(a, methods.getOrDefault(a.customerId(), List.of()));
            if (method.isEmpty() || !method.get().usableOn(host.today())) {
                end(tx, a, PaymentStatus.NO_METHOD, method.isEmpty() ? "No saved payment method" : "The saved payment method expired", d);
                continue;
            }
            d.calls().add(new Call(c, charge, method.get().id(), false));
        }
        attempts.prepare(tx.connection(), host.tenant(), d.calls().stream()
                .map(x -> new PaymentAttemptStore.Charge(x.claimed().stored().attempt().id(), x.amount().amount(), x.methodId())).toList());
        subscriptions.setPastDue(tx.connection(), host.tenant(), pastDue);
        return d;
    }

    /** The attempt's own method, else the customer's default. */
    private static Optional<PaymentMethod> method(PaymentAttempt a, List<PaymentMethod> methods) {
        return a.methodId().isPresent() ? methods.stream().filter(m -> m.id() == a.methodId().get()).findFirst()
                : methods.stream().filter(PaymentMethod::isDefault).findFirst();
    }

    /** Ends an attempt without a gateway call: cancelled (nothing open), or waiting for a method (the customer told). */
    private void end(Tx tx, PaymentAttempt a, PaymentStatus status, String why, Decided d) throws SQLException {
        boolean noMethod = status == PaymentStatus.NO_METHOD;
        attempts.finish(tx.connection(), host.tenant(), a.id(), status, Optional.empty(), Optional.empty(),
                noMethod ? Optional.of("no_method") : Optional.empty(), why, noMethod);
        d.ended().add(status);
    }
}
