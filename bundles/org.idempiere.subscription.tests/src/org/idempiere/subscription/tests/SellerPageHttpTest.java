package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.d;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.service.AnalyticsGroup;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.ApiKeyService;
import org.idempiere.subscription.api.service.Breakdown;
import org.idempiere.subscription.api.service.ChurnAnalysis;
import org.idempiere.subscription.api.service.CohortTable;
import org.idempiere.subscription.api.service.DrillDown;
import org.idempiere.subscription.api.service.ForecastService;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.KpiPanel;
import org.idempiere.subscription.api.service.Kpis;
import org.idempiere.subscription.api.service.MrrPeriod;
import org.idempiere.subscription.api.service.MrrSeries;
import org.idempiere.subscription.api.service.RevenueMonth;
import org.idempiere.subscription.api.service.RevenueService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seller's analytics page over real HTTP, on the hand-computed analytics scenario (its own tenant, signed in
 * with that tenant's API key): sign-in, session, CSRF and refusals; every part of the page rendered, its figures
 * those of the engine for the same query; bad filters a 400 page naming the field; every CSV link the API's CSV.
 */
class SellerPageHttpTest {
    static final String RANGE = "from=2024-01-01&to=2025-06-30&granularity=MONTH";
    static final AnalyticsQuery QUERY = AnalyticsQuery.of(d("2024-01-01"), d("2025-06-30"), Granularity.MONTH);
    static String server;
    static String seller;
    static String tenantKey;
    static AnalyticsWorld world;
    static long tooExpensive;

    @BeforeAll
    static void scenario() throws Exception {
        server = PortalClient.server();
        seller = server + "/subscriptions/seller";
        AnalyticsScenarioTest.ledger();
        world = AnalyticsScenarioTest.w;
        tooExpensive = AnalyticsScenarioTest.tooExpensive;
        tenantKey = world.as(() -> service(ApiKeyService.class).create(unique("Seller page"), Optional.empty())).secret();
    }

    static <T> T asTenant(java.util.function.Supplier<T> work) {
        return world.as(work);
    }

    /** The sign-in form's cookie and token, as a browser gets them. */
    record Form(Map<String, String> cookies, String csrf) {
    }

    static Form signInForm() throws Exception {
        HttpResponse<String> r = PortalClient.get(seller + "/sign-in", Map.of());
        assertEquals(200, r.statusCode(), r.body());
        String set = PortalClient.setCookie(r, "sub_seller_form").orElseThrow();
        assertTrue(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/subscriptions/seller"), set);
        Map<String, String> cookies = new HashMap<>(Map.of("sub_seller_form", PortalClient.cookieValue(set)));
        return new Form(cookies, hidden(r.body(), "_csrf"));
    }

    static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "no " + name + " in\n" + html);
        return m.group(1);
    }

    /** Signs in with a key. @return the session cookie's value */
    static String signIn(String key) throws Exception {
        Form f = signInForm();
        HttpResponse<String> r = PortalClient.post(seller + "/sign-in", f.cookies(), Map.of("_csrf", f.csrf(), "key", key));
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/subscriptions/seller/analytics", r.headers().firstValue("Location").orElse(""));
        String set = PortalClient.setCookie(r, "sub_seller").orElseThrow();
        assertTrue(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/subscriptions/seller"), set);
        assertFalse(set.contains(key), "the key is not the cookie");
        return PortalClient.cookieValue(set);
    }

    static HttpResponse<String> page(String session, String pathAndQuery) throws Exception {
        return PortalClient.get(seller + pathAndQuery, Map.of("sub_seller", session));
    }

    /** {@code €1,234.56}, {@code -€12.00}: the page's English amounts in euros. */
    static String eur(BigDecimal v) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        BigDecimal r = v.setScale(2, RoundingMode.HALF_UP);
        return (r.signum() < 0 ? "-" : "") + "€" + f.format(r.abs());
    }

    static String percent(BigDecimal fraction) {
        return new DecimalFormat("0.00", DecimalFormatSymbols.getInstance(Locale.ROOT))
                .format(fraction.movePointRight(2).setScale(2, RoundingMode.HALF_UP)) + "%";
    }

    /** @return the rows ({@code <tr>…</tr>}) of the table's body */
    static List<String> rows(String html, String tableId) {
        int start = html.indexOf("id=\"" + tableId + "\"");
        assertTrue(start > 0, "no table " + tableId);
        String table = html.substring(start, html.indexOf("</table>", start));
        String body = table.substring(table.indexOf("<tbody>"));
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(body);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String block(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertTrue(start > 0, "no " + id);
        return html.substring(start, html.indexOf("</div>", start));
    }

    static void assertSecurityHeaders(HttpResponse<?> r) {
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), csp);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
    }

    @Test
    void withoutASession_everyPageIsTheSignInPage() throws Exception {
        for (String path : List.of("/analytics?" + RANGE, "/analytics/entries?" + RANGE, "/revenue/items?month=2024-03",
                "/csv/analytics/kpis.csv?" + RANGE, "/")) {
            HttpResponse<String> r = PortalClient.get(seller + path, Map.of());
            assertEquals(303, r.statusCode(), path);
            assertEquals("/subscriptions/seller/sign-in", r.headers().firstValue("Location").orElse(""), path);
            assertSecurityHeaders(r);
        }
        HttpResponse<String> forged = PortalClient.get(seller + "/analytics", Map.of("sub_seller", "A".repeat(43)));
        assertEquals(303, forged.statusCode(), "an unknown session token opens nothing");
        HttpResponse<String> signIn = PortalClient.get(seller + "/sign-in", Map.of());
        assertEquals(200, signIn.statusCode());
        assertSecurityHeaders(signIn);
        assertTrue(signIn.body().contains("type=\"password\""), "the key is typed into a password field");
        assertTrue(signIn.body().contains("method=\"post\" action=\"/subscriptions/seller/sign-in\""), "and posted, never in an address");
    }

    @Test
    void aWrongKey_isRefused_withNoSession() throws Exception {
        for (String key : List.of("sk_" + "x".repeat(43), "it-secret-key-not", "x".repeat(600))) {
            Form f = signInForm();
            HttpResponse<String> r = PortalClient.post(seller + "/sign-in", f.cookies(), Map.of("_csrf", f.csrf(), "key", key));
            assertEquals(401, r.statusCode(), key);
            assertTrue(r.body().contains("This key is not valid, has expired or was revoked."), r.body());
            assertEquals(Optional.empty(), PortalClient.setCookie(r, "sub_seller"));
            assertFalse(r.body().contains(key.substring(0, Math.min(20, key.length()))), "the key is not shown back");
        }
        Form f = signInForm();
        HttpResponse<String> empty = PortalClient.post(seller + "/sign-in", f.cookies(), Map.of("_csrf", f.csrf(), "key", " "));
        assertEquals(400, empty.statusCode());
    }

    @Test
    void forms_withoutTheirCsrfToken_doNothing() throws Exception {
        Form f = signInForm();
        HttpResponse<String> none = PortalClient.post(seller + "/sign-in", f.cookies(), Map.of("key", tenantKey));
        assertEquals(403, none.statusCode());
        assertEquals(Optional.empty(), PortalClient.setCookie(none, "sub_seller"));
        HttpResponse<String> other = PortalClient.post(seller + "/sign-in", f.cookies(), Map.of("_csrf", f.csrf() + "x", "key", tenantKey));
        assertEquals(403, other.statusCode());
        HttpResponse<String> noCookie = PortalClient.post(seller + "/sign-in", Map.of(), Map.of("_csrf", f.csrf(), "key", tenantKey));
        assertEquals(403, noCookie.statusCode(), "a form token without its cookie (another site's form)");
        assertEquals(Optional.empty(), PortalClient.setCookie(noCookie, "sub_seller"));

        String session = signIn(tenantKey);
        HttpResponse<String> out = PortalClient.post(seller + "/sign-out", Map.of("sub_seller", session), Map.of());
        assertEquals(403, out.statusCode(), "sign-out without the session's token");
        assertEquals(200, page(session, "/analytics?" + RANGE).statusCode(), "still signed in");
        String csrf = hidden(page(session, "/analytics?" + RANGE).body(), "_csrf");
        HttpResponse<String> signedOut = PortalClient.post(seller + "/sign-out", Map.of("sub_seller", session), Map.of("_csrf", csrf));
        assertEquals(303, signedOut.statusCode());
        assertEquals("/subscriptions/seller/sign-in?signed-out", signedOut.headers().firstValue("Location").orElse(""));
        assertTrue(PortalClient.setCookie(signedOut, "sub_seller").orElseThrow().contains("Max-Age=0"));
        assertEquals(303, page(session, "/analytics?" + RANGE).statusCode(), "the session ended on the server too");
    }

    @Test
    void thePage_showsEveryPart_withTheEnginesFigures() throws Exception {
        String session = signIn(tenantKey);
        HttpResponse<String> r = page(session, "/analytics?" + RANGE);
        assertEquals(200, r.statusCode(), r.body());
        assertSecurityHeaders(r);
        String html = r.body();
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("style=\""), "no inline style");
        assertEquals(3, html.split("<svg class=\"chart").length - 1, "MRR, movements and forecast charts");

        AnalyticsService analytics = service(AnalyticsService.class);
        KpiPanel kpis = asTenant(() -> analytics.kpis(QUERY, null));
        Kpis k = kpis.total();
        assertEquals("EUR", kpis.currency());
        assertTrue(block(html, "kpi-mrr").contains(eur(k.mrr().mrrEnd())), block(html, "kpi-mrr"));
        assertTrue(block(html, "kpi-arr").contains(eur(k.arr())));
        assertTrue(block(html, "kpi-arpa").contains(eur(k.arpa().orElseThrow())));
        assertTrue(block(html, "kpi-customers").contains(">" + k.customersEnd() + "<"), block(html, "kpi-customers"));
        assertTrue(block(html, "kpi-netNew").contains(eur(k.mrr().movements().netNew())));
        assertEquals(0, k.customersStart(), "no customer before the range: rates over the start are not defined");
        assertTrue(block(html, "kpi-logoChurn").contains(">—<"), block(html, "kpi-logoChurn"));
        assertTrue(block(html, "kpi-netRevenue").contains(eur(k.netRevenue())));
        assertTrue(block(html, "kpi-oneTimeRevenue").contains(eur(k.oneTimeRevenue())));

        // a range that starts with customers, by quarter: every rate defined
        AnalyticsQuery later = AnalyticsQuery.of(d("2024-07-01"), d("2025-06-30"), Granularity.QUARTER);
        String laterHtml = page(session, "/analytics?from=2024-07-01&to=2025-06-30&granularity=QUARTER").body();
        Kpis l = asTenant(() -> analytics.kpis(later, null)).total();
        assertTrue(block(laterHtml, "kpi-logoChurn").contains(percent(l.logoChurnRate().orElseThrow())), block(laterHtml, "kpi-logoChurn"));
        assertTrue(block(laterHtml, "kpi-grossMrrChurn").contains(percent(l.grossMrrChurnRate().orElseThrow())));
        assertTrue(block(laterHtml, "kpi-netMrrChurn").contains(percent(l.netMrrChurnRate().orElseThrow())));
        assertTrue(block(laterHtml, "kpi-nrr").contains(percent(l.netRevenueRetention().orElseThrow())));
        assertTrue(block(laterHtml, "kpi-grr").contains(percent(l.grossRevenueRetention().orElseThrow())));
        assertTrue(block(laterHtml, "kpi-mrr").contains(eur(l.mrr().mrrEnd())));
        assertEquals(4, rows(laterHtml, "series-table").size(), "four quarters");
        assertEquals(asTenant(() -> analytics.cohorts(later)).cohorts().size(), rows(laterHtml, "cohort-table").size(), "cohorts by quarter");

        MrrSeries series = asTenant(() -> analytics.mrrSeries(QUERY));
        List<String> seriesRows = rows(html, "series-table");
        assertEquals(18, series.periods().size());
        assertEquals(series.periods().size(), seriesRows.size());
        for (int i = 0; i < seriesRows.size(); i++) {
            MrrPeriod p = series.periods().get(i);
            String row = seriesRows.get(i);
            for (BigDecimal v : List.of(p.mrrStart(), p.movements().newBusiness(), p.movements().expansion(), p.movements().reactivation(),
                    p.movements().contraction(), p.movements().churnVoluntary(), p.movements().churnDelinquent(),
                    p.movements().currencyTransfer(), p.movements().netNew(), p.mrrEnd())) {
                assertTrue(row.contains(">" + eur(v) + "<"), p.start() + ": " + eur(v) + " in " + row);
            }
        }

        CohortTable cohorts = asTenant(() -> analytics.cohorts(QUERY));
        List<String> cohortRows = rows(html, "cohort-table");
        assertEquals(cohorts.cohorts().size(), cohortRows.size());
        CohortTable.Cell last = cohorts.cohorts().get(0).cells().get(cohorts.cohorts().get(0).cells().size() - 1);
        assertTrue(cohortRows.get(0).contains(">" + new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ROOT))
                .format(last.activeShare().movePointRight(2).setScale(0, RoundingMode.HALF_UP)) + "%<"), cohortRows.get(0));

        ChurnAnalysis churn = asTenant(() -> analytics.churn(QUERY));
        List<String> reasons = rows(html, "churn-byReason-table");
        assertEquals(churn.byReason().size(), reasons.size());
        for (AnalyticsGroup g : churn.byReason()) {
            assertTrue(reasons.stream().anyMatch(row -> row.contains(g.key().isEmpty() ? "No reason given" : g.label())
                    && row.contains(">" + eur(g.movements().churn()) + "<")), g + " in " + reasons);
        }
        assertTrue(reasons.stream().anyMatch(row -> row.contains("Too expensive") && row.contains(">-€200.00<")), "hand-computed: " + reasons);
        assertEquals(churn.byPlan().size(), rows(html, "churn-byPlan-table").size());
        assertEquals(churn.byAge().size(), rows(html, "churn-byAge-table").size());

        Breakdown plans = asTenant(() -> analytics.breakdown(QUERY, Breakdown.Dimension.PLAN));
        List<String> planRows = rows(html, "breakdown-table");
        assertEquals(plans.groups().size(), planRows.size());
        for (int i = 0; i < planRows.size(); i++) {
            assertTrue(planRows.get(i).contains(">" + eur(plans.groups().get(i).mrrEnd()) + "<"), planRows.get(i));
        }

        List<RevenueMonth> schedule = asTenant(() -> service(RevenueService.class).schedule(YearMonth.of(2024, 1), YearMonth.of(2025, 6),
                Optional.empty(), Optional.empty()));
        List<String> revenueRows = rows(html, "revenue-table");
        assertEquals(schedule.size(), revenueRows.size());
        for (int i = 0; i < schedule.size(); i++) {
            if (schedule.get(i).currency().equals("EUR")) {
                assertTrue(revenueRows.get(i).contains(">" + eur(schedule.get(i).recognized()) + "<"), revenueRows.get(i));
                assertTrue(revenueRows.get(i).contains(">" + eur(schedule.get(i).deferredEnd()) + "<"), revenueRows.get(i));
            }
        }

        var forecast = asTenant(() -> service(ForecastService.class).forecast(12, Optional.empty(), ForecastService.DEFAULT_TRAILING));
        List<String> forecastRows = rows(html, "forecast-table");
        assertEquals(forecast.months().size(), forecastRows.size());
        assertTrue(forecastRows.get(forecastRows.size() - 1).contains(">" + eur(forecast.months().get(forecast.months().size() - 1).mrrEnd())
                + "<"), forecastRows.get(forecastRows.size() - 1));
    }

    @Test
    void everyNumberThatLinks_opensTheEntriesBehindIt() throws Exception {
        String session = signIn(tenantKey);
        String html = page(session, "/analytics?" + RANGE).body();
        String reasonRow = rows(html, "churn-byReason-table").stream().filter(row -> row.contains("Too expensive")).findFirst().orElseThrow();
        Matcher href = Pattern.compile("href=\"([^\"]+)\"").matcher(reasonRow);
        assertTrue(href.find(), reasonRow);
        String link = href.group(1).replace("&amp;", "&");
        assertTrue(link.startsWith("/subscriptions/seller/analytics/entries?"), link);
        HttpResponse<String> entries = PortalClient.get(server + link, Map.of("sub_seller", session));
        assertEquals(200, entries.statusCode(), entries.body());
        DrillDown drill = new DrillDown(QUERY, Optional.of(ChangeType.CHURN), Optional.<Boolean>empty(), Optional.of(Long.valueOf(tooExpensive)),
                Optional.<String>empty(), 100, 0);
        List<org.idempiere.subscription.api.service.LedgerLine> expected = asTenant(() -> service(AnalyticsService.class).entries(drill));
        assertEquals(1, expected.size(), "hand-computed: sub2's churn");
        List<String> rows = rows(entries.body(), "entries-table");
        assertEquals(expected.size(), rows.size());
        assertTrue(rows.get(0).contains(expected.get(0).documentNo()) && rows.get(0).contains(">-€200.00<"), rows.get(0));
        assertTrue(entries.body().contains("total -€200.00"), "the entries add up to the figure");

        // the gross MRR churn rate is made of churn and contraction: its figure opens the entries of both types, which add up to
        // what it divides; hand-computed: sub1's downgrade -40.00 (from the backdated 160.00), sub3's delinquent churn -50.00,
        // sub2's -200.00, sub6's -10.00
        AnalyticsQuery later = AnalyticsQuery.of(d("2024-07-01"), d("2025-06-30"), Granularity.QUARTER);
        String card = block(page(session, "/analytics?from=2024-07-01&to=2025-06-30&granularity=QUARTER").body(), "kpi-grossMrrChurn");
        Matcher cardLink = Pattern.compile("href=\"([^\"]+)\"").matcher(card);
        assertTrue(cardLink.find(), card);
        HttpResponse<String> lost = PortalClient.get(server + cardLink.group(1).replace("&amp;", "&"), Map.of("sub_seller", session));
        assertEquals(200, lost.statusCode(), lost.body());
        List<org.idempiere.subscription.api.service.LedgerLine> both = asTenant(() -> service(AnalyticsService.class).entries(
                new DrillDown(later, java.util.Set.of(ChangeType.CHURN, ChangeType.CONTRACTION), Optional.<Boolean>empty(),
                        Optional.<Long>empty(), Optional.<String>empty(), 1000, 0)));
        assertEquals(List.of("CONTRACTION -40.00", "CHURN -50.00", "CHURN -200.00", "CHURN -10.00"), both.stream()
                .map(l -> l.type() + " " + l.movement()).toList());
        assertEquals(both.size(), rows(lost.body(), "entries-table").size());
        org.idempiere.subscription.api.service.MrrMovements mv = asTenant(() -> service(AnalyticsService.class).kpis(later, null)).total()
                .mrr().movements();
        assertEquals("-300.00", mv.contraction().add(mv.churn()).toPlainString(), "the losses the gross MRR churn rate divides");
        assertTrue(lost.body().contains("total -€300.00"), lost.body());

        // every movement of every period links to entries whose movements add up to it
        String row = rows(html, "series-table").get(0);
        Matcher links = Pattern.compile("<a href=\"([^\"]+)\">([^<]+)</a>").matcher(row);
        int checked = 0;
        while (links.find()) {
            HttpResponse<String> e = PortalClient.get(server + links.group(1).replace("&amp;", "&"), Map.of("sub_seller", session));
            assertEquals(200, e.statusCode(), links.group(1));
            String figure = links.group(2);
            if (!figure.equals("€0.00")) {
                assertTrue(e.body().contains("total " + figure), figure + " behind " + links.group(1));
            }
            checked++;
        }
        assertEquals(9, checked, "six movements, the currency and plan transfers and net new link: " + row);

        String month = rows(html, "revenue-table").stream().filter(r -> r.contains("03/2024 <span class=\"note\">EUR</span>")).findFirst()
                .orElseThrow();
        Matcher items = Pattern.compile("href=\"([^\"]+)\"").matcher(month);
        assertTrue(items.find(), month);
        HttpResponse<String> revenue = PortalClient.get(server + items.group(1).replace("&amp;", "&"), Map.of("sub_seller", session));
        assertEquals(200, revenue.statusCode(), revenue.body());
        int items2024m3 = asTenant(() -> service(RevenueService.class).items(YearMonth.of(2024, 3), Optional.of("EUR"), Optional.empty())).size();
        assertTrue(items2024m3 > 0, "sub1's and sub2's periods earn in March 2024");
        assertEquals(items2024m3, rows(revenue.body(), "items-table").size());
    }

    /** @return the links ({@code href}, text with tags removed) in a piece of the page */
    static List<String[]> links(String html) {
        Matcher m = Pattern.compile("<a href=\"([^\"]+)\">(.*?)</a>", Pattern.DOTALL).matcher(html);
        List<String[]> out = new ArrayList<>();
        while (m.find()) {
            out.add(new String[] {m.group(1).replace("&amp;", "&"), m.group(2).replaceAll("<[^>]+>", "")});
        }
        return out;
    }

    @Test
    void cohortCells_customerCounts_andKnownForecastMoves_openToWhatMakesThem() throws Exception {
        String session = signIn(tenantKey);
        String html = page(session, "/analytics?" + RANGE).body();
        AnalyticsService analytics = service(AnalyticsService.class);

        // every cell of the first cohort (2024-01: C1) opens to its customers, whose totals are the cell's
        CohortTable cohorts = asTenant(() -> analytics.cohorts(QUERY));
        CohortTable.Cohort first = cohorts.cohorts().get(0);
        List<String[]> cells = links(rows(html, "cohort-table").get(0));
        assertEquals(first.cells().size(), cells.size(), "every cell links");
        for (int i = 0; i < cells.size(); i++) {
            CohortTable.Cell cell = first.cells().get(i);
            String link = cells.get(i)[0];
            assertTrue(link.startsWith("/subscriptions/seller/analytics/cohort-customers?") && link.contains("cohort=" + first.start())
                    && link.contains("period=" + i), link);
            HttpResponse<String> r = PortalClient.get(server + link, Map.of("sub_seller", session));
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains(first.customers() + " customers, " + cell.active() + " active, MRR " + eur(cell.mrr()) + " (period 0: "
                    + eur(first.cells().get(0).mrr()) + ")"), link + "\n" + r.body());
            assertEquals(first.customers(), rows(r.body(), "cohort-customers-table").size());
        }
        // 2024-01 at 2024-12: C1 with 120.00 of its 100.00 at the start (hand-computed in AnalyticsScenarioTest)
        String december = PortalClient.get(server + cells.get(11)[0], Map.of("sub_seller", session)).body();
        assertTrue(rows(december, "cohort-customers-table").get(0).contains(">€120.00<")
                && rows(december, "cohort-customers-table").get(0).contains(">€100.00<"), december);
        String cohortCsv = Pattern.compile("href=\"(/subscriptions/seller/csv/analytics/cohort-customers.csv[^\"]+)\"").matcher(december)
                .results().map(x -> x.group(1).replace("&amp;", "&")).findFirst().orElseThrow();
        assertApisCsv(session, cohortCsv);

        // the customer counts of the key figures: active at the end, new, churned, reactivated
        Kpis k = asTenant(() -> analytics.kpis(QUERY, null)).total();
        List<String[]> counts = links(block(html, "kpi-customers"));
        assertEquals(List.of("ACTIVE", "NEW", "CHURNED", "REACTIVATED"), counts.stream().map(l -> l[0].replaceAll(".*kind=([A-Z]+).*", "$1"))
                .toList());
        long[] expected = {k.customersEnd(), k.newCustomers(), k.churnedCustomers(), k.reactivatedCustomers()};
        assertEquals("4 5 2 1", expected[0] + " " + expected[1] + " " + expected[2] + " " + expected[3], "hand-computed: C1 C3 C4 C5 at the end");
        for (int i = 0; i < counts.size(); i++) {
            HttpResponse<String> r = PortalClient.get(server + counts.get(i)[0], Map.of("sub_seller", session));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(expected[i], rows(r.body(), "customers-table").size(), counts.get(i)[0]);
            assertTrue(r.body().contains(expected[i] + " in all"), r.body());
            if (i == 0) {
                String csv = Pattern.compile("href=\"(/subscriptions/seller/csv/analytics/customers.csv[^\"]+)\"").matcher(r.body())
                        .results().map(x -> x.group(1).replace("&amp;", "&")).findFirst().orElseThrow();
                assertApisCsv(session, csv);
            }
        }
        assertTrue(rows(PortalClient.get(server + counts.get(2)[0], Map.of("sub_seller", session)).body(), "customers-table").get(0)
                .contains("A-" + AnalyticsScenarioTest.sub3), "C3 churned first (2024-11-30)");

        // each forecast month's known part opens to its moves, and to the trailing entries of the trend
        List<String> forecastRows = rows(html, "forecast-table");
        var forecast = asTenant(() -> service(ForecastService.class).forecast(12, Optional.empty(), ForecastService.DEFAULT_TRAILING));
        for (int i = 0; i < forecastRows.size(); i++) {
            List<String[]> known = links(forecastRows.get(i));
            assertEquals(1, known.size(), forecastRows.get(i));
            var month = forecast.months().get(i);
            assertEquals(eur(month.knownStarts().add(month.knownChanges()).add(month.knownEnds())), known.get(0)[1]);
            HttpResponse<String> r = PortalClient.get(server + known.get(0)[0], Map.of("sub_seller", session));
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("Service ends " + eur(month.knownEnds())) && r.body().contains("Pending change "
                    + eur(month.knownChanges())) && r.body().contains("Starts or recorded ahead " + eur(month.knownStarts())), r.body());
            YearMonth current = YearMonth.from(forecast.asOf());
            assertTrue(r.body().contains("id=\"known-trend\"") && r.body().contains("href=\"/subscriptions/seller/analytics/entries?from="
                    + current.minusMonths(3).atDay(1) + "&amp;to=" + current.atDay(1).minusDays(1) + "\""), r.body());
        }
    }

    /** The seller page's CSV link answers the API's CSV of the same route and parameters, byte for byte, with rows. */
    private static void assertApisCsv(String session, String link) throws Exception {
        HttpResponse<String> csv = PortalClient.get(server + link, Map.of("sub_seller", session));
        assertEquals(200, csv.statusCode(), link + " " + csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), link);
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename="), link);
        String api = link.replace("/subscriptions/seller/csv", "/subscriptions/api/v1");
        HttpResponse<String> same = PortalClient.send(HttpRequest.newBuilder(URI.create(server + api))
                .header("Authorization", "Bearer " + tenantKey).GET(), Map.of());
        assertEquals(200, same.statusCode(), api);
        assertEquals(same.body(), csv.body(), link + " is the API's CSV");
        assertTrue(csv.body().lines().count() > 1, link + ": rows\n" + csv.body());
    }

    @Test
    void everyCsvLink_isTheApisCsv() throws Exception {
        String session = signIn(tenantKey);
        String html = page(session, "/analytics?" + RANGE).body();
        Matcher m = Pattern.compile("href=\"(/subscriptions/seller/csv/[^\"]+)\"").matcher(html);
        Set<String> links = new LinkedHashSet<>();
        while (m.find()) {
            links.add(m.group(1).replace("&amp;", "&"));
        }
        assertEquals(8, links.size(), "KPIs, series, cohorts, churn, breakdown, revenue, forecast, entries: " + links);
        for (String link : links) {
            assertApisCsv(session, link);
        }
        assertEquals(404, page(session, "/csv/analytics/kpis?" + RANGE).statusCode(), "only CSV routes");
        assertEquals(404, page(session, "/csv/billing-runs.csv").statusCode());
    }

    @Test
    void theBreakdown_byEachDimension_isTheEngines_andARowsNameFiltersThePage() throws Exception {
        String session = signIn(tenantKey);
        AnalyticsService analytics = service(AnalyticsService.class);
        for (Breakdown.Dimension by : Breakdown.Dimension.values()) {
            HttpResponse<String> r = page(session, "/analytics?" + RANGE + "&by=" + by.name().toLowerCase(Locale.ROOT));
            assertEquals(200, r.statusCode(), by + "\n" + r.body());
            assertTrue(r.body().contains("<option value=\"" + by + "\" selected>"), by + ": the chosen dimension stays chosen");
            Breakdown b = asTenant(() -> analytics.breakdown(QUERY, by));
            List<String> rows = rows(r.body(), "breakdown-table");
            assertEquals(b.groups().isEmpty() ? 1 : b.groups().size(), rows.size(), by + ": " + rows);
            for (int i = 0; i < b.groups().size(); i++) {
                assertTrue(rows.get(i).contains(">" + eur(b.groups().get(i).mrrEnd()) + "<"), by + ": " + rows.get(i));
            }
            assertTrue(r.body().contains("/subscriptions/seller/csv/analytics/breakdown.csv?") && r.body().contains("by=" + by.name()),
                    by + ": the CSV of the dimension shown");
        }
        // the CZK row's name filters the whole page by currency: its series is the engine's for CZK
        String html = page(session, "/analytics?" + RANGE + "&by=CURRENCY").body();
        String czk = rows(html, "breakdown-table").stream().filter(row -> row.contains(">CZK</a>")).findFirst().orElseThrow();
        Matcher href = Pattern.compile("href=\"([^\"]+)\"").matcher(czk);
        assertTrue(href.find(), czk);
        String link = href.group(1).replace("&amp;", "&");
        assertTrue(link.contains("currency=CZK") && link.contains("by=CURRENCY"), link);
        String filtered = PortalClient.get(server + link, Map.of("sub_seller", session)).body();
        assertTrue(filtered.contains("id=\"currency\" name=\"currency\" type=\"text\" value=\"CZK\""), "the filter form shows it");
        MrrSeries czkSeries = asTenant(() -> analytics.mrrSeries(QUERY.withCurrency("CZK")));
        List<String> seriesRows = rows(filtered, "series-table");
        assertEquals(czkSeries.periods().size(), seriesRows.size());
    }

    @Test
    void theSegmentFilters_narrowTheFigures_asTheEngineDoes_andAProductHidesChurn() throws Exception {
        String session = signIn(tenantKey);
        AnalyticsService analytics = service(AnalyticsService.class);
        long product = world.as(() -> Sandbox.product("1.00"));
        HttpResponse<String> r = page(session, "/analytics?" + RANGE + "&country=sk&productId=" + product + "&by=COUNTRY");
        assertEquals(200, r.statusCode(), r.body());
        org.idempiere.subscription.api.service.Segment segment = org.idempiere.subscription.api.service.Segment.ALL.withCountry("SK")
                .withProduct(product);
        KpiPanel k = asTenant(() -> analytics.kpis(QUERY.withSegment(segment), null));
        assertTrue(block(r.body(), "kpi-mrr").contains(eur(k.total().mrr().mrrEnd())), block(r.body(), "kpi-mrr"));
        assertTrue(r.body().contains("value=\"SK\""), "the country as the engine reads it");
        assertTrue(r.body().contains("Churn counts whole subscriptions"), "churn is not cut by product");
        assertFalse(r.body().contains("id=\"churn-byReason-table\""));
        // the revenue schedule and the forecast follow the segment, and so do their CSV and drill-down links
        for (String csv : List.of("/csv/revenue/schedule.csv?", "/csv/forecast.csv?")) {
            String link = link(r.body(), csv);
            assertTrue(link.contains("productId=" + product) && link.contains("country=SK"), link);
        }
        HttpResponse<String> items = page(session, "/revenue/items?month=2024-03&country=sk&productId=" + product);
        assertEquals(200, items.statusCode(), items.body());
        assertTrue(link(items.body(), "/csv/revenue/items.csv?").contains("productId=" + product), items.body());
        HttpResponse<String> badItems = page(session, "/revenue/items?month=2024-03&productId=abc");
        assertEquals(400, badItems.statusCode(), badItems.body());
        // the scenario's customers have no address in the host: every subscription is in the row of none
        Breakdown byCountry = asTenant(() -> analytics.breakdown(QUERY, Breakdown.Dimension.COUNTRY));
        assertEquals(List.of(""), byCountry.groups().stream().map(AnalyticsGroup::key).toList());
        String none = rows(page(session, "/analytics?" + RANGE + "&by=COUNTRY").body(), "breakdown-table").get(0);
        assertTrue(none.contains(">None<") && none.contains(">" + eur(byCountry.groups().get(0).mrrEnd()) + "<"), none);
    }

    /** The first link (href) of a page that contains {@code part}, with its {@code &amp;} read as {@code &}. */
    private static String link(String body, String part) {
        int at = body.indexOf(part);
        assertTrue(at >= 0, part + " in " + body);
        return body.substring(at, body.indexOf('"', at)).replace("&amp;", "&");
    }

    @Test
    void badFilters_areA400PageNamingTheField_andTheValue() throws Exception {
        String session = signIn(tenantKey);
        String[][] cases = {
            {"from=2024-01-01&to=2124-01-01", "To", "2124-01-01", "dates from 2024-01-01 to 2034-01-01"},
            {"from=2024-01-01&to=2023-12-31", "To", "2023-12-31", "dates from 2024-01-01 to 2034-01-01"},
            {"from=2024-02-30&to=2024-12-31", "From", "2024-02-30"},
            {RANGE.replace("MONTH", "FORTNIGHT"), "Period", "FORTNIGHT"},
            {RANGE + "&templateId=999999999", "Plan", "999999999"},
            {RANGE + "&currency=XYZ", "Currency", "XYZ"},
            {RANGE + "&reportingCurrency=QQQ", "Reporting currency", "QQQ"},
            {RANGE + "&currency=%3Cb%3E", "Currency", "&lt;b&gt;"},
            {RANGE + "&by=COLOUR", "Break down by", "COLOUR"},
            {RANGE + "&productId=999999999", "Product (id)", "999999999"},
            {RANGE + "&productId=abc", "Product (id)", "abc"},
            {RANGE + "&country=XX", "Country", "XX"},
            {RANGE + "&region=SK/Nowhere", "Region", "SK/Nowhere"},
            {RANGE + "&salesRepId=999999999", "Sales representative (id)", "999999999"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = page(session, "/analytics?" + c[0]);
            assertEquals(400, r.statusCode(), c[0] + "\n" + r.body());
            assertTrue(r.body().contains(c[1] + ": &quot;" + c[2] + "&quot; is not valid" + (c.length > 3 ? " — " + c[3] : "") + "."),
                    c[0] + "\n" + r.body());
            assertTrue(r.body().contains("id=\"problem\"") && r.body().contains("<form class=\"card filters\""), "the form stays to correct it");
            assertFalse(r.body().contains("id=\"kpis\""), "no figures");
            if (c.length > 3) {
                assertTrue(r.body().contains("<option value=\"QUARTER\""), "the form keeps its choices: " + r.body());
            }
        }
        HttpResponse<String> drill = page(session, "/analytics/entries?" + RANGE + "&type=UPSELL");
        assertEquals(400, drill.statusCode());
        assertTrue(drill.body().contains("Movement: &quot;UPSELL&quot; is not valid."), drill.body());
        assertEquals(400, page(session, "/revenue/items?month=2024-13").statusCode());
        String[][] drills = {
            {"/analytics/cohort-customers?" + RANGE + "&cohort=2023-01-01&period=0", "Cohort: &quot;2023-01-01&quot; is not valid."},
            {"/analytics/cohort-customers?" + RANGE + "&cohort=2024-01-01&period=99", "Period number: &quot;99&quot; is not valid."},
            {"/analytics/cohort-customers?" + RANGE + "&cohort=January&period=0", "Cohort: &quot;January&quot; is not valid."},
            {"/analytics/customers?" + RANGE + "&kind=LOST", "Customers: &quot;LOST&quot; is not valid."},
            {"/analytics/customers?from=2024-01-01&to=2124-01-01&kind=NEW",
                "To: &quot;2124-01-01&quot; is not valid — dates from 2024-01-01 to 2034-01-01."},
            {"/forecast/known?month=2020-01", "Month: &quot;2020-01&quot; is not valid."},
            {"/forecast/known?month=next", "Month: &quot;next&quot; is not valid."},
        };
        for (String[] c : drills) {
            HttpResponse<String> r = page(session, c[0]);
            assertEquals(400, r.statusCode(), c[0] + "\n" + r.body());
            assertTrue(r.body().contains(c[1]), c[0] + "\n" + r.body());
        }
        assertEquals(400, page(session, "/csv/analytics/kpis.csv?from=2024-01-01").statusCode(), "the API's own check, as a page");
    }

    @Test
    void inSlovak_amountsAndDatesAreSlovak() throws Exception {
        String session = signIn(tenantKey);
        HttpResponse<String> sw = page(session, "/analytics?" + RANGE + "&lang=sk");
        assertEquals(303, sw.statusCode());
        assertEquals("/subscriptions/seller/analytics?" + RANGE, sw.headers().firstValue("Location").orElse(""));
        String lang = PortalClient.cookieValue(PortalClient.setCookie(sw, "sub_seller_lang").orElseThrow());
        HttpResponse<String> r = PortalClient.get(seller + "/analytics?" + RANGE, Map.of("sub_seller", session, "sub_seller_lang", lang));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<html lang=\"sk\">"));
        assertTrue(r.body().contains("1. 1. 2024 – 30. 6. 2025"), "Slovak dates");
        Kpis k = asTenant(() -> service(AnalyticsService.class).kpis(QUERY, null)).total();
        String sk = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(k.mrr().mrrEnd())
                .replace(',', '\u00A0').replace('.', ',') + "\u00A0€";
        assertTrue(block(r.body(), "kpi-mrr").contains(sk), sk + " in " + block(r.body(), "kpi-mrr"));
    }

    @Test
    void theSandboxKey_actsForTheSandboxTenant_notTheScenarios() throws Exception {
        String session = signIn(Api.KEY);
        HttpResponse<String> r = page(session, "/analytics?" + RANGE);
        assertEquals(200, r.statusCode(), r.body());
        BigDecimal own = service(AnalyticsService.class).kpis(QUERY, null).total().mrr().mrrEnd();
        BigDecimal scenario = asTenant(() -> service(AnalyticsService.class).kpis(QUERY, null)).total().mrr().mrrEnd();
        assertTrue(block(r.body(), "kpi-mrr").contains(eur(own)), block(r.body(), "kpi-mrr"));
        assertTrue(own.compareTo(scenario) != 0, "the two tenants differ, so the check means something");
        assertFalse(r.body().contains(">" + eur(scenario) + "<"), "nothing of the scenario's tenant");
    }
}
