package org.idempiere.subscription.web.internal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Set-Cookie headers the portal writes. */
class PortalCookiesTest {

    @Test
    void header_sessionCookie_overHttp() {
        assertEquals("sub_portal=tok; Path=/subscriptions/portal; HttpOnly; SameSite=Lax",
                PortalCookies.header(PortalCookies.SESSION, "tok", "/subscriptions/portal", "Lax", -1, false));
    }

    @Test
    void header_overHttps_isSecure() {
        assertTrue(PortalCookies.header(PortalCookies.SESSION, "tok", "/p", "Lax", -1, true).endsWith("; Secure"));
        assertFalse(PortalCookies.header(PortalCookies.SESSION, "tok", "/p", "Lax", -1, false).contains("Secure"));
    }

    @Test
    void header_deletion_expiresAtOnce() {
        assertEquals("sub_portal=; Path=/p; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax",
                PortalCookies.header(PortalCookies.SESSION, "", "/p", "Lax", 0, false));
    }

    @Test
    void token_acceptsBase64UrlOf16To256Characters_only() {
        assertTrue(PortalCookies.TOKEN.matcher("abcdefghijklmnop").matches());
        assertTrue(PortalCookies.TOKEN.matcher("A".repeat(256)).matches());
        assertFalse(PortalCookies.TOKEN.matcher("short").matches());
        assertFalse(PortalCookies.TOKEN.matcher("A".repeat(257)).matches());
        assertFalse(PortalCookies.TOKEN.matcher("abcdefghijklmnop;x").matches());
        assertFalse(PortalCookies.TOKEN.matcher("abcdefgh ijklmnop").matches());
    }
}
