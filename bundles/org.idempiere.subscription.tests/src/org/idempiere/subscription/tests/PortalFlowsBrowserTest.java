package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.YearMonth;
import java.util.List;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.sandbox.internal.host.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A customer's flows end to end in headless Chromium, as they click them: open the link, see the
 * subscription, add an option (preview, confirm, the adjustment invoice appears), change plan, add
 * a card on the gateway's hosted page, pay an open invoice, accept a quotation, edit the contact and
 * the billing address, close with a reason, switch to Slovak.
 * Every page on the way passes axe-core (no serious or critical violation) and fits the width, on
 * a desktop (1280 px) and a phone (360 px), in English and Slovak, and is saved as a screenshot
 * ({@code target/portal-screenshots}). The customer is in the sandbox's second tenant, whose plans
 * and close reasons are only this story's, so that the screenshots show what a seller would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalFlowsBrowserTest {
    private static final List<String[]> VIEWS = List.of(new String[] {"en", "desktop", "1280", "900"},
            new String[] {"sk", "desktop", "1280", "900"}, new String[] {"en", "phone", "360", "780"},
            new String[] {"sk", "phone", "360", "780"});
    private static Browser browser;
    private static String server;
    private static String portal;
    private static PortalWorld.Customer customer;
    private static long quotation;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        server = PortalClient.server();
        portal = server + "/subscriptions/portal";
        ChangesTest.clockTo(ChangesTest.nextMonthOf(31));
        PortalWorld.Plans plans = PortalWorld.plans(PortalWorld.OTHER, CustomerPermission.UPGRADE_DOWNGRADE, PaymentMode.MANUAL);
        PortalWorld.reasons(PortalWorld.OTHER);
        customer = PortalWorld.customer(PortalWorld.OTHER, plans, "Pivovar Tatra s.r.o.", "objednavky@pivovar-tatra.example",
                "en_US", 3);
        quotation = PortalWorld.quotation(customer, true);
        service(TestClock.class).advanceDays(10); // mid-period: a change now is prorated
        browser.viewport(1280, 900);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    /**
     * The current page in each language and size: accessible, not wider than the screen, saved as
     * {@code <name>-<lang>-<device>.png} (the whole page); then back to English on a desktop.
     */
    private static void capture(String name) throws Exception {
        String url = withoutLanguage(browser.driver.getCurrentUrl());
        for (String[] v : VIEWS) {
            browser.viewport(Integer.parseInt(v[2]), Integer.parseInt(v[3]));
            browser.driver.get(url + (url.contains("?") ? "&" : "?") + "lang=" + v[0]);
            assertEquals(v[0], browser.driver.findElement(By.tagName("html")).getAttribute("lang"), name);
            String what = name + " " + v[0] + " " + v[1];
            assertEquals(List.of(), browser.seriousAccessibilityViolations(), what + ": axe-core's serious and critical violations");
            long overflow = ((Number) browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
            assertEquals(0, overflow, what + ": the page scrolls sideways by " + overflow + " px");
            browser.fullPageScreenshot(name + "-" + v[0] + "-" + v[1]);
        }
        browser.viewport(1280, 900);
        browser.driver.get(url + (url.contains("?") ? "&" : "?") + "lang=en");
    }

    private static String withoutLanguage(String url) {
        return url.replaceAll("([?&])lang=[a-z]{2}(&|$)", "$1").replaceAll("[?&]$", "");
    }

    private static WebElement button(String xpath) {
        return browser.driver.findElement(By.xpath(xpath));
    }

    /** The subscription as the engine has it now (acting for its tenant). */
    private static org.idempiere.subscription.api.service.Subscription stored() {
        return PortalWorld.as(PortalWorld.OTHER,
                () -> service(SubscriptionService.class).find(customer.subscription().id()).orElseThrow());
    }

    /** Waits up to 10 s for an element the next page shows (after a click, when its heading stays the same). */
    private static WebElement awaitElement(String css) throws InterruptedException {
        for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; Thread.sleep(50)) {
            List<WebElement> found = browser.driver.findElements(By.cssSelector(css));
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        return browser.driver.findElement(By.cssSelector(css));
    }

    /** Chooses an option of a select list, as a click would. */
    private static void choose(String selectId, String value) {
        browser.driver.findElement(By.cssSelector("#" + selectId + " option[value='" + value + "']")).click();
    }

    private static String heading(String expected) throws InterruptedException {
        return browser.awaitHeading(expected);
    }

    @Test
    @Order(1)
    void openTheLink_andSeeTheSubscriptions() throws Exception {
        browser.driver.get(portal + "/link/" + customer.link() + "?lang=en");
        assertEquals("Your subscriptions", heading("Your subscriptions"));
        assertEquals(portal + "/", browser.driver.getCurrentUrl(), "the token left the address bar");
        String page = browser.driver.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("Team") && page.contains("Team workspace seat") && page.contains("€42.50 / month"), page);
        capture("subscriptions");
        browser.driver.findElement(By.linkText("Team")).click();
        assertEquals("Team", heading("Team"));
        capture("subscription");
    }

    @Test
    @Order(2)
    void addAnOption_previewItsPrice_confirm_andFindTheAdjustmentInvoice() throws Exception {
        int invoices = PortalWorld.as(PortalWorld.OTHER,
                () -> service(BillingService.class).invoicesOf(customer.subscription().id()).size());
        browser.driver.get(portal + "/subscriptions/" + customer.subscription().id());
        button("//form[input[@name='product' and @value='" + customer.plans().support() + "']]//button").click();
        assertEquals("Review your change", heading("Review your change"));
        String preview = browser.driver.findElement(By.tagName("main")).getText();
        assertTrue(preview.contains("Add the option Priority support.") && preview.contains("21 days"), preview);
        capture("change-preview");
        button("//button[normalize-space()='Confirm change']").click();
        assertEquals("Team", heading("Team"));
        assertTrue(browser.driver.findElement(By.cssSelector(".notice")).getText().contains("has been changed"));
        capture("subscription-changed");
        browser.driver.findElement(By.linkText("Invoices")).click();
        assertEquals("Your invoices", heading("Your invoices"));
        assertEquals(invoices + 1, browser.driver.findElements(By.cssSelector("table.invoices tbody tr")).size(),
                "the adjustment invoice is listed");
        capture("invoices");
    }

    @Test
    @Order(3)
    void changePlan_afterSeeingThePrice() throws Exception {
        browser.driver.get(portal + "/subscriptions/" + customer.subscription().id());
        choose("plan", String.valueOf(customer.plans().business()));
        button("//form[input[@name='kind' and @value='plan']]//button").click();
        assertEquals("Review your change", heading("Review your change"));
        assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("Move to the plan Business."));
        capture("plan-preview");
        button("//button[normalize-space()='Confirm change']").click();
        assertEquals("Business", heading("Business"));
        assertEquals(customer.plans().business(), stored().templateId());
    }

    @Test
    @Order(4)
    void addACard_onTheGatewaysHostedPage_andSeeItListed() throws Exception {
        browser.driver.findElement(By.linkText("Payment methods")).click();
        assertEquals("Payment methods", heading("Payment methods"));
        capture("payment-methods-empty");
        browser.driver.findElement(By.linkText("Add a card")).click();
        assertEquals("Secure card entry", heading("Secure card entry"));
        assertTrue(browser.driver.getCurrentUrl().startsWith(server + "/sandbox-gateway/card?setup="));
        capture("hosted-card");
        YearMonth exp = YearMonth.from(service(HostContext.class).today()).plusYears(3);
        fillCard("4242 4242 4242 4241", exp);
        assertEquals("Secure card entry", heading("Secure card entry"));
        assertTrue(browser.driver.findElement(By.cssSelector(".errors")).getText().contains("Card number"));
        browser.screenshot("hosted-card-error-en-desktop");
        assertEquals(List.of(), browser.seriousAccessibilityViolations(), "the page with its errors");
        fillCard("4242 4242 4242 4242", exp);
        assertEquals("Save this card?", heading("Save this card?"));
        assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("Visa ending 4242"));
        capture("card-confirm");
        button("//button[normalize-space()='Save card']").click();
        assertEquals("Payment methods", heading("Payment methods"));
        assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("Visa ending 4242"));
        capture("payment-methods");
    }

    private static void fillCard(String number, YearMonth exp) {
        WebElement holder = browser.driver.findElement(By.id("holder"));
        holder.clear();
        holder.sendKeys("Jana Nováková");
        browser.driver.findElement(By.id("number")).sendKeys(number);
        choose("expMonth", String.valueOf(exp.getMonthValue()));
        choose("expYear", String.valueOf(exp.getYear()));
        browser.driver.findElement(By.id("cvc")).sendKeys("123");
        button("//button[@type='submit']").click();
    }

    @Test
    @Order(5)
    void payAnOpenInvoice_withTheSavedCard() throws Exception {
        browser.driver.findElement(By.linkText("Invoices")).click();
        assertEquals("Your invoices", heading("Your invoices"));
        browser.driver.findElements(By.cssSelector("a.button.primary[href$='/pay']")).get(0).click();
        assertTrue(heading("Pay invoice").startsWith("Pay invoice"));
        capture("pay");
        button("//form[contains(@action, '/pay')]//button[@type='submit']").click();
        assertEquals("Thank you: the payment went through", heading("Thank you"));
        capture("payment-result");
    }

    @Test
    @Order(6)
    void acceptAQuotation_andFindItsSubscription() throws Exception {
        browser.driver.findElement(By.linkText("Quotations & orders")).click();
        assertEquals("Quotations and orders", heading("Quotations and orders"));
        capture("orders");
        browser.driver.findElement(By.partialLinkText("Review and accept")).click();
        assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("Analytics dashboard"));
        capture("order");
        button("//form[contains(@action, '/accept')]//button").click();
        assertEquals("Your subscriptions", heading("Your subscriptions"));
        String page = browser.driver.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("the quotation is accepted") && page.contains("Analytics"), page);
    }

    @Test
    @Order(7)
    void editTheContact_andTheBillingAddress() throws Exception {
        browser.driver.findElement(By.linkText("Your details")).click();
        assertEquals("Your details", heading("Your details"));
        capture("details");
        WebElement phone = browser.driver.findElement(By.id("phone"));
        phone.clear();
        phone.sendKeys("call me maybe");
        button("//form[contains(@action, '/details/contact')]//button").click();
        assertTrue(awaitElement("#phone-error").isDisplayed());
        assertEquals(List.of(), browser.seriousAccessibilityViolations(), "the form with its error");
        browser.fullPageScreenshot("details-error-en-desktop");
        phone = browser.driver.findElement(By.id("phone"));
        phone.clear();
        phone.sendKeys("+421 905 123 456");
        button("//form[contains(@action, '/details/contact')]//button").click();
        assertTrue(awaitElement(".notice").getText().contains("contact details have been saved"));
        WebElement street = browser.driver.findElement(By.id("address1"));
        street.clear();
        street.sendKeys("Pivovarská 12");
        browser.driver.findElement(By.id("postal")).clear();
        browser.driver.findElement(By.id("postal")).sendKeys("058 01");
        browser.driver.findElement(By.id("city")).clear();
        browser.driver.findElement(By.id("city")).sendKeys("Poprad");
        button("//form[contains(@action, '/details/address')]//button").click();
        assertTrue(awaitElement(".notice").getText().contains("billing address has been saved"),
                browser.driver.findElement(By.tagName("main")).getText());
    }

    @Test
    @Order(8)
    void closeTheSubscription_withAReason() throws Exception {
        browser.driver.get(portal + "/subscriptions/" + customer.subscription().id());
        browser.driver.findElement(By.partialLinkText("Close subscription")).click();
        assertEquals("Close Business", heading("Close Business"));
        capture("close");
        browser.driver.findElement(By.xpath("//label[normalize-space()='Project finished']")).click();
        browser.driver.findElement(By.id("comment")).sendKeys("The brewery's new site runs on its own servers.");
        button("//button[normalize-space()='Continue']").click();
        assertTrue(awaitElement("form.confirm").isDisplayed(), "the review");
        assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("Project finished"));
        capture("close-review");
        button("//button[normalize-space()='Close subscription']").click();
        assertEquals("Business", heading("Business"));
        assertTrue(browser.driver.findElement(By.cssSelector(".badge.status-closed")).isDisplayed());
        capture("subscription-closed");
        assertEquals(SubscriptionStatus.CLOSED, stored().status());
    }

    @Test
    @Order(9)
    void switchToSlovak_andEveryPageSpeaksIt() throws Exception {
        browser.driver.get(portal + "/?lang=en");
        browser.driver.findElement(By.cssSelector(".languages a[lang=sk]")).click();
        assertEquals("Vaše predplatné", heading("Vaše predplatné"));
        browser.driver.findElement(By.linkText("Faktúry")).click();
        assertEquals("Vaše faktúry", heading("Vaše faktúry"));
        browser.driver.findElement(By.linkText("Platobné metódy")).click();
        assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("Visa končiaca na 4242"));
        browser.driver.get(portal + "/?lang=en");
    }
}
