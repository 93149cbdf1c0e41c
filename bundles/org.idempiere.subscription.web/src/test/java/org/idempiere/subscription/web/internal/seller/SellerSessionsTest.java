package org.idempiere.subscription.web.internal.seller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.web.internal.ManualClock;
import org.junit.jupiter.api.Test;

class SellerSessionsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final SellerSessions sessions = new SellerSessions(clock, Duration.ofMinutes(30), Duration.ofHours(8), 3);

    @Test
    void open_givesAToken_thatFindsTheTenant_andAFormTokenOfItsOwn() {
        Tenant t = new Tenant(5, 6, 7);
        String token = sessions.open(Optional.of(t));
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        SellerSessions.Session s = sessions.find(token).orElseThrow();
        assertEquals(Optional.of(t), s.tenant());
        assertNotEquals(token, s.csrfToken());
        assertEquals(Optional.empty(), sessions.find(token + "x"));
    }

    @Test
    void find_endsASessionIdleFor30Minutes_butUseKeepsItOpen() {
        String token = sessions.open(Optional.empty());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(token).isPresent());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(token).isPresent(), "29 minutes after its last use");
        clock.advance(Duration.ofMinutes(30));
        assertEquals(Optional.empty(), sessions.find(token));
        assertEquals(0, sessions.size());
    }

    @Test
    void find_endsASessionAfter8Hours_howeverBusy() {
        String token = sessions.open(Optional.empty());
        for (int i = 0; i < 16; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertTrue(sessions.find(token).isPresent());
        }
        clock.advance(Duration.ofMinutes(20)); // 7 h 44 min + 20 min
        assertEquals(Optional.empty(), sessions.find(token));
    }

    @Test
    void close_endsIt_andTheOldestGoesWhenFull() {
        String a = sessions.open(Optional.empty());
        String b = sessions.open(Optional.empty());
        sessions.close(b);
        assertEquals(Optional.empty(), sessions.find(b));
        String c = sessions.open(Optional.empty());
        String d = sessions.open(Optional.empty());
        String e = sessions.open(Optional.empty());
        assertEquals(Optional.empty(), sessions.find(a), "the oldest of four, with room for three");
        assertTrue(sessions.find(c).isPresent() && sessions.find(d).isPresent() && sessions.find(e).isPresent());
    }

    @Test
    void hash_isTheHexSha256_soTheTokenIsNeverKept() {
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", SellerSessions.hash("hello"));
    }
}
