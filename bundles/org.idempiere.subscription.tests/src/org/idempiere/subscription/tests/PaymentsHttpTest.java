package org.idempiere.subscription.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.sandbox.internal.gateway.Gateway;
import org.idempiere.subscription.tests.Api.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Automatic payments through the JSON API over real HTTP, as a seller's integration drives them: a
 * plan paid automatically, a card tokenized at the sandbox's gateway and saved for the customer, a
 * billing run that charges it, the attempts, paying an invoice now, removing methods, collecting.
 * One EUR 100.00 line to a customer in Germany: invoices of 119.00. No answer shows a token.
 */
class PaymentsHttpTest {
    @BeforeAll
    static void endpoint() throws Exception {
        Api.root();
    }
    @AfterEach
    void gatewayDefaults() {
        Sandbox.service(Gateway.class).update(Optional.of(0), Optional.of(2));
    }

    private static Answer call(String method, String path, String body) throws Exception {
        return Api.call(method, path, body);
    }

    private static JsonNode ok(String method, String path, String body, int expected) throws Exception {
        Answer a = call(method, path, body);
        assertEquals(expected, a.status(), method + " " + path + " -> " + a.raw().body());
        return a.body();
    }

    private static JsonNode problem(String method, String path, String body, int status, String code, String field, String value)
            throws Exception {
        Answer a = call(method, path, body);
        assertEquals(status, a.status(), method + " " + path + " -> " + a.raw().body());
        assertEquals("application/problem+json", a.raw().headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals(code, a.body().path("code").asText(), a.raw().body());
        if (field != null) {
            assertEquals(field, a.body().path("field").asText(), a.raw().body());
        }
        if (value != null) {
            assertEquals(value, a.body().path("value").asText(), a.raw().body());
        }
        return a.body();
    }

    private static void amount(String expected, JsonNode actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()), actual.toString());
    }

    /** A fresh day: the test clock moves only forward. */
    private static LocalDate freshDay() {
        LocalDate day = PaymentsTest.today().plusDays(40);
        ChangesTest.clockTo(day);
        return day;
    }

    private static long plan(String name) throws Exception {
        JsonNode plan = ok("POST", "/templates", "{\"name\":\"" + Sandbox.unique(name) + "\",\"recurrence\":{\"every\":1,\"unit\":"
                + "\"MONTH\"},\"payment\":{\"mode\":\"AUTOMATIC\",\"retryDays\":[1,3]}}", 201);
        return plan.path("id").asLong();
    }

    private static long customer() throws Exception {
        return ok("POST", "/sandbox/customers", "{\"name\":\"" + Sandbox.unique("Card payer") + "\",\"countryCode\":\"DE\",\"email\":\""
                + Sandbox.unique("payer").replaceAll("[^A-Za-z0-9]", ".") + "@example.com\"}", 201).path("id").asLong();
    }

    /** A card tokenized at the sandbox's gateway route: the token a seller's checkout page would get. */
    private static String cardToken(String number) throws Exception {
        YearMonth exp = YearMonth.from(PaymentsTest.today()).plusYears(3);
        JsonNode t = ok("POST", "/sandbox/gateway/tokens", "{\"card\":{\"number\":\"" + number + "\",\"expMonth\":"
                + exp.getMonthValue() + ",\"expYear\":" + exp.getYear() + ",\"cvc\":\"123\",\"holder\":\"Jana Novakova\"}}", 201);
        return t.path("token").asText();
    }

    /** Saves a card through the API; the answer shows no token. */
    private static JsonNode saveCard(long customer, String number, String makeDefault) throws Exception {
        String token = cardToken(number);
        Answer a = call("POST", "/customers/" + customer + "/payment-methods", "{\"token\":\"" + token + "\""
                + (makeDefault == null ? "" : ",\"makeDefault\":" + makeDefault) + "}");
        assertEquals(201, a.status(), a.raw().body());
        assertFalse(a.raw().body().contains(token) || a.body().has("token"), "the token is never answered: " + a.raw().body());
        assertFalse(a.raw().body().contains(number), a.raw().body());
        return a.body();
    }

    private static long subscribe(long plan, long customer, LocalDate start) throws Exception {
        return ok("POST", "/subscriptions", "{\"templateId\":" + plan + ",\"customerId\":" + customer + ",\"currency\":\"EUR\","
                + "\"startDate\":\"" + start + "\",\"lines\":[{\"productId\":" + Sandbox.product("100.00") + ",\"quantity\":1}]}", 201)
                .path("id").asLong();
    }

    private static JsonNode attemptsOf(long subscription) throws Exception {
        return ok("GET", "/payments?subscriptionId=" + subscription, null, 200);
    }

    /*
     * The whole flow: an automatic plan, a card saved, a billing run charging it (the run
     * collects after itself), the SUCCEEDED attempt; paying a paid invoice refused (409), a
     * foreign method refused (400), the last method of an automatic payer kept (409).
     */
    @Test
    void automaticPlan_cardSaved_billingRunCharges_andRefusals() throws Exception {
        LocalDate d = freshDay();
        long plan = plan("Card plan");
        JsonNode stored = ok("GET", "/templates/" + plan, null, 200);
        assertEquals("AUTOMATIC", stored.path("payment").path("mode").asText(), stored.toString());
        assertEquals(List.of(1, 3), List.of(stored.path("payment").path("retryDays").get(0).asInt(),
                stored.path("payment").path("retryDays").get(1).asInt()));
        assertEquals(2, stored.path("payment").path("retryDays").size());
        assertEquals("CARRY", stored.path("payment").path("credits").asText(), "credits are carried unless REFUND is asked");

        long customer = customer();
        assertEquals(0, ok("GET", "/customers/" + customer + "/payment-methods", null, 200).size());
        JsonNode noCredit = ok("GET", "/customers/" + customer + "/credit", null, 200);
        assertEquals(customer, noCredit.path("customerId").asLong());
        assertEquals(0, noCredit.path("balances").size(), "no credit yet");
        JsonNode card = saveCard(customer, "4242424242424242", "true");
        long method = card.path("id").asLong();
        assertEquals("CARD", card.path("kind").asText());
        assertEquals("VISA", card.path("brand").asText());
        assertEquals("4242", card.path("last4").asText());
        assertEquals(YearMonth.from(PaymentsTest.today()).plusYears(3).toString(), card.path("expiry").asText());
        assertTrue(card.path("isDefault").asBoolean());
        assertTrue(card.path("maskedIban").isNull() && card.path("mandateReference").isNull() && card.path("mandateDate").isNull());
        JsonNode listed = ok("GET", "/customers/" + customer + "/payment-methods", null, 200);
        assertEquals(1, listed.size());
        assertEquals(card, listed.get(0));

        long subscription = subscribe(plan, customer, d);
        JsonNode run = ok("POST", "/billing-runs", "{\"asOf\":\"" + d + "\"}", 201);
        assertTrue(run.path("invoicesCreated").asInt() >= 1, run.toString());

        Answer raw = call("GET", "/payments?subscriptionId=" + subscription, null);
        assertTrue(raw.raw().body().contains("\"amount\":119.00,\"currency\":\"EUR\""), "at the currency's scale: " + raw.raw().body());
        JsonNode attempts = attemptsOf(subscription);
        assertEquals(1, attempts.size(), attempts.toString());
        JsonNode a = attempts.get(0);
        assertEquals("SUCCEEDED", a.path("status").asText(), a.toString());
        assertEquals(1, a.path("attemptNo").asInt());
        assertEquals(subscription, a.path("subscriptionId").asLong());
        assertEquals(customer, a.path("customerId").asLong());
        assertEquals(method, a.path("methodId").asLong());
        amount("119.00", a.path("amount"));
        assertEquals("EUR", a.path("currency").asText());
        assertEquals(d.toString(), a.path("dueOn").asText());
        assertFalse(a.path("triedAt").isNull(), a.toString());
        assertTrue(a.path("reference").asText().startsWith("ch_"), a.toString());
        long invoice = a.path("invoiceId").asLong();
        assertEquals(attempts, ok("GET", "/payments?invoiceId=" + invoice, null, 200));
        assertTrue(PaymentsTest.paid(invoice));
        assertEquals(1, PaymentsTest.captures(invoice));

        // attempts: exactly one of invoiceId and subscriptionId
        problem("GET", "/payments", null, 400, "REQUIRED", "invoiceId or subscriptionId", null);
        JsonNode both = problem("GET", "/payments?invoiceId=" + invoice + "&subscriptionId=" + subscription, null, 400,
                "INVALID_VALUE", "subscriptionId", String.valueOf(subscription));
        assertTrue(both.path("detail").asText().contains("invoiceId"), both.toString());
        problem("GET", "/payments?invoiceId=abc", null, 400, "INVALID_VALUE", "invoiceId", "abc");
        problem("GET", "/payments?subscriptionId=0", null, 400, "INVALID_VALUE", "subscriptionId", "0");
        problem("GET", "/payments?invoiceId=999999999", null, 404, "NOT_FOUND", "invoiceId", "999999999");
        problem("GET", "/payments?subscriptionId=999999999", null, 404, "NOT_FOUND", "subscriptionId", "999999999");

        // paying now: nothing open, a foreign method, an invoice that is no subscription's
        problem("POST", "/invoices/" + invoice + "/pay", null, 409, "INVALID_STATE", "invoiceId", String.valueOf(invoice));
        long other = customer();
        long foreign = saveCard(other, "5555555555554444", null).path("id").asLong();
        problem("POST", "/invoices/" + invoice + "/pay", "{\"methodId\":" + foreign + "}", 400, "UNKNOWN_REFERENCE", "methodId",
                String.valueOf(foreign));
        problem("POST", "/invoices/" + invoice + "/pay", "{\"methodId\":-3}", 400, "INVALID_VALUE", "methodId", "-3");
        problem("POST", "/invoices/999999999/pay", "{}", 404, "NOT_FOUND", "id", "999999999");
        problem("POST", "/invoices/x/pay", "{}", 400, "INVALID_VALUE", "id", "x");
        assertEquals(1, attemptsOf(subscription).size(), "refused requests record nothing");
        assertEquals(1, PaymentsTest.captures(invoice));

        // the last method of a customer paying automatically stays
        problem("DELETE", "/customers/" + customer + "/payment-methods/" + method, null, 409, "INVALID_STATE", "methodId",
                String.valueOf(method));
        problem("DELETE", "/customers/" + customer + "/payment-methods/" + foreign, null, 404, "NOT_FOUND", "methodId",
                String.valueOf(foreign));
        assertEquals(1, ok("GET", "/customers/" + customer + "/payment-methods", null, 200).size(), "nothing removed");
        Answer wrongMethod = call("GET", "/customers/" + customer + "/payment-methods/" + method, null);
        assertEquals(405, wrongMethod.status());
        assertEquals("DELETE", wrongMethod.raw().headers().firstValue("Allow").orElse(""));

        // with a second method the first can go; the second is made the default
        JsonNode second = saveCard(customer, "5555555555554444", null);
        assertFalse(second.path("isDefault").asBoolean(), "the customer has a default already");
        assertEquals("MASTERCARD", second.path("brand").asText());
        Answer removed = call("DELETE", "/customers/" + customer + "/payment-methods/" + method, null);
        assertEquals(204, removed.status(), removed.raw().body());
        assertEquals("", removed.raw().body());
        problem("DELETE", "/customers/" + customer + "/payment-methods/" + method, null, 404, "NOT_FOUND", "methodId", null);
        JsonNode madeDefault = ok("POST", "/customers/" + customer + "/payment-methods/" + second.path("id").asLong() + "/default",
                null, 200);
        assertTrue(madeDefault.path("isDefault").asBoolean(), madeDefault.toString());
        JsonNode left = ok("GET", "/customers/" + customer + "/payment-methods", null, 200);
        assertEquals(1, left.size(), left.toString());
        assertEquals(second.path("id").asLong(), left.get(0).path("id").asLong());
        problem("POST", "/customers/" + customer + "/payment-methods/" + foreign + "/default", null, 404, "NOT_FOUND", "methodId",
                String.valueOf(foreign));
    }

    /* Saving a method: bad input refused naming the field, a token never shown whole, nothing saved. */
    @Test
    void savingAMethod_refusesBadInput_namingTheField() throws Exception {
        long customer = customer();
        String path = "/customers/" + customer + "/payment-methods";
        problem("POST", path, "{}", 400, "REQUIRED", "token", null);
        problem("POST", path, "{\"token\":\"   \"}", 400, "REQUIRED", "token", null);
        problem("POST", path, "{\"token\":7}", 400, "INVALID_VALUE", "token", null);
        JsonNode card = problem("POST", path, "{\"token\":\"4242424242424242\"}", 400, "INVALID_VALUE", "token", "************4242");
        assertFalse(card.toString().contains("4242424242424242"), card.toString());
        String tooLong = "tok_" + "a".repeat(200);
        JsonNode longOne = problem("POST", path, "{\"token\":\"" + tooLong + "\"}", 400, "INVALID_VALUE", "token", null);
        assertFalse(longOne.toString().contains("tok_aaaa"), longOne.toString());
        problem("POST", path, "{\"token\":\"tok_unknown_to_the_gateway\"}", 400, "INVALID_VALUE", "token", null);
        String token = cardToken("4242424242424242");
        problem("POST", path, "{\"token\":\"" + token + "\",\"makeDefault\":\"yes\"}", 400, "INVALID_VALUE", "makeDefault", null);
        problem("POST", "/customers/999999999/payment-methods", "{\"token\":\"" + token + "\"}", 404, "NOT_FOUND", "id",
                "999999999");
        problem("GET", "/customers/999999999/payment-methods", null, 404, "NOT_FOUND", "id", "999999999");
        problem("GET", "/customers/abc/payment-methods", null, 400, "INVALID_VALUE", "id", "abc");
        problem("GET", "/customers/999999999/credit", null, 404, "NOT_FOUND", "id", "999999999");
        problem("GET", "/customers/0/credit", null, 400, "INVALID_VALUE", "id", "0");
        assertEquals(0, ok("GET", path, null, 200).size(), "nothing saved");
        JsonNode first = saveCard(customer, "4242424242424242", null);
        assertTrue(first.path("isDefault").asBoolean(), "the first method becomes the default when makeDefault is absent");
        long templates = Sandbox.count("SELECT COUNT(*) FROM SUB_Template");
        problem("POST", "/templates", "{\"name\":\"Bad mode\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"},"
                + "\"payment\":{\"mode\":\"CARD\"}}", 400, "INVALID_VALUE", "payment.mode", "CARD");
        problem("POST", "/templates", "{\"name\":\"Bad retries\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"},"
                + "\"payment\":{\"mode\":\"AUTOMATIC\",\"retryDays\":[3,1]}}", 400, "INVALID_VALUE", "payment.retryDays", null);
        problem("POST", "/templates", "{\"name\":\"Bad retry\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"},"
                + "\"payment\":{\"retryDays\":[1,\"two\"]}}", 400, "INVALID_VALUE", "payment.retryDays[1]", "\"two\"");
        problem("POST", "/templates", "{\"name\":\"Bad credits\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"},"
                + "\"payment\":{\"mode\":\"AUTOMATIC\",\"credits\":\"REFUNDED\"}}", 400, "INVALID_VALUE", "payment.credits", "REFUNDED");
        problem("POST", "/templates", "{\"name\":\"Bad credits\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"},"
                + "\"payment\":{\"credits\":true}}", 400, "INVALID_VALUE", "payment.credits", "true");
        assertEquals(templates, Sandbox.count("SELECT COUNT(*) FROM SUB_Template"), "no template stored");
        JsonNode manual = ok("POST", "/templates", "{\"name\":\"" + Sandbox.unique("Manual") + "\",\"recurrence\":{\"every\":1,"
                + "\"unit\":\"MONTH\"}}", 201);
        assertEquals("MANUAL", manual.path("payment").path("mode").asText(), manual.toString());
        assertEquals(4, manual.path("payment").path("retryDays").size(), "1, 3, 5, 7 by default");
        JsonNode refunding = ok("POST", "/templates", "{\"name\":\"" + Sandbox.unique("Refunding") + "\",\"recurrence\":{\"every\":1,"
                + "\"unit\":\"MONTH\"},\"payment\":{\"mode\":\"AUTOMATIC\",\"credits\":\"REFUND\"}}", 201);
        assertEquals("REFUND", refunding.path("payment").path("credits").asText(), refunding.toString());
        assertEquals(List.of("R"), Sandbox.rows("SELECT CreditHandling FROM SUB_Template WHERE SUB_Template_ID = ?",
                refunding.path("id").asLong()));
        long manualId = manual.path("id").asLong();
        assertEquals(List.of("1 3 5 7"), Sandbox.rows("SELECT PaymentRetryDays FROM SUB_Template WHERE SUB_Template_ID = ?",
                manualId), "stored with spaces, as the dictionary's default");
        // days entered in iDempiere's window, with spaces or commas, are read back
        for (String entered : List.of("2 4", "2, 4")) {
            Sandbox.service(HostContext.class).inTransaction(tx -> {
                try (var ps = tx.connection().prepareStatement("UPDATE SUB_Template SET PaymentRetryDays = ? WHERE SUB_Template_ID = ?")) {
                    ps.setString(1, entered);
                    ps.setLong(2, manualId);
                    ps.executeUpdate();
                }
                return null;
            });
            JsonNode read = ok("GET", "/templates/" + manualId, null, 200).path("payment").path("retryDays");
            assertEquals(List.of(2, 4), List.of(read.get(0).asInt(), read.get(1).asInt()), entered + ": " + read);
            assertEquals(2, read.size(), entered + ": " + read);
        }
    }

    /*
     * Collecting between billing runs: an invoice that waited for a method (NO_METHOD) is charged
     * by POST /payment-runs once a card is saved; an invoice whose card was declined is paid now
     * with another saved card (POST /invoices/{id}/pay), and its pending retry is then cancelled.
     */
    @Test
    void paymentRuns_andPayingNow() throws Exception {
        LocalDate d = freshDay();
        long plan = plan("Collected plan");
        long waiting = customer();
        long s1 = subscribe(plan, waiting, d);
        long declined = customer();
        saveCard(declined, "4000000000009995", "true");
        long s2 = subscribe(plan, declined, d);
        ok("POST", "/billing-runs", "{\"asOf\":\"" + d + "\"}", 201);

        JsonNode noMethod = attemptsOf(s1).get(0);
        assertEquals("NO_METHOD", noMethod.path("status").asText(), noMethod.toString());
        assertEquals("no_method", noMethod.path("resultCode").asText());
        assertTrue(noMethod.path("methodId").isNull(), noMethod.toString());
        assertTrue(noMethod.path("triedAt").isNull(), "the gateway was not called: " + noMethod);
        JsonNode failed = attemptsOf(s2);
        assertEquals(2, failed.size(), failed.toString());
        assertEquals("DECLINED", failed.get(0).path("status").asText());
        assertEquals("insufficient_funds", failed.get(0).path("resultCode").asText());
        assertEquals("PENDING", failed.get(1).path("status").asText());
        assertEquals(d.plusDays(1).toString(), failed.get(1).path("dueOn").asText());

        long card = saveCard(waiting, "4242424242424242", null).path("id").asLong();
        JsonNode report = ok("POST", "/payment-runs", null, 200);
        for (String s : List.of("SUCCEEDED", "DECLINED", "ERRORED", "UNKNOWN", "NO_METHOD", "CANCELLED")) {
            assertTrue(report.path("attempts").path(s).isInt(), s + " in " + report);
        }
        assertTrue(report.path("attempts").path("SUCCEEDED").asInt() >= 1, report.toString());
        assertTrue(report.path("collected").path("EUR").decimalValue().compareTo(new BigDecimal("119.00")) >= 0, report.toString());
        assertTrue(report.path("retriesAdded").isInt(), report.toString());
        JsonNode charged = attemptsOf(s1).get(0);
        assertEquals("SUCCEEDED", charged.path("status").asText(), charged.toString());
        assertEquals(card, charged.path("methodId").asLong());
        assertEquals(1, attemptsOf(s1).size(), "the waiting attempt itself was charged");
        problem("POST", "/payment-runs", "[]", 400, "INVALID_VALUE", "body", null);

        long invoice = failed.get(0).path("invoiceId").asLong();
        long other = saveCard(declined, "5555555555554444", "false").path("id").asLong();
        JsonNode paid = ok("POST", "/invoices/" + invoice + "/pay", "{\"methodId\":" + other + "}", 201);
        assertEquals("SUCCEEDED", paid.path("status").asText(), paid.toString());
        assertEquals(other, paid.path("methodId").asLong());
        assertEquals(3, paid.path("attemptNo").asInt(), "after the declined first and the pending retry");
        amount("119.00", paid.path("amount"));
        assertEquals(1, PaymentsTest.captures(invoice));
        problem("POST", "/invoices/" + invoice + "/pay", null, 409, "INVALID_STATE", "invoiceId", null);

        ChangesTest.clockTo(d.plusDays(1));
        ok("POST", "/payment-runs", "{}", 200);
        JsonNode after = ok("GET", "/payments?invoiceId=" + invoice, null, 200);
        assertEquals(List.of("DECLINED", "CANCELLED", "SUCCEEDED"), List.of(after.get(0).path("status").asText(),
                after.get(1).path("status").asText(), after.get(2).path("status").asText()), after.toString());
        assertEquals(1, PaymentsTest.captures(invoice), "the retry charged nothing");
        assertTrue(after.get(1).path("paymentId").isNull() && after.get(1).path("triedAt").isNull(), after.toString());
    }

    /*
     * The subscription's JSON shows how it pays and whether it is past due: its plan's mode until
     * overridden at creation (paymentMode), past due after a declined charge, no longer once paid;
     * a bad mode is refused naming the field.
     */
    @Test
    void subscriptionJson_showsPaymentModeAndItsOverride_andPastDueAfterADeclinedCharge() throws Exception {
        LocalDate d = freshDay();
        long plan = plan("Card plan");
        long customer = customer();
        saveCard(customer, "4000000000000341", "true"); // declined (try again later) twice, then captured
        long subscription = subscribe(plan, customer, d);
        JsonNode before = ok("GET", "/subscriptions/" + subscription, null, 200);
        assertEquals("AUTOMATIC", before.path("paymentMode").asText(), before.toString());
        assertFalse(before.path("paymentModeOverridden").asBoolean(), before.toString());
        assertFalse(before.path("pastDue").asBoolean(), before.toString());

        ok("POST", "/billing-runs", "{\"asOf\":\"" + d + "\"}", 201);
        assertEquals("DECLINED", attemptsOf(subscription).get(0).path("status").asText());
        JsonNode declined = ok("GET", "/subscriptions/" + subscription, null, 200);
        assertTrue(declined.path("pastDue").asBoolean(), declined.toString());

        ChangesTest.clockTo(d.plusDays(3));
        ok("POST", "/payment-runs", "{}", 200);
        ok("POST", "/payment-runs", "{}", 200);
        JsonNode attempts = attemptsOf(subscription);
        assertEquals("SUCCEEDED", attempts.get(attempts.size() - 1).path("status").asText(), attempts.toString());
        assertFalse(ok("GET", "/subscriptions/" + subscription, null, 200).path("pastDue").asBoolean());

        JsonNode manual = ok("POST", "/subscriptions", "{\"templateId\":" + plan + ",\"customerId\":" + customer
                + ",\"currency\":\"EUR\",\"startDate\":\"" + d.plusDays(3) + "\",\"lines\":[{\"productId\":"
                + Sandbox.product("100.00") + ",\"quantity\":1}],\"paymentMode\":\"MANUAL\"}", 201);
        assertEquals("MANUAL", manual.path("paymentMode").asText(), manual.toString());
        assertTrue(manual.path("paymentModeOverridden").asBoolean(), manual.toString());
        assertEquals(manual, ok("GET", "/subscriptions/" + manual.path("id").asLong(), null, 200), "stored as answered");

        problem("POST", "/subscriptions", "{\"templateId\":" + plan + ",\"customerId\":" + customer
                + ",\"currency\":\"EUR\",\"startDate\":\"" + d.plusDays(3) + "\",\"lines\":[{\"productId\":"
                + Sandbox.product("100.00") + ",\"quantity\":1}],\"paymentMode\":\"CASH\"}", 400, "INVALID_VALUE",
                "paymentMode", "CASH");
    }
}
