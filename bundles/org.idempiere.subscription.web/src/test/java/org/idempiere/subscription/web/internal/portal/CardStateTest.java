package org.idempiere.subscription.web.internal.portal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The card state binds a return from the gateway to one session and to half an hour. */
class CardStateTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String CSRF = "csrf-of-the-session-0123456789";

    @Test
    void issue_isValidForItsSession_forThirtyMinutes() {
        String state = CardState.issue(CSRF, NOW);
        assertTrue(state.matches("[0-9]+\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{43}"), state);
        assertTrue(CardState.valid(state, CSRF, NOW));
        assertTrue(CardState.valid(state, CSRF, NOW.plus(Duration.ofMinutes(29))));
        assertFalse(CardState.valid(state, CSRF, NOW.plus(Duration.ofMinutes(30))), "too late");
        assertFalse(CardState.valid(state, CSRF, NOW.minus(Duration.ofMinutes(2))), "from the future");
        assertNotEquals(state, CardState.issue(CSRF, NOW), "random: two states differ");
    }

    @Test
    void aState_isInvalidForAnotherSession() {
        String state = CardState.issue(CSRF, NOW);
        assertFalse(CardState.valid(state, "csrf-of-another-session-987654", NOW));
        assertFalse(CardState.valid(state, "", NOW));
        assertFalse(CardState.valid(state, null, NOW));
    }

    @Test
    void aChangedTime_orNonce_breaksTheMac() {
        String[] parts = CardState.issue(CSRF, NOW).split("\\.");
        assertFalse(CardState.valid((Long.parseLong(parts[0]) + 60) + "." + parts[1] + "." + parts[2], CSRF, NOW));
        assertFalse(CardState.valid(parts[0] + "." + "A".repeat(16) + "." + parts[2], CSRF, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "1.2.3", "99999999999999999999.aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            "1765101600.aaaaaaaaaaaaaaaa.bbbb", "1765101600.aaaa aaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"})
    void malformedStates_areInvalid(String state) {
        assertFalse(CardState.valid(state, CSRF, NOW));
    }
}
