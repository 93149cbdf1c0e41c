package org.idempiere.subscription.web.internal.portal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pages render in both languages, escape what they show, and cannot reach Java. */
class TemplatesTest {
    private static final Templates TEMPLATES = new Templates();
    private static final Messages MESSAGES = Messages.load();

    private static Map<String, Object> model(PortalLanguage language, boolean signedIn) {
        Map<String, Object> m = new HashMap<>();
        m.put("t", MESSAGES.method(language));
        m.put("lang", language.code());
        m.put("base", "/subscriptions/portal");
        m.put("css", "/subscriptions/portal/static/portal.css?v=1");
        m.put("signedIn", signedIn);
        m.put("csrf", "csrf-token-value");
        m.put("languages", List.of(
                Map.of("code", "en", "name", "English", "current", language == PortalLanguage.EN, "href", "?lang=en"),
                Map.of("code", "sk", "name", "Slovenčina", "current", language == PortalLanguage.SK, "href", "?lang=sk")));
        return m;
    }

    private static String render(String template, Map<String, Object> model) throws IOException {
        StringWriter out = new StringWriter();
        TEMPLATES.render(template, model, out);
        return out.toString();
    }

    @ParameterizedTest
    @EnumSource(PortalLanguage.class)
    void everyPage_rendersInEveryLanguage(PortalLanguage language) throws IOException {
        Map<String, Object> m = model(language, false);
        m.put("signedOut", true);
        m.put("email", "jana@example.sk");
        m.put("customerName", "Tatra Soft s.r.o.");
        m.put("subscriptions", List.of());
        m.put("status", 404);
        m.put("messageKey", "error.notFound");
        for (String page : List.of("request-link", "link-sent", "link-invalid", "subscriptions", "error")) {
            String html = render(page, m);
            assertTrue(html.startsWith("<!DOCTYPE html>"), page);
            assertTrue(html.contains("<html lang=\"" + language.code() + "\">"), page);
            assertTrue(html.contains("<main id=\"main\""), page);
        }
        String form = render("request-link", m);
        assertTrue(form.contains("name=\"_csrf\" value=\"csrf-token-value\""), form);
        assertTrue(form.contains("<label for=\"email\">" + MESSAGES.text(language, "request.email") + "</label>"), form);
    }

    @Test
    void signedInPages_offerSignOut_withTheCsrfToken() throws IOException {
        Map<String, Object> m = model(PortalLanguage.EN, true);
        m.put("customerName", "Tatra Soft s.r.o.");
        m.put("subscriptions", List.of());
        String html = render("subscriptions", m);
        assertTrue(html.contains("action=\"/subscriptions/portal/sign-out\""), html);
        assertTrue(html.contains("Signed in as Tatra Soft s.r.o."), html);
        assertFalse(render("request-link", withSignedOut(model(PortalLanguage.EN, false))).contains("sign-out"));
    }

    @Test
    void whatPagesShow_isEscaped() throws IOException {
        Map<String, Object> m = model(PortalLanguage.EN, true);
        m.put("subscriptions", List.of());
        m.put("customerName", "<script>alert('x')</script> & Co");
        String html = render("subscriptions", m);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"), html);
    }

    /** A template that tries to create a Java object, call a method or use the API built-in fails. */
    @ParameterizedTest
    @ValueSource(strings = {
            "<#assign x = \"freemarker.template.utility.Execute\"?new()>${x(\"id\")}",
            "${thread.getName()}",
            "${thread}",
            "${name?api.length()}"})
    void templatesCannotReachJava(String source, @TempDir Path dir) throws IOException {
        Path file = dir.resolve(Templates.FOLDER).resolve("evil.ftlh");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            Templates evil = new Templates(loader);
            Map<String, Object> m = new HashMap<>(Map.of("thread", Thread.currentThread(), "name", "x"));
            assertThrows(IOException.class, () -> evil.render("evil", m, new StringWriter()), source);
        }
    }

    private static Map<String, Object> withSignedOut(Map<String, Object> m) {
        m.put("signedOut", false);
        return m;
    }

}
