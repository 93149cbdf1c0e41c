package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an amount over weighted parts so that the parts add up to it exactly (docs/analytics.md, "Breakdowns";
 * decision 0049): each part gets the amount × its weight ÷ the weights' sum, cut down to the scale, and the
 * units (cents) left are given one each to the parts with the largest cut-off remainders — on a tie, to the part
 * that comes first. A negative amount is split as its opposite and negated, so a credit mirrors the same charge.
 * Parts with no weight, or weights that are all zero, share equally. Pure and stateless.
 */
final class Attribution {
    private Attribution() {
    }

    /**
     * @param amount  the amount to split
     * @param scale   the decimals of the result (the currency's)
     * @param weights each part's weight, zero or more, in the order ties are broken
     * @return each part's share, at {@code scale}, adding up to {@code amount} (rounded half up to {@code scale})
     */
    static <K> Map<K, BigDecimal> split(BigDecimal amount, int scale, Map<K, BigDecimal> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("no part to attribute " + amount + " to");
        }
        List<K> keys = new ArrayList<>(weights.keySet());
        List<BigDecimal> w = new ArrayList<>(keys.size());
        BigDecimal total = BigDecimal.ZERO;
        for (K k : keys) {
            BigDecimal v = weights.get(k);
            if (v.signum() < 0) {
                throw new IllegalArgumentException("weight " + v + " of " + k + " is negative");
            }
            w.add(v);
            total = total.add(v);
        }
        if (total.signum() == 0) { // nothing to weigh by: equal shares
            w.replaceAll(v -> BigDecimal.ONE);
            total = BigDecimal.valueOf(keys.size());
        }
        BigInteger units = amount.setScale(scale, RoundingMode.HALF_UP).unscaledValue();
        BigInteger abs = units.abs();
        BigInteger[] share = new BigInteger[keys.size()];
        BigDecimal[] rest = new BigDecimal[keys.size()];
        BigInteger given = BigInteger.ZERO;
        for (int i = 0; i < share.length; i++) {
            BigDecimal exact = new BigDecimal(abs).multiply(w.get(i));
            BigDecimal[] qr = exact.divideAndRemainder(total);
            share[i] = qr[0].toBigIntegerExact();
            rest[i] = qr[1];
            given = given.add(share[i]);
        }
        int left = abs.subtract(given).intValueExact(); // fewer than the number of parts
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < share.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> rest[b].compareTo(rest[a]) != 0 ? rest[b].compareTo(rest[a]) : Integer.compare(a, b));
        for (int i = 0; i < left; i++) {
            share[order.get(i)] = share[order.get(i)].add(BigInteger.ONE);
        }
        Map<K, BigDecimal> out = new LinkedHashMap<>();
        for (int i = 0; i < share.length; i++) {
            BigInteger s = units.signum() < 0 ? share[i].negate() : share[i];
            out.put(keys.get(i), new BigDecimal(s, scale));
        }
        return out;
    }
}
