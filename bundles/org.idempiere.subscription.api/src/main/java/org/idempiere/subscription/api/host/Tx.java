package org.idempiere.subscription.api.host;

import java.sql.Connection;

/**
 * One open host transaction. The engine writes its own tables with plain JDBC on {@link
 * #connection()}; the host writes its records in the same transaction. Committing and closing
 * belong to {@link HostContext#inTransaction}, never to the caller.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Tx {
    /** @return the JDBC connection of this transaction (auto-commit off); do not close it */
    Connection connection();
}
