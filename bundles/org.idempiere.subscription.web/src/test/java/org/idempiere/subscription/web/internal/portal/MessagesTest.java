package org.idempiere.subscription.web.internal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every text exists in every language, and every text a template names exists. */
class MessagesTest {
    private static final Path TEMPLATES = Path.of("src/main/resources/" + Templates.FOLDER);
    private static final Pattern LITERAL_KEY = Pattern.compile("\\bt\\(\"([A-Za-z0-9_.]+)\"");

    @Test
    void everyLanguage_hasTheSameKeys() {
        Messages m = Messages.load();
        Set<String> english = m.keys(PortalLanguage.EN);
        for (PortalLanguage l : PortalLanguage.values()) {
            Set<String> missing = new TreeSet<>(english);
            missing.removeAll(m.keys(l));
            Set<String> extra = new TreeSet<>(m.keys(l));
            extra.removeAll(english);
            assertEquals(Set.of(), missing, l + " lacks");
            assertEquals(Set.of(), extra, l + " has keys English lacks");
        }
    }

    @Test
    void everyKeyATemplateNames_exists() throws IOException {
        Messages m = Messages.load();
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path f : files.toList()) {
                Matcher k = LITERAL_KEY.matcher(Files.readString(f));
                while (k.find()) {
                    named.add(k.group(1));
                }
            }
        }
        assertTrue(named.size() > 20, "templates name texts: " + named);
        named.removeAll(m.keys(PortalLanguage.EN));
        assertEquals(Set.of(), named, "named by a template but not in portal_en.properties");
    }

    @Test
    void everyErrorKey_hasATitleAndAText() {
        Messages m = Messages.load();
        for (String key : m.keys(PortalLanguage.EN)) {
            if (key.startsWith("error.") && key.chars().filter(c -> c == '.').count() == 1
                    && !Set.of("error.status", "error.home").contains(key)) {
                assertTrue(m.keys(PortalLanguage.EN).contains(key + ".text"), key + ".text");
            }
        }
    }

    @Test
    void text_replacesArguments_andQuotesAreNotSpecial() {
        Messages m = Messages.load();
        assertEquals("Signed in as Jana's shop", m.text(PortalLanguage.EN, "home.signedInAs", "Jana's shop"));
        assertEquals("Prihlásený zákazník: Ján", m.text(PortalLanguage.SK, "home.signedInAs", "Ján"));
    }

    @Test
    void text_ofAMissingKey_namesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Messages.load().text(PortalLanguage.SK, "no.such.key"));
        assertEquals("no text 'no.such.key' in sk", e.getMessage());
    }
}
