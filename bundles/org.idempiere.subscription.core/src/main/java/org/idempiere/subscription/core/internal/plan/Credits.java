package org.idempiere.subscription.core.internal.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * open: it charges the rest and uses at most the open amount of the credit. The credit used comes
 * from the customer's credit invoices, oldest first ({@link #left}, {@link #take}). The ledger
 * records each use as one total, so which credit invoice gave it is the host's to say: what is
 * left of a credit invoice is what the host still has open of it, less what is being refunded of
 * it (refunds not answered yet: they settle it when they succeed), and never more than was kept
 * of it (the rest of a credit is not the customer's to use: it was refunded, or its refund failed).
 *
 * <pre>
 *  kept: C1 10.00, C2 30.00, C3 5.00 (oldest first)
 *  open in the host: C1 0.00 (used), C2 45.00, C3 5.00; being refunded: C2 20.00
 *  -> left: C2 25.00 (45.00 - 20.00, at most 30.00), C3 5.00
 *  a charge uses 27.00 -> C2 25.00, C3 2.00
 * </pre>
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

    /** A credit kept: a positive entry of the customer's ledger, its credit invoice and amount. */
    public record Kept(long creditInvoiceId, BigDecimal amount) {
        public Kept {
            Objects.requireNonNull(amount, "amount");
        }
    }

    /** Credit of one credit invoice: what is left of it ({@link #left}), or the part of it used ({@link #take}). */
    public record FromInvoice(long creditInvoiceId, BigDecimal amount) {
    }

    /**
     * What the customer may use of each credit invoice now.
     *
     * @param kept      the customer's credits kept in one currency, oldest first (a credit invoice
     *                  named twice counts once, where it first appears, with the sum)
     * @param open      what the host still has open of each credit invoice, as a positive credit
     *                  (missing, or not positive: nothing)
     * @param refunding what is being refunded of each credit invoice (refunds not answered yet)
     * @return the credit invoices with something left, oldest first
     */
    public static List<FromInvoice> left(List<Kept> kept, Map<Long, BigDecimal> open, Map<Long, BigDecimal> refunding) {
        Map<Long, BigDecimal> byInvoice = new LinkedHashMap<>();
        for (Kept k : kept) {
            if (k.amount().signum() > 0) {
                byInvoice.merge(k.creditInvoiceId(), k.amount(), BigDecimal::add);
            }
        }
        List<FromInvoice> out = new ArrayList<>();
        for (Map.Entry<Long, BigDecimal> e : byInvoice.entrySet()) {
            BigDecimal free = open.getOrDefault(e.getKey(), BigDecimal.ZERO)
                    .subtract(refunding.getOrDefault(e.getKey(), BigDecimal.ZERO));
            BigDecimal left = free.min(e.getValue());
            if (left.signum() > 0) {
                out.add(new FromInvoice(e.getKey(), left));
            }
        }
        return out;
    }

    /** @return the sum of what is left */
    public static BigDecimal balance(List<FromInvoice> left) {
        return left.stream().map(FromInvoice::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * The credit invoices that give {@code amount}, oldest first, each at most what is left of it.
     *
     * @param left   {@link #left}'s answer
     * @param amount the credit to use (positive, at most the balance)
     * @throws IllegalArgumentException for an amount that is not positive or above the balance
     */
    public static List<FromInvoice> take(List<FromInvoice> left, BigDecimal amount) {
        if (amount.signum() <= 0 || amount.compareTo(balance(left)) > 0) {
            throw new IllegalArgumentException("credit " + amount + " is not positive or above the balance " + balance(left));
        }
        BigDecimal rest = amount;
        List<FromInvoice> out = new ArrayList<>();
        for (FromInvoice f : left) {
            if (rest.signum() == 0) {
                break;
            }
            BigDecimal part = rest.min(f.amount());
            out.add(new FromInvoice(f.creditInvoiceId(), part));
            rest = rest.subtract(part);
        }
        return out;
    }
}
