package org.idempiere.subscription.core.internal.plan;

import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.Money;

/**
 * The entries of the MRR ledger each move of a subscription makes: the one place that says which
 * movement a move is (new, expansion, contraction, churn, reactivation, currency transfer, plan
 * transfer) and from what to what. The ledger is append-only: a correction is a new entry. Plain
 * values; the store writes them ({@code ChangeLogStore}).
 *
 * <p>The ledger's MRR is <b>never below zero</b> (docs/analytics.md, decision 0054): a subscription whose
 * recurring lines net to a negative amount (a credit or discount line larger than the charges) counts
 * 0.00, like a free one; its negative invoices are credits and show in net revenue. Every entry here
 * takes its amounts through {@link #counted}, so a move from or to a negative MRR is measured from or
 * to zero.
 */
public final class Ledger {
    /** The longest description the ledger keeps. */
    static final int DESCRIPTION = 255;

    private Ledger() {
    }

    /**
     * One entry.
     *
     * @param type        the movement
     * @param before      the MRR before, in {@code currencyId}'s currency
     * @param after       the MRR after
     * @param currencyId  the currency of both amounts (the host's id)
     * @param description why, at most 255 characters (longer text is cut with "...")
     * @param delinquent  a churn caused by failed payments, not by the customer's choice
     */
    public record Entry(ChangeType type, Money before, Money after, long currencyId, String description, boolean delinquent) {
        public Entry {
            if (description != null && description.length() > DESCRIPTION) {
                description = description.substring(0, DESCRIPTION - 3) + "...";
            }
        }

        /** An entry that is not a delinquent churn. */
        public Entry(ChangeType type, Money before, Money after, long currencyId, String description) {
            this(type, before, after, currencyId, description, false);
        }
    }

    /** @return the MRR the ledger counts for a subscription priced at {@code mrr}: {@code mrr}, or zero when it is negative */
    public static Money counted(Money mrr) {
        return mrr.amount().signum() < 0 ? Money.zero(mrr.currency()) : mrr;
    }

    /** A subscription starts: from nothing to its MRR. */
    public static Entry started(Money mrr, long currencyId) {
        return new Entry(ChangeType.NEW, Money.zero(mrr.currency()), counted(mrr), currencyId, "Subscription started");
    }

    /** A subscription voided before its first invoice: its NEW entry taken back, so no churn is reported. */
    public static Entry voided(Money mrr, long currencyId, String why) {
        return new Entry(ChangeType.NEW, counted(mrr), Money.zero(mrr.currency()), currencyId, why);
    }

    /** A change of lines or plan: an expansion or a contraction of the MRR; none when it stays the same. */
    public static Optional<Entry> changed(Money before, Money after, long currencyId, String what) {
        return changed(before, after, currencyId, what, false);
    }

    /**
     * A change of lines or plan: an expansion or a contraction of the MRR; when the MRR stays the same, a
     * {@link ChangeType#PLAN_TRANSFER} entry (before = after) if the change moves the subscription to another plan
     * — analytics moves its MRR from the old plan to the new one on the change's day (decision 0053) — else none.
     *
     * @param planChanged whether the change moves the subscription to another plan
     */
    public static Optional<Entry> changed(Money before, Money after, long currencyId, String what, boolean planChanged) {
        Money from = counted(before);
        Money to = counted(after);
        int move = to.amount().compareTo(from.amount());
        if (move == 0) {
            return planChanged ? Optional.of(new Entry(ChangeType.PLAN_TRANSFER, from, to, currencyId, what)) : Optional.empty();
        }
        return Optional.of(new Entry(move > 0 ? ChangeType.EXPANSION : ChangeType.CONTRACTION, from, to, currencyId, what));
    }

    /** A pause: the MRR contracts to zero (the customer stays, so it is not churn). */
    public static Entry paused(Money mrr, long currencyId) {
        return new Entry(ChangeType.CONTRACTION, counted(mrr), Money.zero(mrr.currency()), currencyId, "Paused");
    }

    /** A resume: the MRR expands from zero to what it is priced at again. */
    public static Entry resumed(Money before, Money after, long currencyId) {
        return new Entry(ChangeType.EXPANSION, counted(before), counted(after), currencyId, "Resumed");
    }

    /** A reactivation of a closed subscription: from zero to what it is priced at again. */
    public static Entry reactivated(Money before, Money after, long currencyId) {
        return new Entry(ChangeType.REACTIVATION, counted(before), counted(after), currencyId, "Reactivated");
    }

    /** A close, an expiry or an unpaid close: the MRR churns to zero, saying why. */
    public static Entry churned(Money mrr, long currencyId, String why) {
        return new Entry(ChangeType.CHURN, counted(mrr), Money.zero(mrr.currency()), currencyId, why);
    }

    /**
     * A close for an invoice left unpaid: a <b>delinquent</b> churn when charges of it failed (the
     * subscription is past due) — analytics tells it from the customer's own choice — else a
     * voluntary one (an invoice the customer did not pay by transfer).
     */
    public static Entry closedUnpaid(Money mrr, long currencyId, String why, boolean pastDue) {
        return new Entry(ChangeType.CHURN, counted(mrr), Money.zero(mrr.currency()), currencyId, why, pastDue);
    }

    /**
     * A change of currency: two CURRENCY_TRANSFER entries, the old currency's MRR to zero and the new
     * currency's from zero, so neither churn nor new business is reported and each currency's
     * series stays whole.
     */
    public static List<Entry> currencyTransfer(Money before, long fromId, Money after, long toId) {
        return List.of(
                new Entry(ChangeType.CURRENCY_TRANSFER, counted(before), Money.zero(before.currency()), fromId,
                        "Currency changed to " + after.currency().getCurrencyCode()),
                new Entry(ChangeType.CURRENCY_TRANSFER, Money.zero(after.currency()), counted(after), toId,
                        "Currency changed from " + before.currency().getCurrencyCode()));
    }
}
