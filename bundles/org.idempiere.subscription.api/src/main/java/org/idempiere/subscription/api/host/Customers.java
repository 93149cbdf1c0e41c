package org.idempiere.subscription.api.host;

import java.util.Optional;

/** Business partners of the host ({@code MBPartner}, {@code MBPartnerLocation}, {@code MUser}). */
@org.osgi.annotation.versioning.ProviderType
public interface Customers {
    /** @return the active customer of the current tenant with that id */
    Optional<Customer> find(Tx tx, long customerId);
}
