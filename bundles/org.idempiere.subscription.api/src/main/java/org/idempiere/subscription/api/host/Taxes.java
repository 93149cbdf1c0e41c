package org.idempiere.subscription.api.host;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The host's tax engine, for previews (quotes, the portal). Invoices get their tax from
 * {@link Invoicing}, never from a rate the engine computed.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Taxes {
    /** @return the rate the host would apply to the product billed to that location on that date */
    Optional<TaxRate> rateFor(Tx tx, long productId, long billToLocationId, LocalDate date);

    /**
     * The rates of many keys at once (a page previewing several invoices). A key no rate applies
     * to is absent from the answer. The default asks {@link #rateFor} per key; a host that can
     * answer in one query overrides it, with the same answer per key.
     */
    default Map<RateKey, TaxRate> rates(Tx tx, Collection<RateKey> keys) {
        return ManyAtOnce.eachKey(keys, k -> rateFor(tx, k.productId(), k.billToLocationId(), k.date()));
    }

    /** What a rate is looked up by. */
    record RateKey(long productId, long billToLocationId, LocalDate date) {
    }
}
