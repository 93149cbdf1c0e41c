package org.idempiere.subscription.core.internal.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.SubscriptionLine;

/**
 * Prices subscription lines on a date: a line's fixed price if it has one, else the price of
 * the subscription's price list valid that day, then the line discount.
 */
public final class Pricer {
    private final Catalog catalog;

    public Pricer(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param field how to name a line in an error, e.g. {@code "lines"} gives {@code lines[0].productId}
     * @throws SubscriptionException INVALID_VALUE if a product has no price on that date
     */
    public List<PricedLine> price(Tx tx, long priceListId, Currency currency, LocalDate date, List<SubscriptionLine> lines,
            String field) {
        List<PricedLine> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            SubscriptionLine l = lines.get(i);
            int index = i;
            BigDecimal price = l.fixedUnitPrice().orElseGet(() -> catalog.price(tx, priceListId, l.productId(), date)
                    .orElseThrow(() -> SubscriptionException.invalid(field + "[" + index + "].productId", l.productId(),
                            "has no price on price list " + priceListId + " on " + date)));
            BigDecimal actual = LinePricing.priceActual(price, l.discountPercent(), currency);
            out.add(new PricedLine(l, actual, LinePricing.lineNet(l.quantity(), actual, currency)));
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
