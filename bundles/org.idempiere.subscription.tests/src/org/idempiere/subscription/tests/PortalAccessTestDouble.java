package org.idempiere.subscription.tests;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalLink;
import org.idempiere.subscription.api.service.PortalSession;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * TEST DOUBLE of the engine's {@link PortalAccessService}, which is not built yet: it stands in so
 * that the portal's web layer (cookies, CSRF, redirects, pages) can be tested over real HTTP now.
 * It keeps links and sessions in memory, with clear tokens, and records what the portal asked of
 * it. Registered by a test for that test class only, ranked above any other, and unregistered
 * after it. To be replaced by the real service in these tests once the engine provides it.
 */
final class PortalAccessTestDouble implements PortalAccessService {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the portal asked: {@code requestLink jana@example.sk}, {@code endSession <token>}. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, PortalSession> links = new ConcurrentHashMap<>();
    private final Map<String, PortalSession> sessions = new ConcurrentHashMap<>();
    private ServiceRegistration<PortalAccessService> registration;

    /** Registers a new double, ranked above every other portal access service. */
    static PortalAccessTestDouble register() {
        PortalAccessTestDouble d = new PortalAccessTestDouble();
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        p.put("test.double", Boolean.TRUE);
        d.registration = Sandbox.context().registerService(PortalAccessService.class, d, p);
        return d;
    }

    void unregister() {
        registration.unregister();
    }

    /** @return the token of a new link that opens sessions for the customer in the language */
    String link(long customerId, String language) {
        String token = token();
        links.put(token, new PortalSession(Optional.empty(), token(), new Tenant(1000000, 1000000, 100), links.size() + 1,
                customerId, Optional.empty(), language, Instant.now().plusSeconds(3600)));
        return token;
    }

    /** @return whether the session of the token is still open */
    boolean isOpen(String sessionToken) {
        return sessions.containsKey(sessionToken);
    }

    /** @return the CSRF token of an open session */
    String csrfOf(String sessionToken) {
        return sessions.get(sessionToken).csrfToken();
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public void requestLink(String email) {
        calls.add("requestLink " + email);
    }

    @Override
    public Optional<PortalSession> openSession(String linkToken) {
        calls.add("openSession");
        PortalSession link = links.get(linkToken);
        if (link == null) {
            return Optional.empty();
        }
        String token = token();
        PortalSession s = new PortalSession(Optional.empty(), token(), link.tenant(), link.linkId(), link.customerId(),
                link.contactId(), link.language(), link.expiresAt());
        sessions.put(token, s);
        return Optional.of(new PortalSession(Optional.of(token), s.csrfToken(), s.tenant(), s.linkId(), s.customerId(),
                s.contactId(), s.language(), s.expiresAt()));
    }

    @Override
    public Optional<PortalSession> session(String sessionToken) {
        return Optional.ofNullable(sessions.get(sessionToken));
    }

    @Override
    public void endSession(String sessionToken) {
        calls.add("endSession " + sessionToken);
        sessions.remove(sessionToken);
    }

    @Override
    public PortalLink issueLink(long customerId, Optional<Long> contactId) {
        throw new UnsupportedOperationException("not needed by the portal's web layer");
    }

    @Override
    public PortalLink sendLink(long customerId, Optional<Long> contactId) {
        throw new UnsupportedOperationException("not needed by the portal's web layer");
    }

    @Override
    public List<PortalLink> links(long customerId) {
        return Collections.emptyList();
    }

    @Override
    public PortalLink revokeLink(long linkId) {
        throw new UnsupportedOperationException("not needed by the portal's web layer");
    }

    @Override
    public int revokeAll(long customerId) {
        throw new UnsupportedOperationException("not needed by the portal's web layer");
    }
}
