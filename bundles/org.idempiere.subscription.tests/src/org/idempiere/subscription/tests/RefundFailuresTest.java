package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.PaymentCreditsTest.gateway;
import static org.idempiere.subscription.tests.PaymentCreditsTest.invoices;
import static org.idempiere.subscription.tests.PaymentCreditsTest.invoicesAfter;
import static org.idempiere.subscription.tests.PaymentCreditsTest.money;
import static org.idempiere.subscription.tests.PaymentCreditsTest.open;
import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.idempiere.subscription.api.CreditHandling;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.host.ChargeRequest;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.PaymentRunReport;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.tests.PaymentCreditsTest.Downgraded;
import org.idempiere.subscription.sandbox.internal.gateway.Gateway;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.junit.jupiter.api.Test;

/**
 * A refund to the saved method that finally fails (declined, or errored: refunds are not retried)
 * becomes customer credit for the next invoices, once, with the refund marked as kept as credit.
 * Plan REFUND, monthly in advance, a 30-day month M, EUR lines of 100.00 to a customer in Germany
 * (VAT 19 %), cards whose captures succeed and whose refunds are declined (4000000000005126) or
 * fail (4000000000007726).
 */
class RefundFailuresTest {

    static long customerWithCard(String number) {
        long customer = service(MasterData.class).createCustomer(unique("Refund customer"), Optional.empty(), "DE",
                Optional.empty(), Optional.of("en_US")).id();
        service(PaymentService.class).registerMethod(customer, new MethodRegistration(PaymentsTest.token(number), true));
        return customer;
    }

    static Downgraded downgradedAfterACapture(String card) {
        Downgraded d = PaymentCreditsTest.downgradedAfterACapture(customerWithCard(card));
        assertEquals(List.of("P|79.34|N"), refund(d.credit().id()));
        return d;
    }

    /** "state|amount|kept as credit" of the credit invoice's refunds. */
    static List<String> refund(long creditInvoice) {
        return rows("SELECT PaymentStatus, RefundAmt, IsCreditCarried FROM SUB_PaymentRefund WHERE C_Invoice_ID = ?", creditInvoice);
    }

    /** "amount|invoice|refund" of the customer's ledger, in order. */
    static List<String> ledger(long customer) {
        return rows("SELECT CreditAmt, C_Invoice_ID, SUB_PaymentRefund_ID FROM SUB_CustomerCredit WHERE C_BPartner_ID = ?"
                + " ORDER BY SUB_CustomerCredit_ID", customer);
    }

    static long refundId(long creditInvoice) {
        return count("SELECT SUB_PaymentRefund_ID FROM SUB_PaymentRefund WHERE C_Invoice_ID = ?", creditInvoice);
    }

    /*
     * declined (card 4000000000005126):
     *   collect: the gateway declines the refund of 79.34 (expired_or_canceled_card): DECLINED, kept as credit 79.34,
     *            the paid invoice stays paid (nothing refunded), the credit invoice stays open -79.34
     *   collect again: nothing more
     *   N:       invoice 1 x 100.00 = 119.00: charged 119.00 - 79.34 = 39.66; balance 0.00; the credit invoice used up
     */
    @Test
    void aDeclinedRefund_becomesCustomerCredit_usedByTheNextInvoice() {
        Downgraded d = downgradedAfterACapture("4000000000005126");
        PaymentRunReport report = service(PaymentService.class).collect();
        assertEquals(1, report.refunds().get(PaymentStatus.DECLINED), report.toString());
        assertEquals(null, report.refunded().get("EUR"), "nothing refunded: " + report);
        assertEquals(List.of("D|79.34|Y"), refund(d.credit().id()), "the refund's record: declined, kept as credit");
        assertEquals(List.of("expired_or_canceled_card|The card was cancelled; the refund was declined"), rows("SELECT ResultCode,"
                + " ResultMsg FROM SUB_PaymentRefund WHERE C_Invoice_ID = ?", d.credit().id()), "the reason stays");
        assertEquals(List.of("REFUND|79.34|DECLINED"), rows("SELECT charge_type, amount, outcome FROM sbx_gateway_charge"
                + " WHERE c_invoice_id = ? AND charge_type = 'REFUND'", d.paid()));
        assertEquals(List.of("79.34|" + d.credit().id() + "|" + refundId(d.credit().id())), ledger(d.customer()));
        assertEquals(List.of(money("79.34")), service(PaymentService.class).creditBalance(d.customer()));
        assertEquals(new BigDecimal("0.00"), open(d.paid()), "a declined refund opens nothing again");
        assertEquals(new BigDecimal("-79.34"), open(d.credit().id()), "the credit invoice waits for the next invoice");

        service(PaymentService.class).collect();
        assertEquals(1, ledger(d.customer()).size(), "kept once");
        assertEquals(List.of("D|79.34|Y"), refund(d.credit().id()));

        LocalDate n = d.m().plusMonths(1);
        clockTo(n);
        BillingRunReport run = service(BillingService.class).run(n);
        InvoiceView next = invoicesAfter(run, d.subscription().id(), 3).get(2);
        assertEquals(new BigDecimal("119.00"), next.grandTotal());
        assertEquals(List.of("CAPTURE|39.66"), gateway(next.id()), "charge = invoice - credit kept from the refund");
        assertEquals(List.of(money("0.00")), service(PaymentService.class).creditBalance(d.customer()));
        assertEquals(true, PaymentsTest.paid(next.id()));
        assertEquals(new BigDecimal("0.00"), open(d.credit().id()), "the credit invoice is used up");
    }

    /*
     * errored (card 4000000000007726): collect: processing_error, nothing refunded -> ERRORED, kept as credit 79.34
     */
    @Test
    void anErroredRefund_becomesCustomerCredit() {
        Downgraded d = downgradedAfterACapture("4000000000007726");
        PaymentRunReport report = service(PaymentService.class).collect();
        assertEquals(1, report.refunds().get(PaymentStatus.ERRORED), report.toString());
        assertEquals(List.of("E|79.34|Y"), refund(d.credit().id()));
        assertEquals(List.of("processing_error"), rows("SELECT ResultCode FROM SUB_PaymentRefund WHERE C_Invoice_ID = ?",
                d.credit().id()));
        assertEquals(List.of("79.34|" + d.credit().id() + "|" + refundId(d.credit().id())), ledger(d.customer()));
        assertEquals(List.of(money("79.34")), service(PaymentService.class).creditBalance(d.customer()));
        assertEquals(new BigDecimal("0.00"), open(d.paid()));
    }

    /*
     * a collector dies after the gateway declined the refund, before recording the answer (simulated: the refund sent
     * under its key, the row left in flight with its lease run out): the next collector asks the gateway, which knows the
     * key, records DECLINED and keeps the credit once; the refund was sent to the gateway once
     */
    @Test
    void aCollectorDyingAfterTheDecline_leavesTheCreditKeptOnce() {
        Downgraded d = downgradedAfterACapture("4000000000005126");
        String key = rows("SELECT IdempotencyKey FROM SUB_PaymentRefund WHERE C_Invoice_ID = ?", d.credit().id()).get(0);
        long capture = count("SELECT C_Payment_ID FROM SUB_PaymentAttempt WHERE C_Invoice_ID = ? AND PaymentStatus = 'S'",
                d.paid());
        ChargeResult answer = service(Payments.class).refund(capture, new ChargeRequest(key, d.customer(),
                count("SELECT C_BP_BankAccount_ID FROM SUB_PaymentAttempt WHERE C_Invoice_ID = ?", d.paid()), d.paid(),
                money("79.34"), "Refund sent by the collector that died"));
        assertEquals(ChargeResult.Outcome.DECLINED, answer.outcome());
        Sandbox.update("UPDATE SUB_PaymentRefund SET PaymentStatus = 'F', Updated = now() - interval '1 hour'"
                + " WHERE C_Invoice_ID = ?", d.credit().id());

        service(PaymentService.class).collect();
        service(PaymentService.class).collect();
        assertEquals(List.of("D|79.34|Y"), refund(d.credit().id()));
        assertEquals(1, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE idempotency_key = ?", key),
                "asked about, never sent again");
        assertEquals(List.of("79.34|" + d.credit().id() + "|" + refundId(d.credit().id())), ledger(d.customer()));
        assertEquals(List.of(money("79.34")), service(PaymentService.class).creditBalance(d.customer()));
    }

    /*
     * two collectors at once over eight declined refunds (gateway latency 20 ms): each refund declined once at the
     * gateway, carried once, each customer's balance 79.34
     */
    @Test
    void twoCollectorsAtOnce_keepEachFailedRefundAsCreditOnce() throws Exception {
        LocalDate m = ChangesTest.nextMonthOf(30);
        clockTo(m);
        long plan = PaymentCreditsTest.plan(CreditHandling.REFUND);
        List<Long> customers = new ArrayList<>();
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long customer = customerWithCard("4000000000005126");
            customers.add(customer);
            subscriptions.add(PaymentCreditsTest.subscribe(plan, customer, m, "2"));
        }
        BillingRunReport run = service(BillingService.class).run(m);
        for (Subscription s : subscriptions) {
            invoicesAfter(run, s.id(), 1);
        }
        LocalDate day = m.plusDays(10);
        clockTo(day);
        for (Subscription s : subscriptions) {
            service(SubscriptionService.class).change(s.id(), new ChangeDraft(Optional.of(day), Optional.empty(),
                    List.of(new LineChange.Update(s.lines().get(0).id(), Optional.of(BigDecimal.ONE), Optional.empty(),
                            Optional.empty()))));
        }
        service(Gateway.class).update(Optional.of(20), Optional.empty());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<PaymentRunReport>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(pool.submit(() -> service(PaymentService.class).collect()));
            }
            for (Future<PaymentRunReport> f : both) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            service(Gateway.class).update(Optional.of(0), Optional.empty());
        }
        for (int i = 0; i < customers.size(); i++) {
            InvoiceView credit = invoices(subscriptions.get(i).id()).get(1);
            assertEquals(List.of("D|79.34|Y"), refund(credit.id()), "customer " + customers.get(i));
            assertEquals(1, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE c_bpartner_id = ? AND charge_type = 'REFUND'",
                    customers.get(i)), "declined once at the gateway");
            assertEquals(List.of("79.34|" + credit.id() + "|" + refundId(credit.id())), ledger(customers.get(i)));
            assertEquals(List.of(money("79.34")), service(PaymentService.class).creditBalance(customers.get(i)));
        }
    }
}
