package org.idempiere.subscription.web.internal.portal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.servlet.http.HttpServletRequest;

/**
 * The fields of a posted form ({@code application/x-www-form-urlencoded}, UTF-8), read with
 * limits, and checked one by one. Everything wrong is a {@link PortalProblem}: 413 for a body over
 * {@link #MAX_BODY} bytes, 415 for another content type, 400 naming the field (and the value) for
 * a malformed, repeated, missing or oversized field. Immutable once read.
 */
final class FormInput {
    /** The largest form body the portal reads. */
    static final int MAX_BODY = 16 * 1024;
    static final int MAX_FIELDS = 32;
    static final int MAX_FIELD = 2000;
    /** An e-mail address as people type one: one {@code @}, no spaces, a dot in the domain. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}.]+");

    private final Map<String, String> fields;

    private FormInput(Map<String, String> fields) {
        this.fields = fields;
    }

    /** Reads and decodes the request's form body. */
    static FormInput read(HttpServletRequest req) throws IOException {
        String type = Optional.ofNullable(req.getContentType()).orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            throw PortalProblem.of(415, "error.unsupportedMediaType");
        }
        if (req.getContentLengthLong() > MAX_BODY) {
            throw PortalProblem.of(413, "error.tooLarge");
        }
        return parse(body(req));
    }

    /** Decodes an url-encoded form. */
    static FormInput parse(String body) {
        Map<String, String> fields = new HashMap<>();
        if (body.isEmpty()) {
            return new FormInput(fields);
        }
        String[] pairs = body.split("&", -1);
        if (pairs.length > MAX_FIELDS) {
            throw PortalProblem.invalid("body", pairs.length + " fields", "at most " + MAX_FIELDS + " fields");
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String name = decode("body", eq < 0 ? pair : pair.substring(0, eq));
            String value = decode(name, eq < 0 ? "" : pair.substring(eq + 1));
            if (name.isEmpty()) {
                continue;
            }
            if (value.length() > MAX_FIELD) {
                throw PortalProblem.invalid(name, value, "at most " + MAX_FIELD + " characters");
            }
            if (fields.putIfAbsent(name, value) != null) {
                throw PortalProblem.invalid(name, value, "sent more than once");
            }
        }
        return new FormInput(fields);
    }

    /** @return the field's value as sent, if sent */
    Optional<String> raw(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** @return the e-mail address of the field, trimmed and lower-cased */
    String email(String name) {
        String v = raw(name).map(String::strip).orElse("");
        if (v.isEmpty()) {
            throw PortalProblem.invalid(name, v, "required");
        }
        if (v.length() > 254 || !EMAIL.matcher(v).matches()) {
            throw PortalProblem.invalid(name, v, "not an e-mail address");
        }
        return v.toLowerCase(Locale.ROOT);
    }

    private static String decode(String field, String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw PortalProblem.invalid(field, text, "malformed form encoding");
        }
    }

    private static String body(HttpServletRequest req) throws IOException {
        try (InputStream in = req.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_BODY) {
                    throw PortalProblem.of(413, "error.tooLarge");
                }
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw PortalProblem.invalid("body", "(not UTF-8)", "the form must be sent in UTF-8");
        }
    }
}
