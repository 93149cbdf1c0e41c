package org.idempiere.subscription.web.internal.portal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code state} the portal sends to the gateway's hosted card page and expects back: it binds
 * the return to the session that left and to a time, so that a return (or a token) brought into
 * another session, or too late, is refused. Shape: {@code <issued epoch second>.<random>.<mac>},
 * the MAC an HMAC-SHA256 keyed by the session's CSRF token, which only that session's pages and
 * the server know (the token is derived from the session and never stored, decision 0030). No
 * server secret is needed, so any node of a cluster can check it. Stateless and thread-safe.
 */
final class CardState {
    /** How long a state is accepted after it was issued: the gateway's setups live as long. */
    static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final Duration SKEW = Duration.ofMinutes(1);
    private static final Pattern SHAPE = Pattern.compile("([0-9]{1,12})\\.([A-Za-z0-9_-]{16})\\.([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private CardState() {
    }

    /** @return a new state for the session whose CSRF token is given */
    static String issue(String csrfToken, Instant now) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String body = now.getEpochSecond() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        return body + "." + mac(csrfToken, body);
    }

    /**
     * @return whether the state was issued for the session whose CSRF token is given, less than
     *         {@link #LIFETIME} ago; compared in constant time
     */
    static boolean valid(String state, String csrfToken, Instant now) {
        if (state == null || csrfToken == null || csrfToken.isEmpty()) {
            return false;
        }
        Matcher m = SHAPE.matcher(state);
        if (!m.matches()) {
            return false;
        }
        Instant issued = Instant.ofEpochSecond(Long.parseLong(m.group(1)));
        if (issued.isAfter(now.plus(SKEW)) || !now.isBefore(issued.plus(LIFETIME))) {
            return false;
        }
        String expected = mac(csrfToken, m.group(1) + "." + m.group(2));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), m.group(3).getBytes(StandardCharsets.US_ASCII));
    }

    private static String mac(String csrfToken, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("portal-card-state:" + csrfToken).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }
}
