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
import org.idempiere.subscription.api.service.DrillDown;
import org.idempiere.subscription.api.service.LedgerLine;
import org.idempiere.subscription.api.service.RevenueItem;
import org.idempiere.subscription.web.internal.portal.FormInput;
import org.idempiere.subscription.web.internal.portal.PortalFormat;
import org.idempiere.subscription.web.internal.portal.PortalProblem;

/**
 * The pages behind the figures: the ledger entries of a movement, a churn group or a plan
 * ({@link org.idempiere.subscription.api.service.AnalyticsService#entries}), and the revenue items of a month
 * ({@link org.idempiere.subscription.api.service.RevenueService#items}), each with its CSV.
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
        List<RevenueItem> read(YearMonth month, Optional<String> currency, Optional<Long> templateId);
    }

    static void entries(HttpServletRequest req, String base, LocalDate today, PortalFormat format, Function<String, String> text,
            Function<DrillDown, List<LedgerLine>> reader, Renderer out) throws IOException {
        FormInput in = FormInput.query(req);
        SellerFilters filters = SellerFilters.read(in, today);
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
        int offset = in.raw("offset").map(v -> (int) Math.min(number("offset", v), 1_000_000)).orElse(0);
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
        Map<String, String> all = new LinkedHashMap<>(extra);
        Map<String, Object> m = new HashMap<>();
        m.put("rows", rows);
        m.put("range", format.date(filters.query().from()) + " – " + format.date(filters.query().to()));
        if (!types.isEmpty()) {
            m.put("type", String.join(" + ", types.stream().map(t -> text.apply("type." + t.name())).toList()));
        }
        if (oneCurrency && currency != null && offset == 0 && !more) {
            m.put("sum", format.money(sum, currency));
        }
        m.put("back", base + "/analytics?" + filters.queryString());
        all.put("limit", "1000");
        all.put("offset", String.valueOf(offset));
        m.put("csv", base + "/csv/analytics/entries.csv?" + filters.queryString(all));
        all.remove("limit");
        if (more) {
            all.put("offset", String.valueOf(offset + PAGE));
            m.put("next", base + "/analytics/entries?" + filters.queryString(all));
        }
        if (offset > 0) {
            all.put("offset", String.valueOf(Math.max(0, offset - PAGE)));
            m.put("previous", base + "/analytics/entries?" + filters.queryString(all));
        }
        out.render(200, m);
    }

    static void revenueItems(HttpServletRequest req, String base, PortalFormat format, ItemReader reader, Renderer out)
            throws IOException {
        FormInput in = FormInput.query(req);
        String monthText = in.raw("month").orElseThrow(() -> PortalProblem.invalid("month", "", "a month as YYYY-MM"));
        YearMonth month;
        try {
            month = YearMonth.parse(monthText);
        } catch (DateTimeParseException e) {
            throw PortalProblem.invalid("month", monthText, "a month as YYYY-MM");
        }
        Optional<String> currency = in.raw("currency").map(v -> {
            if (!v.matches("[A-Z]{3}")) {
                throw PortalProblem.invalid("currency", v, "an ISO 4217 code such as EUR");
            }
            return v;
        });
        Optional<Long> template = in.raw("templateId").map(v -> number("templateId", v));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RevenueItem i : reader.read(month, currency, template)) {
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
        Map<String, Object> m = new HashMap<>();
        m.put("rows", rows);
        m.put("month", String.format("%02d/%d", month.getMonthValue(), month.getYear()));
        m.put("csv", base + "/csv/revenue/items.csv?" + AnalyticsPage.query(q));
        m.put("back", base + "/analytics");
        out.render(200, m);
    }

    private static long number(String field, String v) {
        if (!ID.matcher(v).matches()) {
            throw PortalProblem.invalid(field, v, "a whole number");
        }
        return Long.parseLong(v);
    }
}
