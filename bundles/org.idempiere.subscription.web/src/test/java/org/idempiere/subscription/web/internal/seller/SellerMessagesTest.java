package org.idempiere.subscription.web.internal.seller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.idempiere.subscription.web.internal.portal.Messages;
import org.idempiere.subscription.web.internal.portal.PortalLanguage;
import org.junit.jupiter.api.Test;

/** The seller page's texts: the same keys in every language, every key a template or the page's code names present. */
class SellerMessagesTest {
    private static final Pattern LITERAL_KEY = Pattern.compile("\\bt\\(\"([A-Za-z0-9_.]+)\"");
    private static final Messages M = Messages.load("seller/i18n/seller");

    @Test
    void everyLanguage_hasTheSameKeys() {
        for (PortalLanguage l : PortalLanguage.values()) {
            assertEquals(M.keys(PortalLanguage.EN), M.keys(l), l.code());
        }
    }

    @Test
    void everyKeyNamed_exists() throws IOException {
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("src/main/resources/seller/templates")),
                Files.list(Path.of("src/main/java/org/idempiere/subscription/web/internal/seller")))) {
            for (Path f : files.toList()) {
                Matcher k = LITERAL_KEY.matcher(Files.readString(f).replace("text.apply(\"", "t(\""));
                while (k.find()) {
                    if (!k.group(1).endsWith(".")) { // a prefix completed in code: its keys are listed below
                        named.add(k.group(1));
                    }
                }
            }
        }
        for (String id : new String[] {"mrr", "arr", "arpa", "customers", "netNew", "logoChurn", "grossMrrChurn", "netMrrChurn", "nrr",
            "grr", "quickRatio", "ltv", "netRevenue", "oneTimeRevenue"}) {
            named.add("kpi." + id);
        }
        for (String g : new String[] {"DAY", "WEEK", "MONTH", "QUARTER", "YEAR"}) {
            named.add("granularity." + g);
        }
        for (String t : new String[] {"NEW", "EXPANSION", "CONTRACTION", "CHURN", "REACTIVATION", "CURRENCY_TRANSFER", "PLAN_TRANSFER"}) {
            named.add("type." + t);
        }
        assertTrue(named.size() > 60, "named: " + named);
        named.removeAll(M.keys(PortalLanguage.EN));
        assertEquals(Set.of(), named, "named but not in seller_en.properties");
    }

    @Test
    void everyErrorKey_hasATitleAndAText() {
        for (String key : M.keys(PortalLanguage.EN)) {
            if (key.startsWith("error.") && key.chars().filter(c -> c == '.').count() == 1
                    && !Set.of("error.status", "error.home").contains(key)) {
                assertTrue(M.keys(PortalLanguage.EN).contains(key + ".text"), key + ".text");
            }
        }
    }
}
