package org.idempiere.subscription.plugin.event;

import org.adempiere.base.AnnotationBasedEventManager;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.ContractService;
import org.idempiere.subscription.api.service.PaymentService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Registers {@link OrderEventDelegate}, {@link AllocationEventDelegate} and {@link InvoiceEventDelegate} with iDempiere the iDempiere 12 way for a plugin: a
 * component extending {@link AnnotationBasedEventManager} with no service. iDempiere's class does
 * the work in its {@code activate}/{@code deactivate} methods, which Declarative Services calls by
 * their default names (as for iDempiere's own {@code DefaultAnnotationBasedEventManager}): it
 * waits for iDempiere's event manager, scans {@link #getPackages()} of this bundle for
 * {@code @EventTopicDelegate} classes and registers them; on deactivation it unregisters them, so
 * stopping or updating the plugin leaves no handler behind.
 *
 * <p>iDempiere constructs the delegate itself for every event, so the delegate cannot be given
 * services; this component binds the engine's {@link ContractService} for it
 * ({@link QuoteToContract#engine()}). The reference is optional and dynamic on purpose: the
 * delegate stays registered while the engine is missing, and an order with subscription products
 * then fails to complete with a message saying so instead of completing without its subscriptions.
 */
@Component(service = {}, immediate = true)
public final class OrderEventManager extends AnnotationBasedEventManager {
    /** The package scanned for delegates: the one of {@link OrderEventDelegate}. */
    static final String DELEGATE_PACKAGE = "org.idempiere.subscription.plugin.event";

    public OrderEventManager() {
    }

    @Override
    public String[] getPackages() {
        return new String[] {DELEGATE_PACKAGE};
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unbindContracts")
    void bindContracts(ContractService contracts) {
        QuoteToContract.engineBound(contracts);
    }

    void unbindContracts(ContractService contracts) {
        QuoteToContract.engineUnbound(contracts);
    }

    /** The engine's payments for {@link AllocationEventDelegate}: optional and dynamic as the contracts are. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unbindPayments")
    void bindPayments(PaymentService payments) {
        AllocationRecovery.engineBound(payments);
    }

    void unbindPayments(PaymentService payments) {
        AllocationRecovery.engineUnbound(payments);
    }

    /** The engine's billing for {@link InvoiceEventDelegate}: optional and dynamic as the contracts are. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unbindBilling")
    void bindBilling(BillingService billing) {
        RevenueReversal.engineBound(billing);
    }

    void unbindBilling(BillingService billing) {
        RevenueReversal.engineUnbound(billing);
    }
}
