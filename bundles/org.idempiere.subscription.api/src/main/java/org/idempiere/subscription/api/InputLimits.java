package org.idempiere.subscription.api;

import java.math.BigDecimal;

/**
 * The ranges and precisions the engine accepts for quantities, prices and percentages from
 * outside, checked in one place. Each check throws {@link SubscriptionException} REQUIRED or
 * INVALID_VALUE naming the field and the value; they are stateless and thread-safe.
 */
public final class InputLimits {
    /** Largest quantity on a line. */
    public static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");
    /** Largest unit price. */
    public static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000");
    /** Decimals a quantity or a price may have. */
    public static final int MAX_SCALE = 6;
    /** Decimals a percentage may have. */
    public static final int PERCENT_SCALE = 4;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private InputLimits() {
    }

    /** A quantity: above 0, at most {@link #MAX_QUANTITY}, at most {@link #MAX_SCALE} decimals. */
    public static BigDecimal quantity(String field, BigDecimal value) {
        return check(field, value, BigDecimal.ZERO, true, MAX_QUANTITY, MAX_SCALE);
    }

    /** A unit price: 0 or more, at most {@link #MAX_PRICE}, at most {@link #MAX_SCALE} decimals. */
    public static BigDecimal price(String field, BigDecimal value) {
        return check(field, value, BigDecimal.ZERO, false, MAX_PRICE, MAX_SCALE);
    }

    /** A percentage: 0 to 100, at most {@link #PERCENT_SCALE} decimals. */
    public static BigDecimal percent(String field, BigDecimal value) {
        return check(field, value, BigDecimal.ZERO, false, HUNDRED, PERCENT_SCALE);
    }

    private static BigDecimal check(String field, BigDecimal value, BigDecimal min, boolean strictMin, BigDecimal max,
            int maxScale) {
        if (value == null) {
            throw SubscriptionException.required(field);
        }
        int c = value.compareTo(min);
        if (c < 0 || (strictMin && c == 0)) {
            throw SubscriptionException.invalid(field, value.toPlainString(),
                    "must be " + (strictMin ? "greater than " : "at least ") + min.toPlainString());
        }
        if (value.compareTo(max) > 0) {
            // toString, not toPlainString: 1E+400 must not become 400 digits in an error message
            throw SubscriptionException.invalid(field, value.toString(), "must be at most " + max.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > maxScale) {
            throw SubscriptionException.invalid(field, value.toPlainString(), "has more than " + maxScale + " decimals");
        }
        return value;
    }
}
