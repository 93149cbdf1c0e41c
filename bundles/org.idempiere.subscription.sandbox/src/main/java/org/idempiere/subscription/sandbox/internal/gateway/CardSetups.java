package org.idempiere.subscription.sandbox.internal.gateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.sandbox.internal.host.ReferenceHostContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The reference gateway's card setups: what it records when the portal sends a customer to its
 * hosted card page ({@code /sandbox-gateway/card}), as a payment provider records a session for its hosted
 * payment page. A setup names the tenant and customer the card is for, the portal's return address
 * and state, and lives {@link #LIFETIME}; it is used up by the card it produced, and dead after
 * {@link #MAX_REFUSED} refused entries (so the page cannot be used to test stolen card numbers).
 * Its id is a random secret in the page's address, kept only as a SHA-256 hash. Thread-safe.
 */
@Component(service = CardSetups.class)
public final class CardSetups {
    /** How long a setup may be used after the portal asked for it. */
    public static final Duration LIFETIME = Duration.ofMinutes(30);
    /** Refused entries after which a setup can only be cancelled. */
    public static final int MAX_REFUSED = 5;
    /** Where the hosted page is served, below the server's root (outside the web application's context path). */
    public static final String PAGE = "/sandbox-gateway/card";
    /**
     * The portal's route the page returns to, below the portal's address
     * ({@code SUBSCRIPTIONS_PORTAL_URL}): a setup with any other return address is refused.
     */
    public static final String PORTAL_RETURN_ROUTE = "/payment-methods/card-return";
    private static final Pattern ID = Pattern.compile("cs_[A-Za-z0-9_-]{32}");

    private final HostContext host;

    @Activate
    public CardSetups(@Reference HostContext host) {
        this.host = host;
    }

    /**
     * A setup as recorded.
     *
     * @param token the card's token, once the setup was used
     */
    public record Setup(String hash, Tenant tenant, long customerId, String customerName, String merchantName, URI returnTo,
            String state, String language, Instant expiresAt, int refused, Optional<String> token) {

        /** @return whether a card may still be entered */
        public boolean open(Instant now) {
            return token.isEmpty() && refused < MAX_REFUSED && now.isBefore(expiresAt);
        }

        /** @return whether the customer may still go back to the portal from it */
        public boolean cancellable(Instant now) {
            return token.isEmpty() && now.isBefore(expiresAt);
        }
    }

    /**
     * Records a setup for a customer of the current tenant in {@code tx}.
     *
     * @return the hosted page's address (a path on this server) with the setup's id
     * @throws SubscriptionException INVALID_VALUE naming {@code returnTo} unless it is the portal's
     *         return route; UNKNOWN naming {@code customerId} for a customer the tenant does not have
     */
    public URI create(Tx tx, long customerId, URI returnTo, String state, String language) {
        if (!isPortalReturn(returnTo)) {
            throw SubscriptionException.invalid("returnTo", returnTo,
                    "is not the portal's return address " + portalPath() + PORTAL_RETURN_ROUTE);
        }
        Tenant tenant = ReferenceHostContext.current();
        boolean known = Rows.first(tx.connection(), "SELECT 1 FROM sbx_customer WHERE ad_client_id = ? AND c_bpartner_id = ?",
                rs -> true, tenant.clientId(), customerId).isPresent();
        if (!known) {
            throw SubscriptionException.unknown("customerId", customerId);
        }
        String id = Gateway.newToken("cs_");
        Instant now = host.clock().instant();
        Rows.update(tx.connection(), "INSERT INTO sbx_gateway_setup (setup_hash, ad_client_id, ad_org_id, ad_user_id, c_bpartner_id,"
                + " return_url, state, language, expires_at, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", hash(id),
                tenant.clientId(), tenant.orgId(), tenant.userId(), customerId, returnTo.toString(), state, language,
                Timestamp.from(now.plus(LIFETIME)), Timestamp.from(now));
        return URI.create(PAGE + "?setup=" + id + "&lang=" + language);
    }

    /**
     * @return whether the address is the portal's return route: an absolute http(s) address
     *         without query, user or fragment whose path is the portal's path and the route (the
     *         page checks the origin, which only the request to it shows)
     */
    public boolean isPortalReturn(URI returnTo) {
        return returnTo.isAbsolute() && ("http".equals(returnTo.getScheme()) || "https".equals(returnTo.getScheme()))
                && returnTo.getRawQuery() == null && returnTo.getRawFragment() == null && returnTo.getRawUserInfo() == null
                && (portalPath() + PORTAL_RETURN_ROUTE).equals(returnTo.getRawPath());
    }

    /** The path of the portal's address, e.g. {@code /subscriptions/portal}. */
    private String portalPath() {
        String url = host.setting("SUBSCRIPTIONS_PORTAL_URL").orElse("/subscriptions/portal");
        String path = URI.create(url.strip()).getRawPath();
        return path == null ? "" : path.replaceAll("/+$", "");
    }

    /** @return the setup of an id, whatever its tenant (the id is its only key); empty for an unknown or malformed id */
    public Optional<Setup> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return host.inTransaction(tx -> Rows.first(tx.connection(), "SELECT s.setup_hash, s.ad_client_id, s.ad_org_id,"
                + " s.ad_user_id, s.c_bpartner_id, c.name, t.name, s.return_url, s.state, s.language, s.expires_at, s.refused,"
                + " s.token FROM sbx_gateway_setup s JOIN sbx_customer c ON c.c_bpartner_id = s.c_bpartner_id"
                + " JOIN sbx_tenant t ON t.ad_client_id = s.ad_client_id WHERE s.setup_hash = ?",
                rs -> new Setup(rs.getString(1), new Tenant(rs.getLong(2), rs.getLong(3), rs.getLong(4)), rs.getLong(5),
                        rs.getString(6), rs.getString(7), URI.create(rs.getString(8)), rs.getString(9), rs.getString(10).strip(),
                        rs.getTimestamp(11).toInstant(), rs.getInt(12), Optional.ofNullable(rs.getString(13))), hash(id)));
    }

    /** Counts a refused entry of the setup. */
    public void refused(Setup setup) {
        host.inTransaction(tx -> Rows.update(tx.connection(), "UPDATE sbx_gateway_setup SET refused = refused + 1 WHERE setup_hash = ?",
                setup.hash()));
    }

    /**
     * Tokenizes the checked card for the setup's tenant and uses the setup up, in one transaction.
     *
     * @return the card's token; empty when the setup was used, expired or refused too often meanwhile
     */
    public Optional<Gateway.TokenView> complete(Setup setup, TestInstruments.Card card, Gateway gateway) {
        return host.actingFor(setup.tenant(), () -> host.inTransaction(tx -> {
            Gateway.TokenView token = gateway.tokenize(tx.connection(), card);
            int used = Rows.update(tx.connection(), "UPDATE sbx_gateway_setup SET token = ? WHERE setup_hash = ? AND token IS NULL"
                    + " AND refused < ? AND expires_at > ?", token.token(), setup.hash(), MAX_REFUSED,
                    Timestamp.from(host.clock().instant()));
            if (used != 1) {
                tx.connection().rollback();
                return Optional.<Gateway.TokenView>empty();
            }
            return Optional.of(token);
        }));
    }

    /** @return the clock's now: setups expire on the sandbox's clock, as everything else does */
    public Instant now() {
        return host.clock().instant();
    }

    static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
