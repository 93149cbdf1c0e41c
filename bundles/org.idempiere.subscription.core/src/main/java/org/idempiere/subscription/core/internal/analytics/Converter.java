package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Tx;

/**
 * Amounts of several currencies in one reporting currency, with the host's rate on a day: each currency's
 * amount × rate rounded half up to the reporting currency's scale, then added. Rates are read once per
 * currency and day.
 */
final class Converter {
    private final Currencies currencies;
    private final Tx tx;
    private final CurrencyRef target;
    private final int scale;
    private final Map<List<Object>, BigDecimal> rates = new HashMap<>();

    Converter(Currencies currencies, Tx tx, CurrencyRef target) {
        this.currencies = currencies;
        this.tx = tx;
        this.target = target;
        this.scale = Math.max(0, java.util.Currency.getInstance(target.isoCode()).getDefaultFractionDigits());
    }

    CurrencyRef target() {
        return target;
    }

    int scale() {
        return scale;
    }

    BigDecimal zero() {
        return BigDecimal.ZERO.setScale(scale);
    }

    /** @return the sum of the amounts (by currency id) converted with the rates of {@code day} */
    BigDecimal convert(Map<Long, BigDecimal> amounts, LocalDate day) {
        BigDecimal sum = zero();
        for (Map.Entry<Long, BigDecimal> e : amounts.entrySet()) {
            sum = sum.add(convert(e.getKey(), e.getValue(), day));
        }
        return sum;
    }

    /** @return one amount converted with the rate of {@code day} */
    BigDecimal convert(long currencyId, BigDecimal amount, LocalDate day) {
        if (amount.signum() == 0) {
            return zero();
        }
        BigDecimal rate = rates.computeIfAbsent(List.of(currencyId, day), k -> currencies.rate(tx, currencyId, target.id(), day)
                .orElseThrow(() -> SubscriptionException.invalidState("reportingCurrency", target.isoCode(),
                        "has no conversion rate from " + currencies.byId(tx, currencyId).map(CurrencyRef::isoCode).orElse("#" + currencyId)
                                + " on " + day + " in the host")));
        return amount.multiply(rate).setScale(scale, RoundingMode.HALF_UP);
    }
}
