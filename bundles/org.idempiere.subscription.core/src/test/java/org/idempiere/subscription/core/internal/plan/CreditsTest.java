package org.idempiere.subscription.core.internal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreditsTest {
    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void refund_mostRecentPaymentFirst_neverMoreThanIsLeftOfEach() {
        // credit 30.00; P3 20.00 (nothing refunded), P2 20.00 (15.00 refunded), P1 20.00
        Credits.Refund r = Credits.refund(d("30.00"), List.of(new Credits.Paid(3, d("20.00"), d("0.00")),
                new Credits.Paid(2, d("20.00"), d("15.00")), new Credits.Paid(1, d("20.00"), d("0.00"))));
        assertEquals(List.of(new Credits.Share(3, d("20.00")), new Credits.Share(2, d("5.00")), new Credits.Share(1, d("5.00"))),
                r.shares());
        assertEquals(d("0.00"), r.unrefunded());
    }

    @Test
    void refund_aCreditWithinTheLastPayment_isOneShare() {
        // a downgrade mid-period: 9.68 back of the 30.00 paid last
        Credits.Refund r = Credits.refund(d("9.68"), List.of(new Credits.Paid(7, d("30.00"), d("0.00")),
                new Credits.Paid(6, d("30.00"), d("0.00"))));
        assertEquals(List.of(new Credits.Share(7, d("9.68"))), r.shares());
        assertEquals(0, r.unrefunded().signum());
    }

    @Test
    void refund_nothingPaid_refundsNothing_andWhatNoPaymentCoversIsUnrefunded() {
        assertEquals(List.of(), Credits.refund(d("30.00"), List.of()).shares());
        assertEquals(d("30.00"), Credits.refund(d("30.00"), List.of()).unrefunded());
        // fully refunded payments and payments refunded beyond their capture give nothing
        Credits.Refund r = Credits.refund(d("12.00"), List.of(new Credits.Paid(2, d("10.00"), d("10.00")),
                new Credits.Paid(1, d("10.00"), d("11.00")), new Credits.Paid(0, d("4.00"), d("0.00"))));
        assertEquals(List.of(new Credits.Share(0, d("4.00"))), r.shares());
        assertEquals(d("8.00"), r.unrefunded());
    }

    @Test
    void refund_ofNothing_isNothing_andANegativeCreditIsRefused() {
        Credits.Refund r = Credits.refund(d("0.00"), List.of(new Credits.Paid(1, d("10.00"), d("0.00"))));
        assertEquals(List.of(), r.shares());
        assertThrows(IllegalArgumentException.class, () -> Credits.refund(d("-1.00"), List.of()));
    }

    @Test
    void apply_chargesWhatCreditDoesNotCover() {
        // invoice 30.00 open, credit 12.50 -> charge 17.50, credit used 12.50, balance 0
        Credits.Applied a = Credits.apply(d("30.00"), d("12.50"));
        assertEquals(d("17.50"), a.charge());
        assertEquals(d("12.50"), a.creditUsed());
        assertFalse(a.settledByCredit());
        // credit 45.00 covers the invoice: nothing charged, 30.00 used, 15.00 left for the next
        Credits.Applied all = Credits.apply(d("30.00"), d("45.00"));
        assertEquals(d("0.00"), all.charge());
        assertEquals(d("30.00"), all.creditUsed());
        assertTrue(all.settledByCredit());
        // no credit, or a negative balance: the open amount
        assertEquals(d("30.00"), Credits.apply(d("30.00"), d("0.00")).charge());
        assertEquals(d("30.00"), Credits.apply(d("30.00"), d("-5.00")).charge());
        assertEquals(0, Credits.apply(d("30.00"), d("-5.00")).creditUsed().signum());
    }

    private static Credits.FromInvoice from(long invoiceId, String amount) {
        return new Credits.FromInvoice(invoiceId, d(amount));
    }

    private static java.util.Map<Long, BigDecimal> amounts(Object... idAndAmount) {
        java.util.Map<Long, BigDecimal> out = new java.util.HashMap<>();
        for (int i = 0; i < idAndAmount.length; i += 2) {
            out.put(((Number) idAndAmount[i]).longValue(), d((String) idAndAmount[i + 1]));
        }
        return out;
    }

    private static final List<Credits.Kept> KEPT = List.of(new Credits.Kept(1, d("10.00")), new Credits.Kept(2, d("30.00")),
            new Credits.Kept(3, d("5.00")));

    @Test
    void left_isWhatTheHostHasOpen_lessWhatIsBeingRefunded_atMostWhatWasKept() {
        // open: C1 0.00 (used), C2 45.00 (a credit of 50.00: 20.00 being refunded, 30.00 kept, 5.00 used), C3 5.00
        List<Credits.FromInvoice> left = Credits.left(KEPT, amounts(1, "0.00", 2, "45.00", 3, "5.00"), amounts(2, "20.00"));
        assertEquals(List.of(from(2, "25.00"), from(3, "5.00")), left);
        assertEquals(d("30.00"), Credits.balance(left));
    }

    @Test
    void left_nothingUsed_isWhatWasKept_evenWhenTheHostHasMoreOpen() {
        // C2's refund of 20.00 was declined: the host still has 50.00 open, the customer kept 30.00
        assertEquals(List.of(from(1, "10.00"), from(2, "30.00"), from(3, "5.00")),
                Credits.left(KEPT, amounts(1, "10.00", 2, "50.00", 3, "5.00"), amounts()));
    }

    @Test
    void left_aCreditInvoiceTheHostDoesNotHaveOpen_givesNothing() {
        // C1 unknown to the host, C2 allocated by hand in the ERP (a debit open: negative), C3 being refunded beyond what is open
        assertEquals(List.of(), Credits.left(KEPT, amounts(2, "-3.00", 3, "5.00"), amounts(3, "6.00")));
        assertEquals(0, Credits.balance(List.of()).signum());
    }

    @Test
    void left_aCreditInvoiceNamedTwiceCountsOnce_whereItFirstAppears() {
        List<Credits.FromInvoice> left = Credits.left(List.of(new Credits.Kept(7, d("4.00")), new Credits.Kept(8, d("6.00")),
                new Credits.Kept(7, d("1.00")), new Credits.Kept(9, d("0.00"))), amounts(7, "9.00", 8, "6.00", 9, "3.00"), amounts());
        assertEquals(List.of(from(7, "5.00"), from(8, "6.00")), left);
    }

    @Test
    void take_oldestFirst_eachAtMostWhatIsLeftOfIt() {
        List<Credits.FromInvoice> left = List.of(from(2, "25.00"), from(3, "5.00"));
        assertEquals(List.of(from(2, "25.00"), from(3, "2.00")), Credits.take(left, d("27.00")));
        assertEquals(List.of(from(2, "10.00")), Credits.take(left, d("10.00")));
        assertEquals(List.of(from(2, "25.00"), from(3, "5.00")), Credits.take(left, d("30.00")));
    }

    @Test
    void take_refusesNothing_andMoreThanTheBalance() {
        List<Credits.FromInvoice> left = List.of(from(2, "25.00"));
        assertThrows(IllegalArgumentException.class, () -> Credits.take(left, d("0.00")));
        assertThrows(IllegalArgumentException.class, () -> Credits.take(left, d("25.01")));
        assertThrows(IllegalArgumentException.class, () -> Credits.take(List.of(), d("1.00")));
    }

    @Test
    void applyThenTake_useTheCreditOfTheOldestInvoicesForWhatIsOpen() {
        // kept C1 79.34 (paused), C2 20.00; nothing used; an invoice of 119.00 open
        List<Credits.FromInvoice> left = Credits.left(List.of(new Credits.Kept(1, d("79.34")), new Credits.Kept(2, d("20.00"))),
                amounts(1, "79.34", 2, "20.00"), amounts());
        Credits.Applied a = Credits.apply(d("119.00"), Credits.balance(left));
        assertEquals(d("19.66"), a.charge());
        assertEquals(List.of(from(1, "79.34"), from(2, "20.00")), Credits.take(left, a.creditUsed()));
    }
}
