package org.idempiere.subscription.core.internal.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.idempiere.subscription.api.Money;

/**
 * The one place where line amounts are rounded, in the order iDempiere itself computes an
 * invoice line (so the host's recalculation in {@code MInvoiceLine.beforeSave} agrees):
 * <ol>
 * <li>price actual = price x (100 - discount %) / 100, rounded half-up to the currency's scale;</li>
 * <li>line net = quantity x price actual, rounded half-up to the currency's scale.</li>
 * </ol>
 * Tax is never computed here: the host computes it on the invoice.
 */
public final class LinePricing {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private LinePricing() {
    }

    /** Unit price after discount. */
    public static BigDecimal priceActual(BigDecimal price, BigDecimal discountPercent, Currency currency) {
        return Money.of(price, currency, RoundingMode.HALF_UP)
                .multipliedBy(HUNDRED.subtract(discountPercent), HUNDRED, RoundingMode.HALF_UP).amount()
                .max(BigDecimal.ZERO);
    }

    /** Net amount of a line: quantity times price actual. */
    public static Money lineNet(BigDecimal quantity, BigDecimal priceActual, Currency currency) {
        return Money.of(quantity.multiply(priceActual), currency, RoundingMode.HALF_UP);
    }
}
