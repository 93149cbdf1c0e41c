package org.idempiere.subscription.core.internal.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.ServicePeriod;

/**
 * The one place where line amounts are rounded, in the order iDempiere itself computes an
 * invoice line (so the host's recalculation in {@code MInvoiceLine.beforeSave} agrees):
 * <ol>
 * <li>price actual = price x (100 - discount %) / 100, rounded half-up to the currency's scale;</li>
 * <li>line net = quantity x price actual, rounded half-up to the currency's scale.</li>
 * </ol>
 * A period charged by days (a shorter first period) has a prorated price actual
 * ({@link #prorate}), and its line net is computed from it in the same way.
 * Tax is never computed here: the host computes it on the invoice.
 */
public final class LinePricing {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private LinePricing() {
    }

    /**
     * Unit price after discount. A negative price — a credit or discount line, which iDempiere's
     * subscription window accepts as a manual price — gives a negative price actual, as iDempiere
     * computes it for its own invoice lines (decision 0042); the discount (0 to 100 %) never turns
     * a positive price negative.
     */
    public static BigDecimal priceActual(BigDecimal price, BigDecimal discountPercent, Currency currency) {
        return Money.of(price, currency, RoundingMode.HALF_UP)
                .multipliedBy(HUNDRED.subtract(discountPercent), HUNDRED, RoundingMode.HALF_UP).amount();
    }

    /**
     * The share of a unit price for the days {@code part} of the whole period {@code whole}, by
     * days: with N the days of {@code whole} and its days counted from 1,
     * {@code round(price x lastDay / N) - round(price x (firstDay - 1) / N)}, each rounded half-up
     * to the currency's scale. Rounding cumulative shares makes the shares of any split of a period
     * add up to exactly the price, and no share exceeds it.
     *
     * @throws IllegalArgumentException if {@code part} is not within {@code whole}
     */
    public static BigDecimal prorate(BigDecimal priceActual, ServicePeriod whole, ServicePeriod part, Currency currency) {
        if (part.start().isBefore(whole.start()) || part.end().isAfter(whole.end())) {
            throw new IllegalArgumentException(part + " is not within " + whole);
        }
        BigDecimal days = BigDecimal.valueOf(whole.days());
        BigDecimal upToEnd = BigDecimal.valueOf(ChronoUnit.DAYS.between(whole.start(), part.end()) + 1);
        BigDecimal beforeStart = BigDecimal.valueOf(ChronoUnit.DAYS.between(whole.start(), part.start()));
        Money price = Money.of(priceActual, currency, RoundingMode.HALF_UP);
        return price.multipliedBy(upToEnd, days, RoundingMode.HALF_UP).amount()
                .subtract(price.multipliedBy(beforeStart, days, RoundingMode.HALF_UP).amount());
    }

    /** Net amount of a line: quantity times price actual. */
    public static Money lineNet(BigDecimal quantity, BigDecimal priceActual, Currency currency) {
        return Money.of(quantity.multiply(priceActual), currency, RoundingMode.HALF_UP);
    }
}
