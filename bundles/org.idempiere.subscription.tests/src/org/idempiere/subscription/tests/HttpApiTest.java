package org.idempiere.subscription.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.web.rest.RestRoutes;
import org.idempiere.subscription.web.rest.Router;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/**
 * The JSON API over real HTTP (Jetty through the OSGi HTTP whiteboard), as a client sees it:
 * authentication, validation as problem JSON, and the billing flow driven by the test clock.
 */
class HttpApiTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS); // amounts compared exactly
    private static final String KEY = "it-secret-key";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String base;

    @BeforeAll
    static void endpoint() throws Exception {
        Sandbox.service(HostContext.class); // the database is up
        for (int i = 0; i < 300 && base == null; i++) {
            ServiceReference<?>[] refs = Sandbox.context().getServiceReferences((String) null,
                    "(objectClass=org.osgi.service.http.runtime.HttpServiceRuntime)");
            if (refs != null) {
                Object endpoint = refs[0].getProperty("osgi.http.endpoint");
                String url = endpoint instanceof String[] a ? a[0] : (String) endpoint;
                if (url != null) {
                    base = url.replaceAll("/$", "") + "/subscriptions/api/v1";
                }
            }
            if (base == null) {
                Thread.sleep(100);
            }
        }
        assertTrue(base != null, "the HTTP whiteboard published no endpoint");
        for (int i = 0; i < 300 && call("GET", "/health", null, null).status != 200; i++) {
            Thread.sleep(100); // the API servlet registers once all its services are up
        }
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private static Answer call(String method, String path, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? null : JSON.readTree(r.body());
        return new Answer(r.statusCode(), json, r);
    }

    private static JsonNode ok(String method, String path, String body, int expected) throws Exception {
        Answer a = call(method, path, KEY, body);
        assertEquals(expected, a.status, method + " " + path + " -> " + a.raw.body());
        return a.body;
    }

    private static void problem(String method, String path, String body, int status, String code, String field, String value)
            throws Exception {
        Answer a = call(method, path, KEY, body);
        assertEquals(status, a.status, a.raw.body());
        assertEquals("application/problem+json", a.raw.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals(code, a.body.path("code").asText(), a.raw.body());
        assertEquals(status, a.body.path("status").asInt());
        if (field != null) {
            assertEquals(field, a.body.path("field").asText(), a.raw.body());
        }
        if (value != null) {
            assertEquals(value, a.body.path("value").asText(), a.raw.body());
        }
    }

    private static JsonNode doc() throws Exception {
        return call("GET", "/openapi.json", null, null).body;
    }

    @Test
    void health_andOpenApi_needNoKey() throws Exception {
        Answer health = call("GET", "/health", null, null);
        assertEquals(200, health.status);
        assertEquals("UP", health.body.path("status").asText());
        Answer doc = call("GET", "/openapi.json", null, null);
        assertEquals(200, doc.status);
        assertTrue(doc.body.path("paths").has("/subscriptions"), "engine paths documented");
        assertTrue(doc.body.path("paths").has("/sandbox/customers"), "sandbox paths merged in");
        assertTrue(doc.body.path("paths").has("/sandbox/orders/{id}/complete"), "order paths documented");
    }

    /**
     * A customer's language may be a BCP 47 tag ({@code sk}, {@code sk-SK}) or an iDempiere code
     * ({@code sk_SK}); it is stored and answered in iDempiere's form, and anything else is refused
     * naming the field and the value, with nothing created.
     */
    @Test
    void customerLanguage_acceptsBcp47AndIdempiereForms() throws Exception {
        String[][] cases = {{"sk", "sk"}, {"sk-SK", "sk_SK"}, {"sk_SK", "sk_SK"}, {"de-at", "de_AT"}};
        for (String[] c : cases) {
            JsonNode created = ok("POST", "/sandbox/customers", "{\"name\":\"Language " + c[0] + "\",\"countryCode\":\"SK\","
                    + "\"language\":\"" + c[0] + "\"}", 201);
            assertEquals(c[1], created.path("language").asText(), c[0]);
            long id = created.path("id").asLong();
            assertEquals(List.of(c[1]), Sandbox.rows("SELECT ad_language FROM sbx_customer WHERE c_bpartner_id = ?", id), c[0]);
        }
        long before = Sandbox.count("SELECT COUNT(*) FROM sbx_customer");
        problem("POST", "/sandbox/customers", "{\"name\":\"x\",\"countryCode\":\"SK\",\"language\":\"sk-Latn-SK\"}", 400,
                "INVALID_VALUE", "language", "sk-Latn-SK");
        problem("POST", "/sandbox/customers", "{\"name\":\"x\",\"countryCode\":\"SK\",\"language\":\"slovak\"}", 400,
                "INVALID_VALUE", "language", "slovak");
        assertEquals(before, Sandbox.count("SELECT COUNT(*) FROM sbx_customer"));
    }

    /**
     * The OpenAPI document served describes exactly what is routed: every route of every
     * {@link RestRoutes} service (the engine's, the sandbox's master data and orders) and the
     * servlet's own two, and no operation that is not routed.
     */
    @Test
    void openApi_documentsExactlyTheRoutesServed() throws Exception {
        Set<String> routed = new TreeSet<>();
        for (int i = 0; i < 300 && !(routed.contains("POST /templates") && routed.contains("GET /sandbox/customers")
                && routed.contains("POST /sandbox/orders/{id}/complete")); i++) {
            routed = routesOfEveryContribution();
            Thread.sleep(i == 0 ? 0 : 100);
        }
        assertTrue(routed.contains("POST /templates") && routed.contains("GET /sandbox/customers")
                && routed.contains("POST /sandbox/orders/{id}/complete"), "every contribution registered: " + routed);
        routed.add("GET /health");
        routed.add("GET /openapi.json");
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc().path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (String method : List.of("get", "put", "post", "delete", "patch", "head", "options")) {
                if (path.getValue().has(method)) {
                    documented.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        Set<String> undocumented = new TreeSet<>(routed);
        undocumented.removeAll(documented);
        Set<String> notRouted = new TreeSet<>(documented);
        notRouted.removeAll(routed);
        assertEquals(Set.of(), undocumented, "routed but not in openapi.json");
        assertEquals(Set.of(), notRouted, "in openapi.json but not routed");
    }

    private static Set<String> routesOfEveryContribution() throws Exception {
        Set<String> routes = new TreeSet<>();
        Router recorder = new Router() {
            @Override
            public void get(String pattern, Handler handler) {
                routes.add("GET " + pattern);
            }

            @Override
            public void post(String pattern, Handler handler) {
                routes.add("POST " + pattern);
            }

            @Override
            public void delete(String pattern, Handler handler) {
                routes.add("DELETE " + pattern);
            }
        };
        for (ServiceReference<RestRoutes> ref : Sandbox.context().getServiceReferences(RestRoutes.class, null)) {
            RestRoutes r = Sandbox.context().getService(ref);
            if (r != null) {
                try {
                    r.register(recorder);
                } finally {
                    Sandbox.context().ungetService(ref);
                }
            }
        }
        return routes;
    }

    @Test
    void missingOrWrongKey_is401_andTouchesNothing() throws Exception {
        long before = Sandbox.count("SELECT COUNT(*) FROM sub_template");
        Answer none = call("POST", "/templates", null, "{\"name\":\"x\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"}}");
        assertEquals(401, none.status);
        assertTrue(none.raw.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, call("GET", "/templates", "wrong-key", null).status);
        assertEquals(before, Sandbox.count("SELECT COUNT(*) FROM sub_template"));
    }

    @Test
    void badRequests_areProblemJsonNamingFieldAndValue() throws Exception {
        problem("POST", "/templates", "{\"name\":\"x\",", 400, "INVALID_VALUE", "body", null);
        problem("POST", "/templates", "{\"name\":\"x\",\"recurrence\":{\"every\":0,\"unit\":\"MONTH\"}}", 400,
                "INVALID_VALUE", "recurrence.every", "0");
        problem("POST", "/templates", "{\"name\":\"x\",\"recurrence\":{\"every\":1,\"unit\":\"FORTNIGHT\"}}", 400,
                "INVALID_VALUE", "recurrence.unit", "FORTNIGHT");
        problem("POST", "/subscriptions", "{\"templateId\":1,\"customerId\":1,\"currency\":\"EUR\",\"startDate\":\"2026-02-30\","
                + "\"lines\":[]}", 400, "INVALID_VALUE", "startDate", "2026-02-30");
        problem("POST", "/subscriptions", "{\"templateId\":999999999,\"customerId\":1,\"currency\":\"EUR\","
                + "\"startDate\":\"2026-02-01\",\"lines\":[{\"productId\":1,\"quantity\":1}]}", 400, "UNKNOWN_REFERENCE",
                "templateId", "999999999");
        problem("POST", "/subscriptions", "{\"templateId\":1,\"customerId\":1,\"currency\":\"EUR\",\"startDate\":\"2026-02-01\","
                + "\"lines\":[{\"productId\":1,\"quantity\":\"lots\"}]}", 400, "INVALID_VALUE", "lines[0].quantity", "lots");
        problem("GET", "/subscriptions/999999999", null, 404, "NOT_FOUND", "id", "999999999");
        problem("GET", "/subscriptions/abc", null, 400, "INVALID_VALUE", "id", "abc");
        problem("GET", "/invoices", null, 400, "REQUIRED", "subscriptionId", null);
        problem("GET", "/analytics/mrr?date=yesterday", null, 400, "INVALID_VALUE", "date", "yesterday");
        problem("GET", "/no-such-thing", null, 404, "NO_ROUTE", null, null);
        problem("DELETE", "/templates", null, 405, "METHOD_NOT_ALLOWED", null, null);
        problem("POST", "/sandbox/clock", "{\"advanceDays\":0}", 400, "INVALID_VALUE", "advanceDays", "0");
        problem("POST", "/subscriptions", "{\"templateId\":1,\"customerId\":1,\"currency\":\"EUR\",\"startDate\":\"2026-02-01\","
                + "\"lines\":[{\"productId\":1,\"quantity\":1e400}]}", 400, "INVALID_VALUE", "lines[0].quantity", null);
        problem("POST", "/sandbox/customers", "{\"name\":\"Nowhere Ltd\",\"countryCode\":\"XX\"}", 400, "INVALID_VALUE",
                "countryCode", "XX");
        problem("POST", "/templates", null, 400, "REQUIRED", "body", null);
        problem("POST", "/templates", "{\"name\":\"x\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"},"
                + "\"lines\":[{\"productId\":999999999,\"quantity\":1}]}", 400, "UNKNOWN_REFERENCE", "lines[0].productId",
                "999999999");
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/templates"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, form.statusCode(), form.body());
    }

    /* A plan with default lines: the subscription created without lines starts with them. */
    @Test
    void templateDefaultLines_overHttp() throws Exception {
        JsonNode customer = ok("POST", "/sandbox/customers", "{\"name\":\"Default Lines GmbH\",\"countryCode\":\"DE\"}", 201);
        JsonNode product = ok("POST", "/sandbox/products", "{\"name\":\"Seat\",\"taxCategory\":\"STANDARD\","
                + "\"price\":\"8.00\",\"currency\":\"EUR\"}", 201);
        long productId = product.path("id").asLong();
        JsonNode plan = ok("POST", "/templates", "{\"name\":\"Seats\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"},"
                + "\"lines\":[{\"productId\":" + productId + ",\"quantity\":\"2.5\"}]}", 201);
        assertEquals(1, plan.path("lines").size(), plan.toString());
        assertEquals(productId, plan.path("lines").get(0).path("productId").asLong());
        assertEquals(1, ok("GET", "/templates/" + plan.path("id").asLong(), null, 200).path("lines").size());
        JsonNode sub = ok("POST", "/subscriptions", "{\"templateId\":" + plan.path("id").asLong() + ",\"customerId\":"
                + customer.path("id").asLong() + ",\"currency\":\"EUR\",\"startDate\":\"2030-01-01\"}", 201);
        assertEquals(1, sub.path("lines").size(), sub.toString());
        assertEquals(0, new java.math.BigDecimal("20.00").compareTo(sub.path("mrr").decimalValue()), sub.toString());
    }

    /* Listing subscriptions: by customer and status, a page at a time; bad parameters name themselves. */
    @Test
    void listSubscriptions_byCustomerAndStatus() throws Exception {
        long customer = ok("POST", "/sandbox/customers", "{\"name\":\"Lister GmbH\",\"countryCode\":\"DE\"}", 201)
                .path("id").asLong();
        long product = ok("POST", "/sandbox/products", "{\"name\":\"Listed\",\"taxCategory\":\"STANDARD\","
                + "\"price\":\"3.00\",\"currency\":\"EUR\"}", 201).path("id").asLong();
        long plan = ok("POST", "/templates", "{\"name\":\"Listed plan\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"}}", 201)
                .path("id").asLong();
        String body = "{\"templateId\":" + plan + ",\"customerId\":" + customer + ",\"currency\":\"EUR\",\"startDate\":\"2030-01-01\","
                + "\"lines\":[{\"productId\":" + product + ",\"quantity\":1}]}";
        long first = ok("POST", "/subscriptions", body, 201).path("id").asLong();
        long second = ok("POST", "/subscriptions", body, 201).path("id").asLong();
        ok("POST", "/subscriptions/" + second + "/close", "{\"reason\":\"Listed and gone\"}", 200);

        JsonNode all = ok("GET", "/subscriptions?customerId=" + customer, null, 200);
        assertEquals(2, all.size(), all.toString());
        assertEquals(first, all.get(0).path("id").asLong());
        assertEquals(1, all.get(0).path("lines").size());
        JsonNode active = ok("GET", "/subscriptions?customerId=" + customer + "&status=ACTIVE", null, 200);
        assertEquals(1, active.size(), active.toString());
        assertEquals(first, active.get(0).path("id").asLong());
        JsonNode page = ok("GET", "/subscriptions?customerId=" + customer + "&offset=1&limit=1", null, 200);
        assertEquals(second, page.get(0).path("id").asLong(), page.toString());
        problem("GET", "/subscriptions?limit=0", null, 400, "INVALID_VALUE", "limit", "0");
        problem("GET", "/subscriptions?limit=ten", null, 400, "INVALID_VALUE", "limit", "ten");
        problem("GET", "/subscriptions?status=SLEEPING", null, 400, "INVALID_VALUE", "status", "SLEEPING");
        problem("GET", "/subscriptions?customerId=x", null, 400, "INVALID_VALUE", "customerId", "x");
    }

    /* A plan aligned on a calendar day; a subscription overriding its settings keeps its own copy. */
    @Test
    void billingDayAndOverrides_overHttp() throws Exception {
        JsonNode plan = ok("POST", "/templates", "{\"name\":\"On the first\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"},"
                + "\"term\":{\"periods\":12},\"billingDay\":1}", 201);
        assertEquals(1, plan.path("billingDay").asInt(), plan.toString());
        problem("POST", "/templates", "{\"name\":\"Weekly on the first\",\"recurrence\":{\"every\":1,\"unit\":\"WEEK\"},"
                + "\"billingDay\":1}", 400, "INVALID_VALUE", "billingDay", "1");
        long customer = Sandbox.customer("DE");
        long product = Sandbox.product("30.00");
        String base = "{\"templateId\":" + plan.path("id").asLong() + ",\"customerId\":" + customer
                + ",\"currency\":\"EUR\",\"startDate\":\"2032-03-15\",\"lines\":[{\"productId\":" + product + ",\"quantity\":1}]";
        JsonNode aligned = ok("POST", "/subscriptions", base + "}", 201);
        assertEquals(1, aligned.path("billingDay").asInt(), aligned.toString());
        assertEquals(12, aligned.path("term").path("periods").asInt());
        assertEquals("2033-03-31", aligned.path("termEndDate").asText(), "twelve whole months after the short first one");
        JsonNode own = ok("POST", "/subscriptions", base + ",\"billing\":\"IN_ARREARS\",\"termPeriods\":0,\"billingDay\":0}", 201);
        assertEquals("IN_ARREARS", own.path("billing").asText(), own.toString());
        assertTrue(own.path("term").isNull(), own.toString());
        assertTrue(own.path("billingDay").isNull(), own.toString());
        assertEquals("2032-04-15", own.path("nextInvoiceDate").asText());
        problem("POST", "/subscriptions", base + ",\"termPeriods\":-1}", 400, "INVALID_VALUE", "termPeriods", "-1");
        problem("POST", "/subscriptions", base + ",\"billingDay\":\"first\"}", 400, "INVALID_VALUE", "billingDay", null);
    }

    /*
     * Pause, resume and invoice e-mails over HTTP: a plan that e-mails invoices, a pause that
     * credits the paid days (pausedOn shown), a resume, the e-mails of the invoices and the
     * sandbox's mail drop; the mail server offline and back.
     */
    @Test
    void pauseResumeAndInvoiceEmails_overHttp() throws Exception {
        LocalDate m = ChangesTest.nextMonthOf(30);
        ChangesTest.clockTo(m);
        JsonNode plan = ok("POST", "/templates", "{\"name\":\"Mailed\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"},"
                + "\"emailInvoices\":true}", 201);
        assertTrue(plan.path("emailInvoices").asBoolean(), plan.toString());
        String to = "http." + System.nanoTime() + "@example.com";
        long customer = ok("POST", "/sandbox/customers", "{\"name\":\"Mailed s.r.o.\",\"countryCode\":\"DE\",\"email\":\"" + to
                + "\"}", 201).path("id").asLong();
        long product = Sandbox.product("30.00");
        long id = ok("POST", "/subscriptions", "{\"templateId\":" + plan.path("id").asLong() + ",\"customerId\":" + customer
                + ",\"currency\":\"EUR\",\"startDate\":\"" + m + "\",\"lines\":[{\"productId\":" + product + ",\"quantity\":1}]}",
                201).path("id").asLong();
        ok("POST", "/sandbox/mail-server", "{\"offline\":true}", 200);
        ok("POST", "/billing-runs", "{\"asOf\":\"" + m + "\"}", 201);
        JsonNode waiting = ok("GET", "/invoice-mails?subscriptionId=" + id, null, 200);
        assertEquals("PENDING", waiting.get(0).path("status").asText(), waiting.toString());
        ok("POST", "/sandbox/mail-server", "{\"offline\":false}", 200);
        problem("POST", "/sandbox/mail-server", "{\"offline\":\"no\"}", 400, "INVALID_VALUE", "offline", null);

        ChangesTest.clockTo(m.plusDays(10));
        JsonNode paused = ok("POST", "/subscriptions/" + id + "/pause", null, 200);
        assertEquals("PAUSED", paused.path("status").asText());
        assertEquals(m.plusDays(10).toString(), paused.path("pausedOn").asText(), paused.toString());
        assertEquals(2, ok("POST", "/invoice-mails/send", null, 200).path("sent").asInt(), "the period invoice and the credit");
        JsonNode invoices = ok("GET", "/invoices?subscriptionId=" + id, null, 200);
        assertEquals(0, new java.math.BigDecimal("-20.00").compareTo(invoices.get(1).path("totalLines").decimalValue()),
                invoices.toString());
        JsonNode resumed = ok("POST", "/subscriptions/" + id + "/resume", null, 200);
        assertTrue(resumed.path("pausedOn").isNull(), resumed.toString());
        assertEquals(1, ok("POST", "/invoice-mails/send", null, 200).path("sent").asInt(), "the resume's charge");
        JsonNode drop = ok("GET", "/sandbox/mails", null, 200);
        int mine = 0;
        for (JsonNode mail : drop) {
            if (mail.path("to").asText().equals(to)) {
                mine++;
                assertEquals("application/pdf", mail.path("attachment").path("type").asText(), mail.toString());
            }
        }
        assertEquals(3, mine, "period invoice, pause credit, resume charge");
    }

    /* A change dated after the clock's today is pending; the run on its day applies it. */
    @Test
    void changes_overHttp() throws Exception {
        LocalDate m = ChangesTest.nextMonthOf(31);
        ChangesTest.clockTo(m);
        JsonNode plan = ok("POST", "/templates", "{\"name\":\"Changes\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"},"
                + "\"changeTiming\":\"IMMEDIATE\"}", 201);
        assertEquals("IMMEDIATE", plan.path("changeTiming").asText());
        long product = Sandbox.product("31.00");
        JsonNode sub = ok("POST", "/subscriptions", "{\"templateId\":" + plan.path("id").asLong() + ",\"customerId\":"
                + Sandbox.customer("DE") + ",\"currency\":\"EUR\",\"startDate\":\"" + m + "\",\"lines\":[{\"productId\":"
                + product + ",\"quantity\":1}]}", 201);
        org.idempiere.subscription.api.service.BillingScope scope = new org.idempiere.subscription.api.service.BillingScope(
                java.util.Optional.of(plan.path("id").asLong()), java.util.Optional.empty());
        Sandbox.service(org.idempiere.subscription.api.service.BillingService.class).run(m, scope);
        String path = "/subscriptions/" + sub.path("id").asLong() + "/changes";
        long lineId = sub.path("lines").get(0).path("id").asLong();
        LocalDate day11 = m.plusDays(10);
        problem("POST", path, "{\"effectiveDate\":\"" + day11 + "\",\"lines\":[{\"action\":\"GROW\",\"lineId\":" + lineId + "}]}",
                400, "INVALID_VALUE", "lines[0].action", "GROW");
        problem("POST", path, "{\"effectiveDate\":\"" + day11 + "\",\"lines\":[{\"action\":\"REMOVE\",\"lineId\":" + lineId + "}]}",
                400, "INVALID_VALUE", "lines", null);
        JsonNode change = ok("POST", path, "{\"effectiveDate\":\"" + day11 + "\",\"lines\":[{\"action\":\"UPDATE\",\"lineId\":"
                + lineId + ",\"quantity\":2},{\"action\":\"ADD\",\"productId\":" + product + ",\"quantity\":1,\"setupFee\":true}]}", 201);
        assertEquals("PENDING", change.path("status").asText(), change.toString());
        assertEquals(day11.toString(), change.path("effectiveDate").asText());
        ChangesTest.clockTo(day11);
        Sandbox.service(org.idempiere.subscription.api.service.BillingService.class).run(day11, scope);
        JsonNode changes = ok("GET", path, null, 200);
        assertEquals(1, changes.size());
        assertEquals("APPLIED", changes.get(0).path("status").asText(), changes.toString());
        // the month billed 1 x 31.00; from day 11, 21 of 31 days: credit 21.00, charge 2 x 21.00, setup fee 31.00
        assertEquals(0, new java.math.BigDecimal("52.00").compareTo(changes.get(0).path("adjustmentNet").decimalValue()),
                changes.toString());
        JsonNode after = ok("GET", "/subscriptions/" + sub.path("id").asLong(), null, 200);
        assertEquals(day11.minusDays(1).toString(), after.path("lines").get(0).path("validTo").asText(), after.toString());
        JsonNode pending = ok("POST", path, "{\"effectiveDate\":\"" + day11.plusDays(5) + "\",\"lines\":[{\"action\":\"ADD\","
                + "\"productId\":" + product + ",\"quantity\":1}]}", 201);
        JsonNode cancelled = ok("POST", path + "/" + pending.path("id").asLong() + "/cancel", null, 200);
        assertEquals("CANCELLED", cancelled.path("status").asText(), cancelled.toString());
        problem("POST", path + "/" + pending.path("id").asLong() + "/cancel", null, 409, "INVALID_STATE", "status", "CANCELLED");
        assertEquals(day11.toString(), after.path("lines").get(1).path("validFrom").asText());
    }

    /* A draft entered in the host's window (written here by SQL) is activated over HTTP, once. */
    @Test
    void activateDraft_overHttp() throws Exception {
        JsonNode plan = ok("POST", "/templates", "{\"name\":\"Drafts\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"}}", 201);
        long product = Sandbox.product("12.50");
        long draft = DraftActivationTest.draft(plan.path("id").asLong(), Sandbox.customer("DE"), "EUR",
                java.time.LocalDate.parse("2031-02-01"), "0",
                List.of(new DraftActivationTest.WindowLine(product, "2", DraftActivationTest.uom(product), null)));
        assertEquals("DRAFT", ok("GET", "/subscriptions/" + draft, null, 200).path("status").asText());
        JsonNode active = ok("POST", "/subscriptions/" + draft + "/activate", null, 200);
        assertEquals("ACTIVE", active.path("status").asText(), active.toString());
        assertEquals(0, new java.math.BigDecimal("25.00").compareTo(active.path("mrr").decimalValue()), active.toString());
        assertEquals("2031-02-01", active.path("nextInvoiceDate").asText());
        problem("POST", "/subscriptions/" + draft + "/activate", null, 409, "INVALID_STATE", "status", "ACTIVE");
        problem("POST", "/subscriptions/999999999/activate", null, 404, "NOT_FOUND", null, null);
    }

    /*
     * The flow a new user follows: master data, a template, a subscription, the clock moved one
     * month, billing run twice. Customer in Czechia (21 %): 3 x 12.34 = 37.02 net, tax 7.77,
     * total 44.79 per invoice; monthly from today gives two invoices after 31 days.
     */
    @Test
    void newUserFlow_billsThroughTheTestClock() throws Exception {
        JsonNode customer = ok("POST", "/sandbox/customers", "{\"name\":\"Brno Labs s.r.o.\",\"email\":\"it@brno.example\","
                + "\"countryCode\":\"CZ\",\"language\":\"cs_CZ\"}", 201);
        JsonNode product = ok("POST", "/sandbox/products", "{\"name\":\"API calls pack\",\"taxCategory\":\"STANDARD\","
                + "\"price\":\"12.34\",\"currency\":\"EUR\"}", 201);
        JsonNode template = ok("POST", "/templates", "{\"name\":\"Monthly\",\"recurrence\":{\"every\":1,\"unit\":\"MONTH\"},"
                + "\"billing\":\"IN_ADVANCE\"}", 201);
        LocalDate today = LocalDate.parse(ok("GET", "/sandbox/clock", null, 200).path("today").asText());
        JsonNode sub = ok("POST", "/subscriptions", "{\"templateId\":" + template.path("id").asLong() + ",\"customerId\":"
                + customer.path("id").asLong() + ",\"currency\":\"EUR\",\"description\":\"API for Brno\",\"startDate\":\"" + today
                + "\",\"lines\":[{\"productId\":"
                + product.path("id").asLong() + ",\"quantity\":3}]}", 201);
        assertEquals("ACTIVE", sub.path("status").asText());
        problem("GET", "/invoices?subscriptionId=999999999", null, 404, "NOT_FOUND", "subscriptionId", "999999999");
        assertEquals("37.02", sub.path("mrr").decimalValue().toPlainString());
        assertEquals("API for Brno", sub.path("description").asText());
        long id = sub.path("id").asLong();

        JsonNode next = ok("GET", "/subscriptions/" + id + "/next-invoice", null, 200);
        assertEquals(today.toString(), next.path("dateInvoiced").asText());
        assertEquals(0, new java.math.BigDecimal("44.79").compareTo(next.path("estimatedTotal").decimalValue()), next.toString());
        JsonNode forecast = ok("POST", "/billing-runs/dry-run", "{\"asOf\":\"" + today.plusDays(31) + "\"}", 200);
        assertTrue(forecast.path("invoicesPlanned").asInt() >= 2, forecast.toString());
        assertTrue(doc().path("paths").has("/billing-runs/dry-run"));

        JsonNode clock = ok("POST", "/sandbox/clock", "{\"advanceDays\":31}", 200);
        assertEquals(today.plusDays(31).toString(), clock.path("today").asText());
        JsonNode run1 = ok("POST", "/billing-runs", null, 201); // no body: as of the clock's today
        assertEquals(today.plusDays(31).toString(), run1.path("asOf").asText());
        JsonNode run2 = ok("POST", "/billing-runs", "{}", 201);
        assertTrue(run1.path("invoicesCreated").asInt() >= 2);

        JsonNode invoices = ok("GET", "/invoices?subscriptionId=" + id, null, 200);
        assertEquals(2, invoices.size(), invoices.toString());
        for (JsonNode inv : invoices) {
            assertEquals("37.02", inv.path("totalLines").decimalValue().toPlainString());
            assertEquals("7.77", inv.path("totalTax").decimalValue().toPlainString());
            assertEquals("44.79", inv.path("grandTotal").decimalValue().toPlainString());
            assertEquals("EUR", inv.path("currency").asText());
        }
        assertEquals(today.toString(), invoices.get(0).path("lines").get(0).path("periodStart").asText());

        // The invoice as a PDF: a well-formed document whose cross-reference points at its table.
        HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/invoices/"
                + invoices.get(0).path("id").asLong() + "/pdf")).header("Authorization", "Bearer " + KEY).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        String text = new String(pdf.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("%PDF-1.4") && text.endsWith("%%EOF\n"), "a PDF document");
        assertTrue(text.contains("(Invoice " + invoices.get(0).path("documentNo").asText() + ") Tj"), "the document number");
        assertTrue(text.contains("Grand total: 44.79 EUR"), "the total");
        int startxref = Integer.parseInt(text.substring(text.lastIndexOf("startxref") + 10, text.lastIndexOf("%%EOF")).strip());
        assertTrue(text.startsWith("xref", startxref), "startxref points at the cross-reference table");
        problem("GET", "/invoices/999999999/pdf", null, 404, "NOT_FOUND", "id", "999999999");
        assertEquals(today.plusMonths(1).toString(), invoices.get(1).path("lines").get(0).path("periodStart").asText());
        for (JsonNode invId : run2.path("invoiceIds")) {
            for (JsonNode inv : invoices) {
                assertTrue(invId.asLong() != inv.path("id").asLong(), "second run billed this subscription again");
            }
        }

        JsonNode mrr = ok("GET", "/analytics/mrr?date=" + today + "&currency=EUR", null, 200);
        assertTrue(mrr.path("mrr").decimalValue().compareTo(new java.math.BigDecimal("37.02")) >= 0);
        JsonNode closed = ok("POST", "/subscriptions/" + id + "/close", "{\"reason\":\"Too expensive\"}", 200);
        assertEquals("CLOSED", closed.path("status").asText());
        problem("POST", "/subscriptions/" + id + "/close", "{\"reason\":\"again\"}", 409, "INVALID_STATE", "status", null);
    }

    /* A quotation accepted through the sandbox API becomes a contract, once; voided, it is cancelled. */
    @Test
    void acceptingAQuote_createsTheContractOnce() throws Exception {
        JsonNode plan = ok("POST", "/templates", "{\"name\":\"Quarterly\",\"recurrence\":{\"every\":3,\"unit\":\"MONTH\"}}", 201);
        JsonNode product = ok("POST", "/sandbox/products", "{\"name\":\"Backup 1 TB\",\"taxCategory\":\"STANDARD\","
                + "\"price\":\"45.00\",\"currency\":\"EUR\",\"subscriptionTemplateId\":" + plan.path("id").asLong() + "}", 201);
        assertEquals(plan.path("id").asLong(), product.path("subscriptionTemplateId").asLong());
        JsonNode customer = ok("POST", "/sandbox/customers", "{\"name\":\"Kosice Data a.s.\",\"countryCode\":\"SK\"}", 201);
        JsonNode rep = ok("POST", "/sandbox/sales-reps", "{\"name\":\"Jana Predajna\"}", 201);
        JsonNode order = ok("POST", "/sandbox/orders", "{\"customerId\":" + customer.path("id").asLong() + ",\"currency\":\"EUR\","
                + "\"datePromised\":\"2035-01-01\",\"dateOrdered\":\"2034-12-15\",\"salesRepId\":" + rep.path("id").asLong()
                + ",\"lines\":[{\"productId\":" + product.path("id").asLong() + ",\"quantity\":2,\"discountPercent\":10}]}", 201);
        assertEquals("DR", order.path("docStatus").asText());
        long orderId = order.path("id").asLong();

        JsonNode completed = ok("POST", "/sandbox/orders/" + orderId + "/complete", null, 200);
        assertEquals("CO", completed.path("docStatus").asText());
        JsonNode sub = completed.path("subscriptions").get(0);
        assertEquals(1, completed.path("subscriptions").size());
        assertEquals("2035-01-01", sub.path("startDate").asText());
        assertEquals(orderId, sub.path("orderId").asLong());
        assertEquals(rep.path("id").asLong(), sub.path("salesRepId").asLong());
        assertEquals(customer.path("contactUserId").asLong(), sub.path("contactUserId").asLong());
        assertEquals(0, new java.math.BigDecimal("27.00").compareTo(sub.path("mrr").decimalValue()),
                sub.toString()); // 2 x 40.50 a quarter / 3
        JsonNode again = ok("POST", "/sandbox/orders/" + orderId + "/complete", null, 200);
        assertEquals(sub.path("id").asLong(), again.path("subscriptions").get(0).path("id").asLong());
        assertEquals(1, again.path("subscriptions").size());

        JsonNode voided = ok("POST", "/sandbox/orders/" + orderId + "/void", null, 200);
        assertEquals("VO", voided.path("docStatus").asText());
        assertEquals("CLOSED", voided.path("subscriptions").get(0).path("status").asText());
        problem("POST", "/sandbox/orders/" + orderId + "/reactivate", null, 409, "INVALID_STATE", "docStatus", "VO");
        problem("POST", "/sandbox/orders", "{\"customerId\":" + customer.path("id").asLong() + ",\"currency\":\"EUR\","
                + "\"lines\":[{\"productId\":" + product.path("id").asLong() + ",\"quantity\":-1}]}", 400, "INVALID_VALUE",
                "lines[0].quantity", "-1");
        problem("POST", "/sandbox/orders/999999999/complete", null, 404, "NOT_FOUND", "id", "999999999");
    }
}
