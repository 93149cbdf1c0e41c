package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.ChangesTest.nextMonthOf;
import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.CreditHandling;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.CustomerTerms;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.api.service.PaymentTerms;
import org.idempiere.subscription.api.service.SettingsOverride;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.junit.jupiter.api.Test;

/**
 * Credits of subscriptions paid automatically, with the test clock and the reference gateway:
 * refunded to the payments that paid the subscription (plan setting REFUND), or carried as
 * customer credit and taken off the next charges (CARRY); either way the credit invoice settles the
 * invoice it is used for (or the one its refund opened again), so neither stays open. Monthly in advance,
 * a 30-day month M, EUR lines of 100.00 to a customer in Germany (VAT 19 %).
 */
class PaymentCreditsTest {

    static long plan(CreditHandling credits) {
        return service(TemplateService.class).create(new TemplateDraft(unique("Credit plan"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE, PriceUpdate.AT_RENEWAL,
                Optional.empty(), CustomerTerms.NONE, Optional.empty(), false,
                new PaymentTerms(PaymentMode.AUTOMATIC, List.of(1, 3), credits), List.of())).id();
    }

    static long cardCustomer() {
        long customer = service(MasterData.class).createCustomer(unique("Credit customer"), Optional.empty(), "DE", Optional.empty(),
                Optional.of("en_US")).id();
        service(PaymentService.class).registerMethod(customer,
                new MethodRegistration(PaymentsTest.token("4242424242424242"), true));
        return customer;
    }

    static Subscription subscribe(long plan, long customer, LocalDate start, String quantity) {
        return service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer, "EUR", start, Optional.empty(),
                List.of(new LineDraft(product("100.00"), new BigDecimal(quantity), Optional.empty(), BigDecimal.ZERO)),
                BigDecimal.ZERO, new SettingsOverride(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty())));
    }

    static List<InvoiceView> invoices(long subscriptionId) {
        return service(BillingService.class).invoicesOf(subscriptionId);
    }

    /**
     * The invoices of a subscription a billing run was to bill, at least {@code count}; when fewer,
     * fails naming what the run did (its figures and failures, as the report and the failure log
     * say) and where the subscription stands, so a run that left it unbilled shows why.
     */
    static List<InvoiceView> invoicesAfter(org.idempiere.subscription.api.service.BillingRunReport run, long subscriptionId, int count) {
        List<InvoiceView> invoices = invoices(subscriptionId);
        if (invoices.size() < count) {
            throw new AssertionError("subscription " + subscriptionId + " has " + invoices.size() + " invoices, expected " + count
                    + " after run " + run + "; its failure log: " + service(BillingService.class).failuresOf(run.runId())
                    + "; the subscription now: " + rows("SELECT SubscriptionStatus || '|' || NextInvoiceDate FROM SUB_Subscription"
                            + " WHERE SUB_Subscription_ID = ?", subscriptionId));
        }
        return invoices;
    }

    /** What the reference host has open of an invoice (a credit invoice: negative), as {@code Payments.openAmount} answers. */
    static BigDecimal open(long invoiceId) {
        return service(org.idempiere.subscription.api.host.HostContext.class).inTransaction(tx -> service(
                org.idempiere.subscription.api.host.Payments.class).openAmount(tx, invoiceId)).orElseThrow().amount();
    }

    /** "type|amount" of the gateway's successful entries for an invoice, in order. */
    static List<String> gateway(long invoiceId) {
        return rows("SELECT charge_type, amount FROM sbx_gateway_charge WHERE c_invoice_id = ? AND outcome = 'SUCCEEDED'"
                + " ORDER BY sbx_gateway_charge_id", invoiceId);
    }

    /** M: 2 x 100.00 captured 238.00; M+10: downgrade to 1, credit -79.34 with its refund pending. */
    record Downgraded(long customer, Subscription subscription, long paid, InvoiceView credit, LocalDate m) {
    }

    /** A subscription of plan REFUND for {@code customer}, captured in M and downgraded on M+10. */
    static Downgraded downgradedAfterACapture(long customer) {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        Subscription s = subscribe(plan(CreditHandling.REFUND), customer, m, "2");
        service(BillingService.class).run(m);
        long first = invoices(s.id()).get(0).id();
        assertEquals(List.of("CAPTURE|238.00"), gateway(first));

        LocalDate day = m.plusDays(10);
        clockTo(day);
        service(SubscriptionService.class).change(s.id(), new ChangeDraft(Optional.of(day), Optional.empty(),
                List.of(new LineChange.Update(s.lines().get(0).id(), Optional.of(BigDecimal.ONE), Optional.empty(),
                        Optional.empty()))));
        List<InvoiceView> all = invoices(s.id());
        assertEquals(2, all.size(), all.toString());
        InvoiceView credit = all.get(1);
        assertEquals(new BigDecimal("-79.34"), credit.grandTotal());
        assertEquals(List.of("P|79.34"), rows("SELECT PaymentStatus, RefundAmt FROM SUB_PaymentRefund WHERE C_Invoice_ID = ?",
                credit.id()), "recorded with the credit, made after commit");
        return new Downgraded(customer, s, first, credit, m);
    }

    /*
     * downgrade on M+10 of 2 x 100.00 to 1, refunded:
     *   M:     invoice 2 x 100.00 = 200.00 + 19 % = 238.00, captured
     *   M+10:  one unit ends after 10 of the month's 30 days: credit 100.00 x 20/30 = 66.67 (cumulative: 100.00 - 33.33),
     *          + 19 % 12.67 = 79.34; adjustment invoice -79.34 -> one refund of 79.34 to the capture, pending
     *   collect: the gateway refunds 79.34 of the 238.00; collecting again refunds nothing more
     */
    @Test
    void midPeriodDowngrade_onACardPaidSubscription_isRefundedToTheCard() {
        long customer = cardCustomer();
        Downgraded d = downgradedAfterACapture(customer);
        long first = d.paid();
        InvoiceView credit = d.credit();

        org.idempiere.subscription.api.service.PaymentRunReport report = service(PaymentService.class).collect();
        assertEquals(List.of("CAPTURE|238.00", "REFUND|79.34"), gateway(first));
        assertEquals(1, report.refunds().get(org.idempiere.subscription.api.PaymentStatus.SUCCEEDED), report.toString());
        assertEquals(0, new BigDecimal("79.34").compareTo(report.refunded().get("EUR")), "the run reports the refund: " + report);
        assertEquals(List.of("S|79.34"), rows("SELECT PaymentStatus, RefundAmt FROM SUB_PaymentRefund WHERE C_Invoice_ID = ?",
                credit.id()));
        assertEquals(1, count("SELECT COUNT(*) FROM SUB_PaymentRefund r JOIN sbx_gateway_charge g"
                + " ON g.sbx_gateway_charge_id = r.C_Payment_ID AND g.charge_type = 'REFUND' WHERE r.C_Invoice_ID = ?", credit.id()),
                "the refund's own payment is recorded with the answer");
        assertEquals(new BigDecimal("0.00"), open(first), "the refund opened it again by 79.34, the credit invoice settles it");
        assertEquals(new BigDecimal("0.00"), open(credit.id()), "the credit invoice is used up");
        assertEquals(true, PaymentsTest.paid(first));
        assertEquals(true, PaymentsTest.paid(credit.id()));
        assertEquals(List.of("-79.34"), rows("SELECT credited FROM sbx_invoice WHERE c_invoice_id = ?", credit.id()));
        service(PaymentService.class).collect();
        assertEquals(List.of("CAPTURE|238.00", "REFUND|79.34"), gateway(first), "refunded once");
        assertEquals(List.of("79.34"), rows("SELECT credited FROM sbx_invoice WHERE c_invoice_id = ?", first), "settled once");
        assertEquals(List.of(), service(PaymentService.class).creditBalance(customer), "refunded, not carried");
    }

    /*
     * a credit of a subscription whose invoice was never paid (no saved method) is not refunded:
     *   M: invoice 238.00, waiting for a method;  M+10: downgrade, credit -79.34 -> no refund recorded
     */
    @Test
    void aCreditOfAnUnpaidSubscription_isNotRefunded() {
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long customer = service(MasterData.class).createCustomer(unique("Credit customer"), Optional.empty(), "DE",
                Optional.empty(), Optional.of("en_US")).id();
        Subscription s = subscribe(plan(CreditHandling.REFUND), customer, m, "2");
        service(BillingService.class).run(m);
        LocalDate day = m.plusDays(10);
        clockTo(day);
        service(SubscriptionService.class).change(s.id(), new ChangeDraft(Optional.of(day), Optional.empty(),
                List.of(new LineChange.Update(s.lines().get(0).id(), Optional.of(BigDecimal.ONE), Optional.empty(),
                        Optional.empty()))));
        assertEquals(new BigDecimal("-79.34"), invoices(s.id()).get(1).grandTotal());
        assertEquals(List.of(money("79.34")), service(PaymentService.class).creditBalance(customer),
                "not refunded: carried as customer credit");
        service(PaymentService.class).collect();
        assertEquals(0, count("SELECT COUNT(*) FROM SUB_PaymentRefund WHERE SUB_Subscription_ID = ?", s.id()));
        assertEquals(0, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE c_bpartner_id = ? AND charge_type = 'REFUND'",
                customer));
        // it reduces what is open instead: once a card is saved, the waiting attempt charges 238.00 - 79.34 = 158.66
        long first = invoices(s.id()).get(0).id();
        service(PaymentService.class).registerMethod(customer, new MethodRegistration(PaymentsTest.token("4242424242424242"), true));
        service(PaymentService.class).collect();
        assertEquals(List.of("CAPTURE|158.66"), gateway(first));
        assertEquals(List.of("79.34"), rows("SELECT credited FROM sbx_invoice WHERE c_invoice_id = ?", first));
        assertEquals(List.of(money("0.00")), service(PaymentService.class).creditBalance(customer));
        assertEquals(true, PaymentsTest.paid(first));
        long credit = invoices(s.id()).get(1).id();
        assertEquals(List.of("-79.34"), rows("SELECT credited FROM sbx_invoice WHERE c_invoice_id = ?", credit),
                "the credit invoice settled the invoice");
        assertEquals(new BigDecimal("0.00"), open(credit));
        assertEquals(true, PaymentsTest.paid(credit));
    }

    static org.idempiere.subscription.api.Money money(String eur) {
        return org.idempiere.subscription.api.Money.of(new BigDecimal(eur), java.util.Currency.getInstance("EUR"));
    }

    /*
     * a pause credit carried and taken off the next invoice (plan CARRY), 1 x 100.00:
     *   M:     invoice 119.00, captured
     *   M+10:  paused: credit 100.00 x 20/30 = 66.67 + 19 % 12.67 = 79.34 -> customer credit 79.34, nothing refunded
     *   N:     resumed, invoice 119.00: charged 119.00 - 79.34 = 39.66, credit used 79.34, balance 0.00, invoice paid
     */
    @Test
    void pauseCredit_isCarried_andTakenOffTheNextCharge() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long customer = cardCustomer();
        Subscription s = subscribe(plan(CreditHandling.CARRY), customer, m, "1");
        service(BillingService.class).run(m);
        long first = invoices(s.id()).get(0).id();
        assertEquals(List.of("CAPTURE|119.00"), gateway(first));
        assertEquals(List.of(), service(PaymentService.class).creditBalance(customer), "no credit yet");

        clockTo(m.plusDays(10));
        service(SubscriptionService.class).pause(s.id());
        InvoiceView credit = invoices(s.id()).get(1);
        assertEquals(new BigDecimal("-79.34"), credit.grandTotal());
        assertEquals(List.of(money("79.34")), service(PaymentService.class).creditBalance(customer));
        assertEquals(List.of(credit.id() + "|79.34|null"), rows("SELECT C_Invoice_ID, CreditAmt, SUB_PaymentAttempt_ID FROM"
                + " SUB_CustomerCredit WHERE C_BPartner_ID = ?", customer));
        service(PaymentService.class).collect();
        assertEquals(List.of("CAPTURE|119.00"), gateway(first), "carried, not refunded");

        clockTo(n);
        service(SubscriptionService.class).resume(s.id());
        service(BillingService.class).run(n);
        InvoiceView next = invoices(s.id()).get(2);
        assertEquals(new BigDecimal("119.00"), next.grandTotal());
        assertEquals(List.of("CAPTURE|39.66"), gateway(next.id()), "charge = invoice - credit");
        assertEquals(List.of(money("0.00")), service(PaymentService.class).creditBalance(customer), "balance back to 0");
        assertEquals(List.of(next.id() + "|-79.34"), rows("SELECT C_Invoice_ID, CreditAmt FROM SUB_CustomerCredit"
                + " WHERE C_BPartner_ID = ? AND CreditAmt < 0", customer), "the use names the invoice");
        assertEquals(List.of("SUCCEEDED 39.66"), service(PaymentService.class).attemptsOfInvoice(next.id()).stream()
                .map(a -> a.status() + " " + a.amount().amount()).toList());
        assertEquals(true, PaymentsTest.paid(next.id()));
        assertEquals(new BigDecimal("0.00"), open(credit.id()), "the credit invoice is used up");
        assertEquals(true, PaymentsTest.paid(credit.id()));
    }

    /*
     * a credit larger than the next invoice settles it without a charge (plan CARRY), 2 x 100.00 then paused:
     *   M: 238.00 captured; M+10 paused: credit 2 x 66.67 = 133.34 + 19 % 25.33 = 158.67
     *   N: resumed with 1 x 100.00 (a downgrade on the resume day), invoice 119.00 settled by credit, no charge;
     *      balance 158.67 - 119.00 = 39.67
     */
    @Test
    void aCreditCoveringTheNextInvoice_settlesItWithoutACharge() {
        LocalDate m = nextMonthOf(30);
        LocalDate n = m.plusMonths(1);
        clockTo(m);
        long customer = cardCustomer();
        Subscription s = subscribe(plan(CreditHandling.CARRY), customer, m, "2");
        service(BillingService.class).run(m);
        clockTo(m.plusDays(10));
        service(SubscriptionService.class).pause(s.id());
        assertEquals(new BigDecimal("-158.67"), invoices(s.id()).get(1).grandTotal());
        clockTo(n);
        service(SubscriptionService.class).resume(s.id());
        long line = service(SubscriptionService.class).find(s.id()).orElseThrow().lines().stream()
                .filter(l -> l.validTo().isEmpty()).findFirst().orElseThrow().id();
        service(SubscriptionService.class).change(s.id(), new ChangeDraft(Optional.of(n), Optional.empty(),
                List.of(new LineChange.Update(line, Optional.of(BigDecimal.ONE), Optional.empty(), Optional.empty()))));
        service(BillingService.class).run(n);
        InvoiceView next = invoices(s.id()).get(invoices(s.id()).size() - 1);
        assertEquals(new BigDecimal("119.00"), next.grandTotal());
        assertEquals(List.of(), gateway(next.id()), "no charge");
        assertEquals(List.of("SUCCEEDED"), service(PaymentService.class).attemptsOfInvoice(next.id()).stream()
                .map(a -> a.status().name()).toList());
        assertEquals(true, PaymentsTest.paid(next.id()));
        assertEquals(List.of(money("39.67")), service(PaymentService.class).creditBalance(customer));
        long credit = invoices(s.id()).get(1).id();
        assertEquals(new BigDecimal("-39.67"), open(credit), "what is left of the credit stays open on its invoice");
        assertEquals(false, PaymentsTest.paid(credit));
    }
}
