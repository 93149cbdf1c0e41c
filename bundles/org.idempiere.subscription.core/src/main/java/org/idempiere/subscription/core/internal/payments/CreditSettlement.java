package org.idempiere.subscription.core.internal.payments;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.host.CreditShare;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.core.internal.plan.Credits;
import org.idempiere.subscription.core.internal.store.CustomerCreditStore;
import org.idempiere.subscription.core.internal.store.PaymentRefundStore;

/**
 * Credit invoices settling invoices in the host (decision 0027): which credit of a customer can be
 * used now, by credit invoice ({@link #lock}), and the host's allocation of credit invoices against
 * an invoice ({@link #settle}), behind a savepoint so that a host that cannot or refuses leaves
 * nothing behind and the engine's transaction goes on.
 */
final class CreditSettlement {
    private static final System.Logger LOG = System.getLogger(CreditSettlement.class.getName());

    private final HostContext host;
    private final Payments payments;
    private final CustomerCreditStore ledger = new CustomerCreditStore();
    private final PaymentRefundStore refunds = new PaymentRefundStore();

    CreditSettlement(HostContext host, Payments payments) {
        this.host = host;
        this.payments = payments;
    }

    /**
     * A customer's credit in one currency.
     *
     * @param balance the ledger's balance
     * @param left    what the host has open of the credit invoices the ledger kept, oldest first ({@link Credits#left})
     */
    record Available(BigDecimal balance, List<Credits.FromInvoice> left) {
        /** @return what may be used now: the balance, at most what the credit invoices have left, never negative */
        BigDecimal usable() {
            return balance.min(Credits.balance(left)).max(BigDecimal.ZERO);
        }
    }

    /**
     * Locks the customer's ledger entries in the currency for the rest of the transaction (two
     * charges never spend one credit) and reads what the host still has open of each credit
     * invoice kept, less what is being refunded of it.
     */
    Available lock(Tx tx, long customerId, long currencyId, Currency currency) throws SQLException {
        CustomerCreditStore.Entries entries = ledger.lockEntries(tx.connection(), host.tenant(), customerId, currencyId);
        if (entries.balance().signum() <= 0) {
            return new Available(entries.balance(), List.of());
        }
        Map<Long, BigDecimal> open = new HashMap<>();
        for (Credits.Kept k : entries.kept()) {
            open.computeIfAbsent(k.creditInvoiceId(), id -> payments.openAmount(tx, id)
                    .filter(m -> m.currency().equals(currency)).map(m -> m.amount().negate()).orElse(BigDecimal.ZERO));
        }
        Map<Long, BigDecimal> refunding = refunds.refunding(tx.connection(), host.tenant(), customerId, currencyId);
        return new Available(entries.balance(), Credits.left(entries.kept(), open, refunding));
    }

    /**
     * Asks the host to settle an invoice with parts of credit invoices, behind a savepoint of
     * {@code tx}: when the host answers that it cannot, or refuses or fails, whatever it wrote is
     * rolled back and the transaction goes on.
     *
     * @return whether the host settled it
     */
    boolean settle(Tx tx, long invoiceId, Currency currency, List<Credits.FromInvoice> parts) throws SQLException {
        List<CreditShare> shares = parts.stream()
                .map(p -> new CreditShare(p.creditInvoiceId(), Money.of(p.amount(), currency))).toList();
        Connection c = tx.connection();
        Savepoint savepoint = c.setSavepoint();
        boolean settled;
        try {
            settled = payments.settleWithCredit(tx, invoiceId, shares);
        } catch (RuntimeException e) {
            c.rollback(savepoint);
            LOG.log(System.Logger.Level.WARNING, "The host did not settle invoice " + invoiceId + " with credit " + shares
                    + "; the credit stays as it was", e);
            return false;
        }
        if (settled) {
            c.releaseSavepoint(savepoint);
        } else {
            c.rollback(savepoint);
        }
        return settled;
    }
}
