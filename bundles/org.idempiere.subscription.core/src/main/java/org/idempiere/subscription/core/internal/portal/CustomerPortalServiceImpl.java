package org.idempiere.subscription.core.internal.portal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.idempiere.subscription.api.host.Contact;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.host.Product;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.ChangePreview;
import org.idempiere.subscription.api.service.CloseReason;
import org.idempiere.subscription.api.service.CloseReasonService;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.idempiere.subscription.api.service.InvoicePreview;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.api.service.PortalInvoice;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.api.service.PortalSubscription;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionChange;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.api.service.TemplateService;
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
    private final BillingService billing;
    private final PaymentService paymentService;
    private final TemplateService templates;
    private final CloseReasonService reasons;
    private final org.idempiere.subscription.api.host.Orders orders;

    @Activate
    public CustomerPortalServiceImpl(@Reference HostContext host, @Reference Customers customers, @Reference Catalog catalog,
            @Reference Payments payments, @Reference SubscriptionService subscriptions, @Reference BillingService billing,
            @Reference PaymentService paymentService, @Reference TemplateService templates, @Reference CloseReasonService reasons,
            @Reference org.idempiere.subscription.api.host.Orders orders) {
        this.orders = orders;
        this.host = host;
        this.customers = customers;
        this.catalog = catalog;
        this.payments = payments;
        this.subscriptions = subscriptions;
        this.billing = billing;
        this.paymentService = paymentService;
        this.templates = templates;
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

    /** The customer's subscription, never a draft; else NOT_FOUND, as for one that does not exist. */
    private Subscription own(PortalSession s, long subscriptionId) {
        return subscriptions.find(subscriptionId)
                .filter(x -> x.customerId() == s.customerId() && x.status() != SubscriptionStatus.DRAFT)
                .orElseThrow(() -> SubscriptionException.notFound("Subscription", subscriptionId));
    }

    private List<Subscription> owned(PortalSession s) {
        return subscriptions.list(Optional.of(s.customerId()), Optional.empty(), 0, MAX_SUBSCRIPTIONS).stream()
                .filter(x -> x.status() != SubscriptionStatus.DRAFT)
                .sorted(Comparator.comparing(Subscription::startDate).thenComparing(Subscription::id).reversed()).toList();
    }

    @Override
    public List<PortalSubscription> subscriptions(PortalSession s) {
        return as(s, () -> owned(s).stream().map(this::view).toList());
    }

    @Override
    public PortalSubscription subscription(PortalSession s, long subscriptionId) {
        return as(s, () -> view(own(s, subscriptionId)));
    }

    private PortalSubscription view(Subscription sub) {
        Template plan = templates.find(sub.templateId()).orElseThrow(() -> SubscriptionException.unknown("templateId", sub.templateId()));
        List<PortalSubscription.PlanChoice> plans = new ArrayList<>();
        List<Long> productIds = new ArrayList<>(sub.lines().stream().map(SubscriptionLine::productId).toList());
        productIds.addAll(plan.customer().options());
        if (plan.customer().permission() == CustomerPermission.UPGRADE_DOWNGRADE) {
            for (Template t : templates.list()) {
                if (t.id() != plan.id() && t.customer().permission() != CustomerPermission.NONE) {
                    plans.add(new PortalSubscription.PlanChoice(t.id(), t.name(), t.recurrence().every(), t.recurrence().unit().name()));
                    t.lines().stream().map(LineDraft::productId).forEach(productIds::add);
                }
            }
        }
        LocalDate today = host.today();
        // the preview reads in a transaction of its own: made before this one, so a request never
        // holds one connection while it waits for a second (a pool of N deadlocks under N requests)
        Optional<InvoicePreview> next = nextInvoice(sub);
        return host.inTransaction(tx -> {
            Map<Long, String> names = new LinkedHashMap<>();
            for (long id : productIds) {
                names.computeIfAbsent(id, k -> catalog.product(tx, k).map(Product::name).orElse("#" + k));
            }
            List<PortalSubscription.Option> options = new ArrayList<>();
            for (long productId : plan.customer().options()) {
                Optional<BigDecimal> price = catalog.price(tx, sub.priceListId(), productId, today);
                Optional<Long> line = sub.lines().stream().filter(l -> l.productId() == productId && !l.setupFee() && validOn(l, today))
                        .map(SubscriptionLine::id).findFirst();
                options.add(new PortalSubscription.Option(productId, price, line));
            }
            return new PortalSubscription(sub, plan.name(), plan.customer(), names, options, plans, next, today);
        });
    }

    private static boolean validOn(SubscriptionLine l, LocalDate day) {
        return l.validFrom().map(f -> !f.isAfter(day)).orElse(true) && l.validTo().map(t -> !t.isBefore(day)).orElse(true);
    }

    private Optional<InvoicePreview> nextInvoice(Subscription sub) {
        if (sub.status() == SubscriptionStatus.CLOSED || sub.nextInvoiceDate().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(billing.preview(sub.id()));
        } catch (SubscriptionException e) {
            if (e.code() == ErrorCode.INVALID_STATE) {
                return Optional.empty(); // no next invoice: it ends first
            }
            throw e;
        }
    }

    @Override
    public List<PortalInvoice> invoices(PortalSession s) {
        return as(s, () -> {
            Map<Long, InvoiceView> views = new LinkedHashMap<>();
            Map<Long, Subscription> of = new HashMap<>();
            for (Subscription sub : owned(s)) {
                for (InvoiceView i : billing.invoicesOf(sub.id())) {
                    views.putIfAbsent(i.id(), i);
                    of.putIfAbsent(i.id(), sub);
                }
            }
            // every open amount in one transaction, after the reads above (never inside one)
            List<PortalInvoice> out = host.inTransaction(tx -> {
                List<PortalInvoice> list = new ArrayList<>();
                for (InvoiceView i : views.values()) {
                    Subscription sub = of.get(i.id());
                    list.add(new PortalInvoice(i, sub.id(), sub.documentNo(), open(tx, i)));
                }
                return list;
            });
            return out.stream().sorted(Comparator.comparing((PortalInvoice p) -> p.invoice().dateInvoiced())
                    .thenComparing(p -> p.invoice().id()).reversed()).toList();
        });
    }

    private Money open(InvoiceView i) {
        return host.inTransaction(tx -> open(tx, i));
    }

    private Money open(org.idempiere.subscription.api.host.Tx tx, InvoiceView i) {
        return payments.openAmount(tx, i.id())
                .orElseGet(() -> Money.of(BigDecimal.ZERO, java.util.Currency.getInstance(i.currency())));
    }

    /** The customer's invoice; else NOT_FOUND. */
    private PortalInvoice ownInvoice(PortalSession s, long invoiceId) {
        for (Subscription sub : owned(s)) {
            for (InvoiceView i : billing.invoicesOf(sub.id())) {
                if (i.id() == invoiceId) {
                    return new PortalInvoice(i, sub.id(), sub.documentNo(), open(i));
                }
            }
        }
        throw SubscriptionException.notFound("Invoice", invoiceId);
    }

    @Override
    public byte[] invoicePdf(PortalSession s, long invoiceId) {
        return as(s, () -> {
            ownInvoice(s, invoiceId);
            return billing.invoicePdf(invoiceId);
        });
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
        return as(s, () -> {
            own(s, subscriptionId);
            return billing.previewChangeByCustomer(subscriptionId, change);
        });
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
        return as(s, () -> paymentService.methods(s.customerId()));
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
