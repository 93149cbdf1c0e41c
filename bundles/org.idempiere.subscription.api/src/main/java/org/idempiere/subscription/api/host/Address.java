package org.idempiere.subscription.api.host;

import java.util.Objects;
import java.util.Optional;

/**
 * A customer's billing address as the host records it: the address of its default bill-to
 * location ({@code C_BPartner_Location} with its {@code C_Location} in iDempiere). Parts the host
 * has not recorded are empty: an address entered in the ERP may hold only a country and a city.
 * Immutable.
 *
 * @param locationId  the bill-to location ({@code C_BPartner_Location_ID}): the one invoices and
 *                    subscriptions name, which keeps its id when the address changes
 * @param address1    the first address line
 * @param address2    the second address line
 * @param postal      the postal code
 * @param city        the city
 * @param region      the region's name, if the host records one
 * @param countryCode ISO 3166-1 alpha-2 code of the country, the one the host's tax engine uses
 */
public record Address(long locationId, Optional<String> address1, Optional<String> address2, Optional<String> postal,
        Optional<String> city, Optional<String> region, String countryCode) {

    public Address {
        Objects.requireNonNull(countryCode, "countryCode");
        address1 = Objects.requireNonNullElse(address1, Optional.empty());
        address2 = Objects.requireNonNullElse(address2, Optional.empty());
        postal = Objects.requireNonNullElse(postal, Optional.empty());
        city = Objects.requireNonNullElse(city, Optional.empty());
        region = Objects.requireNonNullElse(region, Optional.empty());
    }
}
