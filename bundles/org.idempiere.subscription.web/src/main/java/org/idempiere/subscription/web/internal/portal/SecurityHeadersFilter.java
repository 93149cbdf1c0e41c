package org.idempiere.subscription.web.internal.portal;

import java.io.IOException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;

/**
 * Sets the portal's security headers on every answer below {@code /subscriptions/portal}, before
 * the servlet runs, so that error pages and redirects carry them too. The policy allows the
 * portal's own style sheet and forms and nothing else: no inline style or script, no frames, no
 * plug-ins, no other origin. Every page is personal or a form, so none is stored by a cache; the
 * static files' route overrides {@code Cache-Control} for itself.
 */
public final class SecurityHeadersFilter implements Filter {
    /** The Content-Security-Policy of every portal answer. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-src 'none'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse resp) {
            apply(resp);
        }
        chain.doFilter(request, response);
    }

    /** Sets the headers on an answer. */
    public static void apply(HttpServletResponse resp) {
        resp.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        resp.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        resp.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        resp.setHeader("Cache-Control", "no-store");
    }
}
