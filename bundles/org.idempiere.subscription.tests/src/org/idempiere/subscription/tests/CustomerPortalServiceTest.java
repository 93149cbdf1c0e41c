package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.ChangesTest.clockTo;
import static org.idempiere.subscription.tests.ChangesTest.nextMonthOf;
import static org.idempiere.subscription.tests.Sandbox.product;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeStatus;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.CloseReasonService;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.idempiere.subscription.api.service.CustomerTerms;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalInvoice;
import org.idempiere.subscription.api.service.PortalInvoicePdf;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.api.service.PortalSubscription;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.idempiere.subscription.sandbox.internal.host.MasterData.CustomerRow;
import org.junit.jupiter.api.Test;

/**
 * The portal's view of the engine, as two customers of one tenant: each sees and does only their
 * own (another's subscription, invoice or method is NOT_FOUND, as if it did not exist), and every
 * change goes through the plan's customer rules.
 */
class CustomerPortalServiceTest {

    private static CustomerPortalService portal() {
        return service(CustomerPortalService.class);
    }

    private static CustomerRow customer() {
        return service(MasterData.class).createCustomer(unique("Portal buyer"), Optional.of(unique("b").replace(' ', '.')
                .replace('-', '.') + "@example.com"), "DE", Optional.empty(), Optional.of("en_US"));
    }

    private static PortalSession session(CustomerRow c) {
        PortalAccessService access = service(PortalAccessService.class);
        return access.openSession(access.issueLink(c.id(), Optional.of(c.contactUserId())).token().orElseThrow()).orElseThrow();
    }

    private static long plan(String name, CustomerPermission permission, List<Long> options, boolean closable) {
        return service(TemplateService.class).create(new TemplateDraft(unique(name), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE, PriceUpdate.AT_RENEWAL,
                Optional.empty(), new CustomerTerms(permission, options, closable), List.of(
                        new LineDraft(product("20.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO)))).id();
    }

    private static Subscription subscribe(long plan, CustomerRow c, LocalDate start) {
        return service(SubscriptionService.class).create(new SubscriptionDraft(plan, c.id(), "EUR", start, Optional.empty(),
                List.of(new LineDraft(product("31.00"), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
    }

    private static void notFound(org.junit.jupiter.api.function.Executable call) {
        SubscriptionException e = assertThrows(SubscriptionException.class, call);
        assertEquals(ErrorCode.NOT_FOUND, e.code(), e.getMessage());
    }

    @Test
    void eachCustomer_seesOnlyTheirOwn_andAnothersIdsAreNotFound() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long option = product("4.00");
        long plan = plan("Portal plan", CustomerPermission.UPGRADE_DOWNGRADE, List.of(option), true);
        CustomerRow a = customer();
        CustomerRow b = customer();
        Subscription sa = subscribe(plan, a, m);
        Subscription sb = subscribe(plan, b, m);
        service(BillingService.class).run(m, new BillingScope(Optional.of(plan), Optional.empty()));
        PortalSession as = session(a);

        List<PortalSubscription> mine = portal().subscriptions(as);
        assertEquals(List.of(sa.id()), mine.stream().map(p -> p.subscription().id()).toList());
        PortalSubscription view = mine.get(0);
        assertTrue(view.planName().startsWith("Portal plan"), view.planName());
        assertEquals(List.of(option), view.options().stream().map(PortalSubscription.Option::productId).toList());
        assertEquals(0, new BigDecimal("4.00").compareTo(view.options().get(0).listPrice().orElseThrow()));
        assertEquals(Optional.empty(), view.options().get(0).lineId());
        assertTrue(view.products().containsKey(sa.lines().get(0).productId()) && view.products().containsKey(option));
        assertEquals(m.plusMonths(1), view.nextInvoice().orElseThrow().dateInvoiced());

        List<PortalInvoice> invoices = portal().invoices(as);
        assertEquals(1, invoices.size());
        assertEquals(sa.id(), invoices.get(0).subscriptionId());
        assertTrue(!invoices.get(0).isPaid());
        assertTrue(portal().invoicePdf(as, invoices.get(0).invoice().id()).length > 100);
        PortalInvoicePdf printed = portal().invoiceWithPdf(as, invoices.get(0).invoice().id()); // one read of both
        assertEquals(portal().invoice(as, invoices.get(0).invoice().id()), printed.invoice());
        assertArrayEquals(portal().invoicePdf(as, invoices.get(0).invoice().id()), printed.pdf());
        long theirInvoice = service(BillingService.class).invoicesOf(sb.id()).get(0).id();

        notFound(() -> portal().subscription(as, sb.id()));
        notFound(() -> portal().invoicePdf(as, theirInvoice));
        notFound(() -> portal().invoiceWithPdf(as, theirInvoice));
        notFound(() -> portal().pay(as, theirInvoice, Optional.empty()));
        ChangeDraft addOption = new ChangeDraft(Optional.empty(), Optional.empty(),
                List.of(new LineChange.Add(new LineDraft(option, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
        notFound(() -> portal().previewChange(as, sb.id(), addOption));
        notFound(() -> portal().changePreview(as, sb.id(), addOption));
        notFound(() -> portal().change(as, sb.id(), addOption));
        long reason = service(CloseReasonService.class).create(unique("Too expensive"), Optional.empty()).id();
        notFound(() -> portal().close(as, sb.id(), reason, Optional.empty()));
        notFound(() -> portal().subscription(as, 99_999_999L));
        assertEquals(SubscriptionStatus.ACTIVE, service(SubscriptionService.class).find(sb.id()).orElseThrow().status());
        assertEquals(1, service(SubscriptionService.class).find(sb.id()).orElseThrow().lines().size());
    }

    @Test
    void aCustomer_previewsAndAddsAnOption_paysAnInvoice_andClosesWithAReason() {
        LocalDate m = nextMonthOf(31);
        clockTo(m);
        long option = product("4.00");
        long plan = plan("Self-service", CustomerPermission.UPGRADE_DOWNGRADE, List.of(option), true);
        CustomerRow a = customer();
        Subscription s = subscribe(plan, a, m);
        service(BillingService.class).run(m, new BillingScope(Optional.of(plan), Optional.empty()));
        PortalSession as = session(a);
        ChangeDraft addOption = new ChangeDraft(Optional.empty(), Optional.empty(),
                List.of(new LineChange.Add(new LineDraft(option, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));

        assertEquals(0, new BigDecimal("35.00").compareTo(portal().previewChange(as, s.id(), addOption).mrrAfter().amount()));
        assertEquals(ChangeStatus.APPLIED, portal().change(as, s.id(), addOption).status());
        assertTrue(portal().subscription(as, s.id()).options().get(0).lineId().isPresent(), "the customer has the option now");

        service(org.idempiere.subscription.sandbox.internal.gateway.Gateway.class).update(Optional.of(0), Optional.of(2));
        portal().addMethod(as, new MethodRegistration(PaymentsTest.token("4242424242424242"), true));
        assertEquals(1, portal().methods(as).size());
        PortalInvoice open = portal().invoices(as).stream().filter(i -> !i.isPaid()).findFirst().orElseThrow();
        assertEquals(PaymentStatus.SUCCEEDED, portal().pay(as, open.invoice().id(), Optional.empty()).status());
        assertTrue(portal().invoices(as).stream().filter(i -> i.invoice().id() == open.invoice().id()).findFirst().orElseThrow()
                .isPaid());

        long seller = plan("Seller only", CustomerPermission.NONE, List.of(), false);
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> portal().change(as, s.id(),
                new ChangeDraft(Optional.empty(), Optional.of(seller), List.of())));
        assertEquals(Optional.of("templateId"), e.field(), e.getMessage());
        assertTrue(portal().subscription(as, s.id()).plans().stream().noneMatch(p -> p.templateId() == seller),
                "a seller-only plan is not offered");

        long reason = service(CloseReasonService.class).create(unique("Moving abroad"), Optional.empty()).id();
        assertTrue(portal().closeReasons(as).stream().anyMatch(r -> r.id() == reason));
        Subscription closed = portal().close(as, s.id(), reason, Optional.of("Thanks"));
        assertEquals(SubscriptionStatus.CLOSED, closed.status());
        assertEquals(Optional.of(reason), closed.closeReasonId());
    }

    /* A quotation sent to the customer is accepted from the portal: its subscription appears at once; another's is NOT_FOUND. */
    @Test
    void aCustomer_acceptsTheirQuotation_andEditsTheirContact_butNotAnothersQuotation() {
        CustomerRow a = customer();
        CustomerRow b = customer();
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Quoted plan"), Optional.empty(),
                Recurrence.monthly(), BillingTiming.IN_ADVANCE)).id();
        long hosting = service(MasterData.class).createProduct(unique("Quoted hosting"), "STANDARD", new BigDecimal("30.00"), "EUR",
                Optional.empty(), Optional.of(plan)).id();
        org.idempiere.subscription.sandbox.internal.host.ReferenceOrders orders =
                service(org.idempiere.subscription.sandbox.internal.host.ReferenceOrders.class);
        java.util.function.LongUnaryOperator quotation = customer -> orders.create(customer, "EUR", Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(new org.idempiere.subscription.sandbox.internal.host.ReferenceOrders.LineInput(
                        hosting, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO)),
                org.idempiere.subscription.api.host.OrderSummary.Kind.QUOTATION, Optional.empty()).order().id();
        long mine = quotation.applyAsLong(a.id());
        long theirs = quotation.applyAsLong(b.id());
        PortalSession as = session(a);

        assertEquals(List.of(mine), portal().orders(as).stream().map(o -> o.id()).toList());
        notFound(() -> portal().acceptQuotation(as, theirs));
        assertEquals(0, portal().subscriptions(as).size());
        assertEquals(org.idempiere.subscription.api.host.OrderSummary.Status.COMPLETED, portal().acceptQuotation(as, mine).status());
        assertEquals(List.of(plan), portal().subscriptions(as).stream().map(p -> p.subscription().templateId()).toList(),
                "the subscription appears at once");
        assertEquals(0, service(SubscriptionService.class).list(Optional.of(b.id()), Optional.empty(), 0, 10).size());

        org.idempiere.subscription.api.host.Contact edited = portal().updateContact(as,
                new org.idempiere.subscription.api.host.ContactUpdate("Jana Nováková", Optional.of("jana@example.com"),
                        Optional.of("+421 900 123 456")));
        assertEquals("Jana Nováková", edited.name());
        assertEquals(Optional.of("+421 900 123 456"), portal().contact(as).orElseThrow().phone());
    }
}
