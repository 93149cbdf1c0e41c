package org.idempiere.subscription.api;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** An ISO 639-1 language, optionally with an ISO 3166-1 region, joined by '-' or '_'. */
    private static final Pattern LANGUAGE = Pattern.compile("([A-Za-z]{2})(?:[-_]([A-Za-z]{2}))?");

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

    /**
     * A customer's language, as a BCP 47 tag ({@code sk}, {@code sk-SK}) or an iDempiere language
     * code ({@code sk_SK}), in any letter case. Normalised to iDempiere's form: the language in
     * lower case and, if given, {@code _} and the region in upper case ({@code sk}, {@code sk_SK}).
     *
     * @throws SubscriptionException INVALID_VALUE naming {@code field} and the value for anything
     *         else (script or variant subtags, three-letter codes, blanks)
     */
    public static String language(String field, String value) {
        Matcher m = value == null ? null : LANGUAGE.matcher(value.strip());
        if (m == null || !m.matches()) {
            throw SubscriptionException.invalid(field, value, "is not a language such as sk, sk-SK or sk_SK");
        }
        String language = m.group(1).toLowerCase(Locale.ROOT);
        return m.group(2) == null ? language : language + "_" + m.group(2).toUpperCase(Locale.ROOT);
    }
}
