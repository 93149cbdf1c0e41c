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
}
