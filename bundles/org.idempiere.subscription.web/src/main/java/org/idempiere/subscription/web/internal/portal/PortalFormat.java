package org.idempiere.subscription.web.internal.portal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.idempiere.subscription.api.Money;

/**
 * Amounts and dates as the portal shows them in one language. The formats are fixed here rather
 * than taken from the JDK's locale data, which has changed between releases:
 * <ul>
 * <li>Slovak: {@code 1 234,56 €} (a no-break space groups the thousands and precedes the
 * currency), {@code 7. 12. 2026};</li>
 * <li>English: {@code €1,234.56} ({@code CZK 1,234.00} for a currency without a one-character
 * symbol, with a no-break space), {@code Dec 7, 2026}.</li>
 * </ul>
 * Amounts are shown with the currency's own number of decimals, rounded half-up. Immutable and
 * thread-safe.
 */
public final class PortalFormat {
    static final char NBSP = '\u00A0';

    private static final Map<PortalLanguage, PortalFormat> BY_LANGUAGE = new EnumMap<>(PortalLanguage.class);

    static {
        for (PortalLanguage l : PortalLanguage.values()) {
            BY_LANGUAGE.put(l, new PortalFormat(l));
        }
    }

    private final PortalLanguage language;
    private final DateTimeFormatter dates;

    /** @return the formats of {@code language}, made once */
    public static PortalFormat of(PortalLanguage language) {
        return BY_LANGUAGE.get(language);
    }

    PortalFormat(PortalLanguage language) {
        this.language = language;
        this.dates = switch (language) {
            case SK -> DateTimeFormatter.ofPattern("d. M. uuuu", language.locale());
            case EN -> DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH);
        };
    }

    /** @return the amount with its currency, e.g. {@code 1 234,56 €} or {@code €1,234.56} */
    public String money(BigDecimal amount, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode);
        int scale = Math.max(0, currency.getDefaultFractionDigits());
        BigDecimal rounded = amount.setScale(scale, RoundingMode.HALF_UP);
        String number = number(rounded.abs(), scale);
        String sign = rounded.signum() < 0 ? "-" : "";
        String symbol = symbol(currency);
        return switch (language) {
            case SK -> sign + number + NBSP + symbol;
            case EN -> sign + (symbol.length() == 1 ? symbol : symbol + NBSP) + number;
        };
    }

    /** @return the amount with its currency, e.g. {@code 1 234,56 €} or {@code €1,234.56} */
    String money(Money money) {
        return money(money.amount(), money.currency().getCurrencyCode());
    }

    /**
     * @return a quantity as people write it: without trailing zeros, with the language's decimal
     *         mark and grouping, e.g. {@code 2}, {@code 1,5} or {@code 1.5}, {@code 1 000}
     */
    public String quantity(BigDecimal quantity) {
        BigDecimal q = quantity.stripTrailingZeros();
        int scale = Math.max(0, q.scale());
        return (q.signum() < 0 ? "-" : "") + number(q.abs().setScale(scale, RoundingMode.HALF_UP), scale);
    }

    /** @return a card's expiry month as printed on cards, e.g. {@code 12/2029} */
    String expiry(YearMonth month) {
        return String.format(Locale.ROOT, "%02d/%d", month.getMonthValue(), month.getYear());
    }

    /** @return the date, e.g. {@code 7. 12. 2026} or {@code Dec 7, 2026} */
    public String date(LocalDate date) {
        return dates.format(date);
    }

    /**
     * @return a fraction as a percentage with {@code decimals} decimals, rounded half-up, e.g. {@code 5,25 %} or
     *         {@code 5.25%} for 0.0525
     */
    public String percent(BigDecimal fraction, int decimals) {
        BigDecimal p = fraction.movePointRight(2).setScale(decimals, RoundingMode.HALF_UP);
        String n = (p.signum() < 0 ? "-" : "") + number(p.abs(), decimals);
        return language == PortalLanguage.SK ? n + NBSP + "%" : n + "%";
    }

    /** @return a plain number with {@code decimals} decimals, rounded half-up, e.g. {@code 1 234,50} or {@code 1,234.50} */
    public String decimal(BigDecimal value, int decimals) {
        BigDecimal v = value.setScale(decimals, RoundingMode.HALF_UP);
        return (v.signum() < 0 ? "-" : "") + number(v.abs(), decimals);
    }

    /**
     * A non-negative number at {@code scale} decimals (rounded half-up), its whole part grouped by
     * thousands: written out here, as a {@code DecimalFormat} costs more to make than to use and
     * is not thread-safe.
     */
    private String number(BigDecimal value, int scale) {
        String plain = value.setScale(scale, RoundingMode.HALF_UP).toPlainString();
        int point = plain.indexOf('.');
        int whole = point < 0 ? plain.length() : point;
        StringBuilder b = new StringBuilder(plain.length() + whole / 3);
        for (int i = 0; i < whole; i++) {
            if (i > 0 && (whole - i) % 3 == 0) {
                b.append(language == PortalLanguage.SK ? NBSP : ',');
            }
            b.append(plain.charAt(i));
        }
        if (point >= 0) {
            b.append(language == PortalLanguage.SK ? ',' : '.').append(plain, point + 1, plain.length());
        }
        return b.toString();
    }

    private static String symbol(Currency currency) {
        return switch (currency.getCurrencyCode()) {
            case "EUR" -> "€";
            case "USD" -> "$";
            case "GBP" -> "£";
            default -> currency.getCurrencyCode();
        };
    }
}
