package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.ChargeRequest;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.host.ChargeResult.Outcome;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceDraft;
import org.idempiere.subscription.api.host.InvoiceLineDraft;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.PaymentMethodKind;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.sandbox.internal.gateway.Gateway;
import org.idempiere.subscription.sandbox.internal.gateway.TestInstruments;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The reference host's Payments port over its gateway: every published test number's outcome,
 * idempotent charges (one capture per key, also under a race), refunds up to what was captured,
 * open amounts and the paid flag, saved methods (default, removal, other customers' refused), the
 * status of an answer that timed out.
 */
class PaymentsTest {
    private static final Currency EUR = Currency.getInstance("EUR");

    @AfterEach
    void defaultSettings() {
        service(Gateway.class).update(Optional.of(0), Optional.of(2));
    }

    private static Payments payments() {
        return service(Payments.class);
    }

    private static HostContext host() {
        return service(HostContext.class);
    }

    static LocalDate today() {
        return LocalDate.now(host().clock());
    }

    /** A customer in Germany (VAT 19 %). */
    static long customer() {
        return Sandbox.customer("DE");
    }

    /** A completed invoice of {@code net} EUR + 19 % VAT to the customer. */
    static long invoice(long customer, String net) {
        MasterData data = service(MasterData.class);
        MasterData.CustomerRow c = data.customers().stream().filter(r -> r.id() == customer).findFirst().orElseThrow();
        long priceList = data.priceLists().stream().filter(p -> p.currency().equals("EUR") && p.isDefault()).findFirst()
                .orElseThrow().id();
        long product = Sandbox.product(net);
        LocalDate day = today();
        InvoiceLineDraft line = new InvoiceLineDraft(product, BigDecimal.ONE, 100, new BigDecimal(net), new BigDecimal(net),
                new ServicePeriod(day, day.plusMonths(1).minusDays(1)), "Service");
        return host().inTransaction(tx -> service(Invoicing.class).post(tx, new InvoiceDraft(customer, c.billToLocationId(), 102,
                priceList, day, "Payments test", List.of(line)))).id();
    }

    static String token(String number) {
        YearMonth exp = YearMonth.from(today()).plusYears(3);
        return service(Gateway.class).tokenize(TestInstruments.card("card.", number, exp.getMonthValue(), exp.getYear(), "123",
                "Test Holder", today())).token();
    }

    static PaymentMethod register(long customer, String number, boolean makeDefault) {
        String token = token(number);
        return host().inTransaction(tx -> payments().register(tx, customer, new MethodRegistration(token, makeDefault)));
    }

    static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), EUR);
    }

    static ChargeResult charge(String key, long customer, long method, long invoice, String amount) {
        return payments().charge(new ChargeRequest(key, customer, method, invoice, eur(amount), "Test charge"));
    }

    static Money open(long invoice) {
        return host().inTransaction(tx -> payments().openAmount(tx, invoice)).orElseThrow();
    }

    static boolean paid(long invoice) {
        return count("SELECT COUNT(*) FROM sbx_invoice WHERE c_invoice_id = ? AND is_paid = 'Y'", invoice) == 1;
    }

    /** Successful captures in the gateway's ledger for the invoice. */
    static long captures(long invoice) {
        return count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE c_invoice_id = ? AND charge_type = 'CAPTURE'"
                + " AND outcome = 'SUCCEEDED'", invoice);
    }

    private static void refused(ErrorCode code, String field, Executable call) {
        SubscriptionException e = assertThrows(SubscriptionException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(Optional.of(field), e.field(), e.getMessage());
    }

    private record Expected(String number, Outcome outcome, String code) {
    }

    @Test
    void eachTestNumber_hasItsPublishedOutcome_andOnlyASuccessPaysTheInvoice() {
        List<Expected> cases = List.of(new Expected("4242424242424242", Outcome.SUCCEEDED, null),
                new Expected("5555555555554444", Outcome.SUCCEEDED, null),
                new Expected("4000000000009995", Outcome.DECLINED, "insufficient_funds"),
                new Expected("4000000000000069", Outcome.DECLINED, "expired_card"),
                new Expected("4000000000000002", Outcome.DECLINED, "do_not_honor"),
                new Expected("4000000000000119", Outcome.ERRORED, "processing_error"));
        for (Expected x : cases) {
            long customer = customer();
            long invoice = invoice(customer, "100.00");
            PaymentMethod m = register(customer, x.number(), true);
            assertEquals(eur("119.00"), open(invoice));
            ChargeResult r = charge(unique("key"), customer, m.id(), invoice, "119.00");
            assertEquals(x.outcome(), r.outcome(), x.number() + ": " + r);
            assertEquals(Optional.ofNullable(x.code()), r.code(), x.number());
            boolean ok = x.outcome() == Outcome.SUCCEEDED;
            assertEquals(ok, paid(invoice), x.number());
            assertEquals(ok ? eur("0.00") : eur("119.00"), open(invoice), x.number());
            assertEquals(ok ? 1 : 0, captures(invoice), x.number());
        }
    }

    @Test
    void testIbans_succeedOrAreDeclined() {
        Gateway gateway = service(Gateway.class);
        for (String[] x : new String[][] {{"DE89370400440532013000", "SUCCEEDED"}, {"DE62370400440532013001", "DECLINED"},
                {"DE31370400440000000666", "ERRORED"}}) {
            long customer = customer();
            long invoice = invoice(customer, "10.00");
            String token = gateway.tokenize(TestInstruments.mandate("directDebit.", x[0], Optional.of("M-" + customer),
                    Optional.empty(), "Max Mustermann", today())).token();
            PaymentMethod m = host().inTransaction(tx -> payments().register(tx, customer, new MethodRegistration(token, true)));
            assertEquals(PaymentMethodKind.DIRECT_DEBIT, m.kind());
            assertEquals(Optional.of("DE" + x[0].substring(2, 4) + "*".repeat(14) + x[0].substring(18)), m.maskedIban());
            assertEquals(Optional.of("M-" + customer), m.mandateReference());
            assertEquals(Optional.of(today()), m.mandateDate());
            assertEquals(Optional.empty(), m.last4());
            assertEquals(Outcome.valueOf(x[1]), charge(unique("dd"), customer, m.id(), invoice, "11.90").outcome(), x[0]);
        }
    }

    @Test
    void theTimeoutNumber_answersUnknownAfterTheLatency_andStatusSaysItSucceeded() {
        service(Gateway.class).update(Optional.of(300), Optional.empty());
        long customer = customer();
        long invoice = invoice(customer, "50.00");
        PaymentMethod m = register(customer, "4000000000000770", true);
        String key = unique("timeout");
        long started = System.nanoTime();
        ChargeResult r = charge(key, customer, m.id(), invoice, "59.50");
        assertTrue(System.nanoTime() - started >= 300_000_000L, "the latency was waited");
        assertEquals(Outcome.UNKNOWN, r.outcome());
        assertFalse(r.isFinal());
        assertEquals(Optional.empty(), r.paymentId());
        ChargeResult later = payments().status(key).orElseThrow();
        assertEquals(Outcome.SUCCEEDED, later.outcome(), "the capture was recorded");
        assertTrue(later.paymentId().isPresent());
        assertTrue(paid(invoice));
        ChargeResult again = charge(key, customer, m.id(), invoice, "59.50");
        assertEquals(later, again, "the same key answers what happened, without charging again");
        assertEquals(1, captures(invoice));
    }

    @Test
    void theRetryNumber_isDeclinedRetryDeclinesTimes_thenSucceeds() {
        service(Gateway.class).update(Optional.empty(), Optional.of(2));
        long customer = customer();
        long invoice = invoice(customer, "20.00");
        PaymentMethod m = register(customer, "4000000000000341", true);
        assertEquals(Outcome.DECLINED, charge(unique("r1"), customer, m.id(), invoice, "23.80").outcome());
        ChargeResult second = charge(unique("r2"), customer, m.id(), invoice, "23.80");
        assertEquals(Outcome.DECLINED, second.outcome());
        assertEquals(Optional.of("try_again_later"), second.code());
        assertFalse(paid(invoice));
        assertEquals(Outcome.SUCCEEDED, charge(unique("r3"), customer, m.id(), invoice, "23.80").outcome());
        assertTrue(paid(invoice));
        long other = invoice(customer, "20.00"); // another invoice starts counting again
        assertEquals(Outcome.DECLINED, charge(unique("r4"), customer, m.id(), other, "23.80").outcome());
    }

    @Test
    void oneKey_movesMoneyOnce_evenWhenSentTwiceAtOnce() throws Exception {
        long customer = customer();
        long invoice = invoice(customer, "100.00");
        PaymentMethod m = register(customer, "4242424242424242", true);
        String key = unique("idem");
        ChargeResult first = charge(key, customer, m.id(), invoice, "119.00");
        ChargeResult second = charge(key, customer, m.id(), invoice, "119.00");
        assertEquals(Outcome.SUCCEEDED, first.outcome());
        assertEquals(first, second);
        assertEquals(1, captures(invoice));
        assertEquals(1, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE idempotency_key = ?", key));
        refused(ErrorCode.INVALID_VALUE, "idempotencyKey", () -> charge(key, customer, m.id(), invoice, "1.00"));
        // a declined answer is kept too: asking again does not try again
        long declinedInvoice = invoice(customer, "10.00");
        PaymentMethod poor = register(customer, "4000000000009995", false);
        String dkey = unique("declined");
        assertEquals(Outcome.DECLINED, charge(dkey, customer, poor.id(), declinedInvoice, "11.90").outcome());
        assertEquals(Outcome.DECLINED, charge(dkey, customer, poor.id(), declinedInvoice, "11.90").outcome());
        assertEquals(1, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE idempotency_key = ?", dkey));

        service(Gateway.class).update(Optional.of(100), Optional.empty());
        long raced = invoice(customer, "100.00");
        String rkey = unique("race");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ChargeResult>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> charge(rkey, customer, m.id(), raced, "119.00"));
            }
            List<ChargeResult> results = new ArrayList<>();
            for (Future<ChargeResult> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            assertTrue(results.stream().allMatch(r -> r.equals(results.get(0)) && r.outcome() == Outcome.SUCCEEDED), results.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, captures(raced), "four calls with one key, one capture");
        // another key for an invoice already paid in full is refused: nothing is open
        refused(ErrorCode.INVALID_VALUE, "amount", () -> charge(unique("twice"), customer, m.id(), raced, "119.00"));
        assertEquals(1, captures(raced));
    }

    @Test
    void partPayments_andRefunds_upToWhatWasCaptured() {
        long customer = customer();
        long invoice = invoice(customer, "100.00");
        PaymentMethod m = register(customer, "4242424242424242", true);
        ChargeResult part = charge(unique("part"), customer, m.id(), invoice, "19.00");
        assertEquals(Outcome.SUCCEEDED, part.outcome());
        assertFalse(paid(invoice), "part of it is still open");
        assertEquals(eur("100.00"), open(invoice));
        refused(ErrorCode.INVALID_VALUE, "amount", () -> charge(unique("over"), customer, m.id(), invoice, "100.01"));
        ChargeResult rest = charge(unique("rest"), customer, m.id(), invoice, "100.00");
        assertTrue(paid(invoice));

        long payment = rest.paymentId().orElseThrow();
        String rkey = unique("refund");
        ChargeRequest refund = new ChargeRequest(rkey, customer, m.id(), invoice, eur("40.00"), "Refund");
        ChargeResult r = payments().refund(payment, refund);
        assertEquals(Outcome.SUCCEEDED, r.outcome());
        assertEquals(r, payments().refund(payment, refund), "the same key refunds once");
        assertEquals(eur("40.00"), open(invoice));
        assertFalse(paid(invoice), "a refund opens the invoice again");
        refused(ErrorCode.INVALID_VALUE, "amount", () -> payments().refund(payment,
                new ChargeRequest(unique("toomuch"), customer, m.id(), invoice, eur("60.01"), "Refund")));
        assertEquals(Outcome.SUCCEEDED, payments().refund(payment,
                new ChargeRequest(unique("all"), customer, m.id(), invoice, eur("60.00"), "Refund")).outcome());
        refused(ErrorCode.INVALID_VALUE, "amount", () -> payments().refund(payment,
                new ChargeRequest(unique("more"), customer, m.id(), invoice, eur("0.01"), "Refund")));
        assertEquals(eur("100.00"), open(invoice));
        assertEquals(2, count("SELECT COUNT(*) FROM sbx_gateway_charge WHERE refund_of_id = ? AND charge_type = 'REFUND'", payment));
        // a refund of nothing captured, or of another customer's payment, names the payment
        refused(ErrorCode.UNKNOWN_REFERENCE, "paymentId", () -> payments().refund(999_999_999L,
                new ChargeRequest(unique("x"), customer, m.id(), invoice, eur("1.00"), "Refund")));
        long stranger = customer();
        refused(ErrorCode.UNKNOWN_REFERENCE, "paymentId", () -> payments().refund(part.paymentId().orElseThrow(),
                new ChargeRequest(unique("y"), stranger, m.id(), invoice, eur("1.00"), "Refund")));
    }

    @Test
    void savedMethods_defaultFirst_removed_andOtherCustomersRefused() {
        long customer = customer();
        PaymentMethod visa = register(customer, "4242424242424242", true);
        PaymentMethod master = register(customer, "5555555555554444", false);
        assertEquals(PaymentMethodKind.CARD, visa.kind());
        assertEquals(Optional.of("VISA"), visa.brand());
        assertEquals(Optional.of("4242"), visa.last4());
        assertEquals(Optional.of(YearMonth.from(today()).plusYears(3)), visa.expiry());
        assertEquals(Optional.of("MASTERCARD"), master.brand());
        assertEquals(List.of(visa.id(), master.id()), ids(customer));
        assertTrue(host().inTransaction(tx -> payments().setDefault(tx, customer, master.id())).isDefault());
        assertEquals(List.of(master.id(), visa.id()), ids(customer));
        assertEquals(1, host().inTransaction(tx -> payments().methods(tx, customer)).stream().filter(PaymentMethod::isDefault).count());

        long stranger = customer();
        long invoice = invoice(stranger, "10.00");
        refused(ErrorCode.UNKNOWN_REFERENCE, "methodId", () -> charge(unique("foreign"), stranger, visa.id(), invoice, "11.90"));
        refused(ErrorCode.UNKNOWN_REFERENCE, "methodId", () -> host().inTransaction(tx -> payments().setDefault(tx, stranger, visa.id())));
        refused(ErrorCode.UNKNOWN_REFERENCE, "methodId", () -> host().inTransaction(tx -> {
            payments().remove(tx, stranger, visa.id());
            return null;
        }));
        refused(ErrorCode.UNKNOWN_REFERENCE, "invoiceId", () -> charge(unique("other"), customer, visa.id(), invoice, "11.90"));
        assertEquals(0, captures(invoice));

        host().inTransaction(tx -> {
            payments().remove(tx, customer, master.id());
            return null;
        });
        assertEquals(List.of(visa.id()), ids(customer));
        long own = invoice(customer, "10.00");
        refused(ErrorCode.UNKNOWN_REFERENCE, "methodId", () -> charge(unique("removed"), customer, master.id(), own, "11.90"));

        refused(ErrorCode.INVALID_VALUE, "token", () -> host().inTransaction(tx -> payments().register(tx, customer,
                new MethodRegistration("tok_notIssuedByTheGateway", true))));
        String visaToken = Sandbox.rows("SELECT token FROM sbx_payment_method WHERE c_bp_bankaccount_id = ?", visa.id()).get(0);
        refused(ErrorCode.INVALID_VALUE, "token", () -> host().inTransaction(tx -> payments().register(tx, stranger,
                new MethodRegistration(visaToken, true))));
        refused(ErrorCode.UNKNOWN_REFERENCE, "customerId", () -> host().inTransaction(tx -> payments().register(tx, 999_999_999L,
                new MethodRegistration(token("4242424242424242"), true))));
        assertEquals(List.of(), host().inTransaction(tx -> payments().methods(tx, 999_999_999L)));
    }

    private static List<Long> ids(long customer) {
        return host().inTransaction(tx -> payments().methods(tx, customer)).stream().map(PaymentMethod::id).toList();
    }

    @Test
    void statusOfAKeyNeverSent_isEmpty_andOpenAmountOfNoInvoiceIsEmpty() {
        assertEquals(Optional.empty(), payments().status(unique("never")));
        assertEquals(Optional.empty(), host().inTransaction(tx -> payments().openAmount(tx, 999_999_999L)));
    }

    @Test
    void aCardThatExpiresAfterTokenizing_isDeclinedAsExpired() {
        TestInstruments.Card card = TestInstruments.card("card.", "4242424242424242", 1, 2026, "123", "H", LocalDate.of(2026, 1, 10));
        Gateway.TokenView token = new Gateway.TokenView("tok_x", PaymentMethodKind.CARD, Optional.of(card.brand()),
                Optional.of(card.last4()), Optional.of(card.expiry()), Optional.empty(), Optional.empty(), Optional.empty(), "H",
                card.behaviour());
        assertEquals(Outcome.SUCCEEDED, Gateway.decide(token, 0, 2, LocalDate.of(2026, 1, 31)).recorded());
        Gateway.Decision d = Gateway.decide(token, 0, 2, LocalDate.of(2026, 2, 1));
        assertEquals(Outcome.DECLINED, d.recorded());
        assertEquals(Optional.of("expired_card"), d.code());
    }
}
