package org.idempiere.subscription.plugin.factory;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.adempiere.base.IProcessFactory;
import org.compiere.process.ProcessCall;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.plugin.process.CollectPayments;
import org.idempiere.subscription.plugin.process.GenerateInvoices;
import org.idempiere.subscription.plugin.process.SubscriptionAction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Creates our processes for iDempiere ({@code Core.getProcess} asks every {@link IProcessFactory}
 * service for the class name in {@code AD_Process.Classname}). A factory rather than
 * {@code @Process} scanning because the process needs the engine's services, which only
 * Declarative Services can inject. Ranked like iDempiere's own mapped factories, before its default
 * factory (which would try to load the class by name and fail).
 */
@Component(service = IProcessFactory.class, property = "service.ranking:Integer=1")
public final class ProcessFactory implements IProcessFactory {
    private final BillingService billing;
    private final SubscriptionService subscriptions;
    private final HostContext host;
    private final AtomicReference<PaymentService> payments = new AtomicReference<>();
    private final AtomicReference<org.idempiere.subscription.api.service.PortalAccessService> portal = new AtomicReference<>();
    private final AtomicReference<org.idempiere.subscription.api.service.ApiKeyService> apiKeys = new AtomicReference<>();
    private final AtomicReference<org.idempiere.subscription.api.service.RevenueBookingService> revenueBooking =
            new AtomicReference<>();
    private final AtomicReference<org.idempiere.subscription.api.service.AnalyticsService> analytics = new AtomicReference<>();

    @Activate
    public ProcessFactory(@Reference BillingService billing, @Reference SubscriptionService subscriptions,
            @Reference HostContext host) {
        this.billing = billing;
        this.subscriptions = subscriptions;
        this.host = host;
    }

    @Override
    public ProcessCall newProcessInstance(String className) {
        if (GenerateInvoices.class.getName().equals(className)) {
            return new GenerateInvoices(billing, host::today);
        }
        if (SubscriptionAction.class.getName().equals(className)) {
            return new SubscriptionAction(subscriptions);
        }
        if (CollectPayments.class.getName().equals(className)) {
            return new CollectPayments(() -> Optional.ofNullable(payments.get()));
        }
        if (org.idempiere.subscription.plugin.process.SendPortalLink.class.getName().equals(className)) {
            return new org.idempiere.subscription.plugin.process.SendPortalLink(() -> Optional.ofNullable(portal.get()));
        }
        if (org.idempiere.subscription.plugin.process.GenerateApiKey.class.getName().equals(className)) {
            return new org.idempiere.subscription.plugin.process.GenerateApiKey(() -> Optional.ofNullable(apiKeys.get()));
        }
        if (org.idempiere.subscription.plugin.process.RevokePortalLink.class.getName().equals(className)) {
            return new org.idempiere.subscription.plugin.process.RevokePortalLink(() -> Optional.ofNullable(portal.get()));
        }
        if (org.idempiere.subscription.plugin.process.BookRevenue.class.getName().equals(className)) {
            return new org.idempiere.subscription.plugin.process.BookRevenue(() -> Optional.ofNullable(revenueBooking.get()));
        }
        if (org.idempiere.subscription.plugin.process.RefreshAnalytics.class.getName().equals(className)) {
            return new org.idempiere.subscription.plugin.process.RefreshAnalytics(() -> Optional.ofNullable(analytics.get()));
        }
        return null;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unbindPayments")
    void bindPayments(PaymentService service) {
        payments.set(service);
    }

    void unbindPayments(PaymentService service) {
        payments.compareAndSet(service, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unbindPortal")
    void bindPortal(org.idempiere.subscription.api.service.PortalAccessService service) {
        portal.set(service);
    }

    void unbindPortal(org.idempiere.subscription.api.service.PortalAccessService service) {
        portal.compareAndSet(service, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unbindApiKeys")
    void bindApiKeys(org.idempiere.subscription.api.service.ApiKeyService service) {
        apiKeys.set(service);
    }

    void unbindApiKeys(org.idempiere.subscription.api.service.ApiKeyService service) {
        apiKeys.compareAndSet(service, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unbindRevenueBooking")
    void bindRevenueBooking(org.idempiere.subscription.api.service.RevenueBookingService service) {
        revenueBooking.set(service);
    }

    void unbindRevenueBooking(org.idempiere.subscription.api.service.RevenueBookingService service) {
        revenueBooking.compareAndSet(service, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unbindAnalytics")
    void bindAnalytics(org.idempiere.subscription.api.service.AnalyticsService service) {
        analytics.set(service);
    }

    void unbindAnalytics(org.idempiere.subscription.api.service.AnalyticsService service) {
        analytics.compareAndSet(service, null);
    }
}
