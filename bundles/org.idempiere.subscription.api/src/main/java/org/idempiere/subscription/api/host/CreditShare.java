package org.idempiere.subscription.api.host;

import java.util.List;
import java.util.Objects;
import org.idempiere.subscription.api.Money;

/**
 * The part of one credit invoice (an invoice with a negative total, posted by the engine for a
 * subscription's credit) that settles an invoice: {@link Payments#settleWithCredit(Tx, long, List)}
 * allocates the credit invoice for {@code amount} against it. Immutable.
 *
 * @param creditInvoiceId the credit invoice
 * @param amount          how much of its credit is used (positive)
 */
public record CreditShare(long creditInvoiceId, Money amount) {
    public CreditShare {
        Objects.requireNonNull(amount, "amount");
        if (amount.amount().signum() <= 0) {
            throw new IllegalArgumentException("amount " + amount + " is not positive");
        }
    }

    /**
     * @return the sum of the shares
     * @throws IllegalArgumentException for no shares
     * @throws org.idempiere.subscription.api.CurrencyMismatchException for shares in several currencies
     */
    public static Money total(List<CreditShare> shares) {
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("no credit shares");
        }
        Money sum = Money.zero(shares.get(0).amount().currency());
        for (CreditShare s : shares) {
            sum = sum.plus(s.amount());
        }
        return sum;
    }
}
