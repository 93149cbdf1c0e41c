package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.host.OrderSummary;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.CloseReasonService;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.idempiere.subscription.api.service.CustomerTerms;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.PaymentTerms;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalLink;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.gateway.Gateway;
import org.idempiere.subscription.sandbox.internal.gateway.TestInstruments;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.idempiere.subscription.sandbox.internal.host.MasterData.CustomerRow;
import org.idempiere.subscription.sandbox.internal.host.ReferenceOrders;
import org.idempiere.subscription.sandbox.internal.host.ReferenceHostContext;

/**
 * Customers of the portal with everything its pages show, in either of the sandbox's tenants: a
 * plan with options and another plan to move to, close reasons, a subscription billed once (an
 * open invoice), and on request a saved card. Products and plans carry readable names, so that
 * screenshots read like a real portal.
 */
final class PortalWorld {
    static final Tenant MAIN = ReferenceHostContext.TENANT;
    static final Tenant OTHER = TenantIsolationTest.OTHER;

    private PortalWorld() {
    }

    /** Runs the work acting for the tenant, as the portal does for a link's tenant. */
    static <T> T as(Tenant tenant, Supplier<T> work) {
        return service(HostContext.class).actingFor(tenant, work);
    }

    /** The plans a customer can hold and move between, with their products. */
    record Plans(long team, long business, long seats, long support, long storage, long businessSeats) {
    }

    /**
     * Two plans of a tenant ("Team", "Business"): monthly, billed in advance, changes at once,
     * with the customer permission given, options Priority support and Extra storage, closable.
     */
    static Plans plans(Tenant tenant, CustomerPermission permission, PaymentMode mode) {
        return plans(tenant, permission, mode, true);
    }

    /** As {@link #plans(Tenant, CustomerPermission, PaymentMode)}, closable by the customer or not. */
    static Plans plans(Tenant tenant, CustomerPermission permission, PaymentMode mode, boolean closable) {
        return as(tenant, () -> {
            taxes();
            MasterData data = service(MasterData.class);
            long seats = data.createProduct("Team workspace seat", "STANDARD", new BigDecimal("12.00"), "EUR", Optional.empty()).id();
            long support = data.createProduct("Priority support", "STANDARD", new BigDecimal("29.00"), "EUR", Optional.empty()).id();
            long storage = data.createProduct("Extra storage 100 GB", "STANDARD", new BigDecimal("6.50"), "EUR",
                    Optional.empty()).id();
            long businessSeats = data.createProduct("Business workspace, 10 seats", "STANDARD", new BigDecimal("79.00"), "EUR",
                    Optional.empty()).id();
            CustomerTerms terms = new CustomerTerms(permission, List.of(support, storage), closable);
            long team = plan("Team", terms, mode, seats);
            long business = plan("Business", terms, mode, businessSeats);
            return new Plans(team, business, seats, support, storage, businessSeats);
        });
    }

    private static long plan(String name, CustomerTerms terms, PaymentMode mode, long product) {
        return service(TemplateService.class).create(new TemplateDraft(name, Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE, PriceUpdate.AT_RENEWAL,
                Optional.empty(), terms, Optional.empty(), false, new PaymentTerms(mode, PaymentTerms.DEFAULT_RETRY_DAYS),
                List.of(new LineDraft(product, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO)))).id();
    }

    /** Slovakia's standard rate in the tenant acted for, unless it has one. */
    private static void taxes() {
        MasterData data = service(MasterData.class);
        if (data.taxRates().stream().noneMatch(r -> r.countryCode().equals("SK") && r.taxCategory().equals("STANDARD"))) {
            data.createTaxRate(Optional.empty(), "SK", Optional.empty(), "STANDARD", new BigDecimal("23"), LocalDate.parse("2025-01-01"));
        }
    }

    /** The reasons a customer may close for, in the tenant (added once). */
    static List<Long> reasons(Tenant tenant) {
        return as(tenant, () -> {
            CloseReasonService reasons = service(CloseReasonService.class);
            for (String r : List.of("Too expensive", "Missing features", "Moving to another provider", "Project finished")) {
                if (reasons.list().stream().noneMatch(x -> x.name().equals(r))) {
                    reasons.create(r, Optional.empty());
                }
            }
            return reasons.list().stream().map(org.idempiere.subscription.api.service.CloseReason::id).toList();
        });
    }

    /**
     * A quotation for the customer, valid 30 days: an onboarding workshop, and with {@code recurring}
     * also a monthly analytics dashboard (a product of its own plan, "Analytics"), which becomes a
     * subscription when the quotation is accepted.
     */
    static long quotation(Customer c, boolean recurring) {
        return as(c.tenant(), () -> {
            MasterData data = service(MasterData.class);
            LocalDate today = service(HostContext.class).today();
            List<ReferenceOrders.LineInput> lines = new java.util.ArrayList<>();
            if (recurring) {
                long plan = service(TemplateService.class).create(new TemplateDraft("Analytics", Optional.empty(),
                        Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE,
                        List.of())).id();
                long dashboard = data.createProduct("Analytics dashboard", "STANDARD", new BigDecimal("45.00"), "EUR",
                        Optional.empty(), Optional.of(plan)).id();
                lines.add(new ReferenceOrders.LineInput(dashboard, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO));
            }
            long workshop = data.createProduct("Onboarding workshop", "STANDARD", new BigDecimal("350.00"), "EUR",
                    Optional.empty()).id();
            lines.add(new ReferenceOrders.LineInput(workshop, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO));
            return service(ReferenceOrders.class).create(c.row().id(), "EUR", Optional.of(today), Optional.empty(),
                    Optional.empty(), lines, OrderSummary.Kind.QUOTATION, Optional.of(today.plusDays(30))).order().id();
        });
    }

    /** A customer of the portal: their subscription and how to sign in. */
    record Customer(Tenant tenant, CustomerRow row, Subscription subscription, Plans plans) {
        /** A new link's token for the customer's contact. */
        String link() {
            return issueLink().token().orElseThrow();
        }

        /** A new link for the customer's contact, with its token. */
        PortalLink issueLink() {
            return as(tenant, () -> service(PortalAccessService.class).issueLink(row.id(), Optional.of(row.contactUserId())));
        }

        /** A new session of the customer, as the engine sees it (for checks beside the pages). */
        PortalSession session() {
            return service(PortalAccessService.class).openSession(link()).orElseThrow();
        }

        /** Saves a card with the test number for the customer through the portal's service. */
        PaymentMethod addCard(String number, boolean makeDefault) {
            YearMonth exp = YearMonth.from(service(HostContext.class).today()).plusYears(3);
            String token = as(tenant, () -> service(Gateway.class).tokenize(TestInstruments.card("card.", number,
                    exp.getMonthValue(), exp.getYear(), "123", row.name(), service(HostContext.class).today())).token());
            return service(CustomerPortalService.class).addMethod(session(), new MethodRegistration(token, makeDefault));
        }
    }

    /**
     * A customer in Slovakia with a subscription to the Team plan from today (three seats and the
     * storage option), billed once: one open invoice.
     */
    static Customer customer(Tenant tenant, Plans plans, String name, String language) {
        return customer(tenant, plans, name, language, 3);
    }

    /** As {@link #customer(Tenant, Plans, String, String)}, with that many seats. */
    static Customer customer(Tenant tenant, Plans plans, String name, String language, int seats) {
        String email = name.toLowerCase().replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.|\\.$", "") + "." + System.nanoTime()
                + "@example.sk";
        return customer(tenant, plans, name, email, language, seats);
    }

    /** As {@link #customer(Tenant, Plans, String, String, int)}, with that e-mail address. */
    static Customer customer(Tenant tenant, Plans plans, String name, String email, String language, int seats) {
        return as(tenant, () -> {
            CustomerRow row = service(MasterData.class).createCustomer(name, Optional.of(email), "SK", Optional.empty(),
                    Optional.of(language));
            LocalDate today = service(HostContext.class).today();
            Subscription s = service(SubscriptionService.class).create(new SubscriptionDraft(plans.team(), row.id(), "EUR", today,
                    Optional.empty(), List.of(new LineDraft(plans.seats(), BigDecimal.valueOf(seats), Optional.empty(), BigDecimal.ZERO),
                            new LineDraft(plans.storage(), BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
            BillingRunReport run = service(BillingService.class).run(today, new BillingScope(Optional.of(plans.team()),
                    Optional.empty()));
            if (run.failuresCount() > 0 || run.invoicesCreated() == 0) {
                throw new IllegalStateException("the first invoice of " + name + " was not billed: " + run);
            }
            return new Customer(tenant, row, service(SubscriptionService.class).find(s.id()).orElseThrow(), plans);
        });
    }
}
