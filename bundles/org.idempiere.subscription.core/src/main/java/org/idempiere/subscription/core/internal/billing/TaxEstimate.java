package org.idempiere.subscription.core.internal.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.TaxRate;
import org.idempiere.subscription.api.host.Taxes.RateKey;

/**
 * The tax of a preview, estimated from the host's rates: per rate, on the sum of the lines taxed
 * at it, rounded half up at the currency's scale. The invoice itself gets its tax from the host
 * when it is posted. The rates are read before, for every line of every preview of a page at once
 * ({@link org.idempiere.subscription.api.host.Taxes#rates}).
 */
final class TaxEstimate {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private final Map<RateKey, TaxRate> rates;
    private final long billToLocationId;
    private final Map<Long, BigDecimal[]> perRate = new LinkedHashMap<>();

    /**
     * @param rates the host's rates read for the lines (a key without a rate is absent)
     */
    TaxEstimate(Map<RateKey, TaxRate> rates, long billToLocationId) {
        this.rates = rates;
        this.billToLocationId = billToLocationId;
    }

    /** The key of a line's rate: the product billed to the location on that date. */
    static RateKey key(long productId, long billToLocationId, LocalDate date) {
        return new RateKey(productId, billToLocationId, date);
    }

    /**
     * Adds a line's net amount under its rate.
     *
     * @return the rate, in percent
     * @throws SubscriptionException INVALID_STATE naming {@code lines[line].productId} when the
     *         host has no rate for the product at the customer's bill-to location on that date
     */
    BigDecimal add(int line, long productId, LocalDate date, BigDecimal lineNet) {
        TaxRate rate = rates.get(key(productId, billToLocationId, date));
        if (rate == null) {
            throw SubscriptionException.invalidState("lines[" + line + "].productId", productId,
                    "has no tax rate for the customer's bill-to location on " + date);
        }
        perRate.computeIfAbsent(rate.id(), k -> new BigDecimal[] {rate.ratePercent(), BigDecimal.ZERO})[1] =
                perRate.get(rate.id())[1].add(lineNet);
        return rate.ratePercent();
    }

    /** @return the tax of the lines added, at {@code scale} */
    BigDecimal tax(int scale) {
        BigDecimal tax = BigDecimal.ZERO.setScale(scale);
        for (BigDecimal[] base : perRate.values()) {
            tax = tax.add(base[1].multiply(base[0]).divide(HUNDRED, scale, RoundingMode.HALF_UP));
        }
        return tax;
    }
}
