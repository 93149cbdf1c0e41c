package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.service.ApiKeyService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;

/**
 * The seller's analytics page in a real browser (headless Chromium), on the hand-computed analytics scenario, in
 * English and Slovak, on a desktop (1280 px) and a phone (360 px): sign-in, the page with every part, a drill-down
 * and a refused filter each pass axe-core with no serious or critical violation, fit the width without scrolling
 * sideways, and are saved as screenshots ({@code target/portal-screenshots/seller-*}).
 */
class SellerBrowserTest {
    private static String seller;
    private static String key;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        seller = PortalClient.server() + "/subscriptions/seller";
        AnalyticsScenarioTest.ledger();
        AnalyticsWorld world = AnalyticsScenarioTest.w;
        key = world.as(() -> service(ApiKeyService.class).create(unique("Seller browser"), Optional.empty())).secret();
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    private static void check(String name, boolean fullPage) throws IOException {
        if (fullPage) {
            browser.fullPageScreenshot(name);
        } else {
            browser.screenshot(name);
        }
        List<String> violations = browser.seriousAccessibilityViolations();
        assertEquals(List.of(), violations, name + ": axe-core's serious and critical violations");
        long overflow = ((Number) browser.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
        assertEquals(0, overflow, name + ": the page scrolls sideways by " + overflow + " px, past its right edge: " + browser.script(
                "const w = document.documentElement.clientWidth; return Array.from(document.querySelectorAll('body *'))"
                        + ".filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 8)"
                        + ".map(e => e.tagName + '.' + e.className + '#' + e.id).join(', ');"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"en, desktop, 1280, 900", "sk, desktop, 1280, 900", "en, phone, 360, 780", "sk, phone, 360, 780"})
    void signIn_thePage_aDrillDown_andABadFilter(String lang, String device, int width, int height) throws Exception {
        boolean en = "en".equals(lang);
        browser.viewport(width, height);
        browser.driver.get(seller + "/sign-in");
        browser.driver.manage().deleteAllCookies(); // each run signs in afresh, whatever the one before left
        browser.driver.get(seller + "/sign-in?lang=" + lang);
        assertEquals(lang, browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
        String signIn = en ? "Sign in to analytics" : "Prihlásenie do analytiky";
        assertEquals(signIn, browser.driver.findElement(By.tagName("h1")).getText());
        check("seller-sign-in-" + lang + "-" + device, false);

        browser.driver.findElement(By.id("key")).sendKeys(key);
        browser.driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        String title = en ? "Subscription analytics" : "Analytika predplatného";
        assertEquals(title, browser.awaitHeading(title));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/subscriptions/seller/analytics"), "the key is in no address");

        browser.driver.get(seller + "/analytics?" + SellerPageHttpTest.RANGE);
        assertEquals(title, browser.awaitHeading(title));
        assertEquals(3, browser.driver.findElements(By.cssSelector("svg.chart")).size());
        assertTrue(browser.driver.findElement(By.id("kpi-mrr")).getText().contains(en ? "€" : " €"));
        assertTrue(browser.driver.findElement(By.cssSelector(".lead")).getText().startsWith(en ? "Jan 1, 2024" : "1. 1. 2024"));
        check("seller-analytics-" + lang + "-" + device, true);
        browser.screenshot("seller-analytics-" + lang + "-" + device + "-top");
        for (String part : List.of("movements", "cohorts", "forecast")) {
            browser.script("document.getElementById(arguments[0]).scrollIntoView();", part);
            browser.screenshot("seller-analytics-" + lang + "-" + device + "-" + part);
        }

        browser.driver.findElement(By.cssSelector("#churn-byReason-table a")).click();
        String entries = en ? "Ledger entries" : "Záznamy knihy zmien";
        assertEquals(entries, browser.awaitHeading(entries));
        check("seller-entries-" + lang + "-" + device, false);

        // the customers of a cohort cell, of a customer count, and the known moves of a forecast month
        String[][] drills = {
            {"#cohort-table td.heat a", "cohort-customers", en ? "Customers of a cohort" : "Zákazníci kohorty"},
            {"#kpi-customers .kpi-value a", "customers", en ? "Customers" : "Zákazníci"},
            {"#forecast-table td a", "forecast-known", null},
        };
        for (String[] d : drills) {
            browser.driver.get(seller + "/analytics?" + SellerPageHttpTest.RANGE);
            assertEquals(title, browser.awaitHeading(title));
            String heading = d[2] != null ? d[2] : (en ? "Known moves of " : "Známe pohyby ")
                    + browser.driver.findElement(By.cssSelector("#forecast-table tbody th")).getText();
            browser.driver.findElement(By.cssSelector(d[0])).click();
            assertEquals(heading, browser.awaitHeading(heading));
            check("seller-" + d[1] + "-" + lang + "-" + device, false);
        }
        // the breakdown's dimension chosen in its form, then a row's name filters the page
        browser.driver.get(seller + "/analytics?" + SellerPageHttpTest.RANGE);
        assertEquals(title, browser.awaitHeading(title));
        browser.driver.findElement(By.cssSelector("#by option[value='CURRENCY']")).click();
        browser.driver.findElement(By.cssSelector("form.by-form button[type=submit]")).click();
        assertEquals(title, browser.awaitHeading(title));
        assertTrue(browser.driver.getCurrentUrl().contains("by=CURRENCY"), browser.driver.getCurrentUrl());
        assertEquals(en ? "By currency" : "Podľa meny", browser.driver.findElement(By.id("breakdown-h")).getText());
        browser.driver.findElement(By.cssSelector("#breakdown-table th a")).click();
        assertEquals(title, browser.awaitHeading(title));
        assertTrue(browser.driver.getCurrentUrl().contains("currency="), browser.driver.getCurrentUrl());
        browser.script("document.getElementById('breakdown').scrollIntoView();");
        check("seller-breakdown-" + lang + "-" + device, false);

        browser.driver.get(seller + "/analytics?from=2024-01-01&to=2124-01-01");
        assertEquals(title, browser.awaitHeading(title));
        assertTrue(browser.driver.findElement(By.id("problem")).getText().contains(en ? "To: \"2124-01-01\" is not valid — dates from 2024-01-01 to 2034-01-01"
                : "Do: „2124-01-01“ nie je platné — dátumy od 2024-01-01 do 2034-01-01"),
                browser.driver.findElement(By.id("problem")).getText());
        check("seller-bad-filter-" + lang + "-" + device, false);

        browser.driver.findElement(By.cssSelector("form.sign-out button")).click();
        assertEquals(signIn, browser.awaitHeading(signIn));
    }
}
