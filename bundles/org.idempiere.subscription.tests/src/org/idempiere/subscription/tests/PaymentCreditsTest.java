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
 * refunded to the payments that paid the subscription (plan setting REFUND). Monthly in advance,
 * a 30-day month M, EUR lines of 100.00 to a customer in Germany (VAT 19 %).
 */
class PaymentCreditsTest {

    private static long plan(CreditHandling credits) {
        return service(TemplateService.class).create(new TemplateDraft(unique("Credit plan"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE, PriceUpdate.AT_RENEWAL,
                Optional.empty(), CustomerTerms.NONE, Optional.empty(), false,
                new PaymentTerms(PaymentMode.AUTOMATIC, List.of(1, 3), credits), List.of())).id();
    }

    private static long cardCustomer() {
        long customer = service(MasterData.class).createCustomer(unique("Credit customer"), Optional.empty(), "DE", Optional.empty(),
                Optional.of("en_US")).id();
        service(PaymentService.class).registerMethod(customer,
                new MethodRegistration(PaymentsTest.token("4242424242424242"), true));
        return customer;
    }

    private static Subscription subscribe(long plan, long customer, LocalDate start, String quantity) {
        return service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer, "EUR", start, Optional.empty(),
                List.of(new LineDraft(product("100.00"), new BigDecimal(quantity), Optional.empty(), BigDecimal.ZERO)),
                BigDecimal.ZERO, new SettingsOverride(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty())));
    }

    private static List<InvoiceView> invoices(long subscriptionId) {
        return service(BillingService.class).invoicesOf(subscriptionId);
    }

    /** "type|amount" of the gateway's successful entries for an invoice, in order. */
    private static List<String> gateway(long invoiceId) {
        return rows("SELECT charge_type, amount FROM sbx_gateway_charge WHERE c_invoice_id = ? AND outcome = 'SUCCEEDED'"
                + " ORDER BY sbx_gateway_charge_id", invoiceId);
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
        LocalDate m = nextMonthOf(30);
        clockTo(m);
        long customer = cardCustomer();
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

        service(PaymentService.class).collect();
        assertEquals(List.of("CAPTURE|238.00", "REFUND|79.34"), gateway(first));
        assertEquals(List.of("S|79.34"), rows("SELECT PaymentStatus, RefundAmt FROM SUB_PaymentRefund WHERE C_Invoice_ID = ?",
                credit.id()));
        assertEquals(1, count("SELECT COUNT(*) FROM SUB_PaymentRefund r JOIN sbx_gateway_charge g"
                + " ON g.sbx_gateway_charge_id = r.C_Payment_ID AND g.charge_type = 'REFUND' WHERE r.C_Invoice_ID = ?", credit.id()),
                "the refund's own payment is recorded with the answer");
        service(PaymentService.class).collect();
        assertEquals(List.of("CAPTURE|238.00", "REFUND|79.34"), gateway(first), "refunded once");
    }

    /*
     * a credit of a subscription whose invoice was never paid (no saved method) is not refunded:
     *   M: invoice 238.00, waiting for a method;  M+10: downgrade, credit -79.34 -> no refund recorded
     */
    @Test
    void aCreditOfAnUnpaidSubscription_isNotRefunded() {
        LocalDate m = nextMonthOf(30).plusMonths(1);
        while (m.lengthOfMonth() != 30) {
            m = m.plusMonths(1);
        }
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
        service(PaymentService.class).collect();
        assertEquals(0, count("SELECT COUNT(*) FROM SUB_PaymentRefund WHERE SUB_Subscription_ID = ?", s.id()));
        assertEquals(0, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE c_bpartner_id = ? AND charge_type = 'REFUND'",
                customer));
    }
}
