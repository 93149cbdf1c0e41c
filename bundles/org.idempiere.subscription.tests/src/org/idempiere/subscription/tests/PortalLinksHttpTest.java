package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.idempiere.subscription.sandbox.internal.host.MasterData.CustomerRow;
import org.idempiere.subscription.sandbox.internal.host.ReferenceMailer;
import org.idempiere.subscription.tests.Api.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Portal links through the JSON API over real HTTP: issued (token once), e-mailed, listed without tokens, revoked; bad input refused. */
class PortalLinksHttpTest {

    @BeforeAll
    static void endpoint() throws Exception {
        Api.root();
    }

    private static CustomerRow customer() {
        String email = unique("link").replace(' ', '.').replace('-', '.') + "@example.com";
        return service(MasterData.class).createCustomer(unique("Link customer"), Optional.of(email), "AT", Optional.empty(),
                Optional.of("en_US"));
    }

    @Test
    void issue_list_revoke() throws Exception {
        CustomerRow c = customer();
        Answer issued = Api.call("POST", "/customers/" + c.id() + "/portal-links", "{\"contactId\":" + c.contactUserId() + "}");
        assertEquals(201, issued.status(), issued.text());
        String token = issued.body().path("token").asText();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), issued.text());
        assertTrue(issued.body().path("url").asText().endsWith("/subscriptions/portal/link/" + token), issued.text());
        assertEquals(c.contactUserId(), issued.body().path("contactId").asLong());
        assertTrue(service(PortalAccessService.class).openSession(token).isPresent(), "the answered token opens the portal");

        Answer listed = Api.call("GET", "/customers/" + c.id() + "/portal-links", null);
        assertEquals(200, listed.status(), listed.text());
        assertEquals(1, listed.body().size());
        assertTrue(listed.body().get(0).path("token").isNull(), listed.text());
        assertFalse(listed.text().contains(token), "a listed link never shows its token");
        assertFalse(listed.body().get(0).path("lastUsedAt").isNull(), listed.text());

        long id = issued.body().path("id").asLong();
        Answer revoked = Api.call("POST", "/portal-links/" + id + "/revoke", null);
        assertEquals(200, revoked.status(), revoked.text());
        assertFalse(revoked.body().path("revokedAt").isNull(), revoked.text());
        assertEquals(Optional.empty(), service(PortalAccessService.class).openSession(token));

        Api.call("POST", "/customers/" + c.id() + "/portal-links", "{}");
        Answer all = Api.call("POST", "/customers/" + c.id() + "/portal-links/revoke", "{}");
        assertEquals(200, all.status(), all.text());
        assertEquals(1, all.body().path("revoked").asInt(), all.text());
    }

    @Test
    void send_emailsTheLink_andAnswersNoToken() throws Exception {
        CustomerRow c = customer();
        Answer sent = Api.call("POST", "/customers/" + c.id() + "/portal-links", "{\"send\":true}");
        assertEquals(201, sent.status(), sent.text());
        assertTrue(sent.body().path("token").isNull() && sent.body().path("url").isNull(), sent.text());
        assertEquals(1, service(ReferenceMailer.class).mails().stream().filter(m -> m.to().equals(c.email().get())).count());
    }

    @Test
    void badInput_isRefused_namingTheField_andStoresNothing() throws Exception {
        CustomerRow a = customer();
        CustomerRow b = customer();
        long before = count("SELECT count(*) FROM SUB_PortalLink");
        problem(Api.call("POST", "/customers/99999999/portal-links", "{}"), 404, "id");
        problem(Api.call("POST", "/customers/" + a.id() + "/portal-links", "{\"contactId\":" + b.contactUserId() + "}"), 400,
                "contactId");
        problem(Api.call("POST", "/customers/" + a.id() + "/portal-links", "{\"contactId\":\"x\"}"), 400, "contactId");
        problem(Api.call("POST", "/customers/" + a.id() + "/portal-links", "{\"send\":\"yes\"}"), 400, "send");
        problem(Api.call("POST", "/customers/" + a.id() + "/portal-links", "[]"), 400, null);
        problem(Api.call("POST", "/customers/abc/portal-links", "{}"), 400, "id");
        problem(Api.call("POST", "/portal-links/99999999/revoke", null), 404, "id");
        problem(Api.call("GET", "/customers/99999999/portal-links", null), 404, "id");
        assertEquals(before, count("SELECT count(*) FROM SUB_PortalLink"));
    }

    private static void problem(Answer a, int status, String field) {
        assertEquals(status, a.status(), a.text());
        if (field != null) {
            assertEquals(field, a.body().path("field").asText(), a.text());
        }
    }
}
