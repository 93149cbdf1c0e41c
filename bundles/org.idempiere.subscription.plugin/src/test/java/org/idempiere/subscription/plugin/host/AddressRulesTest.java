package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.AddressUpdate;
import org.junit.jupiter.api.Test;

class AddressRulesTest {
    /** Slovakia as iDempiere's seed has it: no regions, cities out of the list allowed. */
    static final AddressRules.Country SK = new AddressRules.Country(100, "SK", false, true);
    /** The United States: regions (states), cities out of the list allowed. */
    static final AddressRules.Country US = new AddressRules.Country(101, "US", true, true);
    /** A country whose cities must be in iDempiere's list. */
    static final AddressRules.Country CLOSED = new AddressRules.Country(102, "CL", false, false);

    static AddressUpdate update(String country, String region) {
        return new AddressUpdate("Main Street 1", Optional.empty(), Optional.of("12345"), "Springfield",
                Optional.ofNullable(region), country);
    }

    @Test
    void country_unknownToIdempiere_refusedNamingCountryCode() {
        assertEquals(SK, AddressRules.country(update("SK", null), Optional.of(SK)));
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> AddressRules.country(update("BT", null), Optional.empty()));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals("countryCode", e.field().orElseThrow());
        assertEquals("BT", e.value().orElseThrow());
    }

    @Test
    void region_noneGiven_noneRecorded_noLookup() {
        assertFalse(AddressRules.needsRegion(update("US", null), US));
        assertEquals(Optional.empty(), AddressRules.region(update("US", null), US, Optional.empty()));
    }

    @Test
    void region_ofACountryWithRegions_mustBeOneOfThem() {
        AddressRules.Region oregon = new AddressRules.Region(142, "OR");
        assertTrue(AddressRules.needsRegion(update("US", "or"), US));
        assertEquals(Optional.of(oregon), AddressRules.region(update("US", "or"), US, Optional.of(oregon)));
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> AddressRules.region(update("US", "Atlantis"), US, Optional.empty()));
        assertEquals("region", e.field().orElseThrow());
        assertEquals("region 'Atlantis' is not a region of US in iDempiere", e.getMessage());
    }

    /** iDempiere 12 clears a region name without a C_Region, so it is refused rather than lost. */
    @Test
    void region_ofACountryWithoutRegions_refused() {
        assertFalse(AddressRules.needsRegion(update("SK", "Bratislavský kraj"), SK));
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> AddressRules.region(update("SK", "Bratislavský kraj"), SK, Optional.empty()));
        assertEquals("region", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("keeps no regions"), e.getMessage());
    }

    @Test
    void city_mustBeListed_onlyWhereTheCountryAllowsNoOther() {
        assertFalse(AddressRules.needsListedCity(SK));
        AddressRules.city(update("SK", null), SK, false);
        assertTrue(AddressRules.needsListedCity(CLOSED));
        AddressRules.city(update("CL", null), CLOSED, true);
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> AddressRules.city(update("CL", null), CLOSED, false));
        assertEquals("city", e.field().orElseThrow());
        assertEquals("Springfield", e.value().orElseThrow());
    }
}
