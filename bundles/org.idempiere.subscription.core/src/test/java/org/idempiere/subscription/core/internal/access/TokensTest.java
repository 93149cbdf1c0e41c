package org.idempiere.subscription.core.internal.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void aToken_is256RandomBits_inUrlSafeBase64() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String t = Tokens.newToken();
            assertEquals(Tokens.LENGTH, t.length());
            assertTrue(Tokens.wellFormed(t), t);
            assertEquals(32, Base64.getUrlDecoder().decode(t).length);
            assertTrue(seen.add(t), "a token repeated: " + t);
        }
    }

    @Test
    void theHash_isTheSha256InHex() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Tokens.hash("abc"));
        String t = Tokens.newToken();
        assertEquals(Tokens.hash(t), Tokens.hash(t));
        assertNotEquals(t, Tokens.hash(t));
    }

    @Test
    void theFormToken_isDerivedFromTheSession_andDiffersFromItsHash() {
        String session = Tokens.newToken();
        assertEquals(Tokens.csrfOf(session), Tokens.csrfOf(session));
        assertNotEquals(Tokens.csrfOf(session), Tokens.csrfOf(Tokens.newToken()));
        assertNotEquals(Tokens.hash(session), Tokens.csrfOf(session));
        assertFalse(Tokens.csrfOf(session).contains(session));
    }

    @Test
    void wellFormed_refusesAnythingButATokensShape() {
        for (String bad : new String[] {null, "", "a".repeat(42), "a".repeat(44), "a".repeat(42) + "=", "a".repeat(42) + "+",
                "a".repeat(42) + "/", "a".repeat(42) + " ", "ä".repeat(43)}) {
            assertFalse(Tokens.wellFormed(bad), String.valueOf(bad));
        }
        assertTrue(Tokens.wellFormed("A-_z09".repeat(7) + "x"));
    }

    @Test
    void sameHash_comparesWholeValues() {
        assertTrue(Tokens.sameHash("abc", "abc"));
        assertFalse(Tokens.sameHash("abc", "abd"));
        assertFalse(Tokens.sameHash("abc", "abcd"));
        assertFalse(Tokens.sameHash(null, "abc"));
        assertFalse(Tokens.sameHash("abc", null));
    }
}
