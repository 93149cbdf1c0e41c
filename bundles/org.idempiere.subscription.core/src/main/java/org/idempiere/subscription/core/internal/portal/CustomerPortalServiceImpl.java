package org.idempiere.subscription.core.internal.portal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Catalog.PriceKey;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.Contact;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.host.Product;
import org.idempiere.subscription.api.host.Taxes;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.ChangePreview;
import org.idempiere.subscription.api.service.PortalChangePreview;
import org.idempiere.subscription.api.service.CloseReason;
import org.idempiere.subscription.api.service.CloseReasonService;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.idempiere.subscription.api.service.InvoicePreview;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.api.service.PortalInvoice;
import org.idempiere.subscription.api.service.PortalInvoicePdf;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.api.service.PortalSubscription;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionChange;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.billing.ChangePreviews;
import org.idempiere.subscription.core.internal.billing.Forecaster;
import org.idempiere.subscription.core.internal.lifecycle.Changes;
import org.idempiere.subscription.core.internal.store.BillingStore;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;
import org.idempiere.subscription.core.internal.store.SubscriptionStore.Lock;
import org.idempiere.subscription.core.internal.store.TemplateStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The portal's view of the engine: the engine's own services, each call acting for the session's
 * tenant and refused as {@code NOT_FOUND} for anything not the session's customer's.
 */
@Component(service = CustomerPortalService.class)
public final class CustomerPortalServiceImpl implements CustomerPortalService {
    /** What {@link #hostedTokenization} accepts as the portal's state. */
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    /** The most subscriptions a customer's pages list. */
    private static final int MAX_SUBSCRIPTIONS = 500;

    private final HostContext host;
    private final Customers customers;
    private final Catalog catalog;
    private final Payments payments;
    private final SubscriptionService subscriptions;
    private final PaymentService paymentService;
    private final CloseReasonService reasons;
    private final org.idempiere.subscription.api.host.Orders orders;
    private final Invoicing invoicing;
    private final CurrencyLookup currencies;
    /** The next invoice of a subscription, read in the page's own transaction. */
    private final Forecaster forecaster;
    /** A change's preview, read in the transaction that checks the subscription is the customer's. */
    private final ChangePreviews changePreviews;
    private final SubscriptionStore subscriptionStore = new SubscriptionStore();
    private final TemplateStore templateStore = new TemplateStore();
    private final BillingStore billingStore = new BillingStore();

    @Activate
    public CustomerPortalServiceImpl(@Reference HostContext host, @Reference Customers customers, @Reference Catalog catalog,
            @Reference Payments payments, @Reference SubscriptionService subscriptions,
            @Reference PaymentService paymentService, @Reference CloseReasonService reasons,
            @Reference org.idempiere.subscription.api.host.Orders orders, @Reference Invoicing invoicing, @Reference Taxes taxes,
            @Reference Currencies currencies) {
        this.orders = orders;
        this.invoicing = invoicing;
        this.currencies = new CurrencyLookup(currencies);
        Changes changes = new Changes(host, catalog, invoicing, this.currencies);
        this.forecaster = new Forecaster(host, catalog, taxes, this.currencies, changes);
        this.changePreviews = new ChangePreviews(host, taxes, changes, forecaster);
        this.host = host;
        this.customers = customers;
        this.catalog = catalog;
        this.payments = payments;
        this.subscriptions = subscriptions;
        this.paymentService = paymentService;
        this.reasons = reasons;
    }

    private <T> T as(PortalSession s, Supplier<T> work) {
        return host.actingFor(s.tenant(), work);
    }

    @Override
    public LocalDate today() {
        return host.today();
    }

    @Override
    public Customer customer(PortalSession s) {
        return as(s, () -> host.inTransaction(tx -> customers.find(tx, s.customerId())
                .orElseThrow(() -> SubscriptionException.notFound("Customer", s.customerId()))));
    }

    @Override
    public Optional<Contact> contact(PortalSession s) {
        return s.contactId().flatMap(id -> as(s, () -> host.inTransaction(tx -> customers.contact(tx, s.customerId(), id))));
    }

    /**
     * The customer's subscription, never a draft, read in the page's transaction; else NOT_FOUND,
     * as for one that does not exist.
     */
    private SubscriptionRecord own(Tx tx, PortalSession s, long subscriptionId) throws SQLException {
        return subscriptionStore.find(tx.connection(), host.tenant(), subscriptionId, Lock.NONE, currencies.resolver(tx))
                .filter(x -> x.customerId() == s.customerId() && x.status() != SubscriptionStatus.DRAFT)
                .orElseThrow(() -> SubscriptionException.notFound("Subscription", subscriptionId));
    }

    /** {@link #own(Tx, PortalSession, long)} in a transaction of its own, before an engine call that opens one. */
    private void own(PortalSession s, long subscriptionId) {
        host.inTransaction(tx -> own(tx, s, subscriptionId));
    }

    /** The customer's subscriptions but drafts (the first {@value #MAX_SUBSCRIPTIONS} by id), latest start first. */
    private List<SubscriptionRecord> owned(Tx tx, PortalSession s) throws SQLException {
        return subscriptionStore.list(tx.connection(), host.tenant(), Optional.of(s.customerId()), Optional.empty(), 0,
                MAX_SUBSCRIPTIONS, currencies.resolver(tx)).stream()
                .filter(x -> x.status() != SubscriptionStatus.DRAFT)
                .sorted(Comparator.comparing(SubscriptionRecord::startDate).thenComparing(SubscriptionRecord::id).reversed())
                .toList();
    }

    /**
     * The heads of {@link #owned}, in its order, read without the subscriptions' lines and terms:
     * what the invoice pages name an invoice's subscription by.
     */
    private List<SubscriptionStore.Head> ownedHeads(Tx tx, PortalSession s) throws SQLException {
        return subscriptionStore.heads(tx.connection(), host.tenant(), s.customerId(), MAX_SUBSCRIPTIONS).stream()
                .filter(x -> x.status() != SubscriptionStatus.DRAFT)
                .sorted(Comparator.comparing(SubscriptionStore.Head::startDate).thenComparing(SubscriptionStore.Head::id).reversed())
                .toList();
    }

    @Override
    public List<PortalSubscription> subscriptions(PortalSession s) {
        return as(s, () -> host.inTransaction(tx -> {
            return views(tx, owned(tx, s), new Plans(tx));
        }));
    }

    @Override
    public PortalSubscription subscription(PortalSession s, long subscriptionId) {
        return as(s, () -> host.inTransaction(tx -> views(tx, List.of(own(tx, s, subscriptionId)), new Plans(tx)).get(0)));
    }

    /** The tenant's templates a page reads, each read once per page. */
    private final class Plans {
        private final Tx tx;
        private final Map<Long, Optional<Template>> byId = new HashMap<>();
        private List<Template> active;

        Plans(Tx tx) {
            this.tx = tx;
        }

        /**
         * The template, active or not: existing subscriptions keep theirs. The active ones are read
         * first, all at once (a page offering plan changes needs them anyway); only a deactivated
         * one is read by itself.
         */
        Template of(long templateId) throws SQLException {
            Optional<Template> t = byId.get(templateId);
            if (t == null) {
                t = active().stream().filter(a -> a.id() == templateId).findFirst();
                if (t.isEmpty()) {
                    t = templateStore.find(tx.connection(), host.tenant(), templateId);
                }
                byId.put(templateId, t);
            }
            return t.orElseThrow(() -> SubscriptionException.unknown("templateId", templateId));
        }

        /** The active templates by id. */
        List<Template> active() throws SQLException {
            if (active == null) {
                active = templateStore.list(tx.connection(), host.tenant());
            }
            return active;
        }
    }

    /** What a subscription's view needs besides the subscription: its plan, the plans it may move to, the products named. */
    private record Parts(Subscription sub, Template plan, List<PortalSubscription.PlanChoice> choices, List<Long> productIds) {
    }

    /**
     * The portal's views of subscriptions, read in {@code tx}: each with its plan and the plans it
     * may move to, the names of its products and of theirs, the prices of its plan's options and
     * its next invoice — for all of them, every product, every price and the next invoices
     * ({@link Forecaster#previews}) each read at once.
     */
    private List<PortalSubscription> views(Tx tx, List<SubscriptionRecord> stored, Plans plans) throws SQLException {
        LocalDate today = host.today();
        List<Parts> parts = new ArrayList<>();
        Set<Long> productIds = new LinkedHashSet<>();
        Set<PriceKey> keys = new LinkedHashSet<>();
        for (SubscriptionRecord record : stored) {
            Subscription sub = record.toView();
            Template plan = plans.of(sub.templateId());
            List<PortalSubscription.PlanChoice> choices = new ArrayList<>();
            List<Long> ids = new ArrayList<>(sub.lines().stream().map(SubscriptionLine::productId).toList());
            ids.addAll(plan.customer().options());
            if (plan.customer().permission() == CustomerPermission.UPGRADE_DOWNGRADE) {
                for (Template t : plans.active()) {
                    if (t.id() != plan.id() && t.customer().permission() != CustomerPermission.NONE) {
                        choices.add(new PortalSubscription.PlanChoice(t.id(), t.name(), t.recurrence().every(),
                                t.recurrence().unit().name()));
                        t.lines().stream().map(LineDraft::productId).forEach(ids::add);
                    }
                }
            }
            for (long productId : plan.customer().options()) {
                keys.add(new PriceKey(sub.priceListId(), productId, today));
            }
            productIds.addAll(ids);
            parts.add(new Parts(sub, plan, choices, ids));
        }
        // the next invoice of a closed subscription (days served before it closed) is not the customer's to preview
        // the options' prices are looked up with the next invoices' prices, in one call
        Map<PriceKey, BigDecimal> prices = new HashMap<>();
        Map<Long, Optional<InvoicePreview>> next = forecaster.previews(tx, stored.stream()
                .filter(x -> x.status() != SubscriptionStatus.CLOSED && x.nextInvoiceDate() != null).toList(), keys, prices);
        Map<Long, Product> products = productIds.isEmpty() ? Map.of() : catalog.products(tx, productIds);
        List<PortalSubscription> out = new ArrayList<>();
        for (Parts p : parts) {
            Subscription sub = p.sub();
            Map<Long, String> names = new LinkedHashMap<>();
            for (long id : p.productIds()) {
                names.computeIfAbsent(id, k -> Optional.ofNullable(products.get(k)).map(Product::name).orElse("#" + k));
            }
            List<PortalSubscription.Option> options = new ArrayList<>();
            for (long productId : p.plan().customer().options()) {
                Optional<BigDecimal> price = Optional.ofNullable(prices.get(new PriceKey(sub.priceListId(), productId, today)));
                Optional<Long> line = sub.lines().stream().filter(l -> l.productId() == productId && !l.setupFee()
                        && validOn(l, today)).map(SubscriptionLine::id).findFirst();
                options.add(new PortalSubscription.Option(productId, price, line));
            }
            out.add(new PortalSubscription(sub, p.plan().name(), p.plan().customer(), names, options, p.choices(),
                    next.getOrDefault(sub.id(), Optional.empty()), today));
        }
        return out;
    }

    private static boolean validOn(SubscriptionLine l, LocalDate day) {
        return l.validFrom().map(f -> !f.isAfter(day)).orElse(true) && l.validTo().map(t -> !t.isBefore(day)).orElse(true);
    }

    @Override
    public List<PortalInvoice> invoices(PortalSession s) {
        return as(s, () -> host.inTransaction(tx -> {
            List<SubscriptionStore.Head> owned = ownedHeads(tx, s);
            Map<Long, List<Long>> ids = billingStore.invoiceIds(tx.connection(), host.tenant(),
                    owned.stream().map(SubscriptionStore.Head::id).toList());
            Map<Long, SubscriptionStore.Head> of = new LinkedHashMap<>();
            for (SubscriptionStore.Head sub : owned) {
                for (long id : ids.getOrDefault(sub.id(), List.of())) {
                    of.putIfAbsent(id, sub);
                }
            }
            Map<Long, InvoiceView> views = of.isEmpty() ? Map.of() : invoicing.findAll(tx, of.keySet());
            Map<Long, Money> open = views.isEmpty() ? Map.of() : payments.openAmounts(tx, views.keySet());
            List<PortalInvoice> list = new ArrayList<>();
            for (Map.Entry<Long, SubscriptionStore.Head> e : of.entrySet()) {
                InvoiceView i = views.get(e.getKey());
                if (i != null) {
                    list.add(new PortalInvoice(i, e.getValue().id(), e.getValue().documentNo(), open(i, open.get(i.id()))));
                }
            }
            return list.stream().sorted(Comparator.comparing((PortalInvoice p) -> p.invoice().dateInvoiced())
                    .thenComparing(p -> p.invoice().id()).reversed()).toList();
        }));
    }

    /** The open amount the host answered; none (an invoice it no longer calls open): zero in the invoice's currency. */
    private static Money open(InvoiceView i, Money open) {
        return open != null ? open : Money.of(BigDecimal.ZERO, java.util.Currency.getInstance(i.currency()));
    }

    /**
     * The customer's invoice, read in {@code tx}: of the first of its subscriptions (latest start
     * first, as listed) that the invoice bills or adjusts; else NOT_FOUND.
     */
    private PortalInvoice ownInvoice(Tx tx, PortalSession s, long invoiceId) throws SQLException {
        Set<Long> billed = billingStore.subscriptionsOfInvoice(tx.connection(), host.tenant(), invoiceId);
        if (!billed.isEmpty()) {
            for (SubscriptionStore.Head sub : ownedHeads(tx, s)) {
                if (billed.contains(sub.id())) {
                    Optional<InvoiceView> i = invoicing.find(tx, invoiceId);
                    if (i.isEmpty()) {
                        break;
                    }
                    return new PortalInvoice(i.get(), sub.id(), sub.documentNo(),
                            open(i.get(), payments.openAmount(tx, invoiceId).orElse(null)));
                }
            }
        }
        throw SubscriptionException.notFound("Invoice", invoiceId);
    }

    /** {@link #ownInvoice(Tx, PortalSession, long)} in a transaction of its own, before an engine call that opens one. */
    private void ownInvoice(PortalSession s, long invoiceId) {
        host.inTransaction(tx -> ownInvoice(tx, s, invoiceId));
    }

    @Override
    public PortalInvoice invoice(PortalSession s, long invoiceId) {
        return as(s, () -> host.inTransaction(tx -> ownInvoice(tx, s, invoiceId)));
    }

    @Override
    public byte[] invoicePdf(PortalSession s, long invoiceId) {
        return as(s, () -> host.inTransaction(tx -> {
            ownInvoice(tx, s, invoiceId); // one of the tenant's invoices, as BillingService.invoicePdf checks
            return invoicing.pdf(tx, invoiceId).orElseThrow(() -> SubscriptionException.notFound("Invoice", invoiceId));
        }));
    }

    @Override
    public PortalInvoicePdf invoiceWithPdf(PortalSession s, long invoiceId) {
        return as(s, () -> host.inTransaction(tx -> {
            PortalInvoice invoice = ownInvoice(tx, s, invoiceId);
            return new PortalInvoicePdf(invoice,
                    invoicing.pdf(tx, invoiceId).orElseThrow(() -> SubscriptionException.notFound("Invoice", invoiceId)));
        }));
    }

    @Override
    public PaymentAttempt pay(PortalSession s, long invoiceId, Optional<Long> methodId) {
        return as(s, () -> {
            ownInvoice(s, invoiceId);
            return paymentService.pay(invoiceId, methodId);
        });
    }

    @Override
    public List<PaymentAttempt> payments(PortalSession s, long invoiceId) {
        return as(s, () -> {
            ownInvoice(s, invoiceId);
            return paymentService.attemptsOfInvoice(invoiceId).stream()
                    .sorted(Comparator.comparing(PaymentAttempt::attemptNo).thenComparing(PaymentAttempt::id).reversed()).toList();
        });
    }

    @Override
    public ChangePreview previewChange(PortalSession s, long subscriptionId, ChangeDraft change) {
        return as(s, () -> host.inTransaction(tx -> {
            return changePreviews.preview(tx, own(tx, s, subscriptionId), Optional.empty(), change, true);
        }));
    }

    /**
     * The subscription's view and the change's preview in one transaction, from one read of the
     * subscription: the view first (as its own page shows it), then the preview, which is given the
     * subscription and its plan as the view read them.
     */
    @Override
    public PortalChangePreview changePreview(PortalSession s, long subscriptionId, ChangeDraft change) {
        return as(s, () -> host.inTransaction(tx -> {
            SubscriptionRecord stored = own(tx, s, subscriptionId);
            Plans plans = new Plans(tx);
            PortalSubscription view = views(tx, List.of(stored), plans).get(0);
            return new PortalChangePreview(view, changePreviews.preview(tx, stored, Optional.of(plans.of(stored.templateId())),
                    change, true));
        }));
    }

    @Override
    public SubscriptionChange change(PortalSession s, long subscriptionId, ChangeDraft change) {
        return as(s, () -> {
            own(s, subscriptionId);
            return subscriptions.changeByCustomer(subscriptionId, change);
        });
    }

    @Override
    public Subscription close(PortalSession s, long subscriptionId, long closeReasonId, Optional<String> comment) {
        return as(s, () -> {
            own(s, subscriptionId);
            return subscriptions.closeByCustomer(subscriptionId, closeReasonId, comment);
        });
    }

    @Override
    public List<CloseReason> closeReasons(PortalSession s) {
        return as(s, reasons::list);
    }

    @Override
    public List<PaymentMethod> methods(PortalSession s) {
        // what PaymentService.methods answers, without its check that the customer exists: the
        // session found the customer in this request
        return as(s, () -> host.inTransaction(tx -> payments.methods(tx, s.customerId())));
    }

    @Override
    public PaymentMethod addMethod(PortalSession s, MethodRegistration registration) {
        return as(s, () -> paymentService.registerMethod(s.customerId(), registration));
    }

    @Override
    public Optional<URI> hostedTokenization(PortalSession s, URI returnTo, String state, String language) {
        if (returnTo == null || !returnTo.isAbsolute() || !Set.of("http", "https").contains(returnTo.getScheme())
                || returnTo.getRawUserInfo() != null || returnTo.getRawFragment() != null || returnTo.getHost() == null) {
            throw SubscriptionException.invalid("returnTo", returnTo, "must be an absolute http(s) address without user or fragment");
        }
        if (state == null || !STATE.matcher(state).matches()) {
            throw SubscriptionException.invalid("state", state, "must be 1 to 200 letters, digits, '-', '_' or '.'");
        }
        String lang = language != null && language.matches("[a-z]{2}") ? language : "en";
        return as(s, () -> host.inTransaction(tx -> payments.hostedTokenization(tx, s.customerId(), returnTo, state, lang)));
    }

    /** The customer's active method; else NOT_FOUND, as for one that does not exist. */
    private void ownMethod(PortalSession s, long methodId) {
        if (paymentService.methods(s.customerId()).stream().noneMatch(m -> m.id() == methodId)) {
            throw SubscriptionException.notFound("PaymentMethod", "methodId", methodId);
        }
    }

    @Override
    public PaymentMethod setDefaultMethod(PortalSession s, long methodId) {
        return as(s, () -> {
            ownMethod(s, methodId);
            return paymentService.setDefaultMethod(s.customerId(), methodId);
        });
    }

    @Override
    public void removeMethod(PortalSession s, long methodId) {
        as(s, () -> {
            ownMethod(s, methodId);
            paymentService.removeMethod(s.customerId(), methodId);
            return null;
        });
    }

    /** The most quotations and orders the portal lists. */
    private static final int MAX_ORDERS = 100;

    @Override
    public List<org.idempiere.subscription.api.host.OrderSummary> orders(PortalSession s) {
        return as(s, () -> host.inTransaction(tx -> orders.ofCustomer(tx, s.customerId(), MAX_ORDERS)));
    }

    @Override
    public org.idempiere.subscription.api.host.OrderSummary acceptQuotation(PortalSession s, long orderId) {
        return as(s, () -> {
            try {
                return host.inTransaction(tx -> orders.accept(tx, s.customerId(), orderId));
            } catch (SubscriptionException e) {
                if (e.code() == ErrorCode.UNKNOWN_REFERENCE && e.field().filter("orderId"::equals).isPresent()) {
                    throw SubscriptionException.notFound("Quotation", orderId); // another customer's: as if it did not exist
                }
                throw e;
            }
        });
    }

    @Override
    public Contact updateContact(PortalSession s, org.idempiere.subscription.api.host.ContactUpdate update) {
        long contactId = s.contactId().orElseThrow(() -> SubscriptionException.invalidState("contactId", "",
                "is not known: this link was sent to the customer, not to one of its contacts"));
        return as(s, () -> host.inTransaction(tx -> customers.updateContact(tx, s.customerId(), contactId, update)));
    }

    @Override
    public Optional<org.idempiere.subscription.api.host.Address> billingAddress(PortalSession s) {
        return as(s, () -> host.inTransaction(tx -> customers.billingAddress(tx, s.customerId())));
    }

    @Override
    public org.idempiere.subscription.api.host.Address updateBillingAddress(PortalSession s,
            org.idempiere.subscription.api.host.AddressUpdate update) {
        return as(s, () -> host.inTransaction(tx -> customers.updateBillingAddress(tx, s.customerId(), update)));
    }
}
