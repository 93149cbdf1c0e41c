package org.idempiere.subscription.api.host;

import java.util.Optional;

/** Currencies of the host ({@code MCurrency}). */
@org.osgi.annotation.versioning.ProviderType
public interface Currencies {
    /** @return the currency with that ISO 4217 code */
    Optional<CurrencyRef> byIsoCode(Tx tx, String isoCode);

    /** @return the currency with that id */
    Optional<CurrencyRef> byId(Tx tx, long currencyId);

    /** @return the tenant's own currency (in iDempiere, its accounting schema's) */
    CurrencyRef tenantCurrency(Tx tx);

    /**
     * The rate that converts an amount in one currency into another on a date (amount × rate),
     * of the host's default conversion type; 1 between a currency and itself.
     *
     * @return empty when the host has no rate for that pair on that date
     */
    Optional<java.math.BigDecimal> rate(Tx tx, long fromCurrencyId, long toCurrencyId, java.time.LocalDate date);
}
