package org.idempiere.subscription.web.internal.portal;

import java.util.Locale;
import java.util.Optional;

/** The languages the portal speaks. The first is the default. */
public enum PortalLanguage {
    EN("en", Locale.forLanguageTag("en-US"), "English"),
    SK("sk", Locale.forLanguageTag("sk-SK"), "Slovenčina");

    private final String code;
    private final Locale locale;
    private final String nativeName;

    PortalLanguage(String code, Locale locale, String nativeName) {
        this.code = code;
        this.locale = locale;
        this.nativeName = nativeName;
    }

    /** @return the short code used in the {@code lang} switch and cookie ({@code en}, {@code sk}) */
    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    /** @return the language's name in itself, for the switch */
    public String nativeName() {
        return nativeName;
    }

    /** @return the language of a short code ({@code sk}), exactly as the switch sends it */
    public static Optional<PortalLanguage> ofCode(String code) {
        for (PortalLanguage l : values()) {
            if (l.code.equals(code)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * @return the language of an iDempiere language code ({@code sk_SK}, {@code en_US}) or a BCP 47
     *         tag ({@code sk-SK}, {@code sk}), when the portal speaks it
     */
    static Optional<PortalLanguage> ofHostLanguage(String language) {
        if (language == null || language.isBlank()) {
            return Optional.empty();
        }
        String primary = language.strip().split("[_-]", 2)[0].toLowerCase(Locale.ROOT);
        return ofCode(primary);
    }

    /**
     * @return the first language of an {@code Accept-Language} header the portal speaks, in the
     *         header's order of preference
     */
    public static Optional<PortalLanguage> ofAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > 512) {
            return Optional.empty();
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                Optional<PortalLanguage> l = ofHostLanguage(range.getRange());
                if (l.isPresent() && range.getWeight() > 0) {
                    return l;
                }
            }
        } catch (IllegalArgumentException e) {
            // a malformed header chooses nothing
        }
        return Optional.empty();
    }
}
