package org.idempiere.subscription.api;

import java.util.Currency;
import java.util.Objects;

/**
 * Two amounts in different currencies were combined: {@link Money} adds, subtracts and compares
 * only amounts of one currency and never converts. Carries both currencies, in the order of the
 * operation ({@code first.plus(second)}). Its code is {@link ErrorCode#CURRENCY_MISMATCH}; its
 * field is {@code currency} and its value the second currency, and the message names both, e.g.
 * {@code currency 'CZK' does not match 'EUR': amounts in different currencies cannot be combined}.
 * Immutable.
 */
public final class CurrencyMismatchException extends SubscriptionException {
    private static final long serialVersionUID = 1L;

    private final Currency firstCurrency;
    private final Currency secondCurrency;

    /**
     * @param firstCurrency  the currency of the amount the operation was called on, not null
     * @param secondCurrency the currency of the other amount, not null
     */
    public CurrencyMismatchException(Currency firstCurrency, Currency secondCurrency) {
        super(ErrorCode.CURRENCY_MISMATCH, "currency", code(secondCurrency, "secondCurrency"),
                "currency '" + code(secondCurrency, "secondCurrency") + "' does not match '"
                        + code(firstCurrency, "firstCurrency") + "': amounts in different currencies cannot be combined",
                null);
        this.firstCurrency = firstCurrency;
        this.secondCurrency = secondCurrency;
    }

    private static String code(Currency c, String name) {
        return Objects.requireNonNull(c, name).getCurrencyCode();
    }

    /** @return the currency of the amount the operation was called on */
    public Currency firstCurrency() {
        return firstCurrency;
    }

    /** @return the currency of the other amount */
    public Currency secondCurrency() {
        return secondCurrency;
    }
}
