package org.idempiere.subscription.web.internal.seller;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.Breakdown;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.Segment;
import org.idempiere.subscription.web.internal.portal.FormInput;
import org.idempiere.subscription.web.internal.portal.PortalProblem;

/**
 * The analytics page's filters, read from its query string: {@code from} and {@code to} (ISO dates; default the
 * twelve months up to the end of the host's current month), {@code granularity} (default MONTH), {@code templateId},
 * {@code currency} and {@code reportingCurrency} (ISO 4217), the segment's {@code productId}, {@code country},
 * {@code region} and {@code salesRepId}, and {@code by}, the breakdown's dimension (default PLAN). The shape of each is
 * checked here, with a {@link PortalProblem} naming the field and the value; {@link #checkRange} checks the length of
 * the range with the days it allows; what the engine knows (a plan, a currency, a product) is checked by the engine,
 * whose error names the field too. Immutable.
 *
 * @param raw the fields as sent, for the filter form and the links that keep the filters
 */
record SellerFilters(AnalyticsQuery query, Map<String, String> raw) {
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
    private static final Pattern ID = Pattern.compile("[0-9]{1,10}");

    /** The names of the filters, in the order of the form. */
    static final String[] NAMES = {"from", "to", "granularity", "templateId", "currency", "reportingCurrency", "productId", "country",
        "region", "salesRepId", "by"};
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern REGION = Pattern.compile("[A-Za-z]{2}(/[^/\\p{Cntrl}]{1,60})?");

    static SellerFilters read(FormInput in, LocalDate today) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String n : NAMES) {
            in.raw(n).map(String::strip).filter(v -> !v.isEmpty()).ifPresent(v -> raw.put(n, v));
        }
        LocalDate to = raw.containsKey("to") ? date("to", raw.get("to")) : today.withDayOfMonth(today.lengthOfMonth());
        LocalDate from = raw.containsKey("from") ? date("from", raw.get("from")) : to.withDayOfMonth(1).minusMonths(11);
        Granularity g = Granularity.MONTH;
        if (raw.containsKey("granularity")) {
            try {
                g = Granularity.valueOf(raw.get("granularity").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw PortalProblem.invalid("granularity", raw.get("granularity"), "one of DAY, WEEK, MONTH, QUARTER, YEAR");
            }
        }
        Optional<Long> template = id(raw, "templateId", "a plan's id");
        Segment segment = segment(raw);
        if (raw.containsKey("by")) {
            try {
                raw.put("by", Breakdown.Dimension.valueOf(raw.get("by").toUpperCase(Locale.ROOT)).name());
            } catch (IllegalArgumentException e) {
                throw PortalProblem.invalid("by", raw.get("by"), "one of PLAN, CURRENCY, PRODUCT, COUNTRY, REGION, SALES_REP");
            }
        }
        raw.put("from", from.toString());
        raw.put("to", to.toString());
        raw.put("granularity", g.name());
        return new SellerFilters(new AnalyticsQuery(from, to, g, template, currency(raw, "currency"), currency(raw, "reportingCurrency"),
                segment), raw);
    }

    /** The segment's fields of a request alone (the revenue and forecast drill-downs): productId, country, region, salesRepId. */
    static Segment segment(FormInput in) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String n : List.of("productId", "country", "region", "salesRepId")) {
            in.raw(n).map(String::strip).filter(v -> !v.isEmpty()).ifPresent(v -> raw.put(n, v));
        }
        return segment(raw);
    }

    private static Segment segment(Map<String, String> raw) {
        return new Segment(id(raw, "productId", "a product's id"), code(raw, "country", COUNTRY, "an ISO 3166 code such as SK"),
                code(raw, "region", REGION, "a country code, or a country code, a slash and a region"),
                id(raw, "salesRepId", "a sales representative's id"));
    }

    /** Adds a segment's filters to a drill-down's or a CSV's query fields. */
    static void put(Map<String, String> fields, Segment s) {
        s.productId().ifPresent(v -> fields.put("productId", String.valueOf(v)));
        s.country().ifPresent(v -> fields.put("country", v));
        s.region().ifPresent(v -> fields.put("region", v));
        s.salesRepId().ifPresent(v -> fields.put("salesRepId", String.valueOf(v)));
    }

    /** @return the breakdown's dimension: {@code by}, default PLAN */
    Breakdown.Dimension by() {
        return raw.containsKey("by") ? Breakdown.Dimension.valueOf(raw.get("by")) : Breakdown.Dimension.PLAN;
    }

    private static Optional<Long> id(Map<String, String> raw, String field, String what) {
        String v = raw.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!ID.matcher(v).matches() || Long.parseLong(v) == 0) {
            throw PortalProblem.invalid(field, v, what);
        }
        return Optional.of(Long.parseLong(v));
    }

    /** A code whose country part is upper-cased. */
    private static Optional<String> code(Map<String, String> raw, String field, Pattern shape, String what) {
        String v = raw.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!shape.matcher(v).matches()) {
            throw PortalProblem.invalid(field, v, what);
        }
        String code = v.substring(0, 2).toUpperCase(Locale.ROOT) + v.substring(2);
        raw.put(field, code);
        return Optional.of(code);
    }

    /**
     * Checks the range as the engine will (its limit, {@link AnalyticsQuery#latestTo}), so the refusal can name the days
     * allowed: {@code to} from {@code from} to 10 years after it.
     *
     * @return these filters
     * @throws PortalProblem 400 naming {@code to}, its value and the days allowed
     */
    SellerFilters checkRange() {
        LocalDate from = query.from();
        LocalDate to = query.to();
        if (to.isBefore(from) || to.isAfter(AnalyticsQuery.latestTo(from))) {
            throw PortalProblem.outOfRange("to", raw.get("to"), from.toString(), AnalyticsQuery.latestTo(from).toString());
        }
        return this;
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw PortalProblem.invalid(field, value, "a date as YYYY-MM-DD");
        }
    }

    private static Optional<String> currency(Map<String, String> raw, String field) {
        String v = raw.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!CURRENCY.matcher(v).matches()) {
            throw PortalProblem.invalid(field, v, "an ISO 4217 code such as EUR");
        }
        String code = v.toUpperCase(Locale.ROOT);
        raw.put(field, code);
        return Optional.of(code);
    }

    /** @return the filters as a query string, with {@code extra} fields added or replacing them (a null value drops one) */
    String queryString(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(raw);
        extra.forEach((k, v) -> {
            if (v == null) {
                all.remove(k);
            } else {
                all.put(k, v);
            }
        });
        return all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    /** @return the filters as a query string */
    String queryString() {
        return queryString(Map.of());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
