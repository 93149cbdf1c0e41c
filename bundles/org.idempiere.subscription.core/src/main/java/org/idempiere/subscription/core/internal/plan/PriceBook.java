package org.idempiere.subscription.core.internal.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.idempiere.subscription.api.host.Catalog.PriceKey;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.core.internal.pricing.PricedLine;
import org.idempiere.subscription.core.internal.pricing.Pricer;

/**
 * The list prices a plan computation may use, looked up beforehand (so the plan never asks the
 * host): a subscription's price list and currency, and the prices of (product, day) on it.
 * Immutable.
 *
 * @param priceListId the subscription's price list
 * @param currency    the subscription's currency
 * @param listPrices  list prices by key; a key missing is a product without a price that day
 */
public record PriceBook(long priceListId, Currency currency, Map<PriceKey, BigDecimal> listPrices) {

    public PriceBook {
        listPrices = Map.copyOf(listPrices);
    }

    /** Adds to {@code keys} the list prices {@code lines} need when priced on {@code date}. */
    public static void addKeys(Set<PriceKey> keys, long priceListId, LocalDate date, List<SubscriptionLine> lines) {
        Pricer.addKeys(keys, priceListId, date, lines);
    }

    /**
     * Prices {@code lines} on {@code date} (each line's fixed price, else the list price that day,
     * else on the day the line starts).
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_VALUE naming
     *         {@code lines[i].productId} if a product has no price
     */
    public List<PricedLine> price(LocalDate date, List<SubscriptionLine> lines) {
        return Pricer.price(listPrices, priceListId, currency, date, lines, "lines");
    }
}
