package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalLink;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.idempiere.subscription.sandbox.internal.host.MasterData.CustomerRow;
import org.junit.jupiter.api.Test;

/**
 * Two tenants of one host: a link names its tenant, its session acts for it, and nothing of one
 * tenant is seen or reached from the other (the portal's lookups by token are the only reads
 * across tenants).
 */
class TenantIsolationTest {
    static final Tenant OTHER = new Tenant(1000001, 1000001, 100);

    /** A customer of the other tenant with a monthly subscription of one 12.00 line. */
    static Subscription otherTenantsSubscription() {
        HostContext host = service(HostContext.class);
        return host.actingFor(OTHER, () -> {
            MasterData data = service(MasterData.class);
            CustomerRow c = data.createCustomer(unique("Other tenant customer"), Optional.of("other@example.com"), "AT",
                    Optional.empty(), Optional.of("en_US"));
            long product = data.createProduct(unique("Other product"), "STANDARD", new BigDecimal("12.00"), "EUR",
                    Optional.empty()).id();
            long plan = service(TemplateService.class).create(new TemplateDraft(unique("Other plan"), Optional.empty(),
                    Recurrence.monthly(), BillingTiming.IN_ADVANCE, Optional.empty(), Optional.empty(), ChangeTiming.IMMEDIATE,
                    List.of())).id();
            return service(SubscriptionService.class).create(new SubscriptionDraft(plan, c.id(), "EUR",
                    LocalDate.now(host.clock()).plusDays(1), Optional.empty(),
                    List.of(new LineDraft(product, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
        });
    }

    @Test
    void recordsOfOneTenant_areNotSeenFromTheOther_andALinkActsForItsOwnTenant() {
        Subscription other = otherTenantsSubscription();
        HostContext host = service(HostContext.class);
        assertEquals(1000000, host.tenant().clientId(), "outside actingFor the sandbox acts for its own tenant");
        assertEquals(Optional.empty(), service(SubscriptionService.class).find(other.id()), "not seen from tenant 1000000");
        assertEquals(other.id(), host.actingFor(OTHER, () -> service(SubscriptionService.class).find(other.id()))
                .orElseThrow().id());
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> service(PortalAccessService.class).issueLink(other.customerId(), Optional.empty()));
        assertEquals(Optional.of("customerId"), e.field(), "the other tenant's customer is unknown here");

        PortalLink link = host.actingFor(OTHER, () -> service(PortalAccessService.class).issueLink(other.customerId(),
                Optional.empty()));
        PortalSession session = service(PortalAccessService.class).openSession(link.token().orElseThrow()).orElseThrow();
        assertEquals(1000001, session.tenant().clientId(), "the link's tenant, looked up from tenant 1000000");
        assertEquals(List.of(other.id()), service(CustomerPortalService.class).subscriptions(session).stream()
                .map(p -> p.subscription().id()).toList());
        assertEquals(1000000, host.tenant().clientId(), "the thread's tenant is restored");

        SubscriptionException unknown = assertThrows(SubscriptionException.class,
                () -> host.actingFor(new Tenant(4242, 4242, 100), () -> null));
        assertEquals(ErrorCode.UNKNOWN_REFERENCE, unknown.code());
        SubscriptionException listed = assertThrows(SubscriptionException.class,
                () -> service(PortalAccessService.class).links(other.customerId()));
        assertEquals(Optional.of("customerId"), listed.field());
    }
}
