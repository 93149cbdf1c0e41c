package org.idempiere.subscription.core.internal.payments;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
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
 * prepared are locked ({@link #lock}), {@link Credits#apply} decides how much is used (at most
 * what the host still has open of the credit invoices kept, less what earlier attempts of the batch
 * used), the host settles that part of the invoice with them, oldest first ({@link
 * Payments#settleWithCredit}, an allocation in iDempiere), and the use is appended to the ledger
 * naming the invoice and the attempt. A host that cannot or refuses to settle with credit keeps the
 * credit untouched and the whole open amount is charged. When the credit covers everything open,
 * the attempt ends SUCCEEDED without a gateway call (and its subscription is no longer past due:
 * the caller's to write).
 */
final class CreditUse {
    private final HostContext host;
    private final CreditSettlement settlement;
    private final CustomerCreditStore ledger = new CustomerCreditStore();
    private final PaymentAttemptStore attempts = new PaymentAttemptStore();

    CreditUse(HostContext host, Payments payments) {
        this.host = host;
        this.settlement = new CreditSettlement(host, payments);
    }

    /** @return the credit of the customers, their ledger entries locked for the rest of the transaction */
    CreditSettlement.Locked lock(Tx tx, Collection<Long> customerIds) throws SQLException {
        return settlement.lock(tx, customerIds);
    }

    /**
     * @param currencyId the attempt's currency
     * @param credit     what {@link #lock} returned in this transaction; what the attempt uses is
     *                   taken off it
     * @return what is left to charge of {@code open} after the customer's credit (zero: settled by
     *         credit, attempt finished)
     */
    Money take(Tx tx, PaymentAttempt a, long currencyId, Money open, CreditSettlement.Locked credit) throws SQLException {
        Account account = new Account(a.customerId(), currencyId);
        CreditSettlement.Available available = credit.available(account, open.currency());
        Credits.Applied applied = Credits.apply(open.amount(), available.usable());
        if (applied.creditUsed().signum() == 0) {
            return open;
        }
        Money used = Money.of(applied.creditUsed(), open.currency());
        List<Credits.FromInvoice> parts = Credits.take(available.left(), applied.creditUsed());
        if (!settlement.settle(tx, a.invoiceId(), open.currency(), parts)) {
            return open; // the host cannot: the credit stays for when it can, the whole open amount is charged
        }
        credit.used(account, parts);
        ledger.add(tx.connection(), host.tenant(), host.nextId(tx, "SUB_CustomerCredit"), a.subscriptionId(), a.customerId(),
                currencyId, applied.creditUsed().negate(), a.invoiceId(), Optional.of(a.id()), host.today());
        Money charge = Money.of(applied.charge(), open.currency());
        if (applied.settledByCredit()) { // the caller clears the subscription's past-due flag with the others of its batch
            attempts.finish(tx.connection(), host.tenant(), a.id(), PaymentStatus.SUCCEEDED, Optional.empty(), Optional.empty(),
                    Optional.of("customer_credit"), "Settled by customer credit of " + used, false);
        }
        return charge;
    }
}
