package org.idempiere.subscription.core.internal.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Catalog.PriceKey;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.SubscriptionLine;

/**
 * Prices subscription lines on a date: a line's fixed price if it has one (per line unit), else
 * the price of the subscription's price list valid that day (per product unit, times the line's
 * units per unit of measure), then the line discount.
 */
public final class Pricer {
    private final Catalog catalog;

    public Pricer(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Prices the lines, asking the host for the list prices they need.
     *
     * @param field how to name a line in an error, e.g. {@code "lines"} gives {@code lines[0].productId}
     * @throws SubscriptionException INVALID_VALUE if a product has no price on that date
     */
    public List<PricedLine> price(Tx tx, long priceListId, Currency currency, LocalDate date, List<SubscriptionLine> lines,
            String field) {
        Set<PriceKey> keys = new LinkedHashSet<>();
        addKeys(keys, priceListId, date, lines);
        return price(keys.isEmpty() ? Map.of() : catalog.prices(tx, keys), priceListId, currency, date, lines, field);
    }

    /**
     * The day a line's list price is taken on when the period's price date gives none: the day the
     * line starts, if that is later (a product added by a change may have been listed only since).
     * A line with a price on {@code date} (the period's price date) takes that one, so a line
     * version a change started keeps the period's (e.g. the term's) price.
     */
    public static LocalDate fallbackDate(LocalDate date, SubscriptionLine l) {
        return l.validFrom().filter(f -> f.isAfter(date)).orElse(date);
    }

    /** The list-price keys the lines need (lines with a fixed price need none). */
    public static void addKeys(Collection<PriceKey> keys, long priceListId, LocalDate date, List<SubscriptionLine> lines) {
        for (SubscriptionLine l : lines) {
            if (l.fixedUnitPrice().isEmpty()) {
                keys.add(new PriceKey(priceListId, l.productId(), date));
                keys.add(new PriceKey(priceListId, l.productId(), fallbackDate(date, l)));
            }
        }
    }

    /** Prices the lines from list prices looked up already. */
    public static List<PricedLine> price(Map<PriceKey, BigDecimal> listPrices, long priceListId, Currency currency,
            LocalDate date, List<SubscriptionLine> lines, String field) {
        List<PricedLine> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            SubscriptionLine l = lines.get(i);
            BigDecimal list = listPrices.get(new PriceKey(priceListId, l.productId(), date));
            LocalDate on = date;
            if (list == null) {
                on = fallbackDate(date, l);
                list = listPrices.get(new PriceKey(priceListId, l.productId(), on));
            }
            // a list price is per unit of the product's own unit of measure; a line in another unit holds uomRate of them
            BigDecimal price = l.fixedUnitPrice().orElse(list == null ? null : list.multiply(l.uomRate()));
            if (price == null) {
                throw SubscriptionException.invalid(field + "[" + i + "].productId", l.productId(),
                        "has no price on price list " + priceListId + " on " + on);
            }
            BigDecimal actual = LinePricing.priceActual(price, l.discountPercent(), currency);
            out.add(new PricedLine(l, actual, LinePricing.lineNet(l.quantity(), actual, currency)));
        }
        return out;
    }

    /**
     * The lines charged for {@code part} of the whole period {@code whole} only: each price actual
     * prorated by days ({@link LinePricing#prorate}), the line net computed from it.
     */
    public static List<PricedLine> prorate(List<PricedLine> lines, ServicePeriod whole, ServicePeriod part, Currency currency) {
        List<PricedLine> out = new ArrayList<>(lines.size());
        for (PricedLine l : lines) {
            BigDecimal share = LinePricing.prorate(l.priceActual(), whole, part, currency);
            out.add(new PricedLine(l.line(), share, LinePricing.lineNet(l.line().quantity(), share, currency)));
        }
        return out;
    }

    /** The sum of the lines' net amounts. */
    public static Money total(List<PricedLine> lines, Currency currency) {
        Money sum = Money.zero(currency);
        for (PricedLine l : lines) {
            sum = sum.plus(l.lineNet());
        }
        return sum;
    }
}
