package org.idempiere.subscription.core.internal.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What becomes of a credit of a subscription paid automatically. Plain values, no database.
 *
 * <p><b>Refund</b> ({@link #refund}): the credit is refunded to the payments that paid the
 * subscription's invoices, most recent first, each at most what it captured less what was refunded
 * of it (or is being refunded); what no payment covers is not refunded.
 *
 * <pre>
 *  credit 30.00; payments, most recent first: P3 captured 20.00, refunded 0.00
 *                                             P2 captured 20.00, refunded 15.00
 *                                             P1 captured 20.00, refunded 0.00
 *  -> refund 20.00 to P3, 5.00 to P2, 5.00 to P1; nothing unrefunded
 *  credit 30.00, no payment (the invoices were never paid) -> no refund, 30.00 unrefunded
 * </pre>
 *
 * <p><b>Carry</b> ({@link #apply}): a charge takes the customer's available credit off what is
 * open: it charges the rest and uses at most the open amount of the credit.
 */
public final class Credits {
    private Credits() {
    }

    /**
     * A payment that may be refunded.
     *
     * @param attemptId the charge that captured it
     * @param captured  what it captured
     * @param refunded  what was refunded of it already or is being refunded (pending, in flight, unknown)
     */
    public record Paid(long attemptId, BigDecimal captured, BigDecimal refunded) {
        public Paid {
            Objects.requireNonNull(captured, "captured");
            Objects.requireNonNull(refunded, "refunded");
        }

        /** @return what is left to refund of it, never negative */
        public BigDecimal left() {
            BigDecimal left = captured.subtract(refunded);
            return left.signum() < 0 ? BigDecimal.ZERO : left;
        }
    }

    /** One refund: to the payment of {@code attemptId}, {@code amount} (positive). */
    public record Share(long attemptId, BigDecimal amount) {
    }

    /** The refunds of a credit and what none of them covers. */
    public record Refund(List<Share> shares, BigDecimal unrefunded) {
        public Refund {
            shares = List.copyOf(shares);
        }
    }

    /**
     * Splits a credit over the payments, most recent first.
     *
     * @param credit   the credit, positive (the adjustment invoice's total with its sign turned)
     * @param payments the subscription's payments, most recent first
     * @throws IllegalArgumentException for a negative credit
     */
    public static Refund refund(BigDecimal credit, List<Paid> payments) {
        if (credit.signum() < 0) {
            throw new IllegalArgumentException("credit " + credit + " is negative");
        }
        BigDecimal rest = credit;
        List<Share> shares = new ArrayList<>();
        for (Paid p : payments) {
            if (rest.signum() == 0) {
                break;
            }
            BigDecimal share = rest.min(p.left());
            if (share.signum() > 0) {
                shares.add(new Share(p.attemptId(), share));
                rest = rest.subtract(share);
            }
        }
        return new Refund(shares, rest);
    }

    /** What a charge of an open amount is, with the customer's available credit. */
    public record Applied(BigDecimal charge, BigDecimal creditUsed) {
        /** @return whether the credit covers everything open (nothing to charge) */
        public boolean settledByCredit() {
            return charge.signum() == 0;
        }
    }

    /**
     * Takes available credit off an open amount.
     *
     * @param open      what is open of the invoice (positive)
     * @param available the customer's credit balance in the invoice's currency (negative taken as none)
     */
    public static Applied apply(BigDecimal open, BigDecimal available) {
        BigDecimal credit = available.signum() > 0 ? available : BigDecimal.ZERO;
        BigDecimal used = open.signum() > 0 ? credit.min(open) : BigDecimal.ZERO;
        return new Applied(open.subtract(used), used);
    }
}
