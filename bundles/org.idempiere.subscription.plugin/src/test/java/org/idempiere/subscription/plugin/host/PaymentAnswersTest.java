package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.ChargeRequest;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.host.ChargeResult.Outcome;
import org.junit.jupiter.api.Test;

class PaymentAnswersTest {

    @Test
    void aKey_namesOnePaymentUuid() {
        assertEquals(PaymentAnswers.uuidOf("attempt-1"), PaymentAnswers.uuidOf("attempt-1"));
        assertNotEquals(PaymentAnswers.uuidOf("attempt-1"), PaymentAnswers.uuidOf("attempt-2"));
        assertEquals(36, PaymentAnswers.uuidOf("attempt-1").length(), "C_Payment_UU holds a UUID");
        assertEquals(Optional.of("idempotencyKey"), assertThrows(SubscriptionException.class,
                () -> PaymentAnswers.uuidOf(" ")).field());
    }

    @Test
    void processOnlinesAnswers_becomeOutcomes() {
        ChargeResult ok = PaymentAnswers.online(true, true, null, "0", "Approved", "PN-1", 1000);
        assertEquals(Outcome.SUCCEEDED, ok.outcome());
        assertEquals(Optional.of(1000L), ok.paymentId());
        assertEquals(Optional.of("PN-1"), ok.reference());

        ChargeResult none = PaymentAnswers.online(false, false, null, null, null, null, 0);
        assertEquals(Outcome.ERRORED, none.outcome(), "no processor: nothing was sent");
        assertEquals(Optional.empty(), none.paymentId());
        assertEquals(Optional.of("no_processor"), none.code());

        ChargeResult declined = PaymentAnswers.online(false, true, "From Visa: Insufficient funds", "51", "Insufficient funds",
                "PN-2", 1001);
        assertEquals(Outcome.DECLINED, declined.outcome());
        assertEquals(Optional.of("51"), declined.code());
        assertEquals("Insufficient funds", declined.message());

        ChargeResult timeout = PaymentAnswers.online(false, true, "Payment not processed: Read timed out", null, null, null, 1002);
        assertEquals(Outcome.UNKNOWN, timeout.outcome(), "the money may have moved");
        assertEquals(Outcome.UNKNOWN, PaymentAnswers.online(false, true, "java.net.SocketTimeoutException", null, null, null, 1)
                .outcome());

        ChargeResult failed = PaymentAnswers.online(false, true, "Payment not processed: connection refused", null, null, null, 1003);
        assertEquals(Outcome.ERRORED, failed.outcome());
        assertEquals(Optional.of("processing_error"), failed.code());
    }

    private static PaymentAnswers.Found found(String docStatus, boolean approved, boolean online, String result) {
        return new PaymentAnswers.Found(1000, true, 200, 300, new BigDecimal("119.00"), "EUR", docStatus, approved, online, result,
                result == null ? null : "Declined", "PN");
    }

    @Test
    void aPaymentFoundByItsKey_saysWhatHappened() {
        assertEquals(Outcome.SUCCEEDED, PaymentAnswers.state(found("CO", true, true, null)).outcome());
        assertEquals(Outcome.SUCCEEDED, PaymentAnswers.state(found("CL", true, true, null)).outcome());
        assertEquals(Outcome.UNKNOWN, PaymentAnswers.state(found("DR", true, true, null)).outcome(), "approved, not completed");
        assertEquals(Outcome.UNKNOWN, PaymentAnswers.state(found("DR", false, false, null)).outcome(), "sent, no answer kept");
        assertEquals(Outcome.DECLINED, PaymentAnswers.state(found("DR", false, true, "05")).outcome());
        assertEquals(Outcome.ERRORED, PaymentAnswers.state(found("DR", false, true, null)).outcome());
    }

    @Test
    void aKeyUsedForAnotherRequest_isRefused() {
        Money eur = Money.of(new BigDecimal("119.00"), Currency.getInstance("EUR"));
        ChargeRequest same = new ChargeRequest("k", 200, 9, 300, eur, "d");
        assertEquals(Outcome.SUCCEEDED, PaymentAnswers.repeated(found("CO", true, true, null), same, false).outcome());
        for (ChargeRequest other : new ChargeRequest[] {new ChargeRequest("k", 201, 9, 300, eur, "d"),
                new ChargeRequest("k", 200, 9, 301, eur, "d"),
                new ChargeRequest("k", 200, 9, 300, Money.of(new BigDecimal("1.00"), Currency.getInstance("EUR")), "d"),
                new ChargeRequest("k", 200, 9, 300, Money.of(new BigDecimal("119.00"), Currency.getInstance("CZK")), "d")}) {
            assertEquals(Optional.of("idempotencyKey"), assertThrows(SubscriptionException.class,
                    () -> PaymentAnswers.repeated(found("CO", true, true, null), other, false)).field());
        }
        assertThrows(SubscriptionException.class, () -> PaymentAnswers.repeated(found("CO", true, true, null), same, true),
                "a charge's key is not a refund's");
    }
}
