package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.CustomerTerms;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.api.service.PaymentTerms;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.gateway.Gateway;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.idempiere.subscription.sandbox.internal.host.MasterData.CustomerRow;
import org.idempiere.subscription.sandbox.internal.host.ReferenceMailer;
import org.junit.jupiter.api.Test;

/**
 * Invoice e-mails carry a link to the customer's invoices in the portal, and a failed charge's
 * e-mail a link to their payment methods: each opens the portal for that customer only.
 */
class PortalLinkMailsTest {
    private static final Pattern LINK = Pattern.compile("/subscriptions/portal/link/([A-Za-z0-9_-]{43})\\?to=([a-z-]+)\\s");

    @Test
    void anInvoiceEmail_andAFailedChargesEmail_eachCarryALinkThatOpensTheCustomersPortal() {
        LocalDate day = PaymentsTest.today().plusDays(45);
        clockTo(day);
        service(Gateway.class).update(Optional.of(0), Optional.of(2));
        String email = unique("mail.link").replace(' ', '.').replace('-', '.') + "@example.com";
        CustomerRow c = service(MasterData.class).createCustomer(unique("Linked customer"), Optional.of(email), "DE",
                Optional.empty(), Optional.of("sk_SK"));
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Linked plan"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE,
                PriceUpdate.AT_RENEWAL, Optional.empty(), CustomerTerms.NONE, Optional.of(10), true,
                new PaymentTerms(PaymentMode.AUTOMATIC, List.of(1, 3)), List.of())).id();
        service(PaymentService.class).registerMethod(c.id(), new MethodRegistration(PaymentsTest.token("4000000000009995"), true));
        service(SubscriptionService.class).create(new SubscriptionDraft(plan, c.id(), "EUR", day, Optional.empty(),
                List.of(new LineDraft(product("10.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));

        service(BillingService.class).run(day, new BillingScope(Optional.of(plan), Optional.empty())); // bills, e-mails, charges: declined

        List<ReferenceMailer.Sent> mails = service(ReferenceMailer.class).mails().stream().filter(m -> m.to().equals(email)).toList();
        assertEquals(2, mails.size(), mails.toString());
        ReferenceMailer.Sent invoice = mails.stream().filter(m -> m.subject().startsWith("Faktúra")).findFirst().orElseThrow();
        ReferenceMailer.Sent dunning = mails.stream().filter(m -> !m.subject().startsWith("Faktúra")).findFirst().orElseThrow();
        assertEquals("invoices", opens(invoice.body(), c.id()));
        assertTrue(invoice.body().contains("zákazníckom portáli"), invoice.body());
        assertEquals("payment-methods", opens(dunning.body(), c.id()));
        assertTrue(dunning.body().contains("Platobnú metódu pridáte alebo zmeníte tu"), dunning.body());
    }

    /** The page the e-mail's link leads to, after checking that its token opens the customer's portal. */
    private static String opens(String body, long customerId) {
        Matcher m = LINK.matcher(body);
        assertTrue(m.find(), body);
        PortalSession s = service(PortalAccessService.class).openSession(m.group(1)).orElseThrow();
        assertEquals(customerId, s.customerId());
        return m.group(2);
    }
}
