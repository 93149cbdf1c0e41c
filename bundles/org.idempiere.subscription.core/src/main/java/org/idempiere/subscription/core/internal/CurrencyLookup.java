package org.idempiere.subscription.core.internal;

import java.util.Currency;
import java.util.function.LongFunction;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.Tx;

/** Translates between the host's currency ids and ISO currencies. */
public final class CurrencyLookup {
    private final Currencies currencies;

    public CurrencyLookup(Currencies currencies) {
        this.currencies = currencies;
    }

    /**
     * The host's currency for an ISO code given by a caller.
     *
     * @throws SubscriptionException naming {@code field} if the code is not ISO 4217 or the host lacks it
     */
    public CurrencyRef byIsoCode(Tx tx, String field, String isoCode) {
        if (isoCode == null || isoCode.isBlank()) {
            throw SubscriptionException.required(field);
        }
        Money.currency(field, isoCode);
        return currencies.byIsoCode(tx, isoCode).orElseThrow(() -> SubscriptionException.unknown(field, isoCode));
    }

    /** A resolver of the host's currency ids, for reading stored rows. */
    public LongFunction<Currency> resolver(Tx tx) {
        return id -> currencies.byId(tx, id)
                .map(ref -> Currency.getInstance(ref.isoCode()))
                .orElseThrow(() -> SubscriptionException.hostFailure("C_Currency_ID " + id + " is unknown to the host", null));
    }
}
