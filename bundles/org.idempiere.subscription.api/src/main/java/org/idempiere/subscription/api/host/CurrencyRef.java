package org.idempiere.subscription.api.host;

/**
 * A currency known to the host.
 *
 * @param id      {@code C_Currency_ID}
 * @param isoCode ISO 4217 code
 */
public record CurrencyRef(long id, String isoCode) {
}
