package org.idempiere.subscription.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount in one currency, always at the currency's scale (its ISO 4217 minor units:
 * 2 for EUR, 0 for JPY). Immutable and thread-safe. Operations that could lose precision take a
 * {@link RoundingMode}; those that cannot, don't. Mixing currencies is an error, never a
 * conversion.
 */
public final class Money implements Comparable<Money> {
    private final BigDecimal amount;
    private final Currency currency;

    private Money(BigDecimal amount, Currency currency) {
        this.amount = amount;
        this.currency = currency;
    }

    /**
     * An amount that is already exact at the currency's scale ({@code 10.5} EUR is fine,
     * {@code 10.005} EUR is not).
     *
     * @throws SubscriptionException INVALID_VALUE if the amount has more decimals than the currency
     */
    public static Money of(BigDecimal amount, Currency currency) {
        Objects.requireNonNull(amount, "amount");
        int scale = scaleOf(currency);
        try {
            return new Money(amount.setScale(scale, RoundingMode.UNNECESSARY), currency);
        } catch (ArithmeticException e) {
            throw SubscriptionException.invalid("amount", amount.toPlainString(),
                    "has more than " + scale + " decimals for " + currency.getCurrencyCode());
        }
    }

    /** An amount rounded to the currency's scale with the given mode. */
    public static Money of(BigDecimal amount, Currency currency, RoundingMode rounding) {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(rounding, "rounding");
        return new Money(amount.setScale(scaleOf(currency), rounding), currency);
    }

    /** Zero in the given currency. */
    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO.setScale(scaleOf(currency)), currency);
    }

    /**
     * The currency for an ISO 4217 code.
     *
     * @throws SubscriptionException INVALID_VALUE naming {@code field} for an unknown code
     */
    public static Currency currency(String field, String isoCode) {
        if (isoCode == null || !isoCode.matches("[A-Z]{3}")) {
            throw SubscriptionException.invalid(field, isoCode, "is not an ISO 4217 currency code");
        }
        try {
            return Currency.getInstance(isoCode);
        } catch (IllegalArgumentException e) {
            throw SubscriptionException.invalid(field, isoCode, "is not an ISO 4217 currency code");
        }
    }

    private static int scaleOf(Currency currency) {
        Objects.requireNonNull(currency, "currency");
        return Math.max(currency.getDefaultFractionDigits(), 0);
    }

    /** @return the amount, at the currency's scale */
    public BigDecimal amount() {
        return amount;
    }

    /** @return the currency */
    public Currency currency() {
        return currency;
    }

    /** Exact sum. @throws CurrencyMismatchException if the currencies differ */
    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    /** Exact difference. @throws CurrencyMismatchException if the currencies differ */
    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    /** This amount times a factor, rounded once to the currency's scale. */
    public Money multipliedBy(BigDecimal factor, RoundingMode rounding) {
        return of(amount.multiply(factor), currency, rounding);
    }

    /** This amount times {@code numerator / denominator}, multiplied first and rounded once. */
    public Money multipliedBy(BigDecimal numerator, BigDecimal denominator, RoundingMode rounding) {
        return new Money(amount.multiply(numerator).divide(denominator, scaleOf(currency), rounding), currency);
    }

    /** @return true for an amount of zero */
    public boolean isZero() {
        return amount.signum() == 0;
    }

    /** @return true for an amount below zero */
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    /** @throws CurrencyMismatchException naming this currency first and the other second */
    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
        return other;
    }

    /** Compares amounts of one currency. @throws CurrencyMismatchException if the currencies differ */
    @Override
    public int compareTo(Money other) {
        return amount.compareTo(sameCurrency(other).amount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && amount.equals(m.amount) && currency.equals(m.currency);
    }

    @Override
    public int hashCode() {
        return amount.hashCode() * 31 + currency.hashCode();
    }

    /** @return for example {@code EUR 12.30} */
    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + amount.toPlainString();
    }
}
