package org.idempiere.subscription.core.internal.payments;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.host.CreditShare;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.core.internal.plan.Credits;
import org.idempiere.subscription.core.internal.store.CustomerCreditStore;
import org.idempiere.subscription.core.internal.store.CustomerCreditStore.Account;
import org.idempiere.subscription.core.internal.store.PaymentRefundStore;

/**
 * Credit invoices settling invoices in the host (decision 0027): which credit of the customers of a
 * batch of attempts can be used now, by credit invoice ({@link #lock}), and the host's allocation
 * of credit invoices against an invoice ({@link #settle}), behind a savepoint so that a host that
 * cannot or refuses leaves nothing behind and the engine's transaction goes on.
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
     * The credit of the customers of a batch of attempts, their ledger entries locked for the rest
     * of the transaction, with what the host had open of each credit invoice kept and what is being
     * refunded of it when it was locked. What the batch's invoices use is taken off as they use it
     * ({@link #used}): each later invoice of the batch sees what a new read in the same transaction
     * would, the ledger's balance less the credit used and each credit invoice's open amount nearer
     * zero by its shares. One transaction's, not thread-safe.
     */
    static final class Locked {
        private final Map<Account, CustomerCreditStore.Entries> entries;
        private final Map<Long, Money> open;
        private final Map<Account, Map<Long, BigDecimal>> refunding;
        private final Map<Account, BigDecimal> usedNow = new HashMap<>();
        private final Map<Long, BigDecimal> sharesNow = new HashMap<>();

        private Locked(Map<Account, CustomerCreditStore.Entries> entries, Map<Long, Money> open,
                Map<Account, Map<Long, BigDecimal>> refunding) {
            this.entries = entries;
            this.open = open;
            this.refunding = refunding;
        }

        /**
         * @param currency the currency of the account's invoices: a credit invoice the host has in
         *                 another has nothing to give
         * @return what the customer has now in the account's currency
         */
        Available available(Account account, Currency currency) {
            CustomerCreditStore.Entries e = entries.get(account);
            if (e == null) {
                return new Available(BigDecimal.ZERO, List.of());
            }
            BigDecimal balance = e.balance().subtract(usedNow.getOrDefault(account, BigDecimal.ZERO));
            if (balance.signum() <= 0) {
                return new Available(balance, List.of());
            }
            Map<Long, BigDecimal> credit = new HashMap<>();
            for (Credits.Kept k : e.kept()) {
                credit.computeIfAbsent(k.creditInvoiceId(), id -> Optional.ofNullable(open.get(id)).filter(m -> m.currency().equals(currency))
                        .map(m -> m.amount().negate().subtract(sharesNow.getOrDefault(id, BigDecimal.ZERO))).orElse(BigDecimal.ZERO));
            }
            return new Available(balance, Credits.left(e.kept(), credit, refunding.getOrDefault(account, Map.of())));
        }

        /** Takes what an invoice was settled with off the account and off the credit invoices that gave it. */
        void used(Account account, List<Credits.FromInvoice> parts) {
            for (Credits.FromInvoice p : parts) {
                usedNow.merge(account, p.amount(), BigDecimal::add);
                sharesNow.merge(p.creditInvoiceId(), p.amount(), BigDecimal::add);
            }
        }
    }

    /**
     * Locks the ledger entries of the customers in every currency for the rest of the transaction
     * (two charges never spend one credit), and reads, for the customers and currencies with a
     * positive balance, what the host still has open of each credit invoice kept (one
     * {@link Payments#openAmounts} for all) and what is being refunded of it.
     */
    Locked lock(Tx tx, Collection<Long> customerIds) throws SQLException {
        Map<Account, CustomerCreditStore.Entries> entries = ledger.lockEntries(tx.connection(), host.tenant(), customerIds);
        Set<Long> creditInvoices = new LinkedHashSet<>();
        Set<Long> withCredit = new LinkedHashSet<>();
        entries.forEach((account, e) -> {
            if (e.balance().signum() > 0) {
                withCredit.add(account.customerId());
                e.kept().forEach(k -> creditInvoices.add(k.creditInvoiceId()));
            }
        });
        if (withCredit.isEmpty()) {
            return new Locked(entries, Map.of(), Map.of());
        }
        return new Locked(entries, payments.openAmounts(tx, creditInvoices),
                refunds.refunding(tx.connection(), host.tenant(), withCredit));
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
