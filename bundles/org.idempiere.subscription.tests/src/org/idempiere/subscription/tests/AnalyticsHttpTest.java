package org.idempiere.subscription.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The analytics routes over real HTTP: bad input is a 400 problem naming the field and the value, and every
 * table comes as CSV too, row for row what the JSON holds.
 */
class AnalyticsHttpTest {
    private static final String RANGE = "from=2024-01-01&to=2025-12-31";

    private static void problem(String path, String field, String value) throws Exception {
        Api.Answer a = Api.call("GET", path, null);
        assertEquals(400, a.status(), path + " " + a.text());
        assertEquals("application/problem+json", a.raw().headers().firstValue("Content-Type").orElse("").split(";")[0], a.text());
        assertEquals(field, a.body().path("field").asText(), a.text());
        if (value != null) {
            assertEquals(value, a.body().path("value").asText(), a.text());
        }
    }

    @Test
    void badInput_isA400NamingTheFieldAndTheValue() throws Exception {
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
    }

    private static HttpResponse<String> csv(String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(Api.root() + "/subscriptions/api/v1" + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Api.KEY).GET().build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyTable_isAlsoCsv_rowForRow() throws Exception {
        for (String[] t : new String[][] {{"/analytics/mrr-series", "periods", "start,end,mrrStart,newBusiness"},
                {"/analytics/kpis", "periods", "start,end,customersStart"}, {"/analytics/cohorts", "cohorts", "cohort,customers,index"},
                {"/analytics/breakdown", "groups", "key,label,mrrStart"}, {"/analytics/entries", "entries", "entryId,subscriptionId"},
                {"/analytics/churn", "byAge", "by,key,label"}}) {
            String query = "?" + RANGE + (t[0].endsWith("breakdown") ? "&by=CURRENCY" : "");
            Api.Answer json = Api.call("GET", t[0] + query, null);
            assertEquals(200, json.status(), t[0] + " " + json.text());
            for (String path : List.of(t[0] + query + "&format=csv", t[0] + ".csv" + query)) {
                HttpResponse<String> c = csv(path);
                assertEquals(200, c.statusCode(), path + " " + c.body());
                assertTrue(c.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), path);
                List<String> lines = c.body().lines().toList();
                assertTrue(lines.get(0).startsWith(t[2]), path + ": " + lines.get(0));
                long rows = json.body().path(t[1]).size();
                if (t[0].endsWith("kpis")) {
                    rows++; // the whole range as the last row
                } else if (t[0].endsWith("cohorts")) {
                    rows = 0;
                    for (var cohort : json.body().path("cohorts")) {
                        rows += cohort.path("cells").size();
                    }
                } else if (t[0].endsWith("churn")) {
                    rows = json.body().path("byReason").size() + json.body().path("byPlan").size() + json.body().path("byAge").size();
                }
                assertEquals(rows, lines.size() - 1, path + "\n" + c.body());
            }
        }
        Api.Answer refresh = Api.call("POST", "/analytics/refresh", null);
        assertEquals(200, refresh.status(), refresh.text());
        assertEquals(0, refresh.body().path("customers").asInt(), "a read refreshed everything already: " + refresh.text());
    }
}
