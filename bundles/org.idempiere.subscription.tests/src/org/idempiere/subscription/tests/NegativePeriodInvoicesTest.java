package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.ChangesTest.nextMonthOf;
import static org.idempiere.subscription.tests.PaymentCreditsTest.cardCustomer;
import static org.idempiere.subscription.tests.PaymentCreditsTest.gateway;
import static org.idempiere.subscription.tests.PaymentCreditsTest.invoices;
import static org.idempiere.subscription.tests.PaymentCreditsTest.money;
import static org.idempiere.subscription.tests.PaymentCreditsTest.open;
import static org.idempiere.subscription.tests.PaymentCreditsTest.plan;
import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.CreditHandling;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.api.service.SettingsOverride;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.junit.jupiter.api.Test;

/**
 * A period whose invoice total is negative (a credit line larger than the charges) is a credit
 * like an adjustment's: nothing is charged, and the plan's credit handling refunds it to the
 * payments that paid the subscription or keeps it as customer credit. Monthly in advance, a
 * 30-day month M, a line of 1 x 100.00 and a credit line with a manual price (a seller can enter a
 * negative price in iDempiere's window; the API takes none, so the test writes it as the window
 * would), EUR to a customer in Germany (VAT 19 %).
 */
class NegativePeriodInvoicesTest {

    static Subscription withCreditLine(long plan, long customer, LocalDate start) {
        return service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer, "EUR", start, Optional.empty(),
                List.of(new LineDraft(product("100.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO),
                        new LineDraft(product("10.00"), BigDecimal.ONE, Optional.of(BigDecimal.ZERO), BigDecimal.ZERO)),
                BigDecimal.ZERO, new SettingsOverride(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty())));
    }

    /** The seller sets the credit line's manual price. */
    static void creditLinePrice(Subscription s, String price) {
        assertEquals(1, Sandbox.update("UPDATE SUB_SubscriptionLine SET PriceEntered = ? WHERE SUB_SubscriptionLine_ID = ?"
                + " AND IsManualPrice = 'Y'", new BigDecimal(price), s.lines().get(1).id()));
    }

    /** The first month M, a customer with a card, and their subscription with a credit line, of a plan with {@code credits}. */
    record Started(LocalDate m, long customer, Subscription subscription) {
    }

    static Started started(CreditHandling credits) {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long customer = cardCustomer();
        return new Started(m, customer, withCreditLine(plan(credits), customer, m));
    }

    /*
     * refunded (plan REFUND):
     *   M:  100.00 + 0.00 = 100.00 + 19 % = 119.00, captured
     *   N:  credit line -150.00: 100.00 - 150.00 = -50.00 + 19 % -9.50 = -59.50: no attempt, a refund of 59.50 to M's
     *       capture recorded with it and made by the run's collection; M's invoice, opened again by 59.50, is settled
     *       with N's credit invoice; both paid. Running and collecting again refunds nothing more
     */
    @Test
    void aNegativePeriodInvoice_isNotCharged_andRefundedToThePayment() {
        Started t = started(CreditHandling.REFUND);
        Subscription s = t.subscription();
        service(BillingService.class).run(t.m());
        long paid = invoices(s.id()).get(0).id();
        assertEquals(List.of("CAPTURE|119.00"), gateway(paid));

        creditLinePrice(s, "-150.00");
        clockTo(t.m().plusMonths(1));
        service(BillingService.class).run(t.m().plusMonths(1));
        InvoiceView credit = invoices(s.id()).get(1);
        assertEquals(new BigDecimal("-59.50"), credit.grandTotal());
        assertEquals(List.of(), service(PaymentService.class).attemptsOfInvoice(credit.id()), "nothing to charge");
        assertEquals(List.of("CAPTURE|119.00", "REFUND|59.50"), gateway(paid), "refunded by the run's collection");
        assertEquals(List.of("S|59.50"), rows("SELECT PaymentStatus, RefundAmt FROM SUB_PaymentRefund WHERE C_Invoice_ID = ?",
                credit.id()));
        assertEquals(new BigDecimal("0.00"), open(paid));
        assertEquals(new BigDecimal("0.00"), open(credit.id()));
        assertEquals(true, PaymentsTest.paid(credit.id()));
        assertEquals(List.of(), service(PaymentService.class).creditBalance(t.customer()), "refunded, not carried");

        service(BillingService.class).run(t.m().plusMonths(1));
        service(PaymentService.class).collect();
        assertEquals(1, count("SELECT COUNT(*) FROM SUB_PaymentRefund WHERE SUB_Subscription_ID = ?", s.id()), "once");
    }

    /*
     * carried (plan CARRY), the credit line at -150.00 from the start:
     *   M:  -59.50: no attempt, customer credit 59.50
     *   N:  the seller sets the credit line back to 0.00: 119.00, charged 119.00 - 59.50 = 59.50; balance 0.00
     */
    @Test
    void aNegativePeriodInvoice_isKeptAsCustomerCredit_forTheNextInvoice() {
        Started t = started(CreditHandling.CARRY);
        Subscription s = t.subscription();
        creditLinePrice(s, "-150.00");
        service(BillingService.class).run(t.m());
        InvoiceView credit = invoices(s.id()).get(0);
        assertEquals(new BigDecimal("-59.50"), credit.grandTotal());
        assertEquals(List.of(), service(PaymentService.class).attemptsOfInvoice(credit.id()));
        assertEquals(List.of(money("59.50")), service(PaymentService.class).creditBalance(t.customer()));
        assertEquals(List.of(credit.id() + "|59.50"), rows("SELECT C_Invoice_ID, CreditAmt FROM SUB_CustomerCredit"
                + " WHERE C_BPartner_ID = ?", t.customer()));

        creditLinePrice(s, "0.00");
        clockTo(t.m().plusMonths(1));
        service(BillingService.class).run(t.m().plusMonths(1));
        InvoiceView next = invoices(s.id()).get(1);
        assertEquals(new BigDecimal("119.00"), next.grandTotal());
        assertEquals(List.of("CAPTURE|59.50"), gateway(next.id()));
        assertEquals(List.of(money("0.00")), service(PaymentService.class).creditBalance(t.customer()));
        assertEquals(true, PaymentsTest.paid(next.id()));
        assertEquals(new BigDecimal("0.00"), open(credit.id()));
    }
}
