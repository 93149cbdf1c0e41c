package org.idempiere.subscription.web.internal.portal;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The portal's texts: {@code portal/i18n/portal_<code>.properties} (UTF-8) of this bundle, one
 * file per {@link PortalLanguage}. A text may hold {@code {0}}, {@code {1}} ... for arguments;
 * nothing else in it is special (no {@code MessageFormat} quoting). A missing key is an error, so a
 * template cannot show a key by mistake. Immutable and thread-safe.
 */
public final class Messages {
    static final String FOLDER = "portal/i18n/";

    private final Map<PortalLanguage, Map<String, String>> texts;

    private Messages(Map<PortalLanguage, Map<String, String>> texts) {
        this.texts = texts;
    }

    /** Reads every language's file with the class loader of this bundle. */
    static Messages load() {
        return load(FOLDER + "portal");
    }

    /**
     * Reads every language's file {@code <baseName>_<code>.properties} with the class loader of this bundle
     * (another page's texts, e.g. {@code seller/i18n/seller}).
     */
    public static Messages load(String baseName) {
        Map<PortalLanguage, Map<String, String>> texts = new EnumMap<>(PortalLanguage.class);
        for (PortalLanguage l : PortalLanguage.values()) {
            texts.put(l, read(baseName + "_" + l.code() + ".properties"));
        }
        return new Messages(texts);
    }

    private static Map<String, String> read(String resource) {
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Properties p = new Properties();
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            Map<String, String> out = new TreeMap<>();
            p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** @return the keys of a language's file */
    public Set<String> keys(PortalLanguage language) {
        return texts.get(language).keySet();
    }

    /**
     * @return the text of the key in the language with {@code {i}} replaced by the arguments
     * @throws IllegalArgumentException naming the key and language when there is no such text
     */
    public String text(PortalLanguage language, String key, Object... args) {
        String t = texts.get(language).get(key);
        if (t == null) {
            throw new IllegalArgumentException("no text '" + key + "' in " + language.code());
        }
        for (int i = 0; i < args.length; i++) {
            t = t.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return t;
    }

    /** @return the text of the key in the language, or {@code fallback} when there is none */
    public String textOr(PortalLanguage language, String key, String fallback) {
        return texts.get(language).getOrDefault(key, fallback);
    }

    /** @return the templates' {@code t("key", args...)} in one language */
    public TemplateMethodModelEx method(PortalLanguage language) {
        return new TemplateMethodModelEx() {
            @Override
            public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
                if (arguments.isEmpty()) {
                    throw new TemplateModelException("t(key, ...) needs a key");
                }
                Object[] args = new Object[arguments.size() - 1];
                for (int i = 1; i < arguments.size(); i++) {
                    args[i - 1] = plain((TemplateModel) arguments.get(i));
                }
                try {
                    return text(language, String.valueOf(plain((TemplateModel) arguments.get(0))), args);
                } catch (IllegalArgumentException e) {
                    throw new TemplateModelException(e.getMessage());
                }
            }
        };
    }

    private static Object plain(TemplateModel m) throws TemplateModelException {
        if (m instanceof TemplateScalarModel s) {
            return s.getAsString();
        }
        if (m instanceof TemplateNumberModel n) {
            return n.getAsNumber();
        }
        throw new TemplateModelException("t(...) takes strings and numbers, not " + m.getClass().getSimpleName());
    }
}
