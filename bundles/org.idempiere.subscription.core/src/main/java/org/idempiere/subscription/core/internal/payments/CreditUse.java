package org.idempiere.subscription.core.internal.payments;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.core.internal.plan.Credits;
import org.idempiere.subscription.core.internal.store.CustomerCreditStore;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;

/**
 * Takes the customer's credit (decision 0027) off what a pending attempt is about to charge, in the
 * collector's prepare transaction: the customer's ledger is locked, {@link Credits#apply} decides
 * how much is used (at most what the host still has open of the credit invoices kept), the host
 * settles that part of the invoice with them, oldest first ({@link Payments#settleWithCredit}, an
 * allocation in iDempiere), and the use is appended to the ledger naming the invoice and the
 * attempt. A host that cannot or refuses to settle with credit keeps the credit untouched and the
 * whole open amount is charged. When the credit covers everything open, the attempt ends SUCCEEDED
 * without a gateway call.
 */
final class CreditUse {
    private final HostContext host;
    private final CreditSettlement settlement;
    private final CustomerCreditStore ledger = new CustomerCreditStore();
    private final PaymentAttemptStore attempts = new PaymentAttemptStore();
    private final SubscriptionStore subscriptions = new SubscriptionStore();

    CreditUse(HostContext host, Payments payments) {
        this.host = host;
        this.settlement = new CreditSettlement(host, payments);
    }

    /** @return what is left to charge of {@code open} after the customer's credit (zero: settled by credit, attempt finished) */
    Money take(Tx tx, PaymentAttempt a, Money open) throws SQLException {
        long currencyId;
        try (PreparedStatement ps = org.idempiere.subscription.core.internal.store.Sql.prepare(tx.connection(),
                "SELECT C_Currency_ID FROM SUB_PaymentAttempt WHERE AD_Client_ID = ? AND SUB_PaymentAttempt_ID = ?",
                host.tenant().clientId(), a.id()); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return open;
            }
            currencyId = rs.getLong(1);
        }
        CreditSettlement.Available credit = settlement.lock(tx, a.customerId(), currencyId, open.currency());
        Credits.Applied applied = Credits.apply(open.amount(), credit.usable());
        if (applied.creditUsed().signum() == 0) {
            return open;
        }
        Money used = Money.of(applied.creditUsed(), open.currency());
        if (!settlement.settle(tx, a.invoiceId(), open.currency(), Credits.take(credit.left(), applied.creditUsed()))) {
            return open; // the host cannot: the credit stays for when it can, the whole open amount is charged
        }
        ledger.add(tx.connection(), host.tenant(), host.nextId(tx, "SUB_CustomerCredit"), a.subscriptionId(), a.customerId(),
                currencyId, applied.creditUsed().negate(), a.invoiceId(), Optional.of(a.id()), host.today());
        Money charge = Money.of(applied.charge(), open.currency());
        if (applied.settledByCredit()) {
            attempts.finish(tx.connection(), host.tenant(), a.id(), PaymentStatus.SUCCEEDED, Optional.empty(), Optional.empty(),
                    Optional.of("customer_credit"), "Settled by customer credit of " + used, false);
            subscriptions.setPastDue(tx.connection(), host.tenant(), a.subscriptionId(), false);
        }
        return charge;
    }
}
