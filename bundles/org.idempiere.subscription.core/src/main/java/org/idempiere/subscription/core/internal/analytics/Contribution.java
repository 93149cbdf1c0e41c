package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;

/**
 * What a customer adds to one figure: an amount and a count. Immutable.
 *
 * @param amount the amount (movements, cohort MRR), else zero
 * @param count  the count (subscriptions, logos, cohort cells), else zero
 */
public record Contribution(BigDecimal amount, long count) {
    /** Nothing. */
    public static final Contribution NONE = new Contribution(BigDecimal.ZERO, 0);

    /** @return the sum of both */
    public Contribution plus(Contribution o) {
        return new Contribution(amount.add(o.amount), count + o.count);
    }

    /** @return this minus {@code o} */
    public Contribution minus(Contribution o) {
        return new Contribution(amount.subtract(o.amount), count - o.count);
    }

    /** @return whether it adds nothing (an amount of any scale equal to zero and no count) */
    public boolean isZero() {
        return amount.signum() == 0 && count == 0;
    }
}
