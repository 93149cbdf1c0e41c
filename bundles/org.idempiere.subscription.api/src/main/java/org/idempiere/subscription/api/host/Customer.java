package org.idempiere.subscription.api.host;

import java.util.Optional;

/**
 * A business partner as the engine needs it.
 *
 * @param id               {@code C_BPartner_ID}
 * @param billToLocationId the default bill-to {@code C_BPartner_Location_ID}
 * @param countryCode      ISO 3166 code of the bill-to address
 * @param language         the customer's language as an iDempiere language code: {@code en_US}, or a
 *                         language alone ({@code sk}) where the host records no region
 */
public record Customer(long id, String name, Optional<String> email, long billToLocationId,
        String countryCode, String language) {
}
