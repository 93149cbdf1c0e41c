package org.idempiere.subscription.sandbox.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The HTML of the reference gateway's hosted card page, in English or Slovak
 * ({@code gateway/card_<lang>.properties}). Plain, escaped HTML with one style sheet of its own and
 * no script, so that its Content-Security-Policy can forbid everything else. Immutable.
 */
final class HostedCardHtml {
    static final List<String> LANGUAGES = List.of("en", "sk");
    /** The fields of the form, in the order the page shows them (and lists their errors). */
    static final List<String> FIELDS = List.of("holder", "number", "expMonth", "expYear", "cvc");

    private final Map<String, Properties> texts;

    HostedCardHtml() {
        this.texts = Map.of("en", load("en"), "sk", load("sk"));
    }

    private static Properties load(String lang) {
        String name = "gateway/card_" + lang + ".properties";
        try (InputStream in = HostedCardHtml.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            Properties p = new Properties();
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }

    /** @return the keys of a language's texts (a test keeps both languages equal) */
    java.util.Set<String> keys(String lang) {
        return texts.get(lang).stringPropertyNames();
    }

    /** @return the text, its {@code {i}} replaced by the escaped arguments, itself escaped */
    String t(String lang, String key, String... args) {
        String text = texts.get(lang).getProperty(key);
        if (text == null) {
            throw new IllegalArgumentException("no text '" + key + "' in " + lang);
        }
        text = esc(text);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", esc(args[i]));
        }
        return text;
    }

    /** What the form shows: the setup's names, the values to keep, and the fields refused. */
    record Form(String setupId, String lang, String merchant, String customer, String holder, String expMonth,
            String expYear, List<String> errors) {
    }

    /** The card form. */
    String form(Form f, int thisYear) {
        String l = f.lang();
        StringBuilder b = new StringBuilder();
        head(b, l, t(l, "title"), f.setupId());
        b.append("<h1 id=\"title\">").append(t(l, "secure")).append("</h1>\n");
        b.append("<dl class=\"for\"><div><dt>").append(t(l, "shop")).append("</dt><dd>").append(esc(f.merchant()))
                .append("</dd></div><div><dt>").append(t(l, "customer")).append("</dt><dd>").append(esc(f.customer()))
                .append("</dd></div></dl>\n");
        b.append("<p class=\"test\">").append(t(l, "test")).append("</p>\n");
        if (!f.errors().isEmpty()) {
            b.append("<div class=\"errors\" role=\"alert\" aria-labelledby=\"errors-title\">\n<h2 id=\"errors-title\">")
                    .append(t(l, "errors")).append("</h2>\n<ul>\n");
            for (String field : f.errors()) {
                String anchor = FIELDS.contains(field) ? field : "holder";
                b.append("<li><a href=\"#").append(anchor).append("\">").append(t(l, "error." + field)).append("</a></li>\n");
            }
            b.append("</ul>\n</div>\n");
        }
        b.append("<form method=\"post\" action=\"card\" autocomplete=\"on\" novalidate>\n");
        hidden(b, "setup", f.setupId());
        hidden(b, "lang", l);
        input(b, f, "holder", "text", "cc-name", f.holder(), null, "maxlength=\"120\"");
        input(b, f, "number", "text", "cc-number", "", "numberHint", "inputmode=\"numeric\" maxlength=\"23\" spellcheck=\"false\"");
        b.append("<fieldset class=\"expiry\">\n<legend>").append(t(l, "expiry")).append("</legend>\n<div class=\"pair\">\n");
        select(b, f, "expMonth", "cc-exp-month", t(l, "month"), f.expMonth(), 1, 12, true);
        select(b, f, "expYear", "cc-exp-year", t(l, "year"), f.expYear(), thisYear, thisYear + 15, false);
        b.append("</div>\n</fieldset>\n");
        input(b, f, "cvc", "password", "cc-csc", "", "cvcHint", "inputmode=\"numeric\" maxlength=\"4\" class=\"short\"");
        b.append("<button type=\"submit\">").append(t(l, "save")).append("</button>\n</form>\n");
        b.append("<p class=\"cancel\"><a href=\"card/cancel?setup=").append(esc(f.setupId())).append("&amp;lang=").append(l)
                .append("\">").append(t(l, "cancel", f.merchant())).append("</a></p>\n");
        b.append("<p class=\"privacy\">").append(t(l, "privacy", f.merchant())).append("</p>\n");
        return foot(b);
    }

    /** A page that only explains, with an optional link back. */
    String message(String lang, String titleKey, String textKey, String merchant, String backHref) {
        StringBuilder b = new StringBuilder();
        head(b, lang, t(lang, titleKey), null);
        b.append("<h1 id=\"title\">").append(t(lang, titleKey)).append("</h1>\n");
        b.append("<p>").append(t(lang, textKey, merchant)).append("</p>\n");
        if (backHref != null) {
            b.append("<p><a class=\"button\" href=\"").append(esc(backHref)).append("\">").append(t(lang, "back", merchant))
                    .append("</a></p>\n");
        }
        return foot(b);
    }

    private void head(StringBuilder b, String l, String title, String setupId) {
        b.append("<!DOCTYPE html>\n<html lang=\"").append(l).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"robots\" content=\"noindex, nofollow\">\n")
                .append("<title>").append(title).append(" · ").append(t(l, "brand")).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/sandbox-gateway/gateway.css\">\n</head>\n<body>\n")
                .append("<header><span class=\"brand\"><span class=\"logo\" aria-hidden=\"true\"></span><span class=\"name\">")
                .append(t(l, "brand")).append("</span></span>");
        if (setupId != null) {
            b.append("<nav aria-label=\"").append(t(l, "language")).append("\"><ul>");
            for (String other : LANGUAGES) {
                String name = "en".equals(other) ? "English" : "Slovenčina";
                b.append(other.equals(l) ? "<li><span aria-current=\"true\" lang=\"" + other + "\">" + name + "</span></li>"
                        : "<li><a lang=\"" + other + "\" hreflang=\"" + other + "\" href=\"card?setup=" + esc(setupId) + "&amp;lang="
                                + other + "\">" + name + "</a></li>");
            }
            b.append("</ul></nav>");
        }
        b.append("</header>\n<main aria-labelledby=\"title\">\n");
    }

    private static String foot(StringBuilder b) {
        return b.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void hidden(StringBuilder b, String name, String value) {
        b.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(esc(value)).append("\">\n");
    }

    private void input(StringBuilder b, Form f, String name, String type, String autocomplete, String value, String hintKey,
            String extra) {
        String l = f.lang();
        boolean bad = f.errors().contains(name);
        String described = (hintKey == null ? "" : name + "-hint") + (bad ? (hintKey == null ? "" : " ") + name + "-error" : "");
        b.append("<div class=\"field").append(bad ? " invalid" : "").append("\">\n<label for=\"").append(name).append("\">")
                .append(t(l, name)).append("</label>\n");
        if (hintKey != null) {
            b.append("<p class=\"hint\" id=\"").append(name).append("-hint\">").append(t(l, hintKey)).append("</p>\n");
        }
        if (bad) {
            b.append("<p class=\"error\" id=\"").append(name).append("-error\">").append(t(l, "error." + name)).append("</p>\n");
        }
        b.append("<input id=\"").append(name).append("\" name=\"").append(name).append("\" type=\"").append(type)
                .append("\" autocomplete=\"").append(autocomplete).append("\" required ").append(extra)
                .append(" value=\"").append(esc(value)).append("\"");
        if (!described.isEmpty()) {
            b.append(" aria-describedby=\"").append(described).append("\"");
        }
        b.append(bad ? " aria-invalid=\"true\">\n" : ">\n").append("</div>\n");
    }

    private void select(StringBuilder b, Form f, String name, String autocomplete, String label, String value, int from,
            int to, boolean twoDigits) {
        boolean bad = f.errors().contains(name);
        b.append("<div class=\"field").append(bad ? " invalid" : "").append("\">\n<label for=\"").append(name).append("\">")
                .append(label).append("</label>\n<select id=\"").append(name).append("\" name=\"").append(name)
                .append("\" autocomplete=\"").append(autocomplete).append("\" required")
                .append(bad ? " aria-invalid=\"true\" aria-describedby=\"" + name + "-error\"" : "").append(">\n")
                .append("<option value=\"\">").append(t(f.lang(), "choose")).append("</option>\n");
        for (int i = from; i <= to; i++) {
            String v = String.valueOf(i);
            b.append("<option value=\"").append(v).append("\"").append(v.equals(value) ? " selected" : "").append(">")
                    .append(twoDigits && i < 10 ? "0" + v : v).append("</option>\n");
        }
        b.append("</select>\n");
        if (bad) {
            b.append("<p class=\"error\" id=\"").append(name).append("-error\">").append(t(f.lang(), "error." + name)).append("</p>\n");
        }
        b.append("</div>\n");
    }

    /** @return the year to start the expiry list with */
    static int thisYear(java.time.LocalDate today) {
        return Year.from(today).getValue();
    }

    /** HTML-escapes text for element content and quoted attributes. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
