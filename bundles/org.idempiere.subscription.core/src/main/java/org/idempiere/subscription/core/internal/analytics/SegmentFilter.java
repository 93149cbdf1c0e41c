package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongFunction;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.Segment;

/**
 * A {@link Segment} for the reports outside the MRR read path (revenue recognition, the forecast): checked as the
 * analytics queries check it ({@link Segments#check}: the field and the value named, nothing read before), and turned
 * into a condition on the subscription {@code s} with the same keys — the subscription's <em>current</em> sales
 * representative and its customer's <em>current</em> bill-to country and region (decision 0058). A product filter is
 * not part of the condition: each report takes a product's share its own way (revenue from the invoice lines, the
 * forecast from the product weights of decision 0049, {@link #weights}).
 *
 * @param segment the segment, country codes in upper case
 * @param sql     "" or a condition starting with {@code AND} on the subscription {@code s}; only numbers are written into
 *                it, so it can be appended to any statement without parameters
 */
public record SegmentFilter(Segment segment, String sql) {
    /** Every subscription. */
    public static final SegmentFilter ALL = new SegmentFilter(Segment.ALL, "");

    /**
     * Checks the segment against the host (product in the catalog, ISO 3166 country, a region one of the tenant's
     * customers has, a user of the tenant as sales representative) and builds its condition.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN_REFERENCE or INVALID_VALUE naming
     *         {@code productId}, {@code country}, {@code region} or {@code salesRepId} with the value
     */
    public static SegmentFilter of(Tx tx, Tenant t, Customers customers, Catalog catalog, Segment s) throws SQLException {
        if (s == null || s.isAll()) {
            return ALL;
        }
        Segments places = new Segments(tx, customers);
        Segment checked = places.check(s, t, catalog);
        StringBuilder sql = new StringBuilder();
        checked.salesRepId().ifPresent(id -> sql.append(" AND s.SalesRep_ID = ").append(id.longValue()));
        if (checked.country().isPresent() || checked.region().isPresent()) {
            List<String> ids = new ArrayList<>();
            new TreeSet<>(places.customersIn(checked, t)).forEach(id -> ids.add(String.valueOf(id.longValue())));
            sql.append(" AND s.C_BPartner_ID = ANY ('{").append(String.join(",", ids)).append("}'::numeric[])");
        }
        return new SegmentFilter(checked, sql.toString());
    }

    /** @return the product filter */
    public Optional<Long> product() {
        return segment.productId();
    }

    /**
     * The product weights of subscriptions (decision 0049): the net of their recurring lines per product, priced on
     * {@code day}; a subscription without a recurring line in force up to that day is left out.
     */
    public static Map<Long, Map<Long, BigDecimal>> weights(Tx tx, Tenant t, Catalog catalog, List<Long> subscriptionIds,
            LocalDate day, LongFunction<java.util.Currency> currency) throws SQLException {
        return ProductWeights.of(tx.connection(), t, subscriptionIds, day, keys -> catalog.prices(tx, keys), currency);
    }

    /** @return a product's share of an amount by the weights, largest remainder at {@code scale} (decision 0049) */
    public static BigDecimal share(BigDecimal amount, int scale, Map<Long, BigDecimal> weights, long product) {
        return Attribution.split(amount, scale, weights).getOrDefault(product, BigDecimal.ZERO.setScale(scale));
    }
}
