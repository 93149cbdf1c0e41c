package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.host.ChargeRequest;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.host.ChargeResult.Outcome;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.Payments;
import org.junit.jupiter.api.Test;

/**
 * The reference host's reads for a whole batch of payment attempts ({@code openAmounts},
 * {@code methodsOf}, one query each) answer exactly what the port's defaults, one call per invoice
 * or customer, answer; and the sums an invoice keeps (captured, refunded) are what the gateway's
 * ledger holds for it, also after a declined charge, a repeated key and refunds.
 */
class PaymentsBatchReadTest {

    private static Payments payments() {
        return service(Payments.class);
    }

    private static HostContext host() {
        return service(HostContext.class);
    }

    @Test
    void openAmounts_areTheOpenAmountOfEachInvoice_unknownOnesLeftOut() {
        long customer = PaymentsTest.customer();
        long untouched = PaymentsTest.invoice(customer, "10.00");
        long partly = PaymentsTest.invoice(customer, "20.00");
        long paid = PaymentsTest.invoice(customer, "30.00");
        PaymentMethod m = PaymentsTest.register(customer, "4242424242424242", true);
        assertEquals(Outcome.SUCCEEDED, PaymentsTest.charge(unique("part"), customer, m.id(), partly, "5.00").outcome());
        assertEquals(Outcome.SUCCEEDED, PaymentsTest.charge(unique("all"), customer, m.id(), paid, "35.70").outcome());
        List<Long> invoices = List.of(untouched, partly, paid, 999_999_999L);

        Map<Long, Money> batched = host().inTransaction(tx -> payments().openAmounts(tx, invoices));

        Map<Long, Money> oneByOne = new LinkedHashMap<>();
        for (long invoice : invoices) {
            host().inTransaction(tx -> payments().openAmount(tx, invoice)).ifPresent(open -> oneByOne.put(invoice, open));
        }
        assertEquals(oneByOne, batched);
        assertEquals(Map.of(untouched, PaymentsTest.eur("11.90"), partly, PaymentsTest.eur("18.80"), paid, PaymentsTest.eur("0.00")),
                batched);
    }

    @Test
    void invoiceSums_areTheLedgers_afterCapturesDeclinesRepeatsAndRefunds() {
        long customer = PaymentsTest.customer();
        long invoice = PaymentsTest.invoice(customer, "100.00");
        PaymentMethod declining = PaymentsTest.register(customer, "4000000000009995", false);
        PaymentMethod card = PaymentsTest.register(customer, "4242424242424242", true);
        assertEquals(Outcome.DECLINED, PaymentsTest.charge(unique("declined"), customer, declining.id(), invoice, "19.00").outcome());
        String key = unique("part");
        ChargeResult first = PaymentsTest.charge(key, customer, card.id(), invoice, "19.00");
        assertEquals(first, PaymentsTest.charge(key, customer, card.id(), invoice, "19.00"), "a repeated key captures nothing more");
        ChargeResult rest = PaymentsTest.charge(unique("rest"), customer, card.id(), invoice, "100.00");
        assertEquals(Outcome.SUCCEEDED, rest.outcome());
        assertEquals(Outcome.SUCCEEDED, payments().refund(rest.paymentId().orElseThrow(), new ChargeRequest(unique("refund"), customer,
                card.id(), invoice, PaymentsTest.eur("30.00"), "Refund")).outcome());

        assertEquals(List.of("119.00", "30.00"), Sandbox.rows("SELECT captured FROM sbx_invoice WHERE c_invoice_id = ?"
                + " UNION ALL SELECT refunded FROM sbx_invoice WHERE c_invoice_id = ?", invoice, invoice));
        assertEquals(List.of("119.00", "30.00"), Sandbox.rows("SELECT COALESCE(SUM(amount), 0) FROM sbx_gateway_charge"
                + " WHERE c_invoice_id = ? AND charge_type = 'CAPTURE' AND outcome = 'SUCCEEDED' UNION ALL SELECT COALESCE(SUM(amount), 0)"
                + " FROM sbx_gateway_charge WHERE c_invoice_id = ? AND charge_type = 'REFUND' AND outcome = 'SUCCEEDED'", invoice,
                invoice));
        assertEquals(PaymentsTest.eur("30.00"), PaymentsTest.open(invoice));
        assertFalse(PaymentsTest.paid(invoice), "a refund opens the invoice again");
    }

    @Test
    void methodsOf_isTheMethodsOfEachCustomer_defaultFirst_emptyForNone() {
        long two = PaymentsTest.customer();
        PaymentsTest.register(two, "5555555555554444", false);
        PaymentsTest.register(two, "4242424242424242", true);
        long one = PaymentsTest.customer();
        PaymentsTest.register(one, "4000000000009995", true);
        long none = PaymentsTest.customer();
        List<Long> customers = List.of(two, one, none, 999_999_999L);

        Map<Long, List<PaymentMethod>> batched = host().inTransaction(tx -> payments().methodsOf(tx, customers));

        Map<Long, List<PaymentMethod>> oneByOne = new LinkedHashMap<>();
        for (long customer : customers) {
            oneByOne.put(customer, host().inTransaction(tx -> payments().methods(tx, customer)));
        }
        assertEquals(oneByOne, batched);
        assertEquals(List.of(true, false), batched.get(two).stream().map(PaymentMethod::isDefault).toList());
        assertEquals(List.of(), batched.get(none));
    }
}
