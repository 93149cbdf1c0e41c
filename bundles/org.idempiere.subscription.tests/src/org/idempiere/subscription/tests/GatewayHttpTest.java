package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.sandbox.internal.gateway.Gateway;
import org.idempiere.subscription.tests.Api.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference gateway's routes over real HTTP: tokenization checks every field and answers
 * only what a gateway shows, bad input is a problem naming the field with the value masked and
 * stores nothing, the ledger and the settings; and no card number or IBAN is stored anywhere in
 * the sandbox's database.
 */
class GatewayHttpTest {
    @BeforeAll
    static void endpoint() throws Exception {
        Api.root();
    }
    @AfterEach
    void defaultSettings() {
        Sandbox.service(Gateway.class).update(Optional.of(0), Optional.of(2));
    }

    private static Answer call(String method, String path, String body) throws Exception {
        return Api.call(method, path, body);
    }

    private static long tokens() {
        return count("SELECT COUNT(*) FROM sbx_gateway_token");
    }

    private static String card(String number, int month, int year, String cvc) {
        return "{\"card\":{\"number\":\"" + number + "\",\"expMonth\":" + month + ",\"expYear\":" + year + ",\"cvc\":\"" + cvc
                + "\",\"holder\":\"Jana Novakova\"}}";
    }

    private static YearMonth future() {
        return YearMonth.from(PaymentsTest.today()).plusYears(2);
    }

    /** A 400 naming {@code field} with {@code value}, nothing stored, and the secret nowhere in the answer. */
    private static void refused(String body, String field, String value, String secret) throws Exception {
        long before = tokens();
        Answer a = call("POST", "/sandbox/gateway/tokens", body);
        assertEquals(400, a.status(), a.text());
        assertEquals(field, a.body().path("field").asText(), a.text());
        if (value != null) {
            assertEquals(value, a.body().path("value").asText(), a.text());
        }
        if (secret != null) {
            assertFalse(a.text().contains(secret), "the answer shows " + secret + ": " + a.text());
        }
        assertEquals(before, tokens(), "nothing stored");
    }

    @Test
    void tokenization_refusesBadInput_namingTheField_maskingTheValue_storingNothing() throws Exception {
        YearMonth f = future();
        refused(card("4242424242424241", f.getMonthValue(), f.getYear(), "123"), "card.number", "************4241",
                "4242424242424241");
        refused(card("4242", f.getMonthValue(), f.getYear(), "123"), "card.number", "****", null);
        YearMonth past = YearMonth.from(PaymentsTest.today()).minusMonths(1);
        refused(card("4242424242424242", past.getMonthValue(), past.getYear(), "123"), "card.expYear", past.toString(),
                "4242424242424242");
        refused(card("4242424242424242", 13, f.getYear(), "123"), "card.expMonth", "13", "4242424242424242");
        refused(card("4242424242424242", f.getMonthValue(), f.getYear(), "12"), "card.cvc", "**", "4242424242424242");
        refused(card("4242424242424242", f.getMonthValue(), f.getYear(), "12a45"), "card.cvc", "*****", "12a45");
        refused("{\"card\":{\"number\":\"4242424242424242\",\"expMonth\":1,\"expYear\":2099,\"cvc\":\"123\"}}", "card.holder", null,
                "4242424242424242");
        refused("{\"directDebit\":{\"iban\":\"DE89370400440532013001\",\"holder\":\"Max\"}}", "directDebit.iban",
                "DE89**************3001", "DE89370400440532013001");
        refused("{\"directDebit\":{\"iban\":\"DE89370400440532013000\",\"holder\":\"Max\",\"mandateDate\":\""
                + PaymentsTest.today().plusDays(1) + "\"}}", "directDebit.mandateDate", PaymentsTest.today().plusDays(1).toString(),
                "DE89370400440532013000");
        refused("{}", "body", null, null);
        refused(card("4242424242424242", 1, 2099, "123").replace("}}", "},\"directDebit\":{}}"), "body", null, null);
    }

    @Test
    void tokenization_answersOnlyWhatAGatewayShows() throws Exception {
        YearMonth f = future();
        Answer a = call("POST", "/sandbox/gateway/tokens", card("4242 4242 4242 4242", f.getMonthValue(), f.getYear(), "987"));
        assertEquals(201, a.status(), a.text());
        assertTrue(a.body().path("token").asText().matches("tok_[A-Za-z0-9_-]{32}"), a.text());
        assertEquals("CARD", a.body().path("kind").asText());
        assertEquals("VISA", a.body().path("brand").asText());
        assertEquals("4242", a.body().path("last4").asText());
        assertEquals(f.getMonthValue(), a.body().path("expMonth").asInt());
        assertEquals(f.getYear(), a.body().path("expYear").asInt());
        // the random token itself may contain "987" by chance: looked for in the rest of the answer
        String shown = a.text().replace(a.body().path("token").asText(), "tok");
        assertFalse(shown.contains("4242424242424242") || shown.contains("4242 4242 4242 4242") || shown.contains("987"), a.text());
        Answer other = call("POST", "/sandbox/gateway/tokens", card("4242424242424242", f.getMonthValue(), f.getYear(), "987"));
        assertFalse(other.body().path("token").asText().equals(a.body().path("token").asText()), "a new random token each time");

        Answer dd = call("POST", "/sandbox/gateway/tokens",
                "{\"directDebit\":{\"iban\":\"de89 3704 0044 0532 0130 00\",\"holder\":\"Max Mustermann\"}}");
        assertEquals(201, dd.status(), dd.text());
        assertEquals("DIRECT_DEBIT", dd.body().path("kind").asText());
        assertEquals("DE89**************3000", dd.body().path("maskedIban").asText());
        assertTrue(dd.body().path("mandateReference").asText().startsWith("SBX-"), dd.text());
        assertEquals(PaymentsTest.today().toString(), dd.body().path("mandateDate").asText());
        assertTrue(dd.body().path("last4").isNull());
        assertFalse(dd.text().contains("370400440532013000"), dd.text());
    }

    @Test
    void settings_andTheLedgerOfAnInvoice() throws Exception {
        Answer bad = call("POST", "/sandbox/gateway/settings", "{\"latencyMs\":-1,\"retryDeclines\":3}");
        assertEquals(400, bad.status(), bad.text());
        assertEquals("latencyMs", bad.body().path("field").asText());
        assertEquals(2, Sandbox.service(Gateway.class).settings().retryDeclines(), "nothing changed");
        Answer ok = call("POST", "/sandbox/gateway/settings", "{\"retryDeclines\":3}");
        assertEquals(200, ok.status(), ok.text());
        assertEquals(3, ok.body().path("retryDeclines").asInt());
        assertEquals(0, ok.body().path("latencyMs").asInt());

        long customer = PaymentsTest.customer();
        long invoice = PaymentsTest.invoice(customer, "100.00");
        PaymentMethod m = PaymentsTest.register(customer, "4242424242424242", true);
        String key = Sandbox.unique("ledger");
        PaymentsTest.charge(key, customer, m.id(), invoice, "119.00");
        PaymentsTest.charge(key, customer, m.id(), invoice, "119.00");
        Answer ledger = call("GET", "/sandbox/gateway/ledger?invoiceId=" + invoice, null);
        assertEquals(200, ledger.status(), ledger.text());
        assertEquals(1, ledger.body().size(), ledger.text());
        JsonNode e = ledger.body().get(0);
        assertEquals("CAPTURE", e.path("type").asText());
        assertEquals(key, e.path("idempotencyKey").asText());
        assertEquals("SUCCEEDED", e.path("outcome").asText());
        assertEquals(0, new java.math.BigDecimal("119.00").compareTo(e.path("amount").decimalValue()));
        assertEquals("EUR", e.path("currency").asText());
        assertEquals(m.id(), e.path("methodId").asLong());
        assertEquals(400, call("GET", "/sandbox/gateway/ledger?invoiceId=abc", null).status());
    }

    /** Every text column of every table of the sandbox's schema, searched for the numbers and IBANs tokenized. */
    @Test
    void noCardNumberOrIbanIsStoredAnywhere() throws Exception {
        YearMonth f = future();
        for (String n : List.of("4242424242424242", "4000000000009995", "5555555555554444")) {
            assertEquals(201, call("POST", "/sandbox/gateway/tokens", card(n, f.getMonthValue(), f.getYear(), "123")).status());
        }
        assertEquals(201, call("POST", "/sandbox/gateway/tokens",
                "{\"directDebit\":{\"iban\":\"DE89370400440532013000\",\"holder\":\"Max\"}}").status());
        PaymentsTest.register(PaymentsTest.customer(), "4242424242424242", true);
        HostContext host = Sandbox.service(HostContext.class);
        List<String[]> columns = host.inTransaction(tx -> Rows.list(tx.connection(), "SELECT table_name, column_name FROM"
                + " information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('character varying',"
                + " 'character', 'text', 'bytea')", rs -> new String[] {rs.getString(1), rs.getString(2)}));
        assertTrue(columns.stream().anyMatch(c -> c[0].equals("sbx_gateway_token")), "the gateway's tables are searched");
        for (String[] c : columns) {
            String column = "\"" + c[1] + "\"";
            String text = "bytea".equals(typeOf(c)) ? "encode(" + column + ", 'escape')" : column + "::text";
            for (String secret : List.of("4242424242424242", "4000000000009995", "5555555555554444", "370400440532013000")) {
                long hits = count("SELECT COUNT(*) FROM \"" + c[0] + "\" WHERE " + text + " LIKE ?", "%" + secret + "%");
                assertEquals(0, hits, secret + " found in " + c[0] + "." + c[1]);
            }
        }
    }

    private static String typeOf(String[] column) {
        return Sandbox.rows("SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = ? AND column_name = ?", column[0], column[1]).get(0);
    }
}
