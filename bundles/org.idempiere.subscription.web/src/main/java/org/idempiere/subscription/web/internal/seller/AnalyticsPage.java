package org.idempiere.subscription.web.internal.seller;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.idempiere.subscription.api.service.AnalyticsGroup;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.Breakdown;
import org.idempiere.subscription.api.service.ChurnAnalysis;
import org.idempiere.subscription.api.service.CohortTable;
import org.idempiere.subscription.api.service.ForecastMonth;
import org.idempiere.subscription.api.service.ForecastService;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.KpiPanel;
import org.idempiere.subscription.api.service.Kpis;
import org.idempiere.subscription.api.service.MrrForecast;
import org.idempiere.subscription.api.service.MrrMovements;
import org.idempiere.subscription.api.service.MrrPeriod;
import org.idempiere.subscription.api.service.MrrSeries;
import org.idempiere.subscription.api.service.RevenueMonth;
import org.idempiere.subscription.api.service.RevenueService;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.web.internal.portal.PortalFormat;

/**
 * The data model of the analytics page: every part read from the engine's services for the filters, formatted in
 * the visitor's language, with the links of its drill-downs and CSV exports. Runs in the tenant the session acts
 * for. Not thread-safe: one per request.
 */
final class AnalyticsPage {
    /** The movements in the order of the table and the chart: CSS class, text key, drill-down fields. */
    private static final String[][] MOVES = {
        {"new", "move.new", "NEW", null},
        {"expansion", "move.expansion", "EXPANSION", null},
        {"reactivation", "move.reactivation", "REACTIVATION", null},
        {"contraction", "move.contraction", "CONTRACTION", null},
        {"churn", "move.churnVoluntary", "CHURN", "false"},
        {"delinquent", "move.churnDelinquent", "CHURN", "true"},
    };

    private final String base;
    private final SellerFilters filters;
    private final PortalFormat format;
    private final Function<String, String> text;

    AnalyticsPage(String base, SellerFilters filters, PortalFormat format, Function<String, String> text) {
        this.base = base;
        this.filters = filters;
        this.format = format;
        this.text = text;
    }

    /** Reads every part and @return the page's model */
    Map<String, Object> model(AnalyticsService analytics, RevenueService revenue, ForecastService forecasts, List<Template> plans) {
        AnalyticsQuery q = filters.query();
        MrrSeries series = analytics.mrrSeries(q);
        KpiPanel kpis = analytics.kpis(q, null);
        Breakdown breakdown = analytics.breakdown(q, filters.by());
        // churn is of whole subscriptions: the engine refuses a product's share of it
        ChurnAnalysis churn = q.segment().productId().isPresent() ? null : analytics.churn(q);
        Granularity cohortBy = q.granularity() == Granularity.QUARTER ? Granularity.QUARTER : Granularity.MONTH;
        CohortTable cohorts = analytics.cohorts(new AnalyticsQuery(q.from(), q.to(), cohortBy, Optional.empty(), Optional.empty(),
                q.reportingCurrency().or(q::currency)));
        // the revenue schedule and the forecast follow the form's plan and segment too
        List<RevenueMonth> schedule = revenue.schedule(YearMonth.from(q.from()), YearMonth.from(q.to()), q.currency(), q.templateId(),
                Optional.empty(), q.segment());
        MrrForecast forecast = forecasts.forecast(12, q.currency(), ForecastService.DEFAULT_TRAILING, q.templateId(), Optional.empty(),
                q.segment());

        Map<String, Object> m = new HashMap<>();
        m.put("filters", filterModel(plans));
        m.put("currency", series.currency());
        m.put("range", format.date(q.from()) + " – " + format.date(q.to()));
        m.put("kpis", kpiCards(kpis));
        m.put("series", seriesModel(series));
        m.put("cohorts", cohortModel(cohorts));
        if (churn != null) {
            m.put("churn", churnModel(churn));
        }
        m.put("breakdown", breakdownModel(breakdown));
        m.put("revenue", revenueModel(schedule));
        m.put("forecast", forecastModel(forecast));
        m.put("csv", csvLinks());
        return m;
    }

    /** The filter form: the values as sent, the granularities and plans to choose from. */
    Map<String, Object> filterModel(List<Template> plans) {
        Map<String, Object> f = new HashMap<>(filters.raw());
        List<Map<String, Object>> gs = new ArrayList<>();
        for (Granularity g : Granularity.values()) {
            gs.add(Map.of("value", g.name(), "label", text.apply("granularity." + g.name()), "selected",
                    g.name().equals(filters.raw().get("granularity"))));
        }
        f.put("granularities", gs);
        List<Map<String, Object>> ps = new ArrayList<>();
        for (Template t : plans) {
            ps.add(Map.of("id", String.valueOf(t.id()), "name", t.name(), "selected", String.valueOf(t.id()).equals(filters.raw().get("templateId"))));
        }
        f.put("plans", ps);
        List<Map<String, Object>> dims = new ArrayList<>();
        for (Breakdown.Dimension d : Breakdown.Dimension.values()) {
            dims.add(Map.of("value", d.name(), "label", text.apply("by." + d.name()), "selected", d == filters.by()));
        }
        f.put("dimensions", dims);
        List<Map<String, Object>> keep = new ArrayList<>();
        filters.raw().forEach((k, v) -> {
            if (!k.equals("by")) {
                keep.add(Map.of("name", k, "value", v));
            }
        });
        f.put("keep", keep);
        return f;
    }

    private String money(BigDecimal v, String currency) {
        return format.money(v, currency);
    }

    private String rate(Optional<BigDecimal> v) {
        return v.map(x -> format.percent(x, 2)).orElse("—");
    }

    /** @return the drill-down page of the range's entries with {@code extra} filters */
    private String entries(Map<String, String> extra) {
        return base + "/analytics/entries?" + filters.queryString(extra);
    }

    /** @return the page of the customers behind a customer count of the key figures */
    private String customers(String kind) {
        return base + "/analytics/customers?" + filters.queryString(Map.of("kind", kind));
    }

    private static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private List<Map<String, Object>> kpiCards(KpiPanel p) {
        Kpis k = p.total();
        String c = p.currency();
        MrrMovements mv = k.mrr().movements();
        List<Map<String, Object>> cards = new ArrayList<>();
        card(cards, "mrr", money(k.mrr().mrrEnd(), c), entries(fields()), text.apply("kpi.mrr.hint"));
        card(cards, "arr", money(k.arr(), c), null, null);
        card(cards, "arpa", k.arpa().map(v -> money(v, c)).orElse("—"), null, null);
        card(cards, "customers", format.quantity(BigDecimal.valueOf(k.customersEnd())), customers("ACTIVE"), null);
        cards.get(cards.size() - 1).put("links", List.of(
                Map.of("text", text.apply("kpi.customers.new").replace("{0}", String.valueOf(k.newCustomers())), "href", customers("NEW")),
                Map.of("text", text.apply("kpi.customers.churned").replace("{0}", String.valueOf(k.churnedCustomers())),
                        "href", customers("CHURNED")),
                Map.of("text", text.apply("kpi.customers.reactivated").replace("{0}", String.valueOf(k.reactivatedCustomers())),
                        "href", customers("REACTIVATED"))));
        card(cards, "netNew", money(mv.netNew(), c), entries(fields()), null);
        card(cards, "logoChurn", rate(k.logoChurnRate()), entries(fields("type", "CHURN")), null);
        // the gross MRR churn rate is made of churn and contraction (docs/analytics.md): its entries are of both types
        card(cards, "grossMrrChurn", rate(k.grossMrrChurnRate()), entries(fields("type", "CHURN,CONTRACTION")), null);
        card(cards, "netMrrChurn", rate(k.netMrrChurnRate()), null, null);
        card(cards, "nrr", rate(k.netRevenueRetention()), null, null);
        card(cards, "grr", rate(k.grossRevenueRetention()), null, null);
        card(cards, "quickRatio", k.quickRatio().map(v -> format.decimal(v, 2)).orElse("—"), null, null);
        card(cards, "ltv", k.ltv().map(v -> money(v, c)).orElse("—"), null, k.ltvCapped() ? text.apply("kpi.ltv.capped") : null);
        card(cards, "netRevenue", money(k.netRevenue(), c), null, null);
        card(cards, "oneTimeRevenue", money(k.oneTimeRevenue(), c), null, null);
        return cards;
    }

    private void card(List<Map<String, Object>> cards, String id, String value, String href, String note) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        m.put("label", text.apply("kpi." + id));
        m.put("value", value);
        if (href != null && !value.equals("—")) { // a rate that is not defined opens nothing
            m.put("href", href);
        }
        if (note != null) {
            m.put("note", note);
        }
        cards.add(m);
    }

    /** A period's short name: the day, {@code 03/2026}, {@code Q1 2026} or {@code 2026}. */
    private String period(Granularity g, LocalDate start) {
        return switch (g) {
            case DAY, WEEK -> format.date(start);
            case MONTH -> String.format("%02d/%d", start.getMonthValue(), start.getYear());
            case QUARTER -> "Q" + ((start.getMonthValue() - 1) / 3 + 1) + " " + start.getYear();
            case YEAR -> String.valueOf(start.getYear());
        };
    }

    private Map<String, Object> seriesModel(MrrSeries s) {
        String c = s.currency();
        List<String> labels = new ArrayList<>();
        List<BigDecimal> mrr = new ArrayList<>();
        List<List<BigDecimal>> moves = new ArrayList<>();
        for (int i = 0; i < MOVES.length; i++) {
            moves.add(new ArrayList<>());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MrrPeriod p : s.periods()) {
            String label = period(s.granularity(), p.start());
            labels.add(label);
            mrr.add(p.mrrEnd());
            MrrMovements mv = p.movements();
            BigDecimal[] values = {mv.newBusiness(), mv.expansion(), mv.reactivation(), mv.contraction(), mv.churnVoluntary(),
                mv.churnDelinquent()};
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int i = 0; i < MOVES.length; i++) {
                moves.get(i).add(values[i]);
                Map<String, String> drill = fields("from", p.start().toString(), "to", p.end().toString(), "type", MOVES[i][2]);
                if (MOVES[i][3] != null) {
                    drill.put("delinquent", MOVES[i][3]);
                }
                cells.add(Map.of("text", money(values[i], c), "href", entries(drill), "cls", MOVES[i][0]));
            }
            cells.add(Map.of("text", money(mv.currencyTransfer(), c), "href",
                    entries(fields("from", p.start().toString(), "to", p.end().toString(), "type", "CURRENCY_TRANSFER")), "cls", "transfer"));
            cells.add(Map.of("text", money(mv.planTransfer(), c), "href",
                    entries(fields("from", p.start().toString(), "to", p.end().toString(), "type", "PLAN_TRANSFER")), "cls", "transfer"));
            Map<String, Object> row = new HashMap<>();
            row.put("label", label);
            row.put("mrrStart", money(p.mrrStart(), c));
            row.put("cells", cells);
            row.put("netNew", money(mv.netNew(), c));
            row.put("netNewHref", entries(fields("from", p.start().toString(), "to", p.end().toString())));
            row.put("revaluation", money(mv.revaluation(), c));
            row.put("mrrEnd", money(p.mrrEnd(), c));
            row.put("subscriptions", String.valueOf(p.subscriptions()));
            rows.add(row);
        }
        Function<BigDecimal, String> tick = v -> format.decimal(v, 0);
        Function<BigDecimal, String> point = v -> money(v, c);
        List<Charts.Series> stacked = new ArrayList<>();
        List<Map<String, Object>> legend = new ArrayList<>();
        for (int i = 0; i < MOVES.length; i++) {
            stacked.add(new Charts.Series(MOVES[i][0], text.apply(MOVES[i][1]), moves.get(i)));
            legend.add(Map.of("cls", MOVES[i][0], "label", text.apply(MOVES[i][1])));
        }
        Map<String, Object> m = new HashMap<>();
        m.put("rows", rows);
        m.put("moves", legend);
        m.put("mrrChart", Charts.line(labels, mrr, tick, point));
        m.put("movesChart", Charts.stacked(labels, stacked, tick, point));
        m.put("empty", s.periods().isEmpty());
        return m;
    }

    private Map<String, Object> cohortModel(CohortTable t) {
        int maxIndex = 0;
        for (CohortTable.Cohort c : t.cohorts()) {
            maxIndex = Math.max(maxIndex, c.cells().size() - 1);
        }
        List<String> header = new ArrayList<>();
        for (int i = 0; i <= maxIndex; i++) {
            header.add(String.valueOf(i));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        AnalyticsQuery q = filters.query();
        Map<String, String> drill = fields("from", q.from().toString(), "to", q.to().toString(), "granularity", t.granularity().name());
        q.reportingCurrency().or(q::currency).ifPresent(c -> drill.put("reportingCurrency", c));
        for (CohortTable.Cohort c : t.cohorts()) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (CohortTable.Cell cell : c.cells()) {
                int shade = cell.activeShare().movePointRight(1).setScale(0, java.math.RoundingMode.HALF_UP).intValue();
                drill.put("cohort", c.start().toString());
                drill.put("period", String.valueOf(cell.index()));
                cells.add(Map.of("share", format.percent(cell.activeShare(), 0), "nmr", rate(cell.netMrrRetention()),
                        "active", String.valueOf(cell.active()), "cls", "heat-" + Math.max(0, Math.min(10, shade)),
                        "href", base + "/analytics/cohort-customers?" + query(drill),
                        "title", text.apply("cohorts.open").replace("{0}", period(t.granularity(), c.start())).replace("{1}",
                                String.valueOf(cell.index()))));
            }
            rows.add(Map.of("label", period(t.granularity(), c.start()), "customers", String.valueOf(c.customers()), "cells", cells));
        }
        return Map.of("header", header, "rows", rows, "granularity", text.apply("granularity." + t.granularity().name()));
    }

    private Map<String, Object> churnModel(ChurnAnalysis c) {
        Map<String, Object> m = new HashMap<>();
        m.put("byReason", churnRows(c.byReason(), c.currency(), g -> fields("type", "CHURN", "closeReasonId", g.key().isEmpty() ? "0" : g.key()),
                text.apply("churn.noReason")));
        m.put("byPlan", churnRows(c.byPlan(), c.currency(), g -> fields("type", "CHURN", "templateId", g.key()), null));
        m.put("byAge", churnRows(c.byAge(), c.currency(), g -> fields("type", "CHURN", "age", g.key()), null));
        return m;
    }

    private List<Map<String, Object>> churnRows(List<AnalyticsGroup> groups, String currency,
            Function<AnalyticsGroup, Map<String, String>> drill, String noneLabel) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AnalyticsGroup g : groups) {
            MrrMovements mv = g.movements();
            String label = g.key().isEmpty() && noneLabel != null ? noneLabel : g.label();
            rows.add(Map.of("label", label, "voluntary", money(mv.churnVoluntary(), currency), "delinquent",
                    money(mv.churnDelinquent(), currency), "total", money(mv.churn(), currency), "subscriptions",
                    String.valueOf(g.subscriptions()), "href", entries(drill.apply(g))));
        }
        return rows;
    }

    /** The field that filters the page (and the drill-downs) by a row of a breakdown by {@code d}. */
    static String filterField(Breakdown.Dimension d) {
        return switch (d) {
            case PLAN -> "templateId";
            case CURRENCY -> "currency";
            case PRODUCT -> "productId";
            case COUNTRY -> "country";
            case REGION -> "region";
            case SALES_REP -> "salesRepId";
        };
    }

    private Map<String, Object> breakdownModel(Breakdown b) {
        String field = filterField(b.by());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AnalyticsGroup g : b.groups()) {
            MrrMovements mv = g.movements();
            Map<String, Object> r = new HashMap<>();
            r.put("label", g.key().isEmpty() ? text.apply("breakdown.none") : g.label());
            r.put("mrrStart", money(g.mrrStart(), b.currency()));
            r.put("new", money(mv.newBusiness(), b.currency()));
            r.put("expansion", money(mv.expansion().add(mv.reactivation()), b.currency()));
            r.put("losses", money(mv.contraction().add(mv.churn()), b.currency()));
            r.put("planTransfer", money(mv.planTransfer(), b.currency()));
            r.put("netNew", money(mv.netNew(), b.currency()));
            r.put("mrrEnd", money(g.mrrEnd(), b.currency()));
            r.put("subscriptions", String.valueOf(g.subscriptions()));
            if (!g.key().isEmpty()) { // "none" is no filter the engine has
                r.put("href", entries(fields(field, g.key())));
                r.put("planTransferHref", entries(fields(field, g.key(), "type", "PLAN_TRANSFER")));
                r.put("filterHref", base + "/analytics?" + filters.queryString(fields(field, g.key())) + "#breakdown");
            }
            rows.add(r);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("rows", rows);
        m.put("title", text.apply("breakdown.title." + b.by().name()));
        m.put("column", text.apply("by." + b.by().name()));
        return m;
    }

    private List<Map<String, Object>> revenueModel(List<RevenueMonth> months) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RevenueMonth r : months) {
            String c = r.currency();
            Map<String, String> q = fields("month", r.month().toString(), "currency", c);
            filters.query().templateId().ifPresent(t -> q.put("templateId", String.valueOf(t)));
            SellerFilters.put(q, filters.query().segment());
            Map<String, Object> row = new HashMap<>();
            row.put("month", String.format("%02d/%d", r.month().getMonthValue(), r.month().getYear()));
            row.put("currency", c);
            row.put("invoiced", money(r.invoiced(), c));
            row.put("adjusted", money(r.adjusted(), c));
            row.put("recognized", money(r.recognized(), c));
            row.put("deferredEnd", money(r.deferredEnd(), c));
            row.put("unbilledEnd", money(r.unbilledEnd(), c));
            row.put("href", base + "/revenue/items?" + query(q));
            rows.add(row);
        }
        return rows;
    }

    private Map<String, Object> forecastModel(MrrForecast f) {
        String c = f.currency();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<BigDecimal> mrr = new ArrayList<>();
        for (ForecastMonth mo : f.months()) {
            String label = String.format("%02d/%d", mo.month().getMonthValue(), mo.month().getYear());
            labels.add(label);
            mrr.add(mo.mrrEnd());
            Map<String, Object> r = new HashMap<>();
            r.put("month", label);
            r.put("mrrStart", money(mo.mrrStart(), c));
            r.put("known", money(mo.knownStarts().add(mo.knownChanges()).add(mo.knownEnds()), c));
            Map<String, String> known = fields("month", mo.month().toString());
            filters.query().currency().ifPresent(cur -> known.put("currency", cur));
            filters.query().templateId().ifPresent(t -> known.put("templateId", String.valueOf(t)));
            SellerFilters.put(known, filters.query().segment());
            r.put("knownHref", base + "/forecast/known?" + query(known));
            r.put("trendNew", money(mo.trendNew(), c));
            r.put("trendExpansion", money(mo.trendExpansion(), c));
            r.put("trendLosses", money(mo.trendContraction().add(mo.trendChurn()), c));
            r.put("mrrEnd", money(mo.mrrEnd(), c));
            r.put("customersEnd", format.decimal(mo.customersEnd(), 1));
            rows.add(r);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("asOf", format.date(f.asOf()));
        m.put("currency", c);
        m.put("mrrToday", money(f.mrrToday(), c));
        m.put("rows", rows);
        m.put("chart", Charts.line(labels, mrr, v -> format.decimal(v, 0), v -> money(v, c)));
        return m;
    }

    /** The CSV of every table: the API's CSV routes, served below the page ({@code /csv/…}). */
    private Map<String, Object> csvLinks() {
        String q = filters.queryString();
        AnalyticsQuery aq = filters.query();
        Map<String, String> rev = fields("from", YearMonth.from(aq.from()).toString(), "to", YearMonth.from(aq.to()).toString());
        aq.currency().ifPresent(c -> rev.put("currency", c));
        aq.templateId().ifPresent(t -> rev.put("templateId", String.valueOf(t)));
        SellerFilters.put(rev, aq.segment());
        Map<String, String> fc = fields("months", "12");
        aq.currency().ifPresent(c -> fc.put("currency", c));
        aq.templateId().ifPresent(t -> fc.put("templateId", String.valueOf(t)));
        SellerFilters.put(fc, aq.segment());
        Map<String, String> cohort = fields("from", aq.from().toString(), "to", aq.to().toString(), "granularity",
                aq.granularity() == Granularity.QUARTER ? "QUARTER" : "MONTH");
        aq.reportingCurrency().or(aq::currency).ifPresent(c -> cohort.put("reportingCurrency", c));
        Map<String, Object> m = new HashMap<>();
        m.put("series", base + "/csv/analytics/mrr-series.csv?" + q);
        m.put("kpis", base + "/csv/analytics/kpis.csv?" + q);
        m.put("cohorts", base + "/csv/analytics/cohorts.csv?" + query(cohort));
        m.put("churn", base + "/csv/analytics/churn.csv?" + q);
        m.put("breakdown", base + "/csv/analytics/breakdown.csv?" + filters.queryString(Map.of("by", filters.by().name())));
        m.put("revenue", base + "/csv/revenue/schedule.csv?" + query(rev));
        m.put("forecast", base + "/csv/forecast.csv?" + query(fc));
        m.put("entries", base + "/csv/analytics/entries.csv?" + filters.queryString(Map.of("limit", "1000")));
        return m;
    }

    static String query(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(SellerFilters.enc(k)).append('=').append(SellerFilters.enc(v)));
        return b.toString();
    }
}
