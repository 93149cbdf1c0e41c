package org.idempiere.subscription.plugin.host;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.idempiere.subscription.api.host.Customer;

/**
 * Which of a business partner's locations and contacts the engine gets, decided without
 * iDempiere. {@link IdempiereCustomers} reads the facts from {@code MBPartner},
 * {@code MBPartnerLocation} and {@code MUser}.
 */
final class CustomerFacts {

    private CustomerFacts() {
    }

    /**
     * An active location of the partner.
     *
     * @param id     {@code C_BPartner_Location_ID}
     * @param billTo {@code IsBillTo}
     */
    record Location(int id, boolean billTo) {
    }

    /**
     * An active contact ({@code AD_User}) of the partner.
     *
     * @param locationId the contact's {@code C_BPartner_Location_ID}, 0 if none
     * @param email      {@code EMail}, may be null
     */
    record Contact(int locationId, String email) {
    }

    /**
     * @param locations the partner's active locations in {@code C_BPartner_Location_ID} order, as
     *                  {@code MBPartner.getLocations} returns them
     * @return the default bill-to location: the first bill-to one; empty if the partner has none
     *         (it cannot be invoiced)
     */
    static OptionalInt billTo(List<Location> locations) {
        return locations.stream().filter(Location::billTo).mapToInt(Location::id).findFirst();
    }

    /**
     * @param contacts the partner's active contacts in {@code AD_User_ID} order, as
     *                 {@code MBPartner.getContacts} returns them
     * @return the e-mail of the first contact of the bill-to location that has one, else of the
     *         first contact that has one
     */
    static Optional<String> email(List<Contact> contacts, int billToLocationId) {
        Optional<String> atBillTo = contacts.stream().filter(c -> c.locationId() == billToLocationId)
                .map(Contact::email).filter(CustomerFacts::present).map(String::strip).findFirst();
        return atBillTo.isPresent() ? atBillTo
                : contacts.stream().map(Contact::email).filter(CustomerFacts::present).map(String::strip).findFirst();
    }

    /**
     * @param language         the partner's {@code AD_Language}, may be null
     * @param fallbackLanguage the language of the context ({@code Env.getAD_Language}), used when
     *                         the partner has none, as iDempiere does for its documents
     */
    static Customer customer(int id, String name, Optional<String> email, int billToLocationId, String countryCode,
            String language, String fallbackLanguage) {
        return new Customer(id, name, email, billToLocationId, countryCode == null ? "" : countryCode.strip(),
                present(language) ? language.strip() : fallbackLanguage);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
