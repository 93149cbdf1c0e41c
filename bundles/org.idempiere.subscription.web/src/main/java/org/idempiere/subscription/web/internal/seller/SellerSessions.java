package org.idempiere.subscription.web.internal.seller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.host.Tenant;

/**
 * The seller page's sessions, in this server's memory (decision 0044): a signed-in browser holds a random
 * token (256 bits) in a cookie; only its SHA-256 is kept here, with the tenant the key acted for and the
 * session's form token. The API key itself is never kept. A session ends when the seller signs out, after
 * {@link #idle} without a request, or {@link #lifetime} after sign-in, whichever comes first; at most
 * {@link #capacity} are kept (the oldest is dropped). Thread-safe.
 */
final class SellerSessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One signed-in browser. {@code tenant} empty: the host's own key, acting for the host's current tenant. */
    record Session(Optional<Tenant> tenant, String csrfToken, Instant signedIn) {
    }

    private static final class Entry {
        final Session session;
        Instant lastSeen;

        Entry(Session session, Instant lastSeen) {
            this.session = session;
            this.lastSeen = lastSeen;
        }
    }

    private final Map<String, Entry> byHash = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;
    private final int capacity;

    SellerSessions(Clock clock, Duration idle, Duration lifetime, int capacity) {
        this.clock = clock;
        this.idle = idle;
        this.lifetime = lifetime;
        this.capacity = capacity;
    }

    /** Opens a session for a key's tenant. @return its token, for the cookie only */
    synchronized String open(Optional<Tenant> tenant) {
        String token = random();
        Instant now = clock.instant();
        expire(now);
        while (byHash.size() >= capacity) {
            Iterator<String> oldest = byHash.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byHash.put(hash(token), new Entry(new Session(tenant, random(), now), now));
        return token;
    }

    /** @return the live session of a token (its idle time restarted), or empty */
    synchronized Optional<Session> find(String token) {
        Instant now = clock.instant();
        String key = hash(token);
        Entry e = byHash.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (ended(e, now)) {
            byHash.remove(key);
            return Optional.empty();
        }
        e.lastSeen = now;
        return Optional.of(e.session);
    }

    /** Ends the session of a token, if there is one. */
    synchronized void close(String token) {
        byHash.remove(hash(token));
    }

    synchronized int size() {
        return byHash.size();
    }

    private boolean ended(Entry e, Instant now) {
        return !now.isBefore(e.lastSeen.plus(idle)) || !now.isBefore(e.session.signedIn().plus(lifetime));
    }

    private void expire(Instant now) {
        byHash.values().removeIf(e -> ended(e, now));
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
