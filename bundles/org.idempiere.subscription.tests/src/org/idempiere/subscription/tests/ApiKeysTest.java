package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.ApiKeyService;
import org.idempiere.subscription.sandbox.internal.host.TestClock;
import org.junit.jupiter.api.Test;

/** Keys of the JSON API per tenant: shown once, kept as hashes, acting for their own tenant, revoked at once. */
class ApiKeysTest {

    private static ApiKeyService keys() {
        return service(ApiKeyService.class);
    }

    @Test
    void aKey_isShownOnce_keptAsAHash_andActsForItsTenant() {
        ApiKeyService.Generated g = keys().create("  ERP connector  ", Optional.empty());
        assertTrue(g.secret().matches("sk_[A-Za-z0-9_-]{43}"), g.secret());
        assertEquals("ERP connector", g.key().name());
        assertEquals(Optional.of(g.secret().substring(0, 9)), g.key().prefix());
        assertEquals(0, count("SELECT count(*) FROM SUB_ApiKey WHERE KeyHash = ? OR KeyPrefix = ? OR Name = ?", g.secret(),
                g.secret(), g.secret()), "the secret is stored nowhere");
        assertEquals(1000000, keys().authenticate(g.secret()).orElseThrow().clientId());
        assertTrue(keys().list().stream().anyMatch(k -> k.id() == g.key().id() && k.lastUsedAt().isPresent()));

        ApiKeyService.Generated again = keys().regenerate(g.key().id());
        assertEquals(Optional.empty(), keys().authenticate(g.secret()), "the secret generated before stops working");
        assertTrue(keys().authenticate(again.secret()).isPresent());
        assertFalse(keys().revoke(g.key().id()).active());
        assertEquals(Optional.empty(), keys().authenticate(again.secret()), "revoked at once");
    }

    @Test
    void anotherTenantsKey_actsForThatTenant_andIsNotListedHere() {
        HostContext host = service(HostContext.class);
        ApiKeyService.Generated other = host.actingFor(TenantIsolationTest.OTHER, () -> keys().create(unique("B"), Optional.empty()));
        assertEquals(1000001, keys().authenticate(other.secret()).orElseThrow().clientId());
        assertTrue(keys().list().stream().noneMatch(k -> k.id() == other.key().id()));
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> keys().revoke(other.key().id()));
        assertEquals(Optional.of("keyId"), e.field(), "another tenant's key is unknown here");
        assertTrue(keys().authenticate(other.secret()).isPresent(), "and stays valid");
    }

    @Test
    void anExpiredKey_opensNothing() throws Exception {
        TestClock clock = service(TestClock.class);
        ApiKeyService.Generated g = keys().create(unique("Short"), Optional.of(clock.instant().plus(Duration.ofHours(1))));
        assertTrue(keys().authenticate(g.secret()).isPresent());
        clock.advanceDays(1);
        assertEquals(Optional.empty(), keys().authenticate(g.secret()));
    }

    @Test
    void badInput_isRefusedNamingTheField_andMalformedKeysAreNotLookedUp() {
        long before = count("SELECT count(*) FROM SUB_ApiKey");
        assertEquals(Optional.of("name"), assertThrows(SubscriptionException.class, () -> keys().create(" ", Optional.empty())).field());
        assertEquals(Optional.of("name"), assertThrows(SubscriptionException.class,
                () -> keys().create("x".repeat(61), Optional.empty())).field());
        assertEquals(Optional.of("validTo"), assertThrows(SubscriptionException.class,
                () -> keys().create("Past", Optional.of(Instant.parse("2001-01-01T00:00:00Z")))).field());
        assertEquals(Optional.of("keyId"), assertThrows(SubscriptionException.class, () -> keys().regenerate(99_999_999L)).field());
        assertEquals(before, count("SELECT count(*) FROM SUB_ApiKey"));
        for (String bad : new String[] {null, "", "sk_", "sk_" + "a".repeat(42), "pk_" + "a".repeat(43), "sk_" + "a".repeat(42) + "="}) {
            assertEquals(Optional.empty(), keys().authenticate(bad), String.valueOf(bad));
        }
    }
}
