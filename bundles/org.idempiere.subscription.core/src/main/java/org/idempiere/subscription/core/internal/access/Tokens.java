package org.idempiere.subscription.core.internal.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Secret tokens of portal links and sessions: 256 random bits from a {@link SecureRandom}, written
 * as 43 characters of URL-safe Base64; stored only as the SHA-256 of the token (hexadecimal), so
 * that a copy of the database opens nothing. A token is found by its hash, which the database
 * compares in full; {@link #sameHash} compares two hashes in constant time where Java does it.
 */
public final class Tokens {
    /** Characters of a token: 32 bytes in URL-safe Base64 without padding. */
    public static final int LENGTH = 43;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** @return a new token */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @return whether {@code token} has a token's form (anything else is not looked up) */
    public static boolean wellFormed(String token) {
        return token != null && FORM.matcher(token).matches();
    }

    /** @return the SHA-256 of the token, 64 hexadecimal digits */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /**
     * The token a session's forms send back: derived from the session's own token (which only the
     * customer's browser and nobody else holds), so it is never stored and cannot be guessed from
     * the session's hash.
     */
    public static String csrfOf(String sessionToken) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("csrf:" + sessionToken));
    }

    /** Compares two hashes (or CSRF tokens) in constant time. */
    public static boolean sameHash(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
