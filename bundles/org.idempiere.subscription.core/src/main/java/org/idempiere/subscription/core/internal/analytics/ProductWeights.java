package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Catalog.PriceKey;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.core.internal.pricing.PricedLine;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.Sql;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;

/**
 * How much of each subscription's MRR each of its products carries (docs/analytics.md, "Breakdowns"; decision
 * 0049): the net of its recurring lines as the engine prices them on the <em>reference day</em> — the range's last
 * day, or the last day a recurring line was in force if all ended before — summed per product. A subscription
 * whose lines cannot be priced (no list price that day) or cost nothing weighs its products by their number of
 * lines.
 */
final class ProductWeights {
    /** Subscriptions loaded at once. */
    private static final int BATCH = 5_000;

    private ProductWeights() {
    }

    /**
     * @param prices   the host's list prices for a set of keys (one call per batch)
     * @param currency a subscription's currency by its id
     * @return by subscription, its products (in product id order) with their weights; a subscription without a
     *         recurring line in force up to {@code to} is left out
     */
    static Map<Long, Map<Long, BigDecimal>> of(Connection c, Tenant t, Collection<Long> subscriptionIds, LocalDate to,
            Function<Set<PriceKey>, Map<PriceKey, BigDecimal>> prices, LongFunction<java.util.Currency> currency)
            throws SQLException {
        Map<Long, Map<Long, BigDecimal>> out = new HashMap<>();
        List<Long> ids = new ArrayList<>(subscriptionIds);
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            Map<Long, long[]> heads = heads(c, t, batch); // price list, currency
            Map<Long, List<SubscriptionLine>> lines = SubscriptionStore.linesOf(c, t, batch);
            Map<Long, LocalDate> refDay = new HashMap<>();
            Map<Long, List<SubscriptionLine>> inForce = new HashMap<>();
            Set<PriceKey> keys = new HashSet<>();
            for (Map.Entry<Long, List<SubscriptionLine>> e : lines.entrySet()) {
                List<SubscriptionLine> recurring = e.getValue().stream().filter(l -> !l.setupFee()
                        && l.validFrom().map(f -> !f.isAfter(to)).orElse(true)).toList();
                LocalDate day = null;
                for (SubscriptionLine l : recurring) {
                    LocalDate last = l.validTo().filter(v -> v.isBefore(to)).orElse(to);
                    day = day == null || last.isAfter(day) ? last : day;
                }
                if (day == null || !heads.containsKey(e.getKey())) {
                    continue;
                }
                LocalDate d = day;
                List<SubscriptionLine> valid = recurring.stream().filter(l -> l.validOn(d)).toList();
                refDay.put(e.getKey(), d);
                inForce.put(e.getKey(), valid);
                Pricer.addKeys(keys, heads.get(e.getKey())[0], d, valid);
            }
            Map<PriceKey, BigDecimal> listPrices = keys.isEmpty() ? Map.of() : prices.apply(keys);
            for (Map.Entry<Long, List<SubscriptionLine>> e : inForce.entrySet()) {
                long[] head = heads.get(e.getKey());
                Map<Long, BigDecimal> w = new TreeMap<>();
                try {
                    for (PricedLine p : Pricer.price(listPrices, head[0], currency.apply(head[1]), refDay.get(e.getKey()),
                            e.getValue(), "lines")) {
                        w.merge(p.line().productId(), p.lineNet().amount().max(BigDecimal.ZERO), BigDecimal::add);
                    }
                } catch (SubscriptionException noPrice) {
                    w.clear();
                }
                if (w.isEmpty() || w.values().stream().allMatch(v -> v.signum() == 0)) { // by number of lines
                    w.clear();
                    e.getValue().forEach(l -> w.merge(l.productId(), BigDecimal.ONE, BigDecimal::add));
                }
                out.put(e.getKey(), new LinkedHashMap<>(w));
            }
        }
        return out;
    }

    private static Map<Long, long[]> heads(Connection c, Tenant t, List<Long> ids) throws SQLException {
        Map<Long, long[]> out = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT SUB_Subscription_ID, M_PriceList_ID, C_Currency_ID FROM SUB_Subscription"
                + " WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ANY (?)", t.clientId(), c.createArrayOf("numeric", ids.toArray()));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        return out;
    }
}
