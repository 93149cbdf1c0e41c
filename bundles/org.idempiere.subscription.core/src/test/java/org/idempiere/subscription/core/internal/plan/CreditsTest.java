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
}
