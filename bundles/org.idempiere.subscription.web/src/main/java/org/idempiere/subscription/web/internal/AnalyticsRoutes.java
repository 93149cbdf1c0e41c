package org.idempiere.subscription.web.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.AnalyticsGroup;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.Breakdown;
import org.idempiere.subscription.api.service.ChurnAnalysis;
import org.idempiere.subscription.api.service.CohortCustomer;
import org.idempiere.subscription.api.service.CohortDrillDown;
import org.idempiere.subscription.api.service.CohortTable;
import org.idempiere.subscription.api.service.CustomerDrillDown;
import org.idempiere.subscription.api.service.CustomerLine;
import org.idempiere.subscription.api.service.DrillDown;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.KpiPanel;
import org.idempiere.subscription.api.service.Kpis;
import org.idempiere.subscription.api.service.LedgerLine;
import org.idempiere.subscription.api.service.MrrMovements;
import org.idempiere.subscription.api.service.MrrPeriod;
import org.idempiere.subscription.api.service.MrrSeries;
import org.idempiere.subscription.api.service.Segment;
import org.idempiere.subscription.web.rest.Json;
import org.idempiere.subscription.web.rest.JsonArray;
import org.idempiere.subscription.web.rest.JsonObject;
import org.idempiere.subscription.web.rest.Reply;
import org.idempiere.subscription.web.rest.RestRequest;
import org.idempiere.subscription.web.rest.Router;

/**
 * The analytics routes, part of the engine's routes (docs/analytics.md). Every table is also answered as
 * CSV, with {@code ?format=csv} or the path's {@code .csv} form: one row per line, a header, amounts as plain
 * decimals, dates ISO.
 */
final class AnalyticsRoutes {
    private final AnalyticsService analytics;

    AnalyticsRoutes(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    void register(Router r) {
        table(r, "/analytics/mrr-series", req -> {
            MrrSeries s = analytics.mrrSeries(query(req));
            return new Table(Json.object().put("currency", s.currency()).put("granularity", s.granularity().name())
                    .put("periods", periods(s.periods())), csvPeriods(s.periods()));
        });
        table(r, "/analytics/kpis", req -> {
            AnalyticsQuery q = query(req);
            KpiPanel p = analytics.kpis(q, decimal(req, "grossMargin").orElse(null));
            JsonArray each = Json.array();
            p.periods().forEach(k -> each.add(kpis(k)));
            List<String> csv = new ArrayList<>();
            csv.add("start,end,customersStart,customersEnd,newCustomers,churnedCustomers,reactivatedCustomers,mrrStart,mrrEnd,arr,arpa,"
                    + "logoChurnRate,grossMrrChurnRate,netMrrChurnRate,netRevenueRetention,grossRevenueRetention,quickRatio,ltv,ltvCapped,"
                    + "netRevenue,oneTimeRevenue");
            List<Kpis> rows = new ArrayList<>(p.periods());
            rows.add(p.total());
            rows.forEach(k -> csv.add(String.join(",", k.start().toString(), k.end().toString(), String.valueOf(k.customersStart()),
                    String.valueOf(k.customersEnd()), String.valueOf(k.newCustomers()), String.valueOf(k.churnedCustomers()),
                    String.valueOf(k.reactivatedCustomers()), plain(k.mrr().mrrStart()), plain(k.mrr().mrrEnd()), plain(k.arr()),
                    opt(k.arpa()), opt(k.logoChurnRate()), opt(k.grossMrrChurnRate()), opt(k.netMrrChurnRate()),
                    opt(k.netRevenueRetention()), opt(k.grossRevenueRetention()), opt(k.quickRatio()), opt(k.ltv()),
                    String.valueOf(k.ltvCapped()), plain(k.netRevenue()), plain(k.oneTimeRevenue()))));
            return new Table(Json.object().put("currency", p.currency()).put("grossMargin", p.grossMargin())
                    .put("total", kpis(p.total())).put("periods", each), csv);
        });
        table(r, "/analytics/cohorts", req -> {
            CohortTable t = analytics.cohorts(query(req));
            JsonArray cohorts = Json.array();
            List<String> csv = new ArrayList<>(List.of("cohort,customers,index,periodEnd,active,activeShare,mrr,netMrrRetention"));
            for (CohortTable.Cohort c : t.cohorts()) {
                JsonObject o = cohorts.addObject().put("start", c.start().toString()).put("customers", c.customers());
                JsonArray cells = o.putArray("cells");
                for (CohortTable.Cell cell : c.cells()) {
                    cells.addObject().put("index", cell.index()).put("periodEnd", cell.periodEnd().toString()).put("active", cell.active())
                            .put("activeShare", cell.activeShare()).put("mrr", cell.mrr())
                            .put("netMrrRetention", cell.netMrrRetention().orElse(null));
                    csv.add(String.join(",", c.start().toString(), String.valueOf(c.customers()), String.valueOf(cell.index()),
                            cell.periodEnd().toString(), String.valueOf(cell.active()), plain(cell.activeShare()), plain(cell.mrr()),
                            opt(cell.netMrrRetention())));
                }
            }
            return new Table(Json.object().put("currency", t.currency()).put("granularity", t.granularity().name())
                    .put("cohorts", cohorts), csv);
        });
        table(r, "/analytics/breakdown", req -> {
            Breakdown.Dimension by = enumValue(Breakdown.Dimension.class, "by",
                    req.query("by").orElseThrow(() -> SubscriptionException.required("by")));
            Breakdown b = analytics.breakdown(query(req), by);
            return new Table(Json.object().put("by", b.by().name()).put("currency", b.currency()).put("groups", groups(b.groups())),
                    csvGroups("", b.groups()));
        });
        table(r, "/analytics/churn", req -> {
            ChurnAnalysis c = analytics.churn(query(req));
            List<String> csv = new ArrayList<>(csvGroups("by,", List.of()));
            csv.addAll(csvGroups("reason,", c.byReason()).subList(1, c.byReason().size() + 1));
            csv.addAll(csvGroups("plan,", c.byPlan()).subList(1, c.byPlan().size() + 1));
            csv.addAll(csvGroups("age,", c.byAge()).subList(1, c.byAge().size() + 1));
            return new Table(Json.object().put("currency", c.currency()).put("byReason", groups(c.byReason()))
                    .put("byPlan", groups(c.byPlan())).put("byAge", groups(c.byAge())), csv);
        });
        table(r, "/analytics/entries", req -> {
            DrillDown d = new DrillDown(query(req), req.query("type").map(AnalyticsRoutes::types).orElse(Set.of()),
                    req.query("delinquent").map(v -> bool("delinquent", v)), req.query("closeReasonId").map(v -> id("closeReasonId", v, true)),
                    req.query("age"), limit(req), offset(req));
            JsonArray out = Json.array();
            List<String> csv = new ArrayList<>(List.of("entryId,subscriptionId,documentNo,customerId,templateId,date,type,delinquent,"
                    + "currency,mrrBefore,mrrAfter,movement,closeReasonId,closeReason,description"));
            for (LedgerLine l : analytics.entries(d)) {
                out.addObject().put("entryId", l.entryId()).put("subscriptionId", l.subscriptionId()).put("documentNo", l.documentNo())
                        .put("customerId", l.customerId()).put("templateId", l.templateId()).put("date", l.date().toString())
                        .put("type", l.type().name()).put("delinquent", l.delinquent()).put("currency", l.currency())
                        .put("mrrBefore", l.mrrBefore()).put("mrrAfter", l.mrrAfter()).put("movement", l.movement())
                        .put("closeReasonId", l.closeReasonId().orElse(null)).put("closeReason", l.closeReason().orElse(null))
                        .put("description", l.description().orElse(null));
                csv.add(String.join(",", String.valueOf(l.entryId()), String.valueOf(l.subscriptionId()), text(l.documentNo()),
                        String.valueOf(l.customerId()), String.valueOf(l.templateId()), l.date().toString(), l.type().name(),
                        String.valueOf(l.delinquent()), l.currency(), plain(l.mrrBefore()), plain(l.mrrAfter()), plain(l.movement()),
                        l.closeReasonId().map(String::valueOf).orElse(""), text(l.closeReason().orElse("")), text(l.description().orElse(""))));
            }
            return new Table(Json.object().put("entries", out), csv);
        });
        table(r, "/analytics/cohort-customers", req -> {
            AnalyticsQuery q = query(req);
            CohortDrillDown d = new CohortDrillDown(q, req.queryDate("cohort").orElseThrow(() -> SubscriptionException.required("cohort")),
                    req.query("period").map(v -> id("period", v, true).intValue()).orElseThrow(() -> SubscriptionException.required("period")),
                    limit(req), offset(req));
            JsonArray out = Json.array();
            List<String> csv = new ArrayList<>(List.of("customerId,customerName,active,currency,mrr,mrrPeriod0,documentNos"));
            for (CohortCustomer c : analytics.cohortCustomers(d)) {
                JsonArray docs = Json.array();
                c.documentNos().forEach(docs::add);
                out.addObject().put("customerId", c.customerId()).put("customerName", c.customerName()).put("active", c.active())
                        .put("currency", c.currency()).put("mrr", c.mrr()).put("mrrPeriod0", c.mrrPeriod0()).put("documentNos", docs);
                csv.add(String.join(",", String.valueOf(c.customerId()), text(c.customerName()), String.valueOf(c.active()),
                        c.currency(), plain(c.mrr()), plain(c.mrrPeriod0()), text(String.join(" ", c.documentNos()))));
            }
            return new Table(Json.object().put("customers", out), csv);
        });
        table(r, "/analytics/customers", req -> {
            CustomerDrillDown d = new CustomerDrillDown(query(req), enumValue(CustomerDrillDown.Kind.class, "kind",
                    req.query("kind").orElseThrow(() -> SubscriptionException.required("kind"))), limit(req), offset(req));
            JsonArray out = Json.array();
            List<String> csv = new ArrayList<>(List.of("date,customerId,customerName,documentNos"));
            for (CustomerLine c : analytics.customers(d)) {
                JsonArray docs = Json.array();
                c.documentNos().forEach(docs::add);
                out.addObject().put("date", c.date().toString()).put("customerId", c.customerId()).put("customerName", c.customerName())
                        .put("documentNos", docs);
                csv.add(String.join(",", c.date().toString(), String.valueOf(c.customerId()), text(c.customerName()),
                        text(String.join(" ", c.documentNos()))));
            }
            return new Table(Json.object().put("customers", out), csv);
        });
        r.post("/analytics/refresh", req -> Reply.ok(Json.object().put("customers", analytics.refresh())));
    }

    /** A table's JSON and CSV forms. */
    private record Table(JsonObject json, List<String> csv) {
    }

    @FunctionalInterface
    private interface TableHandler {
        Table handle(RestRequest req);
    }

    /** Registers {@code path} (JSON, or CSV with {@code ?format=csv}) and {@code path.csv}. */
    private static void table(Router r, String path, TableHandler h) {
        String file = path.substring(path.lastIndexOf('/') + 1) + ".csv";
        r.get(path, req -> {
            String format = req.query("format").orElse("json");
            if (!format.equals("json") && !format.equals("csv")) {
                throw SubscriptionException.invalid("format", format, "must be json or csv");
            }
            Table t = h.handle(req);
            return format.equals("csv") ? csv(t, file) : Reply.ok(t.json());
        });
        r.get(path + ".csv", req -> csv(h.handle(req), file));
    }

    private static Reply csv(Table t, String file) {
        return Reply.document((String.join("\r\n", t.csv()) + "\r\n").getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8", file);
    }

    /**
     * The query of the common parameters: from, to (required), granularity (default MONTH), templateId, currency,
     * reportingCurrency, and the segment's productId, country, region, salesRepId.
     */
    static AnalyticsQuery query(RestRequest req) {
        LocalDate from = req.queryDate("from").orElseThrow(() -> SubscriptionException.required("from"));
        LocalDate to = req.queryDate("to").orElseThrow(() -> SubscriptionException.required("to"));
        Granularity g = req.query("granularity").map(v -> enumValue(Granularity.class, "granularity", v)).orElse(Granularity.MONTH);
        return new AnalyticsQuery(from, to, g, req.query("templateId").map(v -> id("templateId", v, false)),
                req.query("currency").map(v -> v.toUpperCase(Locale.ROOT)), req.query("reportingCurrency").map(v -> v.toUpperCase(Locale.ROOT)),
                segment(req));
    }

    /** The segment's parameters: productId, country, region, salesRepId (the revenue and forecast routes take them too). */
    static Segment segment(RestRequest req) {
        return new Segment(req.query("productId").map(v -> id("productId", v, false)), req.query("country"),
                req.query("region"), req.query("salesRepId").map(v -> id("salesRepId", v, false)));
    }

    /** {@code limit}: lines of a drill-down, default 100 (the service checks 1..1000). */
    static int limit(RestRequest req) {
        return req.query("limit").map(v -> small("limit", id("limit", v, false))).orElse(100);
    }

    /** {@code offset}: lines skipped, default 0. */
    static int offset(RestRequest req) {
        return req.query("offset").map(v -> small("offset", id("offset", v, true))).orElse(0);
    }

    private static int small(String field, long v) {
        if (v > Integer.MAX_VALUE) {
            throw SubscriptionException.invalid(field, v, "is too large");
        }
        return (int) v;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw SubscriptionException.invalid(field, value, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Movement types separated by commas ({@code CHURN,CONTRACTION}); each must be one, the error names the first that is not. */
    static Set<ChangeType> types(String value) {
        Set<ChangeType> out = java.util.EnumSet.noneOf(ChangeType.class);
        for (String t : value.split(",", -1)) {
            out.add(enumValue(ChangeType.class, "type", t.isBlank() ? value : t.strip()));
        }
        return out;
    }

    static Long id(String field, String value, boolean zeroAllowed) {
        try {
            long v = Long.parseLong(value);
            if (v > 0 || (zeroAllowed && v == 0)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw SubscriptionException.invalid(field, value, zeroAllowed ? "must be a whole number, 0 or more" : "must be a positive whole number");
    }

    private static boolean bool(String field, String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw SubscriptionException.invalid(field, value, "must be true or false");
    }

    private static Optional<BigDecimal> decimal(RestRequest req, String field) {
        return req.query(field).map(v -> {
            try {
                return new BigDecimal(v);
            } catch (NumberFormatException e) {
                throw SubscriptionException.invalid(field, v, "must be a decimal number");
            }
        });
    }

    private static JsonArray periods(List<MrrPeriod> periods) {
        JsonArray out = Json.array();
        periods.forEach(p -> out.add(period(p)));
        return out;
    }

    private static JsonObject period(MrrPeriod p) {
        return Json.object().put("start", p.start().toString()).put("end", p.end().toString()).put("mrrStart", p.mrrStart())
                .put("movements", movements(p.movements())).put("mrrEnd", p.mrrEnd()).put("arrEnd", p.arrEnd())
                .put("subscriptions", p.subscriptions());
    }

    private static JsonObject movements(MrrMovements m) {
        return Json.object().put("newBusiness", m.newBusiness()).put("expansion", m.expansion()).put("contraction", m.contraction())
                .put("churnVoluntary", m.churnVoluntary()).put("churnDelinquent", m.churnDelinquent()).put("reactivation", m.reactivation())
                .put("netNew", m.netNew()).put("currencyTransfer", m.currencyTransfer()).put("planTransfer", m.planTransfer())
                .put("revaluation", m.revaluation());
    }

    private static final String MOVEMENT_COLUMNS = "newBusiness,expansion,contraction,churnVoluntary,churnDelinquent,reactivation,"
            + "netNew,currencyTransfer,planTransfer,revaluation";

    private static String csvMovements(MrrMovements m) {
        return String.join(",", plain(m.newBusiness()), plain(m.expansion()), plain(m.contraction()), plain(m.churnVoluntary()),
                plain(m.churnDelinquent()), plain(m.reactivation()), plain(m.netNew()), plain(m.currencyTransfer()),
                plain(m.planTransfer()), plain(m.revaluation()));
    }

    private static List<String> csvPeriods(List<MrrPeriod> periods) {
        List<String> csv = new ArrayList<>(List.of("start,end,mrrStart," + MOVEMENT_COLUMNS + ",mrrEnd,arrEnd,subscriptions"));
        periods.forEach(p -> csv.add(String.join(",", p.start().toString(), p.end().toString(), plain(p.mrrStart()),
                csvMovements(p.movements()), plain(p.mrrEnd()), plain(p.arrEnd()), String.valueOf(p.subscriptions()))));
        return csv;
    }

    private static JsonObject kpis(Kpis k) {
        return Json.object().put("start", k.start().toString()).put("end", k.end().toString()).put("customersStart", k.customersStart())
                .put("customersEnd", k.customersEnd()).put("newCustomers", k.newCustomers()).put("churnedCustomers", k.churnedCustomers())
                .put("reactivatedCustomers", k.reactivatedCustomers()).put("mrr", period(k.mrr())).put("arr", k.arr())
                .put("arpa", k.arpa().orElse(null)).put("logoChurnRate", k.logoChurnRate().orElse(null))
                .put("grossMrrChurnRate", k.grossMrrChurnRate().orElse(null)).put("netMrrChurnRate", k.netMrrChurnRate().orElse(null))
                .put("netRevenueRetention", k.netRevenueRetention().orElse(null))
                .put("grossRevenueRetention", k.grossRevenueRetention().orElse(null)).put("quickRatio", k.quickRatio().orElse(null))
                .put("ltv", k.ltv().orElse(null)).put("ltvCapped", k.ltvCapped()).put("netRevenue", k.netRevenue())
                .put("oneTimeRevenue", k.oneTimeRevenue());
    }

    private static JsonArray groups(List<AnalyticsGroup> groups) {
        JsonArray out = Json.array();
        groups.forEach(g -> out.addObject().put("key", g.key()).put("label", g.label()).put("mrrStart", g.mrrStart())
                .put("movements", movements(g.movements())).put("mrrEnd", g.mrrEnd()).put("subscriptions", g.subscriptions()));
        return out;
    }

    private static List<String> csvGroups(String prefix, List<AnalyticsGroup> groups) {
        List<String> csv = new ArrayList<>(List.of(prefix + "key,label,mrrStart," + MOVEMENT_COLUMNS + ",mrrEnd,subscriptions"));
        String tag = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1) + ",";
        groups.forEach(g -> csv.add(tag + String.join(",", text(g.key()), text(g.label()), plain(g.mrrStart()),
                csvMovements(g.movements()), plain(g.mrrEnd()), String.valueOf(g.subscriptions()))));
        return csv;
    }

    private static String plain(BigDecimal d) {
        return d.toPlainString();
    }

    private static String opt(Optional<BigDecimal> d) {
        return d.map(BigDecimal::toPlainString).orElse("");
    }

    /** A CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled). */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
