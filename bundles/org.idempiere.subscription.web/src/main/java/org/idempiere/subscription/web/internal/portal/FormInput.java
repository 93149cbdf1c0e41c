package org.idempiere.subscription.web.internal.portal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
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
public final class FormInput {
    /** The largest form body the portal reads. */
    public static final int MAX_BODY = 16 * 1024;
    static final int MAX_FIELDS = 32;
    static final int MAX_FIELD = 2000;
    /** An e-mail address as people type one: one {@code @}, no spaces, a dot in the domain. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}.]+");

    private final Map<String, String> fields;

    private FormInput(Map<String, String> fields) {
        this.fields = fields;
    }

    /** Reads and decodes the request's form body. */
    public static FormInput read(HttpServletRequest req) throws IOException {
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
    public static FormInput parse(String body) {
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

    /**
     * Reads the query string of a {@code GET} form (a preview, a review) with the same limits and
     * checks as a posted form: only what a page's own forms send is ever read from it.
     */
    public static FormInput query(HttpServletRequest req) {
        String q = Optional.ofNullable(req.getQueryString()).orElse("");
        if (q.length() > MAX_BODY) {
            throw PortalProblem.invalid("query", q, "at most " + MAX_BODY + " characters");
        }
        return parse(q);
    }

    /** @return the field's value as sent, if sent */
    public Optional<String> raw(String name) {
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

    /**
     * @return the field as a record id: a whole number from 1 to {@value #MAX_ID}
     * @throws PortalProblem 400 naming the field when it is missing or not such a number
     */
    long id(String name) {
        String v = raw(name).map(String::strip).orElse("");
        return parseId(v).orElseThrow(() -> PortalProblem.invalid(name, v, v.isEmpty() ? "required" : "not a record number"));
    }

    /** The largest id the portal accepts: iDempiere's ids are {@code NUMERIC(10)}. */
    static final long MAX_ID = 9_999_999_999L;
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,9}");

    /** @return the text as a record id, when it is one (1 to {@value #MAX_ID}, no sign, no leading zero) */
    static Optional<Long> parseId(String text) {
        return text != null && ID.matcher(text).matches() ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }

    /**
     * @return the field as a quantity: above zero, at most 1,000,000, at most four decimals, with a
     *         point or a comma as the decimal mark
     * @throws PortalProblem 400 naming the field otherwise
     */
    BigDecimal quantity(String name) {
        String v = raw(name).map(String::strip).orElse("");
        if (!QUANTITY.matcher(v).matches()) {
            throw PortalProblem.invalid(name, v, v.isEmpty() ? "required" : "not a quantity");
        }
        BigDecimal q = new BigDecimal(v.replace(',', '.'));
        if (q.signum() <= 0 || q.compareTo(MAX_QUANTITY) > 0) {
            throw PortalProblem.invalid(name, v, "must be above 0 and at most 1000000");
        }
        return q;
    }

    private static final Pattern QUANTITY = Pattern.compile("[0-9]{1,7}([.,][0-9]{1,4})?");
    private static final BigDecimal MAX_QUANTITY = BigDecimal.valueOf(1_000_000);

    /**
     * @return the field's text, trimmed; empty when it was not sent or is blank
     * @throws PortalProblem 400 naming the field when it is longer than {@code max} characters or
     *         holds control characters other than line breaks
     */
    Optional<String> text(String name, int max) {
        String v = raw(name).map(String::strip).orElse("");
        if (v.length() > max) {
            throw PortalProblem.invalid(name, v, "at most " + max + " characters");
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw PortalProblem.invalid(name, v, "control characters");
        }
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /**
     * @return the field's value, which must be one of {@code allowed}
     * @throws PortalProblem 400 naming the field otherwise
     */
    String choice(String name, java.util.Set<String> allowed) {
        String v = raw(name).orElse("");
        if (!allowed.contains(v)) {
            throw PortalProblem.invalid(name, v, "one of " + new java.util.TreeSet<>(allowed));
        }
        return v;
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
