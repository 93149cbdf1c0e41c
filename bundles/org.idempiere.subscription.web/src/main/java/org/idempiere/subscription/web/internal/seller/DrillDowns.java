package org.idempiere.subscription.web.internal.seller;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.servlet.http.HttpServletRequest;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.service.CohortCustomer;
import org.idempiere.subscription.api.service.CohortDrillDown;
import org.idempiere.subscription.api.service.CustomerDrillDown;
import org.idempiere.subscription.api.service.CustomerLine;
import org.idempiere.subscription.api.service.ForecastMove;
import org.idempiere.subscription.api.service.KnownMoves;
import org.idempiere.subscription.api.service.DrillDown;
import org.idempiere.subscription.api.service.LedgerLine;
import org.idempiere.subscription.api.service.RevenueItem;
import org.idempiere.subscription.api.service.Segment;
import org.idempiere.subscription.web.internal.portal.FormInput;
import org.idempiere.subscription.web.internal.portal.PortalFormat;
import org.idempiere.subscription.web.internal.portal.PortalProblem;

/**
 * The pages behind the figures: the ledger entries of a movement, a churn group or a plan
 * ({@link org.idempiere.subscription.api.service.AnalyticsService#entries}), the revenue items of a month
 * ({@link org.idempiere.subscription.api.service.RevenueService#items}), the customers of a cohort cell
 * ({@link org.idempiere.subscription.api.service.AnalyticsService#cohortCustomers}) and of a customer count
 * ({@link org.idempiere.subscription.api.service.AnalyticsService#customers}), and the known moves of a forecast month
 * ({@link org.idempiere.subscription.api.service.ForecastService#knownMoves}), each with its CSV.
 */
final class DrillDowns {
    /** Entries a page shows. */
    static final int PAGE = 100;
    private static final Pattern ID = Pattern.compile("[0-9]{1,10}");

    private DrillDowns() {
    }

    @FunctionalInterface
    interface Renderer {
        void render(int status, Map<String, Object> model) throws IOException;
    }

    @FunctionalInterface
    interface ItemReader {
        List<RevenueItem> read(YearMonth month, Optional<String> currency, Optional<Long> templateId, Segment segment);
    }

    static void entries(HttpServletRequest req, String base, LocalDate today, PortalFormat format, Function<String, String> text,
            Function<DrillDown, List<LedgerLine>> reader, Renderer out) throws IOException {
        FormInput in = FormInput.query(req);
        SellerFilters filters = SellerFilters.read(in, today).checkRange();
        Map<String, String> extra = new LinkedHashMap<>();
        // one type, or several separated by commas (the gross MRR churn is churn and contraction)
        java.util.Set<ChangeType> types = in.raw("type").map(v -> {
            extra.put("type", v);
            java.util.Set<ChangeType> chosen = java.util.EnumSet.noneOf(ChangeType.class);
            for (String t : v.split(",", -1)) {
                try {
                    chosen.add(ChangeType.valueOf(t.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw PortalProblem.invalid("type", t.isBlank() ? v : t, "a movement type");
                }
            }
            return chosen;
        }).orElse(java.util.Set.of());
        Optional<Boolean> delinquent = in.raw("delinquent").map(v -> {
            extra.put("delinquent", v);
            if (!v.equals("true") && !v.equals("false")) {
                throw PortalProblem.invalid("delinquent", v, "true or false");
            }
            return Boolean.parseBoolean(v);
        });
        Optional<Long> reason = in.raw("closeReasonId").map(v -> {
            extra.put("closeReasonId", v);
            return number("closeReasonId", v);
        });
        Optional<String> age = in.raw("age").map(v -> {
            extra.put("age", v);
            return v;
        });
        int offset = offset(in);
        List<LedgerLine> lines = reader.apply(new DrillDown(filters.query(), types, delinquent, reason, age, PAGE + 1, offset));
        boolean more = lines.size() > PAGE;
        List<Map<String, Object>> rows = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        String currency = null;
        boolean oneCurrency = true;
        for (LedgerLine l : lines.subList(0, Math.min(PAGE, lines.size()))) {
            Map<String, Object> r = new HashMap<>();
            r.put("date", format.date(l.date()));
            r.put("documentNo", l.documentNo());
            r.put("subscriptionId", String.valueOf(l.subscriptionId()));
            r.put("customerId", String.valueOf(l.customerId()));
            r.put("templateId", String.valueOf(l.templateId()));
            r.put("type", text.apply("type." + l.type().name()) + (l.delinquent() ? " · " + text.apply("entries.delinquent") : ""));
            r.put("before", format.money(l.mrrBefore(), l.currency()));
            r.put("after", format.money(l.mrrAfter(), l.currency()));
            r.put("movement", format.money(l.movement(), l.currency()));
            r.put("reason", l.closeReason().orElse(""));
            rows.add(r);
            oneCurrency &= currency == null || currency.equals(l.currency());
            currency = l.currency();
            sum = sum.add(l.movement());
        }
        Map<String, Object> m = new HashMap<>();
        m.put("rows", rows);
        m.put("range", format.date(filters.query().from()) + " – " + format.date(filters.query().to()));
        if (!types.isEmpty()) {
            m.put("type", String.join(" + ", types.stream().map(t -> text.apply("type." + t.name())).toList()));
        }
        if (oneCurrency && currency != null && offset == 0 && !more) {
            m.put("sum", format.money(sum, currency));
        }
        pager(m, base + "/analytics/entries?", base + "/csv/analytics/entries.csv?", filters, extra, offset, more);
        out.render(200, m);
    }

    static void revenueItems(HttpServletRequest req, String base, PortalFormat format, ItemReader reader, Renderer out)
            throws IOException {
        FormInput in = FormInput.query(req);
        YearMonth month = month(in);
        Optional<String> currency = currency(in);
        Optional<Long> template = in.raw("templateId").map(v -> number("templateId", v));
        Segment segment = SellerFilters.segment(in);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RevenueItem i : reader.read(month, currency, template, segment)) {
            Map<String, Object> r = new HashMap<>();
            r.put("kind", i.kind());
            r.put("subscriptionId", String.valueOf(i.subscriptionId()));
            r.put("invoiceId", String.valueOf(i.invoiceId()));
            r.put("dateInvoiced", format.date(i.dateInvoiced()));
            r.put("period", format.date(i.periodStart()) + " – " + format.date(i.periodEnd()));
            r.put("amount", format.money(i.amount(), i.currency()));
            r.put("invoiced", format.money(i.invoicedInMonth(), i.currency()));
            r.put("recognized", format.money(i.recognizedInMonth(), i.currency()));
            r.put("deferred", format.money(i.deferredEnd(), i.currency()));
            r.put("unbilled", format.money(i.unbilledEnd(), i.currency()));
            rows.add(r);
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("month", month.toString());
        currency.ifPresent(c -> q.put("currency", c));
        template.ifPresent(t -> q.put("templateId", String.valueOf(t)));
        SellerFilters.put(q, segment);
        Map<String, Object> m = new HashMap<>();
        m.put("rows", rows);
        m.put("month", String.format("%02d/%d", month.getMonthValue(), month.getYear()));
        m.put("csv", base + "/csv/revenue/items.csv?" + AnalyticsPage.query(q));
        m.put("back", base + "/analytics");
        out.render(200, m);
    }

    @FunctionalInterface
    interface KnownReader {
        KnownMoves read(YearMonth month, Optional<String> currency, Optional<Long> templateId, Segment segment, int limit, int offset);
    }

    /**
     * The customers of a cohort cell ({@code cohort}, {@code period}, and the cohort table's filters), with their
     * totals when they fit one page: active customers and MRR, the cell's figures.
     */
    static void cohortCustomers(HttpServletRequest req, String base, LocalDate today, PortalFormat format, Function<String, String> text,
            Function<CohortDrillDown, List<CohortCustomer>> reader, Renderer out) throws IOException {
        FormInput in = FormInput.query(req);
        SellerFilters filters = SellerFilters.read(in, today).checkRange();
        String cohortText = in.raw("cohort").orElseThrow(() -> PortalProblem.invalid("cohort", "", "a date as YYYY-MM-DD"));
        LocalDate cohort;
        try {
            cohort = LocalDate.parse(cohortText);
        } catch (DateTimeParseException e) {
            throw PortalProblem.invalid("cohort", cohortText, "a date as YYYY-MM-DD");
        }
        String periodText = in.raw("period").orElseThrow(() -> PortalProblem.invalid("period", "", "a whole number"));
        int period = (int) Math.min(number("period", periodText), 100_000);
        int offset = offset(in);
        List<CohortCustomer> lines = reader.apply(new CohortDrillDown(filters.query(), cohort, period, PAGE + 1, offset));
        boolean more = lines.size() > PAGE;
        List<Map<String, Object>> rows = new ArrayList<>();
        long active = 0;
        String currency = null;
        BigDecimal mrr = BigDecimal.ZERO;
        BigDecimal mrr0 = BigDecimal.ZERO;
        for (CohortCustomer c : lines.subList(0, Math.min(PAGE, lines.size()))) {
            Map<String, Object> r = new HashMap<>();
            r.put("customer", c.customerName().isEmpty() ? "#" + c.customerId() : c.customerName());
            r.put("customerId", String.valueOf(c.customerId()));
            r.put("active", text.apply(c.active() ? "cohort.active.yes" : "cohort.active.no"));
            r.put("mrr", format.money(c.mrr(), c.currency()));
            r.put("mrr0", format.money(c.mrrPeriod0(), c.currency()));
            r.put("subscriptions", String.join(", ", c.documentNos()));
            rows.add(r);
            active += c.active() ? 1 : 0;
            currency = c.currency();
            mrr = mrr.add(c.mrr());
            mrr0 = mrr0.add(c.mrrPeriod0());
        }
        Map<String, Object> m = new HashMap<>();
        m.put("rows", rows);
        m.put("cohort", format.date(cohort));
        m.put("period", String.valueOf(period));
        if (offset == 0 && !more && currency != null) {
            m.put("totals", Map.of("customers", String.valueOf(rows.size()), "active", String.valueOf(active), "mrr",
                    format.money(mrr, currency), "mrr0", format.money(mrr0, currency)));
        }
        pager(m, base + "/analytics/cohort-customers?", base + "/csv/analytics/cohort-customers.csv?", filters,
                Map.of("cohort", cohort.toString(), "period", String.valueOf(period)), offset, more);
        out.render(200, m);
    }

    /** The customers behind a customer count of the key figures ({@code kind}: ACTIVE, NEW, CHURNED or REACTIVATED). */
    static void customers(HttpServletRequest req, String base, LocalDate today, PortalFormat format, Function<String, String> text,
            Function<CustomerDrillDown, List<CustomerLine>> reader, Renderer out) throws IOException {
        FormInput in = FormInput.query(req);
        SellerFilters filters = SellerFilters.read(in, today).checkRange();
        String kindText = in.raw("kind").orElseThrow(() -> PortalProblem.invalid("kind", "", "ACTIVE, NEW, CHURNED or REACTIVATED"));
        CustomerDrillDown.Kind kind;
        try {
            kind = CustomerDrillDown.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PortalProblem.invalid("kind", kindText, "ACTIVE, NEW, CHURNED or REACTIVATED");
        }
        int offset = offset(in);
        List<CustomerLine> lines = reader.apply(new CustomerDrillDown(filters.query(), kind, PAGE + 1, offset));
        boolean more = lines.size() > PAGE;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CustomerLine c : lines.subList(0, Math.min(PAGE, lines.size()))) {
            rows.add(Map.of("date", format.date(c.date()), "customer", c.customerName().isEmpty() ? "#" + c.customerId() : c.customerName(),
                    "customerId", String.valueOf(c.customerId()), "subscriptions", String.join(", ", c.documentNos())));
        }
        Map<String, Object> m = new HashMap<>();
        m.put("rows", rows);
        m.put("range", format.date(filters.query().from()) + " – " + format.date(filters.query().to()));
        m.put("kind", text.apply("customers.kind." + kind.name()));
        if (offset == 0 && !more) {
            m.put("count", String.valueOf(rows.size()));
        }
        pager(m, base + "/analytics/customers?", base + "/csv/analytics/customers.csv?", filters, Map.of("kind", kind.name()), offset, more);
        out.render(200, m);
    }

    /** The known moves of a forecast month, with their sum per part, and the link to the trailing entries of the trend. */
    static void forecastKnown(HttpServletRequest req, String base, PortalFormat format, Function<String, String> text, KnownReader reader,
            Renderer out) throws IOException {
        FormInput in = FormInput.query(req);
        YearMonth month = month(in);
        Optional<String> currency = currency(in);
        int offset = offset(in);
        Optional<Long> template = in.raw("templateId").map(v -> number("templateId", v));
        Segment segment = SellerFilters.segment(in);
        KnownMoves k = reader.read(month, currency, template, segment, PAGE + 1, offset);
        boolean more = k.moves().size() > PAGE;
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        for (String part : List.of("START", "CHANGE", "END")) {
            sums.put(part, BigDecimal.ZERO);
        }
        for (ForecastMove mv : k.moves().subList(0, Math.min(PAGE, k.moves().size()))) {
            rows.add(Map.of("date", format.date(mv.date()), "part", text.apply("known.part." + mv.part()), "documentNo", mv.documentNo(),
                    "subscriptionId", String.valueOf(mv.subscriptionId()), "customerId", String.valueOf(mv.customerId()),
                    "before", format.money(mv.mrrBefore(), k.currency()), "after", format.money(mv.mrrAfter(), k.currency()),
                    "effect", format.money(mv.effect(), k.currency())));
            sums.merge(mv.part(), mv.effect(), BigDecimal::add);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("rows", rows);
        m.put("month", String.format("%02d/%d", month.getMonthValue(), month.getYear()));
        if (offset == 0 && !more) {
            List<Map<String, Object>> totals = new ArrayList<>();
            sums.forEach((part, sum) -> totals.add(Map.of("part", text.apply("known.part." + part), "sum", format.money(sum, k.currency()))));
            m.put("totals", totals);
        }
        Map<String, String> trend = new LinkedHashMap<>();
        trend.put("from", k.trendFrom().toString());
        trend.put("to", k.trendTo().toString());
        m.put("trend", base + "/analytics/entries?" + AnalyticsPage.query(trend));
        m.put("trendRange", format.date(k.trendFrom()) + " – " + format.date(k.trendTo()));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("month", month.toString());
        currency.ifPresent(c -> q.put("currency", c));
        template.ifPresent(t -> q.put("templateId", String.valueOf(t)));
        SellerFilters.put(q, segment);
        m.put("csv", base + "/csv/forecast/known.csv?" + AnalyticsPage.query(q) + "&limit=1000&offset=" + offset);
        m.put("back", base + "/analytics#forecast");
        if (more) {
            m.put("next", base + "/forecast/known?" + AnalyticsPage.query(q) + "&offset=" + (offset + PAGE));
        }
        if (offset > 0) {
            m.put("previous", base + "/forecast/known?" + AnalyticsPage.query(q) + "&offset=" + Math.max(0, offset - PAGE));
        }
        out.render(200, m);
    }

    /** {@code month}, required: a month as YYYY-MM. */
    private static YearMonth month(FormInput in) {
        String text = in.raw("month").orElseThrow(() -> PortalProblem.invalid("month", "", "a month as YYYY-MM"));
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw PortalProblem.invalid("month", text, "a month as YYYY-MM");
        }
    }

    /** {@code currency}, optional: an ISO 4217 code. */
    private static Optional<String> currency(FormInput in) {
        return in.raw("currency").map(v -> {
            if (!v.matches("[A-Z]{3}")) {
                throw PortalProblem.invalid("currency", v, "an ISO 4217 code such as EUR");
            }
            return v;
        });
    }

    private static int offset(FormInput in) {
        return in.raw("offset").map(v -> (int) Math.min(number("offset", v), 1_000_000)).orElse(0);
    }

    /** The back link, the CSV of the page (up to 1000 lines from its offset) and the previous and next pages. */
    private static void pager(Map<String, Object> m, String page, String csv, SellerFilters filters, Map<String, String> extra, int offset,
            boolean more) {
        Map<String, String> all = new LinkedHashMap<>(extra);
        m.put("back", page.substring(0, page.indexOf("/analytics/") + "/analytics".length()) + "?" + filters.queryString());
        all.put("limit", "1000");
        all.put("offset", String.valueOf(offset));
        m.put("csv", csv + filters.queryString(all));
        all.remove("limit");
        if (more) {
            all.put("offset", String.valueOf(offset + PAGE));
            m.put("next", page + filters.queryString(all));
        }
        if (offset > 0) {
            all.put("offset", String.valueOf(Math.max(0, offset - PAGE)));
            m.put("previous", page + filters.queryString(all));
        }
    }

    private static long number(String field, String v) {
        if (!ID.matcher(v).matches()) {
            throw PortalProblem.invalid(field, v, "a whole number");
        }
        return Long.parseLong(v);
    }
}
