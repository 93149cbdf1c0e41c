package org.idempiere.subscription.core.internal.payments;

import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.Mailer;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.api.service.PaymentRunReport;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Automatic payments: saved methods through the host, attempts recorded here, collected by the {@link Collector}. */
@Component(service = PaymentService.class)
public final class PaymentServiceImpl implements PaymentService {
    private final HostContext host;
    private final Payments payments;
    private final Customers customers;
    private final CurrencyLookup currencies;
    private final Collector collector;
    private final RefundCollector refunds;
    private final PaymentAttemptStore attempts = new PaymentAttemptStore();
    private final SubscriptionStore subscriptions = new SubscriptionStore();

    @Activate
    public PaymentServiceImpl(@Reference HostContext host, @Reference Payments payments, @Reference Customers customers,
            @Reference Invoicing invoicing, @Reference Mailer mailer, @Reference Currencies currencies) {
        this.host = host;
        this.payments = payments;
        this.customers = customers;
        this.currencies = new CurrencyLookup(currencies);
        this.collector = new Collector(host, payments, customers, invoicing, mailer, this.currencies);
        this.refunds = new RefundCollector(host, payments, this.currencies);
    }

    private void customer(Tx tx, long customerId) {
        customers.find(tx, customerId).orElseThrow(() -> SubscriptionException.unknown("customerId", customerId));
    }

    @Override
    public List<org.idempiere.subscription.api.Money> creditBalance(long customerId) {
        return host.inTransaction(tx -> {
            customer(tx, customerId);
            List<org.idempiere.subscription.api.Money> out = new java.util.ArrayList<>();
            new org.idempiere.subscription.core.internal.store.CustomerCreditStore().balances(tx.connection(), host.tenant(), customerId)
                    .forEach((currencyId, amount) -> out.add(org.idempiere.subscription.api.Money.of(amount,
                            currencies.resolver(tx).apply(currencyId))));
            out.sort(java.util.Comparator.comparing(m -> m.currency().getCurrencyCode()));
            return out;
        });
    }

    @Override
    public List<PaymentMethod> methods(long customerId) {
        return host.inTransaction(tx -> {
            customer(tx, customerId);
            return payments.methods(tx, customerId);
        });
    }

    @Override
    public PaymentMethod registerMethod(long customerId, MethodRegistration registration) {
        if (registration == null || registration.token().isBlank()) {
            throw SubscriptionException.required("token");
        }
        return host.inTransaction(tx -> {
            customer(tx, customerId);
            PaymentMethod m = payments.register(tx, customerId, registration);
            // waiting attempts are tried with it; retries of declined invoices too, at once, when it is the default
            attempts.retryWaitingForMethod(tx.connection(), host.tenant(), customerId, host.today(), m.isDefault());
            return m;
        });
    }

    @Override
    public PaymentMethod setDefaultMethod(long customerId, long methodId) {
        return host.inTransaction(tx -> {
            customer(tx, customerId);
            PaymentMethod m = payments.setDefault(tx, customerId, methodId);
            attempts.retryWaitingForMethod(tx.connection(), host.tenant(), customerId, host.today(), true);
            return m;
        });
    }

    @Override
    public void removeMethod(long customerId, long methodId) {
        host.inTransaction(tx -> {
            customer(tx, customerId);
            List<PaymentMethod> methods = payments.methods(tx, customerId);
            if (methods.stream().noneMatch(m -> m.id() == methodId)) {
                throw SubscriptionException.unknown("methodId", methodId);
            }
            if (methods.size() == 1 && subscriptions.hasAutomatic(tx.connection(), host.tenant(), customerId)) {
                throw SubscriptionException.invalidState("methodId", methodId, "is the customer's last payment method and a"
                        + " subscription is paid automatically: add another first, or switch the subscription to manual payment");
            }
            payments.remove(tx, customerId, methodId);
            // the default removed: the next usable method becomes the default, so automatic charges go on
            boolean wasDefault = methods.stream().anyMatch(m -> m.id() == methodId && m.isDefault());
            Optional<PaymentMethod> next = methods.stream().filter(m -> m.id() != methodId && m.usableOn(host.today())).findFirst();
            if (wasDefault && next.isPresent()) {
                payments.setDefault(tx, customerId, next.get().id());
            }
            return null;
        });
    }

    @Override
    public PaymentAttempt pay(long invoiceId, Optional<Long> methodId) {
        long attemptId = host.inTransaction(tx -> {
            long[] owner = attempts.subscriptionOfInvoice(tx.connection(), host.tenant(), invoiceId)
                    .orElseThrow(() -> SubscriptionException.notFound("Invoice", "invoiceId", invoiceId));
            long customerId = owner[1];
            if (methodId.isPresent() && payments.methods(tx, customerId).stream().noneMatch(m -> m.id() == methodId.get())) {
                throw SubscriptionException.unknown("methodId", methodId.get());
            }
            Money open = payments.openAmount(tx, invoiceId)
                    .orElseThrow(() -> SubscriptionException.notFound("Invoice", "invoiceId", invoiceId));
            if (open.amount().signum() <= 0) {
                throw SubscriptionException.invalidState("invoiceId", invoiceId, "has nothing open to pay");
            }
            long id = host.nextId(tx, "SUB_PaymentAttempt");
            int no = attempts.lastAttemptNo(tx.connection(), host.tenant(), invoiceId) + 1;
            attempts.insert(tx.connection(), host.tenant(), new long[] { id }, List.of(new PaymentAttemptStore.New(owner[0], invoiceId,
                    customerId, methodId, open.amount(), owner[2], no, host.today())));
            return id;
        });
        return collector.collectOne(attemptId).orElseThrow();
    }

    @Override
    public int recover(java.util.Collection<Long> invoiceIds) {
        if (invoiceIds == null) {
            throw SubscriptionException.required("invoiceIds");
        }
        return collector.recover(invoiceIds);
    }

    @Override
    public PaymentRunReport collect() {
        PaymentRunReport report = collector.collectDue();
        RefundCollector.Report refunded = refunds.collectDue(); // credits refunded to the payments that paid them
        report = report.withRefunds(refunded.ended(), refunded.refunded());
        return report;
    }

    @Override
    public List<PaymentAttempt> attemptsOfInvoice(long invoiceId) {
        return host.inTransaction(tx -> {
            attempts.subscriptionOfInvoice(tx.connection(), host.tenant(), invoiceId)
                    .orElseThrow(() -> SubscriptionException.notFound("Invoice", "invoiceId", invoiceId));
            return attempts.of(tx.connection(), host.tenant(), "C_Invoice_ID", invoiceId, currencies.resolver(tx));
        });
    }

    @Override
    public List<PaymentAttempt> attemptsOfSubscription(long subscriptionId) {
        return host.inTransaction(tx -> {
            subscriptions.find(tx.connection(), host.tenant(), subscriptionId, SubscriptionStore.Lock.NONE, currencies.resolver(tx))
                    .orElseThrow(() -> SubscriptionException.notFound("Subscription", "subscriptionId", subscriptionId));
            return attempts.of(tx.connection(), host.tenant(), "SUB_Subscription_ID", subscriptionId, currencies.resolver(tx));
        });
    }
}
