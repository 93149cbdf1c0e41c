package org.idempiere.subscription.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.PaymentMethodKind;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.api.service.PaymentRunReport;
import org.idempiere.subscription.api.service.PaymentTerms;
import org.idempiere.subscription.web.rest.EngineJson;
import org.idempiere.subscription.web.rest.JsonBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Reading a plan's payment terms and a token, and the JSON of methods, attempts and runs. */
class PaymentRoutesTest {

    private static void refused(ErrorCode code, String field, String value, Executable call) {
        SubscriptionException e = assertThrows(SubscriptionException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(Optional.of(field), e.field(), e.getMessage());
        if (value != null) {
            assertEquals(Optional.of(value), e.value(), e.getMessage());
        }
    }

    private static PaymentTerms terms(String plan) {
        return PaymentRoutes.paymentTerms(JsonBody.parse(plan));
    }

    @Test
    void paymentTerms_defaultManualWithTheDefaultRetries_andRefusedNamingTheField() {
        assertEquals(PaymentTerms.MANUAL, terms("{}"));
        assertEquals(PaymentTerms.MANUAL, terms("{\"payment\":null}"));
        assertEquals(PaymentTerms.MANUAL, terms("{\"payment\":{}}"));
        assertEquals(new PaymentTerms(PaymentMode.AUTOMATIC, List.of(1, 3, 5, 7)), terms("{\"payment\":{\"mode\":\"AUTOMATIC\"}}"));
        assertEquals(new PaymentTerms(PaymentMode.AUTOMATIC, List.of(2, 4)),
                terms("{\"payment\":{\"mode\":\"AUTOMATIC\",\"retryDays\":[2,4]}}"));
        assertEquals(List.of(), terms("{\"payment\":{\"mode\":\"AUTOMATIC\",\"retryDays\":[]}}").retryDays(), "never again");
        refused(ErrorCode.INVALID_VALUE, "payment.mode", "auto", () -> terms("{\"payment\":{\"mode\":\"auto\"}}"));
        refused(ErrorCode.INVALID_VALUE, "payment.retryDays", null, () -> terms("{\"payment\":{\"retryDays\":[3,1]}}"));
        refused(ErrorCode.INVALID_VALUE, "payment.retryDays", null, () -> terms("{\"payment\":{\"retryDays\":[0]}}"));
        refused(ErrorCode.INVALID_VALUE, "payment.retryDays", null, () -> terms("{\"payment\":{\"retryDays\":[91]}}"));
        refused(ErrorCode.INVALID_VALUE, "payment.retryDays", null,
                () -> terms("{\"payment\":{\"retryDays\":[1,2,3,4,5,6,7,8,9,10,11]}}"));
        refused(ErrorCode.INVALID_VALUE, "payment.retryDays[1]", "1.5", () -> terms("{\"payment\":{\"retryDays\":[1,1.5]}}"));
        refused(ErrorCode.INVALID_VALUE, "payment.retryDays[0]", "\"1\"", () -> terms("{\"payment\":{\"retryDays\":[\"1\"]}}"));
        refused(ErrorCode.INVALID_VALUE, "payment.retryDays", "\"1,3\"", () -> terms("{\"payment\":{\"retryDays\":\"1,3\"}}"));
        refused(ErrorCode.INVALID_VALUE, "payment", "\"AUTOMATIC\"", () -> terms("{\"payment\":\"AUTOMATIC\"}"));
    }

    @Test
    void paymentCredits_carriedByDefault_refundOnRequest_andRefusedNamingTheField() {
        assertEquals(org.idempiere.subscription.api.CreditHandling.CARRY, terms("{\"payment\":{\"mode\":\"AUTOMATIC\"}}").credits());
        assertEquals(new PaymentTerms(PaymentMode.AUTOMATIC, List.of(1, 3), org.idempiere.subscription.api.CreditHandling.REFUND),
                terms("{\"payment\":{\"mode\":\"AUTOMATIC\",\"retryDays\":[1,3],\"credits\":\"REFUND\"}}"));
        refused(ErrorCode.INVALID_VALUE, "payment.credits", "refund", () -> terms("{\"payment\":{\"credits\":\"refund\"}}"));
        refused(ErrorCode.INVALID_VALUE, "payment.credits", "3", () -> terms("{\"payment\":{\"credits\":3}}"));
    }

    private static String token(String body) {
        return PaymentRoutes.token(JsonBody.parse(body));
    }

    @Test
    void token_requiredShortVisible_notACardNumber_neverShownWhole() {
        assertEquals("tok_abc-DEF_123", token("{\"token\":\" tok_abc-DEF_123 \"}"));
        refused(ErrorCode.REQUIRED, "token", null, () -> token("{}"));
        refused(ErrorCode.REQUIRED, "token", null, () -> token("{\"token\":\"  \"}"));
        refused(ErrorCode.INVALID_VALUE, "token", null, () -> token("{\"token\":42}"));
        String tooLong = "tok_" + "x".repeat(197);
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> token("{\"token\":\"" + tooLong + "\"}"));
        assertEquals(Optional.of("token"), e.field());
        assertFalse(e.value().orElseThrow().contains("tok_") || e.getMessage().contains("tok_"), e.getMessage());
        assertEquals("tok_" + "x".repeat(196), token("{\"token\":\"tok_" + "x".repeat(196) + "\"}"), "200 characters are enough");
        refused(ErrorCode.INVALID_VALUE, "token", "************4242", () -> token("{\"token\":\"4242424242424242\"}"));
        e = assertThrows(SubscriptionException.class, () -> token("{\"token\":\"tok_secret value\"}"));
        assertEquals("token", e.field().orElseThrow());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void json_ofAMethod_anAttempt_andARun() {
        PaymentMethod card = new PaymentMethod(7, 3, PaymentMethodKind.CARD, Optional.of("VISA"), Optional.of("4242"),
                Optional.of(YearMonth.of(2029, 12)), Optional.empty(), Optional.empty(), Optional.empty(), true);
        assertEquals("{\"id\":7,\"kind\":\"CARD\",\"brand\":\"VISA\",\"last4\":\"4242\",\"expiry\":\"2029-12\",\"maskedIban\":null,"
                + "\"mandateReference\":null,\"mandateDate\":null,\"isDefault\":true}", EngineJson.paymentMethod(card).toJson());
        PaymentAttempt a = new PaymentAttempt(11, 5, 9, 3, Optional.empty(), Money.of(new BigDecimal("119.00"), Currency.getInstance("EUR")),
                2, PaymentStatus.DECLINED, LocalDate.of(2030, 1, 2), Optional.of(Instant.parse("2030-01-02T06:00:00Z")),
                Optional.of(77L), Optional.of("ch_1"), Optional.of("insufficient_funds"), Optional.of("Insufficient funds"));
        assertEquals("{\"id\":11,\"subscriptionId\":5,\"invoiceId\":9,\"customerId\":3,\"methodId\":null,\"amount\":119.00,"
                + "\"currency\":\"EUR\",\"attemptNo\":2,\"status\":\"DECLINED\",\"dueOn\":\"2030-01-02\",\"triedAt\":\"2030-01-02T06:00:00Z\","
                + "\"paymentId\":77,\"reference\":\"ch_1\",\"resultCode\":\"insufficient_funds\",\"resultMessage\":\"Insufficient funds\"}",
                EngineJson.paymentAttempt(a).toJson());
        PaymentRunReport r = new PaymentRunReport(Map.of(PaymentStatus.SUCCEEDED, 2, PaymentStatus.DECLINED, 1),
                Map.of("EUR", new BigDecimal("238.00"), "CZK", new BigDecimal("100.00")), 1);
        assertEquals("{\"attempts\":{\"SUCCEEDED\":2,\"DECLINED\":1,\"ERRORED\":0,\"UNKNOWN\":0,\"NO_METHOD\":0,\"CANCELLED\":0},"
                + "\"collected\":{\"CZK\":100.00,\"EUR\":238.00},\"retriesAdded\":1,"
                + "\"refunds\":{\"SUCCEEDED\":0,\"DECLINED\":0,\"ERRORED\":0,\"UNKNOWN\":0},\"refunded\":{}}",
                EngineJson.paymentRun(r).toJson());
        PaymentRunReport withRefund = r.withRefunds(Map.of(PaymentStatus.SUCCEEDED, 1), Map.of("EUR", new BigDecimal("79.34")));
        assertEquals("{\"SUCCEEDED\":1,\"DECLINED\":0,\"ERRORED\":0,\"UNKNOWN\":0}",
                EngineJson.paymentRun(withRefund).toJson().replaceAll(".*\"refunds\":(\\{[^}]*}).*", "$1"));
        assertTrue(EngineJson.paymentRun(withRefund).toJson().endsWith("\"refunded\":{\"EUR\":79.34}}"));
    }
}
