package org.idempiere.subscription.core.internal.lifecycle;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Order;
import org.idempiere.subscription.api.host.Orders;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.ContractService;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.BillingStore;
import org.idempiere.subscription.core.internal.store.ChangeLogStore;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;
import org.idempiere.subscription.core.internal.store.SubscriptionStore.Lock;
import org.idempiere.subscription.core.internal.store.TemplateStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Quote to contract. An order's recurring lines are grouped by their product's plan; each plan
 * becomes one subscription carrying the order's terms and the lines at the order's prices (the
 * price agreed on the quote is fixed on the subscription line).
 *
 * <p>Exactly once per order: the order is locked for the conversion (an advisory lock on its id,
 * so concurrent completions wait for each other), and an order that has subscriptions gets no
 * more; the unique index on (C_Order_ID, SUB_Template_ID) backs this up in the database.
 */
@Component(service = ContractService.class)
public final class ContractServiceImpl implements ContractService {
    private final HostContext host;
    private final Orders orders;
    private final CurrencyLookup currencies;
    private final Currencies hostCurrencies;
    private final SubscriptionFactory factory;
    private final TemplateStore templates = new TemplateStore();
    private final Catalog catalog;
    private final SubscriptionStore store = new SubscriptionStore();
    private final BillingStore billing = new BillingStore();
    private final ChangeLogStore changeLog = new ChangeLogStore();

    @Activate
    public ContractServiceImpl(@Reference HostContext host, @Reference Orders orders, @Reference Catalog catalog,
            @Reference Currencies currencies) {
        this.host = host;
        this.orders = orders;
        this.currencies = new CurrencyLookup(currencies);
        this.hostCurrencies = currencies;
        this.catalog = catalog;
        this.factory = new SubscriptionFactory(host, new Pricer(catalog));
    }

    @Override
    public List<Subscription> createFromOrder(long orderId) {
        return host.inTransaction(tx -> {
            Order order = lockedOrder(tx, orderId);
            List<Long> existing = store.idsOfOrder(tx.connection(), host.tenant(), orderId);
            if (!existing.isEmpty()) {
                return load(tx, existing);
            }
            Map<Long, List<SubscriptionLine>> byPlan = new LinkedHashMap<>();
            for (Order.Line l : order.lines()) {
                if (l.subscriptionTemplateId().isPresent()) {
                    List<SubscriptionLine> lines = byPlan.computeIfAbsent(l.subscriptionTemplateId().get(), k -> new ArrayList<>());
                    // the order line's price is per its own unit; the rate is kept for the record (1 when unknown)
                    java.math.BigDecimal rate = catalog.unitsPerUom(tx, l.productId(), l.uomId()).orElse(java.math.BigDecimal.ONE);
                    lines.add(new SubscriptionLine(host.nextId(tx, "SUB_SubscriptionLine"), (lines.size() + 1) * 10,
                            l.productId(), l.quantity(), l.uomId(), java.util.Optional.of(l.priceEntered()),
                            l.discountPercent(), false, java.util.Optional.empty(), java.util.Optional.empty(), rate));
                }
            }
            CurrencyRef currency = hostCurrencies.byId(tx, order.currencyId()).orElseThrow(
                    () -> SubscriptionException.hostFailure("Order " + order.documentNo() + " has an unknown currency", null));
            List<Subscription> out = new ArrayList<>();
            for (Map.Entry<Long, List<SubscriptionLine>> plan : byPlan.entrySet()) {
                Template template = templates.find(tx.connection(), host.tenant(), plan.getKey(), true)
                        .orElseThrow(() -> SubscriptionException.invalid("SUB_Template_ID", plan.getKey(),
                                "is not an active subscription template (product plan on order " + order.documentNo() + ")"));
                out.add(factory.open(tx, new Opening(template, template.settings(), order.customerId(), order.billToLocationId(),
                        order.contactUserId().orElse(null), order.salesRepId().orElse(null), order.id(), currency,
                        order.priceListId(), "From order " + order.documentNo(), order.datePromised(), plan.getValue(),
                        java.math.BigDecimal.ZERO, java.util.Optional.empty()))
                        .toView());
            }
            return out;
        });
    }

    @Override
    public List<Subscription> orderVoided(long orderId) {
        return host.inTransaction(tx -> {
            Order order = lockedOrder(tx, orderId);
            List<Long> ids = store.idsOfOrder(tx.connection(), host.tenant(), orderId);
            for (long id : ids) {
                SubscriptionRecord s = store.find(tx.connection(), host.tenant(), id, Lock.WAIT, currencies.resolver(tx))
                        .orElseThrow();
                if (s.status() == SubscriptionStatus.ACTIVE && !billing.hasItems(tx.connection(), host.tenant(), id)) {
                    store.close(tx.connection(), host.tenant(), id, s.startDate(), null, "Order " + order.documentNo() + " voided");
                    // Never invoiced: the contract did not happen. The ledger keeps its NEW entry and
                    // gets a correcting NEW entry back to zero on the same day, so new MRR nets out
                    // and no churn is reported.
                    changeLog.append(tx.connection(), host.tenant(), host.nextId(tx, "SUB_ChangeLog"), id, s.startDate(),
                            org.idempiere.subscription.core.internal.plan.Ledger.voided(s.mrr(), s.currencyId(),
                                    "Correction: order " + order.documentNo() + " voided before the first invoice"));
                }
            }
            return load(tx, ids);
        });
    }

    private Order lockedOrder(Tx tx, long orderId) throws SQLException {
        Order order = orders.find(tx, orderId).orElseThrow(() -> SubscriptionException.notFound("Order", "orderId", orderId));
        try (var ps = tx.connection().prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            ps.setInt(1, 0x5355_4253); // "SUBS": our lock space
            ps.setInt(2, Long.hashCode(orderId));
            ps.execute();
        }
        return order;
    }

    private List<Subscription> load(Tx tx, List<Long> ids) throws SQLException {
        List<Subscription> out = new ArrayList<>();
        for (long id : ids) {
            store.find(tx.connection(), host.tenant(), id, Lock.NONE, currencies.resolver(tx)).ifPresent(s -> out.add(s.toView()));
        }
        return out;
    }
}
