package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.count;
import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalLink;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.idempiere.subscription.sandbox.internal.host.MasterData.CustomerRow;
import org.idempiere.subscription.sandbox.internal.host.ReferenceMailer;
import org.idempiere.subscription.sandbox.internal.host.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Portal links and sessions: tokens stored only as hashes, a link opening sessions until it
 * expires or is revoked, sessions ending when idle, when signed out or with their link, links
 * e-mailed in the contact's language, and the "send me a new link" request answering nothing.
 */
class PortalAccessTest {

    private static PortalAccessService portal() {
        return service(PortalAccessService.class);
    }

    private static CustomerRow customer(String language) {
        String email = unique("portal").replace(' ', '.').replace('-', '.') + "@example.com";
        return service(MasterData.class).createCustomer(unique("Portal customer"), Optional.of(email), "SK", Optional.empty(),
                Optional.of(language));
    }

    private static void setting(String name, Optional<String> value) {
        HostContext host = service(HostContext.class);
        host.inTransaction(tx -> value.isPresent()
                ? Rows.update(tx.connection(), "INSERT INTO sbx_setting (name, value) VALUES (?, ?)"
                        + " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value", name, value.get())
                : Rows.update(tx.connection(), "DELETE FROM sbx_setting WHERE name = ?", name));
    }

    @AfterEach
    void defaultSettings() {
        setting("SUBSCRIPTIONS_PORTAL_LINK_DAYS", Optional.empty());
        setting("SUBSCRIPTIONS_PORTAL_SESSION_MINUTES", Optional.empty());
        service(ReferenceMailer.class).setOffline(false);
    }

    @Test
    void aLink_opensSessions_andOnlyItsHashIsStored() {
        CustomerRow c = customer("en_US");
        PortalLink link = portal().issueLink(c.id(), Optional.of(c.contactUserId()));
        String token = link.token().orElseThrow();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        assertTrue(link.url().orElseThrow().matches("http://127\\.0\\.0\\.1:\\d+/subscriptions/portal/link/" + token), link.url().get());
        Instant now = link.createdAt();
        assertEquals(now.plus(Duration.ofDays(30)), link.expiresAt());

        List<String> stored = rows("SELECT TokenHash FROM SUB_PortalLink WHERE SUB_PortalLink_ID = ?", link.id());
        assertEquals(1, stored.size());
        assertTrue(stored.get(0).matches("[0-9a-f]{64}"), stored.get(0));
        assertEquals(0, count("SELECT count(*) FROM SUB_PortalLink WHERE TokenHash = ? OR TokenHash = ?", token, link.url().get()));

        PortalSession s = portal().openSession(token).orElseThrow();
        assertEquals(c.id(), s.customerId());
        assertEquals(Optional.of(c.contactUserId()), s.contactId());
        assertEquals("en_US", s.language());
        assertEquals(link.id(), s.linkId());
        assertEquals(1000000, s.tenant().clientId());
        String sessionToken = s.token().orElseThrow();
        assertNotEquals(token, sessionToken);
        assertEquals(0, count("SELECT count(*) FROM SUB_PortalSession WHERE TokenHash = ?", sessionToken));
        assertAbout(now.plus(Duration.ofMinutes(60)), s.expiresAt());

        PortalSession again = portal().session(sessionToken).orElseThrow();
        assertEquals(Optional.empty(), again.token(), "a looked-up session never carries its token");
        assertEquals(s.csrfToken(), again.csrfToken(), "the form token is the session's, every time");
        assertEquals(c.id(), again.customerId());

        PortalSession second = portal().openSession(token).orElseThrow();
        assertNotEquals(sessionToken, second.token().orElseThrow(), "each use of a link opens a new session");
        assertNotEquals(s.csrfToken(), second.csrfToken());
        assertAbout(now, portal().links(c.id()).get(0).lastUsedAt().orElseThrow());
        assertEquals(Optional.empty(), portal().links(c.id()).get(0).token(), "a listed link never shows its token");
    }

    @Test
    void malformedAndUnknownTokens_openNothing() {
        for (String bad : new String[] {null, "", "x", "a".repeat(42), "a".repeat(44), "a".repeat(42) + "=",
                "' OR '1'='1' --------------------------------", "a".repeat(43)}) {
            assertEquals(Optional.empty(), portal().openSession(bad), "link token " + bad);
            assertEquals(Optional.empty(), portal().session(bad), "session token " + bad);
        }
        CustomerRow c = customer("en_US");
        PortalLink link = portal().issueLink(c.id(), Optional.empty());
        String session = portal().openSession(link.token().orElseThrow()).orElseThrow().token().orElseThrow();
        assertEquals(Optional.empty(), portal().session(link.token().get()), "a link token is not a session token");
        assertEquals(Optional.empty(), portal().openSession(session), "nor a session token a link token");
    }

    @Test
    void revoking_endsTheLinkAndItsSessionsAtOnce_andAReplayedTokenOpensNothing() {
        CustomerRow c = customer("en_US");
        PortalLink kept = portal().issueLink(c.id(), Optional.empty());
        PortalLink link = portal().issueLink(c.id(), Optional.empty());
        String token = link.token().orElseThrow();
        String session = portal().openSession(token).orElseThrow().token().orElseThrow();
        String keptSession = portal().openSession(kept.token().orElseThrow()).orElseThrow().token().orElseThrow();

        PortalLink revoked = portal().revokeLink(link.id());
        assertTrue(revoked.revokedAt().isPresent());
        assertEquals(Optional.empty(), portal().session(session), "its session ended");
        assertEquals(Optional.empty(), portal().openSession(token), "the token, replayed, opens nothing");
        assertTrue(portal().session(keptSession).isPresent(), "the customer's other link goes on");

        assertEquals(1, portal().revokeAll(c.id()));
        assertEquals(Optional.empty(), portal().session(keptSession));
        assertEquals(0, portal().revokeAll(c.id()), "nothing left to revoke");
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> portal().revokeLink(99_999_999L));
        assertEquals(ErrorCode.UNKNOWN_REFERENCE, e.code());
        assertEquals(Optional.of("linkId"), e.field());
    }

    @Test
    void aLinkExpires_afterItsDays_andASessionAfterItsIdleMinutes() throws Exception {
        setting("SUBSCRIPTIONS_PORTAL_LINK_DAYS", Optional.of("2"));
        setting("SUBSCRIPTIONS_PORTAL_SESSION_MINUTES", Optional.of("5"));
        CustomerRow c = customer("en_US");
        PortalLink link = portal().issueLink(c.id(), Optional.empty());
        TestClock clock = service(TestClock.class);
        assertEquals(link.createdAt().plus(Duration.ofDays(2)), link.expiresAt());
        PortalSession s = portal().openSession(link.token().orElseThrow()).orElseThrow();
        assertAbout(link.createdAt().plus(Duration.ofMinutes(5)), s.expiresAt());

        clock.advanceDays(1); // idle for a day: the session ended, the link still opens a new one
        assertEquals(Optional.empty(), portal().session(s.token().get()));
        PortalSession next = portal().openSession(link.token().get()).orElseThrow();
        assertTrue(portal().session(next.token().get()).isPresent());

        clock.advanceDays(1); // the link's second day is over
        assertEquals(Optional.empty(), portal().openSession(link.token().get()));
        assertEquals(Optional.empty(), portal().session(next.token().get()));
    }

    @Test
    void aBadSetting_fallsBackToItsDefault() {
        setting("SUBSCRIPTIONS_PORTAL_LINK_DAYS", Optional.of("forever"));
        CustomerRow c = customer("en_US");
        PortalLink link = portal().issueLink(c.id(), Optional.empty());
        assertEquals(link.createdAt().plus(Duration.ofDays(30)), link.expiresAt());
    }

    @Test
    void unknownCustomersAndOtherCustomersContacts_areRefused_andNothingIsStored() {
        CustomerRow a = customer("en_US");
        CustomerRow b = customer("en_US");
        long before = count("SELECT count(*) FROM SUB_PortalLink");
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> portal().issueLink(a.id(), Optional.of(b.contactUserId())));
        assertEquals(Optional.of("contactId"), e.field());
        e = assertThrows(SubscriptionException.class, () -> portal().issueLink(99_999_999L, Optional.empty()));
        assertEquals(Optional.of("customerId"), e.field());
        assertEquals(before, count("SELECT count(*) FROM SUB_PortalLink"));
    }

    @Test
    void sendLink_emailsTheLinkInTheContactsLanguage_andTheLinkOpensTheCustomersPortal() {
        CustomerRow c = customer("sk_SK");
        PortalLink sent = portal().sendLink(c.id(), Optional.of(c.contactUserId()));
        assertEquals(Optional.empty(), sent.token(), "an e-mailed link's token is in the e-mail only");
        List<ReferenceMailer.Sent> mails = mailsTo(c.email().orElseThrow());
        assertEquals(1, mails.size());
        assertEquals("Váš odkaz na zákaznícky portál", mails.get(0).subject());
        String token = tokenIn(mails.get(0).body());
        assertTrue(mails.get(0).body().contains("Odkaz platí do "), mails.get(0).body());
        PortalSession s = portal().openSession(token).orElseThrow();
        assertEquals(c.id(), s.customerId());
        assertEquals("sk_SK", s.language());
    }

    @Test
    void sendLink_whenTheMailServerRefuses_revokesTheLinkNobodyReceived() {
        CustomerRow c = customer("en_US");
        service(ReferenceMailer.class).setOffline(true);
        assertThrows(SubscriptionException.class, () -> portal().sendLink(c.id(), Optional.empty()));
        List<PortalLink> links = portal().links(c.id());
        assertEquals(1, links.size());
        assertTrue(links.get(0).revokedAt().isPresent());
    }

    @Test
    void requestLink_emailsAKnownAddress_andAnswersTheSameForAnUnknownOne() {
        CustomerRow c = customer("en_US");
        String address = c.email().orElseThrow();
        portal().requestLink("  " + address.toUpperCase() + " ");
        List<ReferenceMailer.Sent> mails = mailsTo(address);
        assertEquals(1, mails.size());
        assertEquals("Your link to the customer portal", mails.get(0).subject());
        assertTrue(portal().openSession(tokenIn(mails.get(0).body())).isPresent());

        long links = count("SELECT count(*) FROM SUB_PortalLink");
        int sentBefore = service(ReferenceMailer.class).mails().size();
        portal().requestLink("nobody." + System.nanoTime() + "@example.com"); // no exception, nothing sent
        assertEquals(links, count("SELECT count(*) FROM SUB_PortalLink"));
        assertEquals(sentBefore, service(ReferenceMailer.class).mails().size());

        for (String bad : new String[] {"", "no-at-sign", "two@@example.com", "a b@example.com", "x".repeat(250) + "@e.com"}) {
            SubscriptionException e = assertThrows(SubscriptionException.class, () -> portal().requestLink(bad), bad);
            assertEquals(Optional.of("email"), e.field(), bad);
        }
    }

    @Test
    void signingOut_endsTheSession() {
        CustomerRow c = customer("en_US");
        String session = portal().openSession(portal().issueLink(c.id(), Optional.empty()).token().orElseThrow())
                .orElseThrow().token().orElseThrow();
        portal().endSession(session);
        assertEquals(Optional.empty(), portal().session(session));
        portal().endSession("not a token"); // ignored
    }

    /** The sandbox's clock runs on from its frozen day: instants of one test are a few seconds apart. */
    private static void assertAbout(Instant expected, Instant actual) {
        assertTrue(!actual.isBefore(expected) && actual.isBefore(expected.plusSeconds(30)), "expected about " + expected
                + ", was " + actual);
    }

    private static List<ReferenceMailer.Sent> mailsTo(String to) {
        return service(ReferenceMailer.class).mails().stream().filter(m -> m.to().equals(to)).toList();
    }

    private static String tokenIn(String body) {
        Matcher m = Pattern.compile("/subscriptions/portal/link/([A-Za-z0-9_-]{43})\\s").matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }
}
