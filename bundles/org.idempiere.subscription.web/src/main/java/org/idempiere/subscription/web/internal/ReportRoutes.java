package org.idempiere.subscription.web.internal;

import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.ForecastMonth;
import org.idempiere.subscription.api.service.ForecastMove;
import org.idempiere.subscription.api.service.KnownMoves;
import org.idempiere.subscription.api.service.ForecastRates;
import org.idempiere.subscription.api.service.ForecastService;
import org.idempiere.subscription.api.service.MrrForecast;
import org.idempiere.subscription.api.service.RevenueBalance;
import org.idempiere.subscription.api.service.RevenueItem;
import org.idempiere.subscription.api.service.RevenueMonth;
import org.idempiere.subscription.api.service.RevenueService;
import org.idempiere.subscription.api.service.Segment;
import org.idempiere.subscription.web.rest.Json;
import org.idempiere.subscription.web.rest.JsonArray;
import org.idempiere.subscription.web.rest.JsonObject;
import org.idempiere.subscription.web.rest.Reply;
import org.idempiere.subscription.web.rest.RestRequest;
import org.idempiere.subscription.web.rest.RestRoutes;
import org.idempiere.subscription.web.rest.Router;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The routes of the revenue and forecast reports, documented in their own OpenAPI fragment
 * ({@code /openapi/reports.json}): the revenue schedule, its drill-down and the balances at a
 * day, as JSON and CSV, and the MRR forecast with the known moves behind each month, as JSON and CSV. They only read.
 */
@Component(service = RestRoutes.class)
public final class ReportRoutes implements RestRoutes {
    private final RevenueService revenue;
    private final ForecastService forecasts;

    @Activate
    public ReportRoutes(@Reference RevenueService revenue, @Reference ForecastService forecasts) {
        this.revenue = revenue;
        this.forecasts = forecasts;
    }

    @Override
    public void register(Router r) {
        r.get("/revenue/schedule", req -> Reply.ok(schedule(req)));
        r.get("/revenue/schedule.csv", req -> csv(scheduleCsv(scheduleOf(req)), "revenue-schedule.csv"));
        r.get("/revenue/items", req -> Reply.ok(items(itemsOf(req))));
        r.get("/revenue/items.csv", req -> csv(itemsCsv(itemsOf(req)), "revenue-items.csv"));
        r.get("/revenue/balances", req -> {
            JsonArray out = Json.array();
            for (RevenueBalance b : balancesOf(req)) {
                out.add(Json.object().put("date", b.date().toString()).put("currency", b.currency()).put("invoiced", b.invoiced())
                        .put("recognized", b.recognized()).put("deferred", b.deferred()).put("unbilled", b.unbilled()));
            }
            return Reply.ok(out);
        });
        r.get("/revenue/balances.csv", req -> csv(balancesCsv(balancesOf(req)), "revenue-balances.csv"));
        r.get("/forecast", req -> "csv".equals(format(req)) ? csv(forecastCsv(forecastOf(req)), "forecast.csv")
                : Reply.ok(forecast(forecastOf(req))));
        r.get("/forecast.csv", req -> csv(forecastCsv(forecastOf(req)), "forecast.csv"));
        r.get("/forecast/known", req -> "csv".equals(format(req)) ? csv(knownCsv(knownOf(req)), "forecast-known.csv")
                : Reply.ok(known(knownOf(req))));
        r.get("/forecast/known.csv", req -> csv(knownCsv(knownOf(req)), "forecast-known.csv"));
    }

    private KnownMoves knownOf(RestRequest req) {
        return forecasts.knownMoves(month(req, "month").orElseThrow(() -> SubscriptionException.required("month")), req.query("currency"),
                number(req, "trailing", ForecastService.DEFAULT_TRAILING), templateId(req), req.query("reportingCurrency"),
                AnalyticsRoutes.segment(req), AnalyticsRoutes.limit(req), AnalyticsRoutes.offset(req));
    }

    /** The moves of the month, one row each; the trend's range is the JSON answer's. */
    static String knownCsv(KnownMoves k) {
        StringBuilder b = new StringBuilder("month,currency,date,part,subscriptionId,documentNo,customerId,mrrBefore,mrrAfter,effect\r\n");
        for (ForecastMove m : k.moves()) {
            row(b, k.month(), k.currency(), m.date(), m.part(), m.subscriptionId(), AnalyticsRoutes.text(m.documentNo()), m.customerId(),
                    m.mrrBefore(), m.mrrAfter(), m.effect());
        }
        return b.toString();
    }

    private static JsonObject known(KnownMoves k) {
        JsonObject o = Json.object().put("asOf", k.asOf().toString()).put("month", k.month().toString()).put("currency", k.currency());
        o.put("trend", Json.object().put("from", k.trendFrom().toString()).put("to", k.trendTo().toString())
                .put("entries", "/analytics/entries?from=" + k.trendFrom() + "&to=" + k.trendTo()));
        JsonArray moves = o.putArray("moves");
        for (ForecastMove m : k.moves()) {
            moves.add(Json.object().put("date", m.date().toString()).put("part", m.part()).put("subscriptionId", m.subscriptionId())
                    .put("documentNo", m.documentNo()).put("customerId", m.customerId()).put("mrrBefore", m.mrrBefore())
                    .put("mrrAfter", m.mrrAfter()).put("effect", m.effect()));
        }
        return o;
    }

    private MrrForecast forecastOf(RestRequest req) {
        return forecasts.forecast(number(req, "months", 12), req.query("currency"), number(req, "trailing", ForecastService.DEFAULT_TRAILING),
                templateId(req), req.query("reportingCurrency"), AnalyticsRoutes.segment(req));
    }

    /** {@code format}: json (the default) or csv, as the analytics routes take it. */
    private static String format(RestRequest req) {
        String format = req.query("format").orElse("json");
        if (!format.equals("json") && !format.equals("csv")) {
            throw SubscriptionException.invalid("format", format, "must be json or csv");
        }
        return format;
    }

    /** One row per month with every part; the rates are the JSON answer's (the CSV is the table). */
    static String forecastCsv(MrrForecast f) {
        StringBuilder b = new StringBuilder("month,currency,mrrStart,knownStarts,knownChanges,knownEnds,trendNew,trendExpansion,"
                + "trendContraction,trendChurn,mrrEnd,customersStart,knownCustomers,trendNewCustomers,trendLostCustomers,customersEnd\r\n");
        for (ForecastMonth m : f.months()) {
            row(b, m.month(), f.currency(), m.mrrStart(), m.knownStarts(), m.knownChanges(), m.knownEnds(), m.trendNew(),
                    m.trendExpansion(), m.trendContraction(), m.trendChurn(), m.mrrEnd(), m.customersStart(), m.knownCustomers(),
                    m.trendNewCustomers(), m.trendLostCustomers(), m.customersEnd());
        }
        return b.toString();
    }

    private static JsonObject forecast(MrrForecast f) {
        JsonObject o = Json.object().put("asOf", f.asOf().toString()).put("currency", f.currency()).put("mrrToday", f.mrrToday())
                .put("customersToday", f.customersToday());
        ForecastRates r = f.rates();
        o.put("rates", Json.object().put("trailingMonths", r.trailingMonths()).put("newMrrPerMonth", r.newMrrPerMonth())
                .put("expansionRate", r.expansionRate()).put("contractionRate", r.contractionRate()).put("churnRate", r.churnRate())
                .put("newCustomersPerMonth", r.newCustomersPerMonth()).put("logoChurnRate", r.logoChurnRate()));
        JsonArray months = o.putArray("months");
        for (ForecastMonth m : f.months()) {
            months.add(Json.object().put("month", m.month().toString()).put("mrrStart", m.mrrStart())
                    .put("knownStarts", m.knownStarts()).put("knownChanges", m.knownChanges()).put("knownEnds", m.knownEnds())
                    .put("trendNew", m.trendNew()).put("trendExpansion", m.trendExpansion())
                    .put("trendContraction", m.trendContraction()).put("trendChurn", m.trendChurn()).put("mrrEnd", m.mrrEnd())
                    .put("customersStart", m.customersStart()).put("knownCustomers", m.knownCustomers())
                    .put("trendNewCustomers", m.trendNewCustomers()).put("trendLostCustomers", m.trendLostCustomers())
                    .put("customersEnd", m.customersEnd()));
        }
        return o;
    }

    /** A whole-number query parameter, {@code dflt} when absent. */
    private static int number(RestRequest req, String name, int dflt) {
        return EngineRoutes.queryInt(req.query(name), name, dflt);
    }

    @Override
    public Optional<URL> openApiFragment() {
        return Optional.ofNullable(ReportRoutes.class.getResource("/openapi/reports.json"));
    }

    private List<RevenueMonth> scheduleOf(RestRequest req) {
        return revenue.schedule(month(req, "from").orElseThrow(() -> SubscriptionException.required("from")),
                month(req, "to").orElseThrow(() -> SubscriptionException.required("to")), req.query("currency"), templateId(req),
                req.query("reportingCurrency"), AnalyticsRoutes.segment(req));
    }

    private List<RevenueItem> itemsOf(RestRequest req) {
        return revenue.items(month(req, "month").orElseThrow(() -> SubscriptionException.required("month")), req.query("currency"),
                templateId(req), req.query("reportingCurrency"), AnalyticsRoutes.segment(req));
    }

    private List<RevenueBalance> balancesOf(RestRequest req) {
        return revenue.balances(req.queryDate("date").orElseThrow(() -> SubscriptionException.required("date")), req.query("currency"),
                templateId(req), req.query("reportingCurrency"), AnalyticsRoutes.segment(req));
    }

    static String balancesCsv(List<RevenueBalance> balances) {
        StringBuilder b = new StringBuilder("date,currency,invoiced,recognized,deferred,unbilled\r\n");
        for (RevenueBalance x : balances) {
            row(b, x.date(), x.currency(), x.invoiced(), x.recognized(), x.deferred(), x.unbilled());
        }
        return b.toString();
    }

    private JsonObject schedule(RestRequest req) {
        List<RevenueMonth> months = scheduleOf(req);
        JsonObject o = Json.object().put("from", req.query("from").orElse(null)).put("to", req.query("to").orElse(null))
                .put("currency", req.query("currency").orElse(null)).put("reportingCurrency", req.query("reportingCurrency").orElse(null));
        o.put("templateId", req.query("templateId").isPresent() ? req.queryId("templateId") : null);
        Segment segment = AnalyticsRoutes.segment(req);
        o.put("productId", segment.productId().orElse(null)).put("country", segment.country().orElse(null))
                .put("region", segment.region().orElse(null)).put("salesRepId", segment.salesRepId().orElse(null));
        JsonArray out = o.putArray("months");
        for (RevenueMonth m : months) {
            out.add(Json.object().put("month", m.month().toString()).put("currency", m.currency())
                    .put("deferredStart", m.deferredStart()).put("unbilledStart", m.unbilledStart()).put("invoiced", m.invoiced())
                    .put("adjusted", m.adjusted()).put("recognized", m.recognized()).put("deferredEnd", m.deferredEnd())
                    .put("unbilledEnd", m.unbilledEnd()).put("revaluation", m.revaluation()));
        }
        return o;
    }

    private static JsonArray items(List<RevenueItem> items) {
        JsonArray out = Json.array();
        for (RevenueItem i : items) {
            out.add(Json.object().put("kind", i.kind()).put("itemId", i.itemId()).put("subscriptionId", i.subscriptionId())
                    .put("invoiceId", i.invoiceId()).put("dateInvoiced", i.dateInvoiced().toString())
                    .put("periodStart", i.periodStart().toString()).put("periodEnd", i.periodEnd().toString())
                    .put("currency", i.currency()).put("amount", i.amount()).put("invoicedInMonth", i.invoicedInMonth())
                    .put("recognizedInMonth", i.recognizedInMonth()).put("deferredEnd", i.deferredEnd())
                    .put("unbilledEnd", i.unbilledEnd()));
        }
        return out;
    }

    static String scheduleCsv(List<RevenueMonth> months) {
        StringBuilder b = new StringBuilder("month,currency,deferredStart,unbilledStart,invoiced,adjusted,recognized,deferredEnd,"
                + "unbilledEnd,revaluation\r\n");
        for (RevenueMonth m : months) {
            row(b, m.month(), m.currency(), m.deferredStart(), m.unbilledStart(), m.invoiced(), m.adjusted(), m.recognized(),
                    m.deferredEnd(), m.unbilledEnd(), m.revaluation());
        }
        return b.toString();
    }

    static String itemsCsv(List<RevenueItem> items) {
        StringBuilder b = new StringBuilder("kind,itemId,subscriptionId,invoiceId,dateInvoiced,periodStart,periodEnd,currency,amount,"
                + "invoicedInMonth,recognizedInMonth,deferredEnd,unbilledEnd\r\n");
        for (RevenueItem i : items) {
            row(b, i.kind(), i.itemId(), i.subscriptionId(), i.invoiceId(), i.dateInvoiced(), i.periodStart(), i.periodEnd(),
                    i.currency(), i.amount(), i.invoicedInMonth(), i.recognizedInMonth(), i.deferredEnd(), i.unbilledEnd());
        }
        return b.toString();
    }

    /** One CSV row (RFC 4180): the values are codes, numbers and dates, none needs quoting. */
    private static void row(StringBuilder b, Object... values) {
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(values[i] instanceof BigDecimal d ? d.toPlainString() : String.valueOf(values[i]));
        }
        b.append("\r\n");
    }

    private static Reply csv(String text, String fileName) {
        return Reply.document(text.getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8", fileName);
    }

    /** A query parameter as a month ({@code YYYY-MM}), if given. */
    static Optional<YearMonth> month(RestRequest req, String name) {
        Optional<String> text = req.query(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(text.get()));
        } catch (DateTimeParseException e) {
            throw SubscriptionException.invalid(name, text.get(), "must be a month as YYYY-MM");
        }
    }

    private static Optional<Long> templateId(RestRequest req) {
        return req.query("templateId").isPresent() ? Optional.of(req.queryId("templateId")) : Optional.empty();
    }
}
