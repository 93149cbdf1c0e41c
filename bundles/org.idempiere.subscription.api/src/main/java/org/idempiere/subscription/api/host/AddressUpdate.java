package org.idempiere.subscription.api.host;

import java.util.Optional;

/**
 * A customer's new billing address, as the customer enters it in the portal: the whole address,
 * not a patch — an empty optional part removes the one recorded. The limits are iDempiere 12's
 * {@code C_Location} column lengths, which both hosts apply. That the country (and, where the
 * host keeps regions, the region) exists in the host is the host's check
 * ({@link Customers#updateBillingAddress}). Immutable; a value that exists has passed every check
 * made here. Surrounding blanks are stripped; a blank optional part is none.
 *
 * @param address1    the first address line (street and number): required, at most
 *                    {@value #ADDRESS_LENGTH} characters
 * @param address2    a second address line, at most {@value #ADDRESS_LENGTH} characters
 * @param postal      the postal code, at most {@value #POSTAL_LENGTH} characters: letters, digits,
 *                    spaces and hyphens (optional: some countries have none)
 * @param city        the city: required, at most {@value #CITY_LENGTH} characters
 * @param region      the region, state or county, at most {@value #REGION_LENGTH} characters
 * @param countryCode the country, ISO 3166-1 alpha-2 in either letter case (kept in upper case)
 */
public record AddressUpdate(String address1, Optional<String> address2, Optional<String> postal, String city,
        Optional<String> region, String countryCode) {
    /** Longest address line ({@code C_Location.Address1}, {@code Address2}). */
    public static final int ADDRESS_LENGTH = 60;
    /** Longest postal code ({@code C_Location.Postal}). */
    public static final int POSTAL_LENGTH = 10;
    /** Longest city ({@code C_Location.City}). */
    public static final int CITY_LENGTH = 60;
    /** Longest region ({@code C_Location.RegionName}). */
    public static final int REGION_LENGTH = 40;

    /**
     * @throws org.idempiere.subscription.api.SubscriptionException REQUIRED naming {@code address1},
     *         {@code city} or {@code countryCode}; INVALID_VALUE naming the field and the value
     */
    public AddressUpdate {
        address1 = Fields.required("address1", address1, ADDRESS_LENGTH);
        address2 = Fields.optional("address2", address2, ADDRESS_LENGTH);
        postal = Fields.postal("postal", postal, POSTAL_LENGTH);
        city = Fields.required("city", city, CITY_LENGTH);
        region = Fields.optional("region", region, REGION_LENGTH);
        countryCode = Fields.country("countryCode", countryCode);
    }
}
