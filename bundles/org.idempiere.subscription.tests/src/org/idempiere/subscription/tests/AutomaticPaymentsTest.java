package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.CustomerTerms;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.api.service.PaymentRunReport;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.api.service.PaymentTerms;
import org.idempiere.subscription.api.service.SettingsOverride;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.gateway.Gateway;
import org.idempiere.subscription.sandbox.internal.gateway.TestInstruments;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Automatic payments with the test clock and the reference gateway: each timeline a subscription
 * paid automatically, invoiced by a billing run (which collects after it), its charges failing and
 * retried on the plan's schedule (1 and 3 days after the first failure), the customer told, the
 * subscription past due meanwhile; every invoice captured at most once (the gateway's ledger).
 * One EUR 100.00 line to a customer in Germany: invoices of 119.00.
 */
class AutomaticPaymentsTest {

    @AfterEach
    void gatewayDefaults() {
        service(Gateway.class).update(Optional.of(0), Optional.of(2));
    }

    /** A monthly plan paid automatically, retried 1 and 3 days after the first failure, closed after 10 unpaid days. */
    static long plan() {
        return plan(List.of(1, 3));
    }

    static long plan(List<Integer> retryDays) {
        return service(TemplateService.class).create(new TemplateDraft(unique("Card plan"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE, PriceUpdate.AT_RENEWAL,
                Optional.empty(), CustomerTerms.NONE, Optional.of(10), false, new PaymentTerms(PaymentMode.AUTOMATIC, retryDays),
                List.of())).id();
    }

    /** The bodies of the mails sent to an address, oldest first. */
    static List<String> mailBodies(String to) {
        return Sandbox.rows("SELECT body FROM sbx_mail WHERE mail_to = ? ORDER BY sbx_mail_id", to);
    }

    static long customer(String email) {
        return service(MasterData.class).createCustomer(unique("Card customer"), Optional.of(email), "DE", Optional.empty(),
                Optional.of("en_US")).id();
    }

    static String address() {
        return unique("pay").replace(' ', '.').replace('-', '.') + "@example.com";
    }

    static Subscription subscribe(long plan, long customer, LocalDate start) {
        return service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer, "EUR", start, Optional.empty(),
                List.of(new LineDraft(product("100.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO)), BigDecimal.ZERO,
                new SettingsOverride(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty())));
    }

    static PaymentService payments() {
        return service(PaymentService.class);
    }

    static void saveCard(long customer, String number) {
        payments().registerMethod(customer, new MethodRegistration(PaymentsTest.token(number), true));
    }

    /** A timeline's start: its day, the customer's address, the customer, the subscription, billed (and collected) on the day. */
    record Timeline(LocalDate d, String mail, long customer, Subscription s) {
    }

    /**
     * Starts a timeline on a fresh day: a customer with the card {@code card} saved as the default
     * (none when empty), subscribed to {@code plan} from that day, billed by a run that day.
     */
    static Timeline billed(long plan, Optional<String> card) {
        LocalDate d = freshDay();
        String mail = address();
        long customer = customer(mail);
        card.ifPresent(number -> saveCard(customer, number));
        Subscription s = subscribe(plan, customer, d);
        service(BillingService.class).run(d);
        return new Timeline(d, mail, customer, s);
    }

    /** A fresh day for a timeline: the test clock moves only forward. */
    static LocalDate freshDay() {
        LocalDate day = PaymentsTest.today().plusDays(40);
        clockTo(day);
        return day;
    }

    static List<String> attempts(long subscriptionId) {
        return payments().attemptsOfSubscription(subscriptionId).stream()
                .map(a -> a.attemptNo() + " " + a.status() + " " + a.dueOn() + " " + a.amount().amount()).toList();
    }

    static long invoiceOf(long subscriptionId) {
        return payments().attemptsOfSubscription(subscriptionId).get(0).invoiceId();
    }

    static boolean pastDue(long subscriptionId) {
        return count("SELECT COUNT(*) FROM SUB_Subscription WHERE SUB_Subscription_ID = ? AND IsPastDue = 'Y'", subscriptionId) == 1;
    }

    static long mailsTo(String to) {
        return count("SELECT COUNT(*) FROM sbx_mail WHERE mail_to = ?", to);
    }

    /*
     * card declined twice (try again later), captured on the second retry
     *   D:   invoice 119.00, attempt 1 declined   -> attempt 2 on D+1, past due, customer told
     *   D+1: attempt 2 declined                   -> attempt 3 on D+3 (3 days after the first failure)
     *   D+3: attempt 3 succeeds                   -> invoice paid, no longer past due; one capture
     */
    @Test
    void declinedTwice_thenCapturedOnTheSecondRetry() {
        LocalDate d = freshDay();
        String mail = address();
        long customer = customer(mail);
        saveCard(customer, "4000000000000341");
        Subscription s = subscribe(plan(), customer, d);
        service(BillingService.class).run(d);
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 PENDING " + d.plusDays(1) + " 119.00"), attempts(s.id()));
        assertTrue(pastDue(s.id()));
        assertEquals(1, mailsTo(mail), "the customer is told of the failure");

        clockTo(d.plusDays(1));
        payments().collect();
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 DECLINED " + d.plusDays(1) + " 119.00",
                "3 PENDING " + d.plusDays(3) + " 119.00"), attempts(s.id()));

        clockTo(d.plusDays(3));
        payments().collect();
        assertEquals("3 SUCCEEDED " + d.plusDays(3) + " 119.00", attempts(s.id()).get(2));
        assertTrue(!pastDue(s.id()));
        long invoice = invoiceOf(s.id());
        assertTrue(PaymentsTest.paid(invoice));
        assertEquals(1, PaymentsTest.captures(invoice));
        assertEquals(2, mailsTo(mail), "one notice per failure");
        payments().collect(); // nothing left
        assertEquals(1, PaymentsTest.captures(invoice));
    }

    /* no saved method: the attempt waits, the customer is asked to add one; saving one tries again at once */
    @Test
    void withoutAMethod_waitsAndAsks_thenChargesTheNewMethod() {
        LocalDate d = freshDay();
        String mail = address();
        long customer = customer(mail);
        Subscription s = subscribe(plan(), customer, d);
        service(BillingService.class).run(d);
        assertEquals(List.of("1 NO_METHOD " + d + " 119.00"), attempts(s.id()));
        assertEquals(1, mailsTo(mail));
        saveCard(customer, "4242424242424242");
        payments().collect();
        assertEquals(List.of("1 SUCCEEDED " + d + " 119.00"), attempts(s.id()));
        assertEquals(1, PaymentsTest.captures(invoiceOf(s.id())));
    }

    /* paid by transfer after a decline: the retry finds nothing open, is cancelled, and the dunning stops */
    @Test
    void paidByTransferAfterADecline_stopsTheRetries() {
        LocalDate d = freshDay();
        long customer = customer(address());
        saveCard(customer, "4000000000009995");
        Subscription s = subscribe(plan(), customer, d);
        service(BillingService.class).run(d);
        long invoice = invoiceOf(s.id());
        assertEquals("1 DECLINED " + d + " 119.00", attempts(s.id()).get(0));
        service(MasterData.class).payInvoice(invoice);
        clockTo(d.plusDays(1));
        payments().collect();
        PaymentAttempt retry = payments().attemptsOfInvoice(invoice).get(1);
        assertEquals(PaymentStatus.CANCELLED, retry.status());
        assertTrue(!pastDue(s.id()));
        assertEquals(0, PaymentsTest.captures(invoice));
        assertEquals(2, payments().attemptsOfInvoice(invoice).size(), "no further retry");
    }

    /* pay now with the default method; bad input refused, naming the field, changing nothing */
    @Test
    void payNow_andRefusals() {
        LocalDate d = freshDay();
        long customer = customer(address());
        Subscription s = subscribe(plan(), customer, d);
        service(BillingService.class).run(d); // no method: waits
        long invoice = invoiceOf(s.id());
        long other = customer(address());
        saveCard(other, "4242424242424242");
        long foreign = payments().methods(other).get(0).id();
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> payments().pay(invoice, Optional.of(foreign)));
        assertEquals("methodId", e.field().orElseThrow());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(SubscriptionException.class, () -> payments().pay(999_999_999L,
                Optional.empty())).code());
        assertEquals(1, payments().attemptsOfInvoice(invoice).size(), "nothing recorded by refused requests");
        saveCard(customer, "4242424242424242");
        payments().collect(); // the waiting attempt is charged
        assertEquals(PaymentStatus.SUCCEEDED, payments().attemptsOfInvoice(invoice).get(0).status());
        assertEquals(ErrorCode.INVALID_STATE, assertThrows(SubscriptionException.class, () -> payments().pay(invoice,
                Optional.empty())).code(), "nothing open");
        assertEquals(1, PaymentsTest.captures(invoice));
    }

    /* two collectors at once over many due attempts: each invoice captured once */
    @Test
    void twoCollectorsAtOnce_captureEachInvoiceOnce() throws Exception {
        LocalDate d = freshDay();
        service(Gateway.class).update(Optional.of(20), Optional.of(2));
        List<Long> subscriptions = new ArrayList<>();
        long plan = plan();
        for (int i = 0; i < 12; i++) {
            long customer = customer(address());
            subscriptions.add(subscribe(plan, customer, d).id());
        }
        service(BillingService.class).run(d); // no methods yet: all wait
        for (long id : subscriptions) {
            long customer = payments().attemptsOfSubscription(id).get(0).customerId();
            payments().registerMethod(customer, new MethodRegistration(PaymentsTest.token("4242424242424242"), true));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(pool.submit((Callable<Object>) () -> payments().collect()));
            }
            for (Future<?> f : both) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (long id : subscriptions) {
            long invoice = invoiceOf(id);
            assertEquals(1, PaymentsTest.captures(invoice), "invoice " + invoice);
            assertEquals(PaymentStatus.SUCCEEDED, payments().attemptsOfInvoice(invoice).get(0).status());
        }
    }

    /*
     * one collection over many due attempts with the gateway slow (200 ms a call): the host allows
     * several workers, and the gateway saw more than one call waiting at once (a collector calling
     * one attempt after another never makes two calls at once); each invoice captured exactly once,
     * one ledger row per invoice
     */
    @Test
    void oneCollection_callsTheGatewayFromSeveralWorkers_andCapturesEachInvoiceOnce() {
        assertTrue(service(HostContext.class).paymentParallelism() > 1, "the reference host allows several payment workers");
        LocalDate d = freshDay();
        List<Long> subscriptions = new ArrayList<>();
        long plan = plan();
        for (int i = 0; i < 40; i++) {
            subscriptions.add(subscribe(plan, customer(address()), d).id());
        }
        service(BillingService.class).run(d); // no methods yet: all wait
        for (long id : subscriptions) {
            long customer = payments().attemptsOfSubscription(id).get(0).customerId();
            payments().registerMethod(customer, new MethodRegistration(PaymentsTest.token("4242424242424242"), true));
        }
        Gateway gateway = service(Gateway.class);
        gateway.update(Optional.of(200), Optional.of(2));
        gateway.resetPeakConcurrentCalls();
        PaymentRunReport report = payments().collect();
        assertTrue(gateway.peakConcurrentCalls() > 1, "gateway calls at once: " + gateway.peakConcurrentCalls());
        assertEquals(40, report.attempts().get(PaymentStatus.SUCCEEDED), report.toString());
        for (long id : subscriptions) {
            long invoice = invoiceOf(id);
            assertEquals(1, PaymentsTest.captures(invoice), "invoice " + invoice);
            assertEquals(1, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE c_invoice_id = ?", invoice), "ledger of " + invoice);
            assertEquals(List.of(PaymentStatus.SUCCEEDED), payments().attemptsOfInvoice(invoice).stream()
                    .map(PaymentAttempt::status).toList(), "invoice " + invoice);
        }
    }

    /*
     * still unpaid after the plan's 10 days, after failed charges: closed, the churn marked
     * delinquent, and the dunning stops with the close
     *   D:    attempt 1 declined (insufficient funds)  -> attempt 2 on D+1, past due, customer told
     *   (no collection on D+1 or D+3)
     *   D+10: the run closes the subscription first    -> attempt 2 CANCELLED (never charged), no
     *         attempt 3, no further notice; the invoice stays open, nothing captured
     */
    @Test
    void unpaidAfterFailedCharges_closesAsDelinquentChurn() {
        Timeline t = billed(plan(), Optional.of("4000000000009995"));
        LocalDate d = t.d();
        String mail = t.mail();
        Subscription s = t.s();
        assertTrue(pastDue(s.id()));
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 PENDING " + d.plusDays(1) + " 119.00"), attempts(s.id()));
        clockTo(d.plusDays(10));
        service(BillingService.class).run(d.plusDays(10));
        assertEquals(1, count("SELECT COUNT(*) FROM SUB_ChangeLog WHERE SUB_Subscription_ID = ? AND ChangeType = 'CH'"
                + " AND IsDelinquent = 'Y'", s.id()));
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 CANCELLED " + d.plusDays(1) + " 119.00"), attempts(s.id()),
                "the retry cancelled by the close, never charged");
        assertEquals(1, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE c_invoice_id = ?", invoiceOf(s.id())),
                "the gateway saw the first charge only");
        assertEquals(0, PaymentsTest.captures(invoiceOf(s.id())));
        assertTrue(!PaymentsTest.paid(invoiceOf(s.id())), "the invoice stays open for the seller");
        assertEquals(1, mailsTo(mail), "no notice after the close");
        payments().collect();
        assertEquals(2, attempts(s.id()).size(), "nothing more after the close");
    }

    /*
     * declines, then success on the third retry (the gateway's retry number declining 3 times;
     * retry days 1, 3, 5, 7; invoice 119.00 on D)
     *   D:   attempt 1 declined -> attempt 2 on D+1, past due, notice 1 ("we will try again")
     *   D+1: attempt 2 declined -> attempt 3 on D+3 (3 days after the first failure), notice 2
     *   D+3: attempt 3 declined -> attempt 4 on D+5, notice 3
     *   D+5: attempt 4 captured -> invoice paid, no longer past due; one capture; no notice
     */
    @Test
    void declinedThrice_thenCapturedOnTheThirdRetry() {
        service(Gateway.class).update(Optional.empty(), Optional.of(3));
        Timeline t = billed(plan(List.of(1, 3, 5, 7)), Optional.of("4000000000000341"));
        LocalDate d = t.d();
        String mail = t.mail();
        Subscription s = t.s();
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 PENDING " + d.plusDays(1) + " 119.00"), attempts(s.id()));
        assertTrue(pastDue(s.id()));
        assertEquals(1, mailsTo(mail));

        clockTo(d.plusDays(1));
        payments().collect();
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 DECLINED " + d.plusDays(1) + " 119.00",
                "3 PENDING " + d.plusDays(3) + " 119.00"), attempts(s.id()));
        assertEquals(2, mailsTo(mail));

        clockTo(d.plusDays(2));
        payments().collect(); // nothing due
        assertEquals(3, attempts(s.id()).size());

        clockTo(d.plusDays(3));
        payments().collect();
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 DECLINED " + d.plusDays(1) + " 119.00",
                "3 DECLINED " + d.plusDays(3) + " 119.00", "4 PENDING " + d.plusDays(5) + " 119.00"), attempts(s.id()));
        assertTrue(pastDue(s.id()));
        assertEquals(3, mailsTo(mail));
        assertTrue(mailBodies(mail).stream().allMatch(b -> b.contains("We will try again")), "a retry follows each of them");

        clockTo(d.plusDays(5));
        payments().collect();
        assertEquals(List.of("1 DECLINED " + d + " 119.00", "2 DECLINED " + d.plusDays(1) + " 119.00",
                "3 DECLINED " + d.plusDays(3) + " 119.00", "4 SUCCEEDED " + d.plusDays(5) + " 119.00"), attempts(s.id()));
        long invoice = invoiceOf(s.id());
        assertTrue(!pastDue(s.id()));
        assertTrue(PaymentsTest.paid(invoice));
        assertEquals(1, PaymentsTest.captures(invoice));
        assertEquals(4, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE c_invoice_id = ?", invoice), "three declines, one capture");
        assertEquals(3, mailsTo(mail), "no notice of the success");
    }

    /*
     * the saved card's expiry month passes
     *   D (card expires at the end of D's month): invoice 119.00 captured with the card
     *   D+1 month: the next invoice's attempt finds no usable method -> NO_METHOD, the customer told,
     *              nothing sent to the gateway for it
     *   a new card saved: the waiting attempt is pending again and captured with the new card
     */
    @Test
    void theCardsExpiryMonthPasses_nextInvoiceWaitsForAMethod_andANewCardIsCharged() {
        LocalDate d = freshDay();
        String mail = address();
        long customer = customer(mail);
        YearMonth expiry = YearMonth.from(d);
        String expiring = service(Gateway.class).tokenize(TestInstruments.card("card.", "4242424242424242",
                expiry.getMonthValue(), expiry.getYear(), "123", "Test Holder", d)).token();
        long oldCard = payments().registerMethod(customer, new MethodRegistration(expiring, true)).id();
        Subscription s = subscribe(plan(), customer, d);
        service(BillingService.class).run(d);
        assertEquals(List.of("1 SUCCEEDED " + d + " 119.00"), attempts(s.id()));
        assertEquals(Optional.of(oldCard), payments().attemptsOfSubscription(s.id()).get(0).methodId());
        assertEquals(0, mailsTo(mail));

        LocalDate next = d.plusMonths(1);
        assertTrue(YearMonth.from(next).isAfter(expiry));
        clockTo(next);
        service(BillingService.class).run(next);
        assertEquals(List.of("1 SUCCEEDED " + d + " 119.00", "1 NO_METHOD " + next + " 119.00"), attempts(s.id()));
        PaymentAttempt waiting = payments().attemptsOfSubscription(s.id()).get(1);
        assertEquals(Optional.of("no_method"), waiting.resultCode());
        assertEquals(Optional.of("The saved payment method expired"), waiting.resultMessage());
        assertEquals(1, mailsTo(mail), "the customer is asked for a new method");
        assertEquals(0, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE c_invoice_id = ?", waiting.invoiceId()),
                "an expired card is not sent to the gateway");

        long newCard = payments().registerMethod(customer, new MethodRegistration(PaymentsTest.token("5555555555554444"), true))
                .id();
        payments().collect();
        PaymentAttempt paid = payments().attemptsOfSubscription(s.id()).get(1);
        assertEquals(PaymentStatus.SUCCEEDED, paid.status());
        assertEquals(Optional.of(newCard), paid.methodId());
        assertEquals(1, PaymentsTest.captures(waiting.invoiceId()));
        assertTrue(PaymentsTest.paid(waiting.invoiceId()));
        assertEquals(1, mailsTo(mail), "no further notice once paid");
    }

    /* the payment mode overridden per subscription: a manual plan's subscription paid automatically and vice versa */
    @Test
    void paymentModeOverride_perSubscription_decidesWhetherInvoicesAreCharged() {
        LocalDate d = freshDay();
        long customer = customer(address());
        saveCard(customer, "4242424242424242");
        long manualPlan = service(TemplateService.class).create(new TemplateDraft(unique("Transfer plan"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE,
                PriceUpdate.AT_RENEWAL, Optional.empty(), CustomerTerms.NONE, Optional.empty(), false, PaymentTerms.MANUAL,
                List.of())).id();
        Subscription byCard = subscribe(manualPlan, customer, d, Optional.of(PaymentMode.AUTOMATIC));
        Subscription asPlan = subscribe(manualPlan, customer, d, Optional.empty());
        Subscription byTransfer = subscribe(plan(), customer, d, Optional.of(PaymentMode.MANUAL));
        assertEquals(PaymentMode.AUTOMATIC, byCard.paymentMode());
        assertTrue(byCard.paymentModeOverridden());
        assertEquals(PaymentMode.MANUAL, asPlan.paymentMode());
        assertTrue(!asPlan.paymentModeOverridden());
        assertEquals(PaymentMode.MANUAL, byTransfer.paymentMode());
        assertTrue(byTransfer.paymentModeOverridden());
        assertEquals(byCard, service(SubscriptionService.class).find(byCard.id()).orElseThrow(), "stored as created");
        assertEquals(1, count("SELECT COUNT(*) FROM SUB_Subscription WHERE SUB_Subscription_ID = ? AND PaymentMode = 'A'",
                byCard.id()));
        assertEquals(1, count("SELECT COUNT(*) FROM SUB_Subscription WHERE SUB_Subscription_ID = ? AND PaymentMode IS NULL",
                asPlan.id()), "empty: as the plan");

        service(BillingService.class).run(d);
        assertEquals(List.of("1 SUCCEEDED " + d + " 119.00"), attempts(byCard.id()));
        assertEquals(1, PaymentsTest.captures(invoiceOf(byCard.id())));
        assertEquals(List.of(), attempts(asPlan.id()), "paid by transfer as its plan says: no attempt");
        assertEquals(List.of(), attempts(byTransfer.id()), "paid by transfer though its plan charges cards: no attempt");
    }

    private static Subscription subscribe(long plan, long customer, LocalDate start, Optional<PaymentMode> mode) {
        return service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer, "EUR", start, Optional.empty(),
                List.of(new LineDraft(product("100.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO)), BigDecimal.ZERO,
                new SettingsOverride(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), mode)));
    }

    /* removing the default method makes the next one the default: the next invoice is charged to it */
    @Test
    void removingTheDefaultMethod_makesTheNextOneTheDefault() {
        LocalDate d = freshDay();
        long customer = customer(address());
        payments().registerMethod(customer, new MethodRegistration(PaymentsTest.token("5555555555554444"), true));
        saveCard(customer, "4242424242424242"); // the default now
        long removed = payments().methods(customer).stream().filter(m -> m.isDefault()).findFirst().orElseThrow().id();
        payments().removeMethod(customer, removed);
        List<org.idempiere.subscription.api.host.PaymentMethod> left = payments().methods(customer);
        assertEquals(1, left.size());
        assertTrue(left.get(0).isDefault(), "the remaining method is the default");
        Subscription s = subscribe(plan(), customer, d);
        service(BillingService.class).run(d);
        PaymentAttempt a = payments().attemptsOfSubscription(s.id()).get(0);
        assertEquals(PaymentStatus.SUCCEEDED, a.status());
        assertEquals(Optional.of(left.get(0).id()), a.methodId());
    }
}
