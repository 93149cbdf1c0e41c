package org.idempiere.subscription.core.internal.payments;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.core.internal.plan.Credits;
import org.idempiere.subscription.core.internal.store.CustomerCreditStore;
import org.idempiere.subscription.core.internal.store.CustomerCreditStore.Account;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore;

/**
 * Takes the customer's credit (decision 0027) off what a pending attempt is about to charge, in the
 * collector's prepare transaction: the ledger entries of the customers of the attempts being
 * prepared are locked ({@link #lock}), {@link Credits#apply} decides how much is used, the host
 * settles that part of the invoice ({@link Payments#settleWithCredit}) and the use is appended to
 * the ledger naming the invoice and the attempt. A host that cannot settle with credit keeps the
 * credit untouched and the whole open amount is charged. When the credit covers everything open,
 * the attempt ends SUCCEEDED without a gateway call (and its subscription is no longer past due:
 * the caller's to write).
 */
final class CreditUse {
    private final HostContext host;
    private final Payments payments;
    private final CustomerCreditStore ledger = new CustomerCreditStore();
    private final PaymentAttemptStore attempts = new PaymentAttemptStore();

    CreditUse(HostContext host, Payments payments) {
        this.host = host;
        this.payments = payments;
    }

    /** @return the credit balances of the customers, their entries locked for the rest of the transaction */
    Map<Account, BigDecimal> lock(Tx tx, Collection<Long> customerIds) throws SQLException {
        return ledger.lockBalances(tx.connection(), host.tenant(), customerIds);
    }

    /**
     * @param currencyId the attempt's currency
     * @param balances   the balances {@link #lock} returned in this transaction; what the attempt
     *                   uses is taken off its customer's
     * @return what is left to charge of {@code open} after the customer's credit (zero: settled by
     *         credit, attempt finished)
     */
    Money take(Tx tx, PaymentAttempt a, long currencyId, Money open, Map<Account, BigDecimal> balances) throws SQLException {
        Account account = new Account(a.customerId(), currencyId);
        Credits.Applied applied = Credits.apply(open.amount(), balances.getOrDefault(account, BigDecimal.ZERO));
        if (applied.creditUsed().signum() == 0) {
            return open;
        }
        Money used = Money.of(applied.creditUsed(), open.currency());
        if (!payments.settleWithCredit(tx, a.invoiceId(), used)) {
            return open; // the host cannot: the credit stays for when it can, the whole open amount is charged
        }
        ledger.add(tx.connection(), host.tenant(), host.nextId(tx, "SUB_CustomerCredit"), a.subscriptionId(), a.customerId(),
                currencyId, applied.creditUsed().negate(), a.invoiceId(), Optional.of(a.id()), host.today());
        balances.merge(account, applied.creditUsed().negate(), BigDecimal::add);
        Money charge = Money.of(applied.charge(), open.currency());
        if (applied.settledByCredit()) { // the caller clears the subscription's past-due flag with the others of its batch
            attempts.finish(tx.connection(), host.tenant(), a.id(), PaymentStatus.SUCCEEDED, Optional.empty(), Optional.empty(),
                    Optional.of("customer_credit"), "Settled by customer credit of " + used, false);
        }
        return charge;
    }
}
