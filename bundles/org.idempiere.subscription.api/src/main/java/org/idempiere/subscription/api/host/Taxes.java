package org.idempiere.subscription.api.host;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The host's tax engine, for previews (quotes, the portal). Invoices get their tax from
 * {@link Invoicing}, never from a rate the engine computed.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Taxes {
    /** @return the rate the host would apply to the product billed to that location on that date */
    Optional<TaxRate> rateFor(Tx tx, long productId, long billToLocationId, LocalDate date);
}
