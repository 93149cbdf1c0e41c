package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.ChangesTest.nextMonthOf;
import static org.idempiere.subscription.tests.PaymentCreditsTest.cardCustomer;
import static org.idempiere.subscription.tests.PaymentCreditsTest.gateway;
import static org.idempiere.subscription.tests.PaymentCreditsTest.invoices;
import static org.idempiere.subscription.tests.PaymentCreditsTest.invoicesAfter;
import static org.idempiere.subscription.tests.PaymentCreditsTest.money;
import static org.idempiere.subscription.tests.PaymentCreditsTest.open;
import static org.idempiere.subscription.tests.PaymentCreditsTest.plan;
import static org.idempiere.subscription.tests.PaymentCreditsTest.subscribe;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.stream.Stream;
import org.idempiere.subscription.api.CreditHandling;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.CreditShare;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.sandbox.internal.host.ReferenceHostContext;
import org.junit.jupiter.api.Test;

/**
 * Which credit invoices settle an invoice when customer credit is used (decision 0027), and how the
 * reference host refuses what it cannot settle. Plans CARRY, monthly in advance, a 30-day month M,
 * lines of 1 x 100.00 EUR to a customer in Germany (VAT 19 %).
 */
class CreditSettlementTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** Two subscriptions of one customer, both billed and captured for M (119.00 each). */
    private record Two(long customer, Subscription first, Subscription second, LocalDate m) {
    }

    private static Two twoSubscriptions() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long customer = cardCustomer();
        long plan = plan(CreditHandling.CARRY);
        Subscription first = subscribe(plan, customer, m, "1");
        Subscription second = subscribe(plan, customer, m, "1");
        BillingRunReport run = service(BillingService.class).run(m);
        invoicesAfter(run, first.id(), 1);
        invoicesAfter(run, second.id(), 1);
        return new Two(customer, first, second, m);
    }

    /** {@link #bothPaused}: the two subscriptions and their credit invoices, C1 of the first, C2 of the second. */
    private record Paused(Two two, long c1, long c2) {
    }

    /** The first paused on M+5, the second on M+10: credit invoices C1 -99.16 and C2 -79.34 (see below). */
    private static Paused bothPaused() {
        Two t = twoSubscriptions();
        clockTo(t.m().plusDays(5));
        service(SubscriptionService.class).pause(t.first().id());
        clockTo(t.m().plusDays(10));
        service(SubscriptionService.class).pause(t.second().id());
        return new Paused(t, invoices(t.first().id()).get(1).id(), invoices(t.second().id()).get(1).id());
    }

    /*
     * M+5: the first paused: credit C1 100.00 x 25/30 = 83.33 + 19 % 15.83 = 99.16
     * M+10: the second paused: credit C2 100.00 x 20/30 = 66.67 + 19 % 12.67 = 79.34; balance 178.50
     * N: the second resumed, invoice 119.00 settled by credit, oldest first: C1 99.16 (used up), C2 19.84 (59.50 left)
     */
    @Test
    void theOldestCreditInvoicesSettleFirst_eachAtMostWhatItHasOpen() {
        Paused p = bothPaused();
        Two t = p.two();
        long c1 = p.c1();
        long c2 = p.c2();
        assertEquals(d("-99.16"), open(c1));
        assertEquals(d("-79.34"), open(c2));
        assertEquals(List.of(money("178.50")), service(PaymentService.class).creditBalance(t.customer()));

        LocalDate n = t.m().plusMonths(1);
        clockTo(n);
        service(SubscriptionService.class).resume(t.second().id());
        BillingRunReport run = service(BillingService.class).run(n);
        long next = invoicesAfter(run, t.second().id(), 3).get(2).id();
        assertEquals(List.of(), gateway(next), "settled by credit, no charge");
        assertEquals(d("0.00"), open(next));
        assertEquals(d("0.00"), open(c1), "the oldest credit invoice first");
        assertEquals(true, PaymentsTest.paid(c1));
        assertEquals(d("-59.50"), open(c2), "then 19.84 of the next");
        assertEquals(List.of(money("59.50")), service(PaymentService.class).creditBalance(t.customer()),
                "the ledger and the host's credit invoices agree");
    }

    /*
     * As above, C1 99.16 and C2 79.34 kept (balance 178.50). N: both resumed and billed, 119.00 each;
     * one worker (8 calls allowed) claims both attempts and prepares them in one transaction:
     *   the first invoice:  C1 99.16 (used up) + C2 19.84 = 119.00 -> settled by credit, no charge
     *   the second:         what the first left: C2 59.50 -> 59.50 charged (119.00 - 59.50)
     * Had the second seen the credit invoices as they were when the batch locked the ledger, it would
     * have asked the host for C1 again, been refused, and been charged 119.00 with its credit kept.
     */
    @Test
    void twoInvoicesPreparedInOneBatch_theSecondUsesWhatTheFirstLeftOfEachCreditInvoice() {
        Paused p = bothPaused();
        Two t = p.two();
        long c1 = p.c1();
        long c2 = p.c2();

        LocalDate n = t.m().plusMonths(1);
        clockTo(n);
        service(SubscriptionService.class).resume(t.first().id());
        service(SubscriptionService.class).resume(t.second().id());
        String before = System.getProperty(ReferenceHostContext.PAYMENT_PARALLELISM);
        System.setProperty(ReferenceHostContext.PAYMENT_PARALLELISM, "8");
        BillingRunReport run;
        try {
            run = service(BillingService.class).run(n);
        } finally {
            if (before == null) {
                System.clearProperty(ReferenceHostContext.PAYMENT_PARALLELISM);
            } else {
                System.setProperty(ReferenceHostContext.PAYMENT_PARALLELISM, before);
            }
        }
        long a = invoicesAfter(run, t.first().id(), 3).get(2).id();
        long b = invoicesAfter(run, t.second().id(), 3).get(2).id();
        assertEquals(List.of(List.of(), List.of("CAPTURE|59.50")),
                Stream.of(a, b).map(PaymentCreditsTest::gateway).sorted(Comparator.comparing(List::size)).toList(),
                "one settled by credit, the other charged what the credit left open");
        assertEquals(d("0.00"), open(a));
        assertEquals(d("0.00"), open(b));
        assertEquals(d("0.00"), open(c1), "both credit invoices used up");
        assertEquals(d("0.00"), open(c2));
        assertEquals(List.of(money("0.00")), service(PaymentService.class).creditBalance(t.customer()),
                "the ledger and the host's credit invoices agree");
        assertEquals(List.of("-119.00", "-59.50"), rows("SELECT CreditAmt FROM SUB_CustomerCredit WHERE C_BPartner_ID = ?"
                + " AND CreditAmt < 0 ORDER BY CreditAmt", t.customer()), "one use per attempt");
    }

    /*
     * a credit invoice the seller allocated by hand in the ERP has nothing open to settle with:
     * the next charge is the whole invoice, and the customer's credit balance is not used
     */
    @Test
    void aCreditInvoiceAllocatedInTheHost_isNotUsedAgain_theWholeInvoiceIsCharged() {
        Two t = twoSubscriptions();
        clockTo(t.m().plusDays(10));
        service(SubscriptionService.class).pause(t.first().id());
        long c1 = invoices(t.first().id()).get(1).id();
        service(HostContext.class).inTransaction(tx -> Rows.update(tx.connection(),
                "UPDATE sbx_invoice SET credited = grand_total, is_paid = 'Y' WHERE c_invoice_id = ?", c1));
        assertEquals(d("0.00"), open(c1));

        LocalDate n = t.m().plusMonths(1);
        clockTo(n);
        BillingRunReport run = service(BillingService.class).run(n);
        long next = invoicesAfter(run, t.second().id(), 2).get(1).id();
        assertEquals(List.of("CAPTURE|119.00"), gateway(next), "no credit open in the host: the whole invoice");
        assertEquals(List.of(money("79.34")), service(PaymentService.class).creditBalance(t.customer()),
                "the ledger keeps the credit for the seller to see");
        assertEquals(List.of(), rows("SELECT CreditAmt FROM SUB_CustomerCredit WHERE C_BPartner_ID = ? AND CreditAmt < 0",
                t.customer()), "no use recorded");
    }

    /** The reference host refuses, changing nothing, what it cannot settle, naming the field. */
    @Test
    void theReferenceHostRefuses_anotherCurrency_moreThanIsOpen_andAnotherCustomersCredit() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long customer = cardCustomer();
        long plan = plan(CreditHandling.CARRY);
        Subscription paused = subscribe(plan, customer, m, "1");
        Subscription going = subscribe(plan, customer, m, "1");
        Subscription others = subscribe(plan, cardCustomer(), m, "1");
        BillingRunReport run = service(BillingService.class).run(m);
        invoicesAfter(run, paused.id(), 1);
        invoicesAfter(run, going.id(), 1);
        invoicesAfter(run, others.id(), 1);
        clockTo(m.plusDays(10));
        service(SubscriptionService.class).pause(paused.id());
        assertEquals(2, invoices(paused.id()).size(), () -> "the pause credited the rest of M: " + invoices(paused.id()));
        long credit = invoices(paused.id()).get(1).id();
        long paid = invoices(going.id()).get(0).id();
        long otherInvoice = invoices(others.id()).get(0).id();
        Money eur = Money.of(d("10.00"), Currency.getInstance("EUR"));

        assertRefused("amount", paid, List.of(new CreditShare(credit, Money.of(d("10.00"), Currency.getInstance("CHF")))));
        assertRefused("amount", paid, List.of(new CreditShare(credit, eur)));  // the invoice was captured: nothing open
        assertRefused("creditInvoiceId", otherInvoice, List.of(new CreditShare(credit, eur)));
        assertRefused("creditInvoiceId", paid, List.of(new CreditShare(paid, eur)));
        assertRefused("invoiceId", 987_654_321L, List.of(new CreditShare(credit, eur)));
        assertEquals(d("-79.34"), open(credit), "nothing changed");
        assertEquals(d("0.00"), open(paid));
    }

    private static void assertRefused(String field, long invoiceId, List<CreditShare> shares) {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> service(HostContext.class).inTransaction(
                tx -> service(Payments.class).settleWithCredit(tx, invoiceId, shares)));
        assertEquals(java.util.Optional.of(field), e.field(), e.getMessage());
    }
}
