package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongToIntFunction;

/**
 * A product's share of each drill-down line (docs/analytics.md, "Drill-down"): the figure a product filter shows is,
 * per subscription, currency, movement type and kind of churn, the product's share of the sum of the movements
 * ({@link LedgerFigures}, decision 0058: {@link Attribution} by the subscription's product weights, largest remainder).
 * The lines are given that sum's share by cumulative rounding in their order — the k-th line gets the share of the
 * movements up to it minus the share of those before it — so the lines of a subscription add up exactly to its share
 * of their sum, and all lines to the figure, while each line is within a unit of its own exact share. Pure.
 */
final class EntryShares {
    private EntryShares() {
    }

    /**
     * @param entries  the lines in date and entry order, all of the range (not one page)
     * @param movement each line's movement as listed
     * @param weights  product weights by subscription
     * @param scale    decimals of a currency by its id
     * @return each line's share by entry id; 0 for a subscription without weights
     */
    static Map<Long, BigDecimal> of(List<LedgerReads.Moved> entries, Function<LedgerReads.Moved, BigDecimal> movement,
            boolean transfer, Map<Long, Map<Long, BigDecimal>> weights, long product, LongToIntFunction scale) {
        Map<List<Object>, BigDecimal[]> sums = new HashMap<>(); // [subscription, currency, type, delinquent] -> {cumulated, given}
        Map<Long, BigDecimal> out = new HashMap<>();
        for (LedgerReads.Moved m : entries) {
            int digits = scale.applyAsInt(m.currencyId());
            Map<Long, BigDecimal> w = weights.get(m.subscriptionId());
            BigDecimal amount = movement.apply(m);
            if (w == null || w.isEmpty()) {
                out.put(m.entryId(), BigDecimal.ZERO.setScale(digits));
                continue;
            }
            BigDecimal[] s = sums.computeIfAbsent(List.of(m.subscriptionId(), m.currencyId(), transfer ? "PT" : m.type(),
                    "CH".equals(m.type()) && m.delinquent()),
                    k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO.setScale(digits)});
            s[0] = s[0].add(amount);
            BigDecimal upTo = SegmentFilter.share(s[0], digits, w, product);
            out.put(m.entryId(), upTo.subtract(s[1]));
            s[1] = upTo;
        }
        return out;
    }
}
