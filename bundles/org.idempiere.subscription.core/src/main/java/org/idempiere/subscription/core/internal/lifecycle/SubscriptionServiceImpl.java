package org.idempiere.subscription.core.internal.lifecycle;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.InputLimits;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionMove;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.Product;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.CloseReason;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.SubscriptionChange;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.plan.Lifecycle;
import org.idempiere.subscription.core.internal.plan.Schedule;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.ChangeLogStore;
import org.idempiere.subscription.core.internal.store.ChangeStore;
import org.idempiere.subscription.core.internal.store.CloseReasonStore;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;
import org.idempiere.subscription.core.internal.store.SubscriptionStore.Lock;
import org.idempiere.subscription.core.internal.store.TemplateStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Creating and closing subscriptions, with their entries in the MRR ledger. */
@Component(service = SubscriptionService.class)
public final class SubscriptionServiceImpl implements SubscriptionService {
    private final HostContext host;
    private final Customers customers;
    private final Catalog catalog;
    private final CurrencyLookup currencies;
    private final SubscriptionFactory factory;
    private final TemplateStore templates = new TemplateStore();
    private final SubscriptionStore store = new SubscriptionStore();
    private final ChangeLogStore changeLog = new ChangeLogStore();
    private final ChangeStore changeStore = new ChangeStore();
    private final Changes changes;
    private final StatusMoves moves;

    @Activate
    public SubscriptionServiceImpl(@Reference HostContext host, @Reference Customers customers,
            @Reference Catalog catalog, @Reference Currencies currencies, @Reference Invoicing invoicing) {
        this.host = host;
        this.customers = customers;
        this.catalog = catalog;
        this.currencies = new CurrencyLookup(currencies);
        this.factory = new SubscriptionFactory(host, new Pricer(catalog));
        this.changes = new Changes(host, catalog, invoicing, this.currencies);
        this.moves = new StatusMoves(host, this.currencies, factory, changes);
    }

    @Override
    public SubscriptionChange change(long subscriptionId, ChangeDraft change) {
        if (change == null) {
            throw SubscriptionException.required("change");
        }
        return host.inTransaction(tx -> changes.request(tx, subscriptionId, change, false));
    }

    @Override
    public Subscription changeCurrency(long subscriptionId, String currency) {
        return host.inTransaction(tx -> {
            SubscriptionRecord s = moves.loadForMove(tx, subscriptionId);
            SubscriptionMove.CHANGE.check(s.status());
            CurrencyRef to = currencies.byIsoCode(tx, "currency", currency);
            Currency from = s.mrr().currency();
            if (to.id() == s.currencyId()) {
                throw SubscriptionException.invalid("currency", currency, "is the subscription's currency already");
            }
            Optional<SubscriptionChange> pending = changeStore.pendingOf(tx.connection(), host.tenant(), s.id()).stream().findFirst();
            if (pending.isPresent()) {
                throw SubscriptionException.invalidState("effectiveDate", pending.get().effectiveDate(),
                        "is the day of a pending change priced in " + from.getCurrencyCode() + ": cancel it or let it apply first");
            }
            LocalDate today = host.today().isBefore(s.startDate()) ? s.startDate() : host.today();
            List<SubscriptionLine> ongoing = s.lines().stream().filter(l -> l.validTo().map(t -> !t.isBefore(today)).orElse(true))
                    .toList();
            for (int i = 0; i < ongoing.size(); i++) {
                if (ongoing.get(i).fixedUnitPrice().isPresent()) {
                    throw SubscriptionException.invalid("lines[" + i + "].unitPrice", ongoing.get(i).fixedUnitPrice().get(),
                            "is a fixed price in " + from.getCurrencyCode() + ": a subscription with fixed prices keeps its currency");
                }
            }
            long priceList = catalog.defaultPriceList(tx, to.id())
                    .orElseThrow(() -> SubscriptionException.invalid("currency", currency, "has no price list"));
            Currency target = Currency.getInstance(to.isoCode());
            Money after = factory.mrr(tx, s.plan(), priceList, target, today, SubscriptionRecord.recurring(s.linesForPricingAt(today)));
            store.changeCurrency(tx.connection(), host.tenant(), s.id(), to.id(), priceList, after.amount());
            for (org.idempiere.subscription.core.internal.plan.Ledger.Entry e
                    : org.idempiere.subscription.core.internal.plan.Ledger.currencyTransfer(s.mrr(), s.currencyId(), after, to.id())) {
                changeLog.append(tx.connection(), host.tenant(), host.nextId(tx, "SUB_ChangeLog"), s.id(), today, e);
            }
            return load(tx, subscriptionId, Lock.NONE).orElseThrow().toView();
        });
    }

    @Override
    public SubscriptionChange cancelChange(long subscriptionId, long changeId) {
        return host.inTransaction(tx -> {
            load(tx, subscriptionId, Lock.WAIT).orElseThrow(() -> SubscriptionException.notFound("Subscription", subscriptionId));
            return changes.cancel(tx, subscriptionId, changeId);
        });
    }

    @Override
    public SubscriptionChange changeByCustomer(long subscriptionId, ChangeDraft change) {
        if (change == null) {
            throw SubscriptionException.required("change");
        }
        return host.inTransaction(tx -> changes.request(tx, subscriptionId, change, true));
    }

    @Override
    public Subscription closeByCustomer(long subscriptionId, long closeReasonId, Optional<String> comment) {
        boolean closable = host.inTransaction(tx -> {
            SubscriptionRecord s = load(tx, subscriptionId, Lock.NONE)
                    .orElseThrow(() -> SubscriptionException.notFound("Subscription", subscriptionId));
            return templates.find(tx.connection(), host.tenant(), s.templateId()).map(t -> t.customer().closable()).orElse(false);
        });
        if (!closable) {
            throw SubscriptionException.invalidState("closable", false,
                    "is off for the subscription's plan: customers cannot close it themselves, the seller can");
        }
        return close(subscriptionId, closeReasonId, comment);
    }

    @Override
    public List<SubscriptionChange> changesOf(long subscriptionId) {
        return host.inTransaction(tx -> {
            load(tx, subscriptionId, Lock.NONE).orElseThrow(() -> SubscriptionException.notFound("Subscription", subscriptionId));
            return changeStore.ofSubscription(tx.connection(), host.tenant(), subscriptionId);
        });
    }

    @Override
    public Subscription create(SubscriptionDraft draft) {
        if (draft.startDate() == null) {
            throw SubscriptionException.required("startDate");
        }
        Validate.text("description", draft.description().orElse(null), 255, false);
        InputLimits.percent("discountPercent", draft.discountPercent());
        Validate.lineNumbers(draft.lines());
        return host.inTransaction(tx -> {
            Template template = templates.find(tx.connection(), host.tenant(), draft.templateId(), true)
                    .orElseThrow(() -> SubscriptionException.unknown("templateId", draft.templateId()));
            // No lines of its own: the plan's default lines, checked again since a product may have gone since.
            List<LineDraft> drafts = draft.lines().isEmpty() ? template.lines() : draft.lines();
            if (drafts.isEmpty()) {
                throw SubscriptionException.required("lines");
            }
            Customer customer = customers.find(tx, draft.customerId())
                    .orElseThrow(() -> SubscriptionException.unknown("customerId", draft.customerId()));
            CurrencyRef currencyRef = currencies.byIsoCode(tx, "currency", draft.currency());
            long priceListId = catalog.defaultPriceList(tx, currencyRef.id())
                    .orElseThrow(() -> SubscriptionException.invalid("currency", draft.currency(), "has no price list"));
            List<SubscriptionLine> lines = lines(tx, drafts);
            PlanSettings plan = draft.overrides().applyTo(template.settings());
            SubscriptionRecord record = factory.open(tx, new Opening(template, plan, customer.id(), customer.billToLocationId(),
                    null, null, null, currencyRef, priceListId, draft.description().orElse(null), draft.startDate(), lines,
                    draft.discountPercent(), draft.overrides().emailInvoices(), draft.overrides().paymentMode()));
            return record.toView();
        });
    }

    private List<SubscriptionLine> lines(Tx tx, List<LineDraft> drafts) {
        List<SubscriptionLine> lines = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            LineDraft d = drafts.get(i);
            Product product = Validate.lineProduct(catalog, tx, i, d.productId());
            long uom = d.uomId().orElse(product.uomId());
            java.math.BigDecimal rate = Validate.lineUomRate(catalog, tx, i, product, uom);
            lines.add(new SubscriptionLine(host.nextId(tx, "SUB_SubscriptionLine"), (i + 1) * 10, product.id(),
                    d.quantity(), uom, d.unitPrice(), d.discountPercent(), d.setupFee(), Optional.empty(), Optional.empty(), rate));
        }
        return lines;
    }

    @Override
    public Subscription activate(long subscriptionId) {
        return host.inTransaction(tx -> {
            SubscriptionRecord s = load(tx, subscriptionId, Lock.WAIT)
                    .orElseThrow(() -> SubscriptionException.notFound("Subscription", subscriptionId));
            SubscriptionMove.ACTIVATE.check(s.status());
            Template template = templates.find(tx.connection(), host.tenant(), s.templateId(), true)
                    .orElseThrow(() -> SubscriptionException.unknown("templateId", s.templateId()));
            customers.find(tx, s.customerId()).orElseThrow(() -> SubscriptionException.unknown("customerId", s.customerId()));
            long listCurrency = catalog.priceListCurrency(tx, s.priceListId())
                    .orElseThrow(() -> SubscriptionException.unknown("priceListId", s.priceListId()));
            if (listCurrency != s.currencyId()) {
                throw SubscriptionException.invalid("priceListId", s.priceListId(), "is a price list in another currency than the"
                        + " subscription's " + s.mrr().currency().getCurrencyCode());
            }
            InputLimits.percent("discountPercent", s.discountPercent());
            Validate.text("description", s.description(), 255, false);
            boolean defaults = s.lines().isEmpty();
            List<SubscriptionLine> lines = defaults ? lines(tx, template.lines()) : checkStoredLines(tx, s.lines());
            if (lines.isEmpty()) {
                throw SubscriptionException.required("lines");
            }
            return factory.activate(tx, s, lines, defaults).toView();
        });
    }

    /**
     * Lines entered in the host's window: numbers in range, products sold, and in a unit of
     * measure the product converts from; each line's conversion rate is recorded.
     *
     * @return the lines with their rates
     */
    private List<SubscriptionLine> checkStoredLines(Tx tx, List<SubscriptionLine> lines) throws SQLException {
        List<SubscriptionLine> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            SubscriptionLine l = lines.get(i);
            Validate.lineNumbers(i, l.quantity(), l.fixedUnitPrice(), l.discountPercent());
            Product product = Validate.lineProduct(catalog, tx, i, l.productId());
            java.math.BigDecimal rate = Validate.lineUomRate(catalog, tx, i, product, l.uomId());
            store.setUomRate(tx.connection(), host.tenant(), l.id(), rate);
            out.add(new SubscriptionLine(l.id(), l.line(), l.productId(), l.quantity(), l.uomId(), l.fixedUnitPrice(),
                    l.discountPercent(), l.setupFee(), l.validFrom(), l.validTo(), rate));
        }
        return out;
    }

    @Override
    public List<Subscription> list(Optional<Long> customerId, Optional<SubscriptionStatus> status, int offset, int limit) {
        if (offset < 0) {
            throw SubscriptionException.invalid("offset", offset, "must be 0 or more");
        }
        if (limit < 1 || limit > 500) {
            throw SubscriptionException.invalid("limit", limit, "must be between 1 and 500");
        }
        return host.inTransaction(tx -> store.list(tx.connection(), host.tenant(), customerId, status, offset, limit,
                currencies.resolver(tx)).stream().map(SubscriptionRecord::toView).toList());
    }

    @Override
    public Optional<Subscription> find(long subscriptionId) {
        return host.inTransaction(tx -> load(tx, subscriptionId, Lock.NONE).map(SubscriptionRecord::toView));
    }

    @Override
    public Subscription close(long subscriptionId, String reason) {
        Validate.text("reason", reason, 255, true);
        return moves.close(subscriptionId, null, reason);
    }

    @Override
    public Subscription close(long subscriptionId, long closeReasonId, Optional<String> comment) {
        Validate.text("reason", comment.orElse(null), 255, false);
        return moves.close(subscriptionId, (Long) closeReasonId, comment.filter(c -> !c.isBlank()).orElse(null));
    }

    @Override
    public Subscription cancelRenewal(long subscriptionId) {
        return moves.cancelRenewal(subscriptionId);
    }

    /**
     * Pauses today: the lines end yesterday (the days of periods billed already from today are
     * credited), the days served before stay billable by the run, MRR drops to zero.
     */
    @Override
    public Subscription pause(long subscriptionId) {
        return moves.pause(subscriptionId);
    }

    @Override
    public Subscription resume(long subscriptionId) {
        return moves.transition(subscriptionId, SubscriptionMove.RESUME);
    }

    @Override
    public Subscription reactivate(long subscriptionId) {
        return moves.transition(subscriptionId, SubscriptionMove.REACTIVATE);
    }

    private Optional<SubscriptionRecord> load(Tx tx, long id, Lock lock) throws SQLException {
        return store.find(tx.connection(), host.tenant(), id, lock, currencies.resolver(tx));
    }
}
