package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.customer;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.ApiKeyService;
import org.idempiere.subscription.api.service.CloseReason;
import org.idempiere.subscription.api.service.CloseReasonService;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.junit.jupiter.api.Test;

/**
 * The analytics routes over real HTTP: bad input is a 400 problem naming the field and the value, with nothing
 * written; every table comes as CSV too, cell for cell what the JSON holds.
 */
class AnalyticsHttpTest {
    private static final String RANGE = "from=2024-01-01&to=2025-12-31";

    static void problem(String path, String field, String value) throws Exception {
        Api.Answer a = Api.call("GET", path, null);
        assertEquals(400, a.status(), path + " " + a.text());
        assertEquals("application/problem+json", a.raw().headers().firstValue("Content-Type").orElse("").split(";")[0], a.text());
        assertEquals(field, a.body().path("field").asText(), a.text());
        if (value != null) {
            assertEquals(value, a.body().path("value").asText(), a.text());
        }
    }

    @Test
    void badInput_isA400NamingTheFieldAndTheValue_andWritesNothing() throws Exception {
        long othersReason = AnalyticsWorld.create().as(() -> service(CloseReasonService.class).create(unique("Another tenant's reason"),
                Optional.empty())).id();
        Sandbox.pendingRefresh(); // a read that refreshed before refusing would take it
        Map<String, String> before = Sandbox.contents(Sandbox.READ_PATH_TABLES);
        problem("/analytics/mrr-series?from=2024-01-01&to=2124-01-01", "to", "2124-01-01");
        problem("/analytics/mrr-series?from=2024-01-01&to=2023-12-31", "to", "2023-12-31");
        problem("/analytics/kpis?" + RANGE + "&granularity=FORTNIGHT", "granularity", "FORTNIGHT");
        problem("/analytics/kpis?" + RANGE + "&grossMargin=2", "grossMargin", "2");
        problem("/analytics/breakdown?" + RANGE + "&by=PLAN&templateId=999999999", "templateId", "999999999");
        problem("/analytics/breakdown?" + RANGE + "&by=COLOUR", "by", "COLOUR");
        problem("/analytics/mrr-series?" + RANGE + "&currency=XYZ", "currency", "XYZ");
        problem("/analytics/mrr-series?" + RANGE + "&reportingCurrency=QQQ", "reportingCurrency", "QQQ");
        problem("/analytics/cohorts?" + RANGE + "&granularity=WEEK", "granularity", "WEEK");
        problem("/analytics/entries?" + RANGE + "&limit=5000", "limit", "5000");
        problem("/analytics/entries?" + RANGE + "&type=UPSELL", "type", "UPSELL");
        problem("/analytics/entries?" + RANGE + "&type=CHURN,UPSELL", "type", "UPSELL");
        problem("/analytics/entries?" + RANGE + "&type=CHURN,", "type", "CHURN,");
        problem("/analytics/entries?" + RANGE + "&closeReasonId=999999999", "closeReasonId", "999999999");
        problem("/analytics/entries.csv?" + RANGE + "&closeReasonId=" + othersReason, "closeReasonId", String.valueOf(othersReason));
        problem("/analytics/entries?" + RANGE + "&closeReasonId=-1", "closeReasonId", "-1");
        problem("/analytics/churn.csv?from=2024-01-01", "to", "");
        problem("/analytics/mrr-series?" + RANGE + "&format=xml", "format", "xml");
        problem("/analytics/mrr-series?" + RANGE + "&productId=999999999", "productId", "999999999");
        problem("/analytics/kpis?" + RANGE + "&productId=0", "productId", "0");
        problem("/analytics/kpis?" + RANGE + "&country=XX", "country", "XX");
        problem("/analytics/breakdown?" + RANGE + "&by=PLAN&region=ZZ/Nowhere", "region", "ZZ/Nowhere");
        problem("/analytics/breakdown?" + RANGE + "&by=COUNTRY&region=SK/Nowhere%20at%20all", "region", "SK/Nowhere at all");
        problem("/analytics/entries?" + RANGE + "&salesRepId=999999999", "salesRepId", "999999999");
        problem("/analytics/cohorts?" + RANGE + "&country=SK", "country", "SK");
        problem("/analytics/churn?" + RANGE + "&productId=" + Sandbox.product("1.00"), "productId", null);
        assertEquals(before, Sandbox.contents(Sandbox.READ_PATH_TABLES), "nothing written");
        assertEquals(200, Api.call("GET", "/analytics/entries?" + RANGE + "&closeReasonId=0", null).status(), "0: no reason given");
    }

    /* Several movement types: the entries of each, together. */
    @Test
    void entries_ofSeveralTypes_areTheEntriesOfEachType() throws Exception {
        LocalDate today = service(HostContext.class).today();
        String range = "from=" + today.minusYears(9) + "&to=" + today + "&limit=1000";
        Api.Answer both = Api.call("GET", "/analytics/entries?" + range + "&type=CHURN,CONTRACTION", null);
        assertEquals(200, both.status(), both.text());
        List<String> expected = new ArrayList<>();
        for (String type : List.of("CHURN", "CONTRACTION")) {
            Api.Answer one = Api.call("GET", "/analytics/entries?" + range + "&type=" + type, null);
            one.body().path("entries").forEach(e -> expected.add(e.path("entryId").asText()));
        }
        List<String> got = new ArrayList<>();
        both.body().path("entries").forEach(e -> got.add(e.path("entryId").asText()));
        expected.sort(null);
        got.sort(null);
        assertEquals(expected, got);
        assertTrue(got.size() < 1000, "the test database has fewer: " + got.size());
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(Api.root() + "/subscriptions/api/v1" + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).GET().build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    /*
     * On the hand-computed scenario (a tenant of its own: every movement type, churn with and without reasons, two
     * currencies converted): every table's CSV has the JSON's rows, in its order, and every cell is the JSON's value.
     */
    @Test
    void everyTable_isAlsoCsv_cellForCell() throws Exception {
        AnalyticsScenarioTest.ledger();
        String key = AnalyticsScenarioTest.w.as(() -> service(ApiKeyService.class).create(unique("CSV cells"), Optional.empty())).secret();
        String range = "from=2024-01-01&to=2025-06-30";
        for (String[] t : new String[][] {{"/analytics/mrr-series", ""}, {"/analytics/kpis", "&granularity=QUARTER"},
                {"/analytics/cohorts", ""}, {"/analytics/breakdown", "&by=CURRENCY"}, {"/analytics/breakdown", "&by=PLAN"},
                {"/analytics/entries", "&limit=1000"}, {"/analytics/entries", "&type=CHURN&closeReasonId=" + AnalyticsScenarioTest.tooExpensive},
                {"/analytics/churn", ""}}) {
            assertCsvIsJson(t[0], "?" + range + t[1], key);
        }
        HttpResponse<String> refresh = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Api.root()
                + "/subscriptions/api/v1/analytics/refresh")).header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, refresh.statusCode(), refresh.body());
        assertEquals(0, Api.JSON.readTree(refresh.body()).path("customers").asInt(), "a read refreshed everything already: " + refresh.body());
    }

    /* A reason and a comment that need quoting (a comma, quotes) come back whole from the CSV. */
    @Test
    void entriesCsv_quotesAReasonWithCommasAndQuotes() throws Exception {
        LocalDate today = service(HostContext.class).today();
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("CSV plan"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE)).id();
        Subscription s = service(SubscriptionService.class).create(new SubscriptionDraft(plan, customer("SK"), "EUR", today,
                Optional.empty(), List.of(new LineDraft(product("12.50"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
        CloseReason reason = service(CloseReasonService.class).create(unique("Too slow, \"really\""), Optional.empty());
        service(SubscriptionService.class).close(s.id(), reason.id(), Optional.of("said \"bye\", then left"));
        String query = "?from=" + today + "&to=" + today + "&type=CHURN&closeReasonId=" + reason.id();
        assertCsvIsJson("/analytics/entries", query, Api.KEY);
        List<Map<String, String>> rows = parseCsv(get("/analytics/entries.csv" + query, Api.KEY).body(), "entries");
        assertEquals(List.of(reason.name() + ": said \"bye\", then left"), rows.stream().map(r -> r.get("closeReason")).toList());
    }

    /** Both CSV forms of a table ({@code ?format=csv} and {@code .csv}): the JSON's rows in its order, every cell its value. */
    private static void assertCsvIsJson(String route, String query, String key) throws Exception {
        HttpResponse<String> answer = get(route + query, key);
        assertEquals(200, answer.statusCode(), route + query + " " + answer.body());
        List<Map<String, JsonNode>> expected = jsonRows(route, Api.JSON.readTree(answer.body()));
        assertTrue(!expected.isEmpty(), route + query + ": rows to compare");
        for (String path : List.of(route + query + "&format=csv", route + ".csv" + query)) {
            HttpResponse<String> c = get(path, key);
            assertEquals(200, c.statusCode(), path + " " + c.body());
            assertTrue(c.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), path);
            List<Map<String, String>> rows = parseCsv(c.body(), path);
            assertEquals(expected.size(), rows.size(), path + "\n" + c.body());
            for (int i = 0; i < rows.size(); i++) {
                for (Map.Entry<String, String> cell : rows.get(i).entrySet()) {
                    assertCell(path + " row " + (i + 1) + " column " + cell.getKey(), expected.get(i).get(cell.getKey()), cell.getValue());
                }
            }
        }
    }

    /** The rows a table's CSV has, from its JSON: each row's fields with its nested objects' fields beside them. */
    private static List<Map<String, JsonNode>> jsonRows(String route, JsonNode body) {
        List<Map<String, JsonNode>> out = new ArrayList<>();
        switch (route) {
            case "/analytics/mrr-series" -> body.path("periods").forEach(p -> out.add(flat(p)));
            case "/analytics/kpis" -> {
                body.path("periods").forEach(p -> out.add(flat(p)));
                out.add(flat(body.path("total"))); // the whole range as the last row
            }
            case "/analytics/cohorts" -> body.path("cohorts").forEach(c -> c.path("cells").forEach(cell -> {
                Map<String, JsonNode> row = flat(cell);
                row.put("cohort", c.path("start"));
                row.put("customers", c.path("customers"));
                out.add(row);
            }));
            case "/analytics/breakdown" -> body.path("groups").forEach(g -> out.add(flat(g)));
            case "/analytics/entries" -> body.path("entries").forEach(e -> out.add(flat(e)));
            case "/analytics/churn" -> {
                for (String by : List.of("Reason", "Plan", "Age")) {
                    body.path("by" + by).forEach(g -> {
                        Map<String, JsonNode> row = flat(g);
                        row.put("by", Api.JSON.<JsonNode>valueToTree(by.toLowerCase(java.util.Locale.ROOT)));
                        out.add(row);
                    });
                }
            }
            default -> throw new IllegalArgumentException(route);
        }
        return out;
    }

    /** An object's own values, then those of the objects inside it where the name is not taken (a period's movements). */
    private static Map<String, JsonNode> flat(JsonNode o) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> {
            if (!e.getValue().isObject()) {
                out.put(e.getKey(), e.getValue());
            }
        });
        o.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                flat(e.getValue()).forEach(out::putIfAbsent);
            }
        });
        return out;
    }

    private static void assertCell(String where, JsonNode json, String cell) {
        assertNotNull(json, where + ": not in the JSON");
        if (json.isNull()) {
            assertEquals("", cell, where);
        } else if (json.isNumber()) {
            assertEquals(0, json.decimalValue().compareTo(new BigDecimal(cell)), where + ": JSON " + json + ", CSV " + cell);
        } else {
            assertEquals(json.asText(), cell, where);
        }
    }

    /** The CSV's rows as header → cell, quotes removed (a quoted cell may hold commas and doubled quotes). */
    private static List<Map<String, String>> parseCsv(String body, String what) {
        assertTrue(body.endsWith("\r\n"), what + ": lines end with CRLF");
        List<List<String>> lines = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\r' && i + 1 < body.length() && body.charAt(i + 1) == '\n') {
                cells.add(cell.toString());
                cell.setLength(0);
                lines.add(cells);
                cells = new ArrayList<>();
                i++;
            } else {
                cell.append(ch);
            }
        }
        List<String> header = lines.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            assertEquals(header.size(), line.size(), what + ": " + line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), line.get(i));
            }
            out.add(row);
        }
        return out;
    }
}
