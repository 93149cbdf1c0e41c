package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.ApiKeyService;
import org.idempiere.subscription.api.service.Subscription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON API over real HTTP with a tenant's key (iDempiere's Subscription API Key window): the
 * call acts for the key's tenant, and sees nothing of another; a revoked key gets 401.
 */
class ApiKeysHttpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void endpoint() throws Exception {
        Api.root();
    }

    private static int status(String key, String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(Api.root() + "/subscriptions/api/v1" + path))
                .header("Authorization", "Bearer " + key).GET().build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aTenantsKey_actsForItsTenant_only() throws Exception {
        Subscription other = TenantIsolationTest.otherTenantsSubscription();
        HostContext host = service(HostContext.class);
        ApiKeyService.Generated key = host.actingFor(TenantIsolationTest.OTHER,
                () -> service(ApiKeyService.class).create(unique("Tenant B integration"), Optional.empty()));

        assertEquals(200, status(key.secret(), "/subscriptions/" + other.id()), "its own tenant's subscription");
        assertEquals(404, status(Api.KEY, "/subscriptions/" + other.id()), "not seen with the sandbox's own key");
        long ours = service(org.idempiere.subscription.api.service.SubscriptionService.class)
                .list(Optional.empty(), Optional.empty(), 0, 1).get(0).id();
        assertEquals(200, status(Api.KEY, "/subscriptions/" + ours));
        assertEquals(404, status(key.secret(), "/subscriptions/" + ours), "nor tenant 1000000's with tenant B's key");

        host.actingFor(TenantIsolationTest.OTHER, () -> service(ApiKeyService.class).revoke(key.key().id()));
        assertEquals(401, status(key.secret(), "/subscriptions/" + other.id()), "revoked at once");
        assertEquals(401, status("sk_" + "x".repeat(43), "/subscriptions/" + other.id()));
    }
}
