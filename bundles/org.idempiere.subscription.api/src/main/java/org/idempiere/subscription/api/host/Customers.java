package org.idempiere.subscription.api.host;

import java.util.Optional;

/** Business partners of the host ({@code MBPartner}, {@code MBPartnerLocation}) and their contacts ({@code MUser}). */
@org.osgi.annotation.versioning.ProviderType
public interface Customers {
    /** @return the active customer of the current tenant with that id */
    Optional<Customer> find(Tx tx, long customerId);

    /** @return the active contact of the current tenant with that id, if it belongs to that customer */
    Optional<Contact> contact(Tx tx, long customerId, long contactId);

    /**
     * Finds the active contacts of customers, in any tenant, with an e-mail address (compared
     * ignoring case): the customer portal's "send me a new link" page has nobody signed in.
     *
     * @return at most {@code limit} contacts, in a stable order
     */
    java.util.List<ContactRef> contactsByEmail(Tx tx, String email, int limit);

    /**
     * Replaces a contact's name, e-mail address and phone number with the customer's own, in
     * the host's record of the contact ({@code AD_User}) and in {@code tx}.
     *
     * @return the contact as recorded afterwards
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN_REFERENCE naming
     *         {@code customerId} for a customer the tenant does not have, or {@code contactId} for
     *         a contact that is not that customer's; HOST_FAILURE when the host refuses to save
     *         it. Nothing is changed on any of them.
     */
    Contact updateContact(Tx tx, long customerId, long contactId, ContactUpdate update);

    /**
     * The name of one of the tenant's users, as sales representatives ({@code SalesRep_ID}) are recorded: the
     * analytics rows of a sales representative show it.
     *
     * @return the name of the current tenant's user ({@code AD_User}) with that id, active or not; empty for a user
     *         the tenant does not have
     */
    Optional<String> userName(Tx tx, long userId);

    /** @return the address of the customer's default bill-to location; empty for a customer the tenant does not have */
    Optional<Address> billingAddress(Tx tx, long customerId);

    /**
     * Replaces the address of the customer's default bill-to location, in place: the location
     * keeps its id, so the customer's subscriptions go on billing to it, and the next invoices
     * carry — and are taxed by the country of — the new address (decisions/0031).
     *
     * @return the address as recorded afterwards
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN_REFERENCE naming
     *         {@code customerId} for a customer the tenant does not have; INVALID_VALUE naming
     *         {@code countryCode} for a country the host does not know, {@code region} for a
     *         region the host cannot record for that country, {@code city} for a city the
     *         country's list does not have; HOST_FAILURE when the host refuses to save it.
     *         Nothing is changed on any of them.
     */
    Address updateBillingAddress(Tx tx, long customerId, AddressUpdate update);
}
