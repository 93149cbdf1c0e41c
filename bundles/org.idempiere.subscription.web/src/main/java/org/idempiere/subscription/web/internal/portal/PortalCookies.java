package org.idempiere.subscription.web.internal.portal;

import java.util.Optional;
import java.util.regex.Pattern;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The portal's cookies, written as {@code Set-Cookie} headers because the servlet API's
 * {@link Cookie} cannot say {@code SameSite}. Every cookie is scoped to the portal's path,
 * {@code HttpOnly}, and {@code Secure} when the request came over HTTPS.
 * <ul>
 * <li>{@value #SESSION}: the session token; {@code SameSite=Lax}, so that following a link
 * from an e-mail or another site still arrives signed in, while no other site's form, frame or
 * script request carries it (decision 0028). No {@code Max-Age}: it ends with the browser, and the
 * engine ends it earlier when it idles.</li>
 * <li>{@value #FORM}: the random value forms shown before sign-in send back in {@code _csrf}
 * (double submit); {@code SameSite=Strict}.</li>
 * <li>{@value #LANGUAGE}: the language the visitor chose; a year.</li>
 * </ul>
 */
public final class PortalCookies {
    static final String SESSION = "sub_portal";
    static final String FORM = "sub_portal_form";
    static final String LANGUAGE = "sub_portal_lang";
    /** The shape of every token the portal accepts from a cookie or a link: base64url, 16 to 256 characters. */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,256}");

    private PortalCookies() {
    }

    /** @return the cookie's value, when present and of the shape of a token (or language code) */
    static Optional<String> read(HttpServletRequest req, String name) {
        return read(req, name, LANGUAGE.equals(name));
    }

    /**
     * @param languageCode whether the cookie holds a language code (two lower-case letters) rather than a token
     * @return the cookie's value, when present and of that shape
     */
    public static Optional<String> read(HttpServletRequest req, String name, boolean languageCode) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (name.equals(c.getName()) && c.getValue() != null) {
                String v = c.getValue();
                boolean ok = languageCode ? v.matches("[a-z]{2}") : TOKEN.matcher(v).matches();
                if (ok) {
                    return Optional.of(v);
                }
            }
        }
        return Optional.empty();
    }

    static void setSession(HttpServletRequest req, HttpServletResponse resp, String path, String token) {
        resp.addHeader("Set-Cookie", header(SESSION, token, path, "Lax", -1, req.isSecure()));
    }

    static void clearSession(HttpServletRequest req, HttpServletResponse resp, String path) {
        resp.addHeader("Set-Cookie", header(SESSION, "", path, "Lax", 0, req.isSecure()));
    }

    static void setForm(HttpServletRequest req, HttpServletResponse resp, String path, String value) {
        resp.addHeader("Set-Cookie", header(FORM, value, path, "Strict", -1, req.isSecure()));
    }

    static void setLanguage(HttpServletRequest req, HttpServletResponse resp, String path, PortalLanguage language) {
        resp.addHeader("Set-Cookie", header(LANGUAGE, language.code(), path, "Lax", 365L * 24 * 3600, req.isSecure()));
    }

    /**
     * @param maxAgeSeconds negative for a cookie that ends with the browser, 0 to delete it
     * @return the value of a {@code Set-Cookie} header; {@code value} must be a token or empty
     */
    public static String header(String name, String value, String path, String sameSite, long maxAgeSeconds, boolean secure) {
        StringBuilder b = new StringBuilder(name).append('=').append(value).append("; Path=").append(path);
        if (maxAgeSeconds >= 0) {
            b.append("; Max-Age=").append(maxAgeSeconds);
            if (maxAgeSeconds == 0) {
                b.append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
            }
        }
        b.append("; HttpOnly; SameSite=").append(sameSite);
        if (secure) {
            b.append("; Secure");
        }
        return b.toString();
    }
}
