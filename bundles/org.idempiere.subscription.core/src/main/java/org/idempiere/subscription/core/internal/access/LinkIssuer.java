package org.idempiere.subscription.core.internal.access;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.core.internal.store.PortalStore;

/**
 * Issues links to the customer portal in the caller's transaction: for the API and the "send me
 * a link" page, and for the e-mails that carry one (invoices, failed payments). The token is
 * returned once and stored only as its hash ({@link Tokens}).
 */
public final class LinkIssuer {
    private final HostContext host;
    private final PortalSettings settings;
    private final PortalStore store = new PortalStore();

    public LinkIssuer(HostContext host) {
        this.host = host;
        this.settings = new PortalSettings(host);
    }

    /**
     * A link just issued.
     *
     * @param url the address that opens the portal with it; empty when the host does not know the portal's address
     */
    public record Issued(long id, String token, Optional<String> url, Instant createdAt, Instant expiresAt) {
        /** @return the address that opens the portal with the link and then shows {@code page} (e.g. {@code payment-methods}) */
        public Optional<String> urlTo(String page) {
            return url.map(u -> u + "?to=" + page);
        }
    }

    /** Issues a link for the customer (and contact) of the current tenant, in {@code tx}; the caller checked both exist. */
    public Issued issue(Tx tx, long customerId, Optional<Long> contactId) throws SQLException {
        String token = Tokens.newToken();
        Instant now = host.clock().instant().truncatedTo(ChronoUnit.MILLIS); // what the database keeps of it
        Instant validTo = now.plus(settings.linkValidity());
        long id = host.nextId(tx, "SUB_PortalLink");
        store.insertLink(tx.connection(), host.tenant(), id, customerId, contactId, Tokens.hash(token), validTo);
        return new Issued(id, token, settings.url().map(u -> u + "/link/" + token), now, validTo);
    }

    /** @return the portal's settings (its address, how long links and sessions last) */
    public PortalSettings settings() {
        return settings;
    }
}
