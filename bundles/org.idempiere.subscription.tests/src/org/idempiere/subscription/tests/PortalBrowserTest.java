package org.idempiere.subscription.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The portal in a real browser (headless Chromium), in English and Slovak, on a desktop (1280 px)
 * and a phone (360 px): every page passes axe-core with no serious or critical violation, fits the
 * width without scrolling sideways, and is saved as a screenshot ({@code target/portal-screenshots}).
 */
class PortalBrowserTest {
    private static String portal;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        portal = PortalClient.server() + "/subscriptions/portal";
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    /** Opens a page in a language (through the switch, as a visitor would) at a width. */
    private static void open(String path, String lang, int width, int height) {
        browser.viewport(width, height);
        browser.driver.get(portal + path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
    }

    /** The page is accessible and fits its width; saved as a screenshot. */
    private static void check(String name) throws IOException {
        List<String> violations = browser.seriousAccessibilityViolations();
        assertEquals(List.of(), violations, name + ": axe-core's serious and critical violations");
        long overflow = ((Number) browser.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
        assertEquals(0, overflow, name + ": the page scrolls sideways by " + overflow + " px");
        browser.screenshot(name);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"en, desktop, 1280, 900", "sk, desktop, 1280, 900", "en, phone, 360, 780", "sk, phone, 360, 780"})
    void linkRequestPage_andItsConfirmation(String lang, String device, int width, int height) throws Exception {
        open("/request-link", lang, width, height);
        assertEquals(lang, browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("en".equals(lang) ? "Sign in with a link" : "Prihlásenie odkazom",
                browser.driver.findElement(By.tagName("h1")).getText());
        WebElement email = browser.driver.findElement(By.id("email"));
        assertEquals(email.getAttribute("id"), browser.driver.findElement(By.cssSelector("label[for=email]")).getAttribute("for"));
        check("request-link-" + lang + "-" + device);

        email.sendKeys("jana." + device + "." + lang + "@example.sk");
        browser.driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        String sent = "en".equals(lang) ? "Check your inbox" : "Pozrite si svoju poštu";
        assertEquals(sent, browser.awaitHeading(sent));
        check("link-sent-" + lang + "-" + device);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"en, desktop, 1280, 900", "sk, desktop, 1280, 900", "en, phone, 360, 780", "sk, phone, 360, 780"})
    void invalidLinkPage(String lang, String device, int width, int height) throws IOException {
        open("/link/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", lang, width, height);
        assertTrue(browser.driver.findElement(By.tagName("h1")).getText().startsWith(
                "en".equals(lang) ? "This link has expired" : "Platnosť odkazu vypršala"));
        check("link-invalid-" + lang + "-" + device);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"en, desktop, 1280, 900", "sk, phone, 360, 780"})
    void signedInHome_thenSignOut(String lang, String device, int width, int height) throws Exception {
        browser.viewport(width, height);
        browser.driver.get(portal + "/request-link?lang=" + lang);
        long customer = PortalHttpTest.customer("en_US").id();
        browser.driver.get(portal + "/link/" + Sandbox.service(PortalAccessService.class).issueLink(customer, Optional.empty())
                .token().orElseThrow());
        assertEquals(portal + "/", browser.driver.getCurrentUrl(), "the token left the address bar");
        assertEquals("en".equals(lang) ? "Your subscriptions" : "Vaše predplatné",
                browser.driver.findElement(By.tagName("h1")).getText());
        check("home-" + lang + "-" + device);

        browser.driver.findElement(By.cssSelector("form.sign-out button")).click();
        String signIn = "en".equals(lang) ? "Sign in with a link" : "Prihlásenie odkazom";
        assertEquals(signIn, browser.awaitHeading(signIn));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/request-link?signed-out"), browser.driver.getCurrentUrl());
        assertTrue(browser.driver.findElement(By.cssSelector(".notice")).isDisplayed());
    }

    @Test
    void errorPage() throws IOException {
        open("/no/such/page", "en", 1280, 900);
        assertEquals("Page not found", browser.driver.findElement(By.tagName("h1")).getText());
        check("error-404-en-desktop");
    }
}
