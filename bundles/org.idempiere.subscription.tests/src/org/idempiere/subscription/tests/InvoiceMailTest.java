package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.ChangesTest.nextMonthOf;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.CustomerTerms;
import org.idempiere.subscription.api.service.InvoiceMail;
import org.idempiere.subscription.api.service.InvoiceMail.MailStatus;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.SettingsOverride;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.idempiere.subscription.sandbox.internal.host.ReferenceMailer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Invoice e-mails through the outbox and the reference host's mail server: recorded with the
 * invoice, sent after the run commits, exactly once per invoice (re-runs, consolidated invoices,
 * two senders at once), retried while the mail server is down, failed with the reason when the
 * customer has no usable address; on or off per plan, and per subscription.
 */
class InvoiceMailTest {

    @AfterEach
    void mailServerBackOnline() {
        service(ReferenceMailer.class).setOffline(false);
    }

    private static long plan(boolean email) {
        return service(TemplateService.class).create(new TemplateDraft(unique("Mail plan"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE, PriceUpdate.AT_RENEWAL,
                Optional.empty(), CustomerTerms.NONE, Optional.empty(), email, List.of())).id();
    }

    /** A customer with its own address (so its e-mails can be told apart), in Slovak when {@code language} says so. */
    private static long customer(Optional<String> email, String language) {
        return service(MasterData.class).createCustomer(unique("Mail customer"), email, "DE", Optional.empty(),
                Optional.of(language)).id();
    }

    private static String address() {
        return unique("anna").replace(' ', '.').replace('-', '.') + "@example.com";
    }

    private static Subscription subscribe(long plan, long customer, LocalDate start, Optional<Boolean> email) {
        return service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer, "EUR", start, Optional.empty(),
                List.of(new LineDraft(product("20.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO)), BigDecimal.ZERO,
                new SettingsOverride(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        email)));
    }

    private static BillingService billing() {
        return service(BillingService.class);
    }

    private static void bill(long plan, LocalDate asOf, boolean consolidate) {
        billing().run(asOf, new BillingScope(Optional.of(plan), Optional.empty(), consolidate));
    }

    /** The mail drop's messages to {@code to}. */
    private static List<ReferenceMailer.Sent> mailsTo(String to) {
        return service(ReferenceMailer.class).mails().stream().filter(m -> m.to().equals(to)).toList();
    }

    private static List<String> statuses(long subscriptionId) {
        return billing().invoiceMailsOf(subscriptionId).stream().map(m -> m.status() + " " + m.attempts()).toList();
    }

    @Test
    void aPlanThatEmailsInvoices_sendsEachInvoiceOnce_withItsPdf() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long plan = plan(true);
        String to = address();
        Subscription s = subscribe(plan, customer(Optional.of(to), "en_US"), m, Optional.empty());
        assertTrue(s.emailInvoices());

        bill(plan, m, false);
        bill(plan, m, false); // a re-run: nothing new to bill, nothing new to send
        List<InvoiceView> invoices = billing().invoicesOf(s.id());
        List<ReferenceMailer.Sent> sent = mailsTo(to);
        assertEquals(1, sent.size());
        assertEquals("Invoice " + invoices.get(0).documentNo(), sent.get(0).subject());
        assertTrue(sent.get(0).body().contains("subscription " + s.documentNo()), sent.get(0).body());
        assertTrue(sent.get(0).body().contains(invoices.get(0).grandTotal().toPlainString() + " EUR"), sent.get(0).body());
        assertEquals("application/pdf", sent.get(0).attachmentType());
        assertArrayEquals(billing().invoicePdf(invoices.get(0).id()), sent.get(0).attachment());
        List<InvoiceMail> mails = billing().invoiceMailsOf(s.id());
        assertEquals(1, mails.size());
        assertEquals(MailStatus.SENT, mails.get(0).status());
        assertEquals(invoices.get(0).id(), mails.get(0).invoiceId());
        assertEquals(Optional.of(to), mails.get(0).to());
        assertTrue(mails.get(0).sent().isPresent());

        clockTo(m.plusMonths(1));
        bill(plan, m.plusMonths(1), false);
        assertEquals(2, mailsTo(to).size(), "the next month's invoice");
        assertEquals(0, billing().sendInvoiceMails(), "nothing left to send");
        assertEquals(2, mailsTo(to).size());
    }

    @Test
    void emailOnOff_perPlan_andPerSubscription_inTheCustomersLanguage() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long quiet = plan(false);
        String plain = address();
        String wanted = address();
        Subscription off = subscribe(quiet, customer(Optional.of(plain), "en_US"), m, Optional.empty());
        Subscription on = subscribe(quiet, customer(Optional.of(wanted), "sk_SK"), m, Optional.of(true));
        assertEquals(false, off.emailInvoices());
        assertEquals(true, on.emailInvoices());
        long loud = plan(true);
        String declined = address();
        Subscription optedOut = subscribe(loud, customer(Optional.of(declined), "en_US"), m, Optional.of(false));
        assertEquals(false, optedOut.emailInvoices());
        bill(quiet, m, false);
        bill(loud, m, false);

        assertEquals(List.of(), billing().invoiceMailsOf(off.id()));
        assertEquals(List.of(), mailsTo(plain));
        assertEquals(List.of(), billing().invoiceMailsOf(optedOut.id()));
        assertEquals(List.of(), mailsTo(declined));
        List<ReferenceMailer.Sent> sk = mailsTo(wanted);
        assertEquals(1, sk.size());
        assertEquals("Faktúra " + billing().invoicesOf(on.id()).get(0).documentNo(), sk.get(0).subject());
        assertTrue(sk.get(0).body().startsWith("Dobrý deň"), sk.get(0).body());
    }

    @Test
    void mailServerDown_theEmailWaits_andIsSentOnceWhenItIsBack() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long plan = plan(true);
        String to = address();
        Subscription s = subscribe(plan, customer(Optional.of(to), "en_US"), m, Optional.empty());
        service(ReferenceMailer.class).setOffline(true);
        bill(plan, m, false);

        assertEquals(1, billing().invoicesOf(s.id()).size(), "the invoice does not wait for the mail server");
        InvoiceMail waiting = billing().invoiceMailsOf(s.id()).get(0);
        assertEquals(MailStatus.PENDING, waiting.status());
        assertEquals(1, waiting.attempts());
        assertTrue(waiting.error().orElseThrow().contains("unavailable"), waiting.toString());
        service(ReferenceMailer.class).setOffline(false);
        assertEquals(0, billing().sendInvoiceMails(), "not before its next attempt (a minute later)");

        clockTo(m.plusDays(1));
        assertEquals(1, billing().sendInvoiceMails());
        assertEquals(List.of("SENT 2"), statuses(s.id()));
        assertEquals(1, mailsTo(to).size());
        assertEquals(0, billing().sendInvoiceMails());
    }

    @Test
    void aCustomerWithoutAnAddress_failsAtOnce_andAnAddressTheServerRefuses_too() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long plan = plan(true);
        long nobody = customer(Optional.empty(), "en_US");
        Subscription none = subscribe(plan, nobody, m, Optional.empty());
        long broken = customer(Optional.of(address()), "en_US");
        // the host's own data went bad after the customer was entered
        service(org.idempiere.subscription.api.host.HostContext.class).inTransaction(tx -> org.idempiere.subscription.sandbox
                .internal.db.Rows.update(tx.connection(), "UPDATE sbx_customer SET email = 'anna at example' WHERE c_bpartner_id = ?",
                        broken));
        Subscription refused = subscribe(plan, broken, m, Optional.empty());
        bill(plan, m, false);

        InvoiceMail noAddress = billing().invoiceMailsOf(none.id()).get(0);
        assertEquals(MailStatus.FAILED, noAddress.status());
        assertEquals(Optional.of("Customer " + nobody + " has no e-mail address"), noAddress.error());
        InvoiceMail invalid = billing().invoiceMailsOf(refused.id()).get(0);
        assertEquals(MailStatus.FAILED, invalid.status());
        assertEquals(1, invalid.attempts());
        assertTrue(invalid.error().orElseThrow().contains("\"anna at example\""), invalid.toString());
        assertEquals(List.of(), mailsTo("anna at example"));
    }

    /* A consolidated invoice of two subscriptions is one e-mail; two senders at once send every e-mail once. */
    @Test
    void consolidatedInvoices_andTwoSendersAtOnce_sendEachInvoiceOnce() throws Exception {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long plan = plan(true);
        String shared = address();
        long customer = customer(Optional.of(shared), "en_US");
        Subscription a = subscribe(plan, customer, m, Optional.empty());
        subscribe(plan, customer, m, Optional.empty());
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String to = address();
            others.add(to);
            subscribe(plan, customer(Optional.of(to), "en_US"), m, Optional.empty());
        }
        service(ReferenceMailer.class).setOffline(true);
        bill(plan, m, true);
        assertEquals(1, billing().invoiceMailsOf(a.id()).size());
        service(ReferenceMailer.class).setOffline(false);
        clockTo(m.plusDays(1));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> sender = () -> billing().sendInvoiceMails();
            List<Future<Integer>> both = pool.invokeAll(List.of(sender, sender));
            assertEquals(7, both.get(0).get() + both.get(1).get(), "seven invoices: one consolidated, six alone");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, mailsTo(shared).size());
        for (String to : others) {
            assertEquals(1, mailsTo(to).size(), to);
        }
        assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM sub_invoicemail WHERE c_invoice_id = ?",
                billing().invoicesOf(a.id()).get(0).id()));
    }

    /* An adjustment invoice (the credit of a pause) is e-mailed too, by the next run. */
    @Test
    void adjustmentInvoices_areEmailedToo() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long plan = plan(true);
        String to = address();
        Subscription s = subscribe(plan, customer(Optional.of(to), "en_US"), m, Optional.empty());
        bill(plan, m, false);
        clockTo(m.plusDays(10));
        service(SubscriptionService.class).pause(s.id());
        assertEquals(List.of("SENT 1", "PENDING 0"), statuses(s.id()));
        bill(plan, m.plusDays(10), false);
        assertEquals(List.of("SENT 1", "SENT 1"), statuses(s.id()));
        List<InvoiceView> invoices = billing().invoicesOf(s.id());
        assertEquals(List.of("Invoice " + invoices.get(0).documentNo(), "Invoice " + invoices.get(1).documentNo()),
                mailsTo(to).stream().map(ReferenceMailer.Sent::subject).toList());
        assertTrue(invoices.get(1).grandTotal().signum() < 0, "the credit");
    }

    /*
     * A host failure while sending (here the sandbox mail server's store is gone) counts as an
     * attempt of that e-mail and does not stop the others; once the host works again, they go out.
     */
    @Test
    void aHostFailureWhileSending_countsAsAnAttempt_andBlocksNoOtherEmail() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long plan = plan(true);
        String first = address();
        String second = address();
        Subscription a = subscribe(plan, customer(Optional.of(first), "en_US"), m, Optional.empty());
        Subscription b = subscribe(plan, customer(Optional.of(second), "en_US"), m, Optional.empty());
        service(ReferenceMailer.class).setOffline(true);
        bill(plan, m, false);
        service(ReferenceMailer.class).setOffline(false);
        sql("ALTER TABLE sbx_mail RENAME TO sbx_mail_away");
        try {
            clockTo(m.plusDays(1));
            assertEquals(0, billing().sendInvoiceMails());
            assertEquals(List.of("PENDING 2"), statuses(a.id()));
            assertEquals(List.of("PENDING 2"), statuses(b.id()), "the second e-mail was tried too");
            assertTrue(billing().invoiceMailsOf(a.id()).get(0).error().orElseThrow().contains("sbx_mail"),
                    billing().invoiceMailsOf(a.id()).toString());
        } finally {
            sql("ALTER TABLE sbx_mail_away RENAME TO sbx_mail");
        }
        clockTo(m.plusDays(2));
        assertEquals(2, billing().sendInvoiceMails());
        assertEquals(1, mailsTo(first).size());
        assertEquals(1, mailsTo(second).size());
    }

    private static void sql(String statement) {
        service(org.idempiere.subscription.api.host.HostContext.class).inTransaction(tx ->
                org.idempiere.subscription.sandbox.internal.db.Rows.update(tx.connection(), statement));
    }
}
