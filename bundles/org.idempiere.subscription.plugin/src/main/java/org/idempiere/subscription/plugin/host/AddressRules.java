package org.idempiere.subscription.plugin.host;

import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.AddressUpdate;

/**
 * Whether iDempiere can record a customer's new address, decided without iDempiere from what its
 * tables say ({@link BillingAddresses} reads them). iDempiere 12's {@code MLocation.beforeSave}
 * keeps a region only as a {@code C_Region} of a country that has regions ({@code
 * C_Country.HasRegion}) and clears a region name without one, and refuses a city missing from
 * the country's list when the country allows no other ({@code AllowCitiesOutOfList=N}, error
 * "CityNotFound"). These checks say so first, naming the field, so nothing is saved on a refusal.
 */
final class AddressRules {

    private AddressRules() {
    }

    /**
     * An active {@code C_Country} of the tenant (or of System).
     *
     * @param hasRegion            {@code HasRegion}
     * @param allowCitiesOutOfList {@code AllowCitiesOutOfList}
     */
    record Country(int id, String code, boolean hasRegion, boolean allowCitiesOutOfList) {
    }

    /**
     * An active {@code C_Region} of the country.
     *
     * @param name its {@code Name}, which iDempiere copies to {@code C_Location.RegionName}
     */
    record Region(int id, String name) {
    }

    /**
     * @param found the active country with the update's code, if iDempiere has one
     * @throws SubscriptionException INVALID_VALUE naming {@code countryCode} when it has none
     */
    static Country country(AddressUpdate update, Optional<Country> found) {
        return found.orElseThrow(() -> SubscriptionException.invalid("countryCode", update.countryCode(),
                "is not an active country in iDempiere"));
    }

    /** @return whether the region is to be looked up: one was given and the country keeps regions */
    static boolean needsRegion(AddressUpdate update, Country country) {
        return update.region().isPresent() && country.hasRegion();
    }

    /**
     * @param found the country's region whose name is the update's region (ignoring case), if one
     * @return the region to record; empty when the update has none
     * @throws SubscriptionException INVALID_VALUE naming {@code region} when the country keeps no
     *         regions or has none of that name
     */
    static Optional<Region> region(AddressUpdate update, Country country, Optional<Region> found) {
        if (update.region().isEmpty()) {
            return Optional.empty();
        }
        if (!country.hasRegion()) {
            throw SubscriptionException.invalid("region", update.region().get(), "cannot be recorded for "
                    + country.code() + ": iDempiere keeps no regions for that country");
        }
        return Optional.of(found.orElseThrow(() -> SubscriptionException.invalid("region", update.region().get(),
                "is not a region of " + country.code() + " in iDempiere")));
    }

    /** @return whether the city is to be looked up in the country's list: the country allows no other */
    static boolean needsListedCity(Country country) {
        return !country.allowCitiesOutOfList();
    }

    /**
     * @param listed whether the country's list of cities ({@code C_City}) has the update's city
     * @throws SubscriptionException INVALID_VALUE naming {@code city} when the country allows only
     *         listed cities and this one is not
     */
    static void city(AddressUpdate update, Country country, boolean listed) {
        if (needsListedCity(country) && !listed) {
            throw SubscriptionException.invalid("city", update.city(), "is not in iDempiere's list of cities of "
                    + country.code() + ", the only ones it accepts there");
        }
    }
}
