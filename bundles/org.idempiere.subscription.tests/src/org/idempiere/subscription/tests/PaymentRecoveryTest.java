package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.AutomaticPaymentsTest.billed;
import static org.idempiere.subscription.tests.AutomaticPaymentsTest.attempts;
import static org.idempiere.subscription.tests.AutomaticPaymentsTest.invoiceOf;
import static org.idempiere.subscription.tests.AutomaticPaymentsTest.mailBodies;
import static org.idempiere.subscription.tests.AutomaticPaymentsTest.mailsTo;
import static org.idempiere.subscription.tests.AutomaticPaymentsTest.pastDue;
import static org.idempiere.subscription.tests.AutomaticPaymentsTest.payments;
import static org.idempiere.subscription.tests.AutomaticPaymentsTest.plan;
import static org.idempiere.subscription.tests.AutomaticPaymentsTest.saveCard;
import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.sandbox.internal.gateway.Gateway;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.idempiere.subscription.tests.AutomaticPaymentsTest.Timeline;
import org.junit.jupiter.api.Test;

/**
 * How automatic payments recover, with the test clock and the reference gateway (decision 0043):
 * a re-send the host refuses ends (never UNKNOWN for ever), a payment the host reports (the
 * sandbox's manual payment, iDempiere's completed allocation) stops the dunning at once and one it
 * does not report at the next collection, a new default method tries a declined invoice at once, and a
 * charge whose answer is lost is asked about and found captured once. Plans retry 1 and 3 days
 * after the first failure; one EUR 100.00 line to a customer in Germany: invoices of 119.00.
 */
class PaymentRecoveryTest {

    /** Leaves the invoice's only attempt in flight with {@code methodId}, its lease long run out: a collector died before the gateway saw it. */
    private static void diedInFlight(long invoice, long methodId) {
        assertEquals(1, update("UPDATE SUB_PaymentAttempt SET PaymentStatus = 'F', C_BP_BankAccount_ID = ?,"
                + " Updated = now() - interval '1 hour' WHERE C_Invoice_ID = ?", methodId, invoice));
    }

    /*
     * a collector died before the gateway saw the attempt; the invoice was then paid by transfer
     *   D: attempt 1 waits for a method; a card is saved; the collector claims it and dies
     *   D: invoice paid by transfer; the next collector (lease run out) asks the gateway, which never
     *      saw the key, reads nothing open -> CANCELLED, nothing sent; the collection after: nothing
     */
    @Test
    void aResend_afterTheInvoiceWasPaidOtherwise_isCancelled_notUnknownForEver() {
        Timeline t = billed(plan(), Optional.empty());
        LocalDate d = t.d();
        long customer = t.customer();
        Subscription s = t.s();
        long invoice = invoiceOf(s.id());
        saveCard(customer, "4242424242424242");
        diedInFlight(invoice, payments().methods(customer).get(0).id());
        service(MasterData.class).payInvoice(invoice);

        payments().collect();
        PaymentAttempt a = payments().attemptsOfInvoice(invoice).get(0);
        assertEquals(PaymentStatus.CANCELLED, a.status(), a.toString());
        assertEquals(0, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE c_invoice_id = ?", invoice), "nothing sent");
        payments().collect();
        assertEquals(List.of("1 CANCELLED " + d + " 119.00"), attempts(s.id()));
        assertTrue(!pastDue(s.id()));
    }

    /*
     * a collector died before the gateway saw the attempt; the card it was for was then removed
     *   D:   the next collector asks (never seen), re-sends with the removed card, the host refuses
     *        -> ERRORED (not UNKNOWN), attempt 2 on D+1, past due, the customer told
     *   D+1: attempt 2 charged to the remaining (now default) card -> captured once
     */
    @Test
    void aResend_theHostRefuses_isErroredAndRetried_notUnknownForEver() {
        Timeline t = billed(plan(), Optional.empty());
        LocalDate d = t.d();
        String mail = t.mail();
        long customer = t.customer();
        Subscription s = t.s();
        long invoice = invoiceOf(s.id());
        long removed = payments().registerMethod(customer, new MethodRegistration(PaymentsTest.token("4242424242424242"), true)).id();
        long kept = payments().registerMethod(customer, new MethodRegistration(PaymentsTest.token("5555555555554444"), false)).id();
        diedInFlight(invoice, removed);
        payments().removeMethod(customer, removed);

        payments().collect();
        PaymentAttempt first = payments().attemptsOfInvoice(invoice).get(0);
        assertEquals(PaymentStatus.ERRORED, first.status(), first.toString());
        assertEquals(Optional.of("refused"), first.resultCode());
        assertEquals(List.of("1 ERRORED " + d + " 119.00", "2 PENDING " + d.plusDays(1) + " 119.00"), attempts(s.id()));
        assertTrue(pastDue(s.id()));
        assertEquals(2, mailsTo(mail), "asked for a method at first, told of the failure now");

        clockTo(d.plusDays(1));
        payments().collect();
        PaymentAttempt retry = payments().attemptsOfInvoice(invoice).get(1);
        assertEquals(PaymentStatus.SUCCEEDED, retry.status());
        assertEquals(Optional.of(kept), retry.methodId());
        assertEquals(1, PaymentsTest.captures(invoice));
        assertTrue(!pastDue(s.id()));
    }

    /*
     * every charge declined (insufficient funds), then the invoice paid in the ERP after the last retry
     *   D:   attempt 1 declined -> 2 on D+1, past due, notice 1
     *   D+1: attempt 2 declined -> 3 on D+3, notice 2
     *   D+3: attempt 3 declined -> no more retries; still past due; notice 3 says so
     *   D+4: paid in the ERP; the next collection (nothing due) -> no longer past due, no notice
     */
    @Test
    void paidInTheErpAfterTheLastRetry_isNoLongerPastDueAtTheNextCollection() {
        Timeline t = billed(plan(), Optional.of("4000000000009995"));
        LocalDate d = t.d();
        String mail = t.mail();
        Subscription s = t.s();
        clockTo(d.plusDays(1));
        payments().collect();
        clockTo(d.plusDays(3));
        payments().collect();
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 DECLINED " + d.plusDays(1) + " 119.00",
                "3 DECLINED " + d.plusDays(3) + " 119.00"), attempts(s.id()));
        assertTrue(pastDue(s.id()));
        List<String> notices = mailBodies(mail);
        assertEquals(3, notices.size());
        assertTrue(notices.get(1).contains("We will try again"), notices.get(1));
        assertTrue(notices.get(2).contains("We will not try again"), notices.get(2));

        clockTo(d.plusDays(4));
        service(MasterData.class).payInvoice(invoiceOf(s.id()));
        assertTrue(pastDue(s.id()), "until the next collection");
        payments().collect();
        assertTrue(!pastDue(s.id()));
        assertEquals(3, mailsTo(mail), "no further notice");
        assertEquals(3, attempts(s.id()).size());
    }

    /*
     * paid in the ERP between two retries
     *   D: attempt 1 declined -> 2 on D+1, past due; the same day the invoice is paid in the ERP
     *   D: the next collection (nothing due) -> attempt 2 CANCELLED, no longer past due
     *   D+1: nothing charged, no notice
     */
    @Test
    void paidInTheErpBetweenRetries_cancelsTheRetryAtTheNextCollection() {
        Timeline t = billed(plan(), Optional.of("4000000000009995"));
        LocalDate d = t.d();
        String mail = t.mail();
        Subscription s = t.s();
        long invoice = invoiceOf(s.id());
        service(MasterData.class).payInvoice(invoice);
        payments().collect();
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 CANCELLED " + d.plusDays(1) + " 119.00"), attempts(s.id()));
        assertTrue(!pastDue(s.id()));
        clockTo(d.plusDays(1));
        payments().collect();
        assertEquals(1, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE c_invoice_id = ?", invoice), "the first charge only");
        assertEquals(1, mailsTo(mail));
    }

    /*
     * paid manually in the ERP between two retries: the payment stops the dunning at once
     *   D: attempt 1 declined -> 2 on D+1, past due, notice 1
     *   D: the invoice paid manually (the sandbox's manual payment, as iDempiere's completed allocation)
     *      -> at once, no collection in between: attempt 2 CANCELLED, no longer past due
     *   D+1: the collection charges nothing, sends nothing
     */
    @Test
    void paidManuallyBetweenRetries_stopsTheDunningAtOnce_withoutACollection() throws Exception {
        Timeline t = billed(plan(), Optional.of("4000000000009995"));
        LocalDate d = t.d();
        Subscription s = t.s();
        long invoice = invoiceOf(s.id());
        assertTrue(pastDue(s.id()));
        Api.Answer paid = Api.call("POST", "/sandbox/invoices/" + invoice + "/pay", null);
        assertEquals(200, paid.status(), paid.raw().body());
        assertEquals(1, paid.body().get("attemptsCancelled").asInt());
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 CANCELLED " + d.plusDays(1) + " 119.00"), attempts(s.id()));
        assertTrue(!pastDue(s.id()), "at once");
        clockTo(d.plusDays(1));
        payments().collect();
        assertEquals(1, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE c_invoice_id = ?", invoice), "the first charge only");
        assertEquals(1, mailsTo(t.mail()), "the first notice only");
    }

    /*
     * recovery by invoice ids ignores what is not the tenant's own
     *   D: attempt 1 declined -> 2 on D+1, past due; the invoice marked paid without telling the engine
     *   D: recover(an id no invoice has) and recover(the invoice) as another tenant -> nothing changes
     *   D: recover(the invoice, an unknown id) as its tenant -> attempt 2 CANCELLED, no longer past due
     */
    @Test
    void recover_ignoresUnknownInvoicesAndAnotherTenantsCall() {
        Timeline t = billed(plan(), Optional.of("4000000000009995"));
        LocalDate d = t.d();
        Subscription s = t.s();
        long invoice = invoiceOf(s.id());
        service(MasterData.class).payInvoice(invoice);
        assertEquals(0, payments().recover(List.of(987_654_321L)));
        assertEquals(0, (int) service(org.idempiere.subscription.api.host.HostContext.class).actingFor(TenantIsolationTest.OTHER,
                () -> payments().recover(List.of(invoice))));
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 PENDING " + d.plusDays(1) + " 119.00"), attempts(s.id()));
        assertTrue(pastDue(s.id()));
        assertEquals(1, payments().recover(List.of(987_654_321L, invoice, invoice)));
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 CANCELLED " + d.plusDays(1) + " 119.00"), attempts(s.id()));
        assertTrue(!pastDue(s.id()));
    }

    /*
     * closed by the seller between two retries
     *   D:   attempt 1 declined -> 2 on D+1, past due, notice 1
     *   D:   the subscription closed -> attempt 2 CANCELLED at once
     *   D+1: nothing charged, no notice
     */
    @Test
    void closedBetweenRetries_cancelsTheRetry() {
        Timeline t = billed(plan(), Optional.of("4000000000009995"));
        service(SubscriptionService.class).close(t.s().id(), "the customer left");
        assertEquals(List.of("1 DECLINED " + t.d() + " 119.00", "2 CANCELLED " + t.d().plusDays(1) + " 119.00"),
                attempts(t.s().id()));
        clockTo(t.d().plusDays(1));
        payments().collect();
        assertEquals(1, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE c_invoice_id = ?", invoiceOf(t.s().id())),
                "the first charge only");
        assertEquals(1, mailsTo(t.mail()));
    }

    /*
     * a new default card tries a declined invoice at once
     *   D: attempt 1 declined -> 2 on D+1
     *   D: another card saved, not as default -> attempt 2 still on D+1
     *   D: that card made the default -> attempt 2 due D; the collection captures it with that card
     */
    @Test
    void aNewDefaultMethod_triesTheDeclinedInvoiceAtOnce() {
        Timeline t = billed(plan(), Optional.of("4000000000009995"));
        LocalDate d = t.d();
        long customer = t.customer();
        Subscription s = t.s();
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 PENDING " + d.plusDays(1) + " 119.00"), attempts(s.id()));
        long card = payments().registerMethod(customer, new MethodRegistration(PaymentsTest.token("4242424242424242"), false)).id();
        assertEquals("2 PENDING " + d.plusDays(1) + " 119.00", attempts(s.id()).get(1), "not the default: the schedule's day");
        payments().setDefaultMethod(customer, card);
        assertEquals("2 PENDING " + d + " 119.00", attempts(s.id()).get(1));
        payments().collect();
        PaymentAttempt retry = payments().attemptsOfSubscription(s.id()).get(1);
        assertEquals(PaymentStatus.SUCCEEDED, retry.status());
        assertEquals(Optional.of(card), retry.methodId());
        assertEquals(1, PaymentsTest.captures(invoiceOf(s.id())));
        assertTrue(!pastDue(s.id()));
    }

    /* a new card saved as the default, straight away: the declined invoice is charged at the next collection */
    @Test
    void aNewCardSavedAsDefault_triesTheDeclinedInvoiceAtOnce() {
        Timeline t = billed(plan(), Optional.of("4000000000009995"));
        LocalDate d = t.d();
        long customer = t.customer();
        Subscription s = t.s();
        saveCard(customer, "4242424242424242");
        payments().collect();
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 SUCCEEDED " + d + " 119.00"), attempts(s.id()));
        assertEquals(1, PaymentsTest.captures(invoiceOf(s.id())));
    }

    /*
     * the gateway's test number that times out: the money moves, the answer is lost
     *   D: the run's charge -> UNKNOWN: no retry, no notice, not past due; the ledger holds one capture
     *   D: the next collection asks the gateway about the key -> SUCCEEDED; still exactly one capture
     */
    @Test
    void aChargeThatTimesOut_isUnknownThenFoundCaptured_once() {
        Timeline t = billed(plan(), Optional.of("4000000000000770"));
        LocalDate d = t.d();
        String mail = t.mail();
        Subscription s = t.s();
        long invoice = invoiceOf(s.id());
        assertEquals(List.of("1 UNKNOWN " + d + " 119.00"), attempts(s.id()));
        assertTrue(!pastDue(s.id()));
        assertEquals(0, mailsTo(mail));
        List<Gateway.Entry> ledger = service(Gateway.class).ledger(Optional.of(invoice));
        assertEquals(1, ledger.size());
        assertEquals("SUCCEEDED UNKNOWN", ledger.get(0).outcome() + " " + ledger.get(0).answered());

        payments().collect();
        assertEquals(List.of("1 SUCCEEDED " + d + " 119.00"), attempts(s.id()));
        assertEquals(1, PaymentsTest.captures(invoice));
        assertEquals(1, service(Gateway.class).ledger(Optional.of(invoice)).size(), "asked, never charged again");
        assertEquals(0, mailsTo(mail));
        assertTrue(!pastDue(s.id()));
        // its card always times out: closed, so that the runs of later timelines do not bill it again
        service(SubscriptionService.class).close(s.id(), "end of the timeline");
    }
}
