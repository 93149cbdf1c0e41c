package org.idempiere.subscription.core.internal.billing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceDraft;
import org.idempiere.subscription.api.host.InvoiceLineDraft;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.PostedInvoice;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.pricing.PricedLine;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.BillingStore;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;
import org.idempiere.subscription.core.internal.store.SubscriptionStore.Lock;
import org.idempiere.subscription.core.internal.store.TemplateStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The billing run. Each due subscription is billed in a transaction of its own that creates
 * the host invoice, records the billing item and advances the next invoice date together.
 *
 * <p>Exactly once, even with several runners on one database: a runner claims a subscription
 * with {@code FOR UPDATE SKIP LOCKED} (a row another runner holds is left to it), re-reads its
 * next invoice date under the lock, skips a period that already has a billing item, and the
 * unique index on (subscription, period start) refuses a second item in any case.
 *
 * <pre>
 *  in advance:  |-- period 0 --|-- period 1 --|      invoice dated on each period's first day
 *               ^inv           ^inv
 *  in arrears:  |-- period 0 --|-- period 1 --|      invoice dated the day after each period
 *                              ^inv           ^inv
 * </pre>
 */
@Component(service = BillingService.class)
public final class BillingServiceImpl implements BillingService {
    private final HostContext host;
    private final Invoicing invoicing;
    private final CurrencyLookup currencies;
    private final Pricer pricer;
    private final TemplateStore templates = new TemplateStore();
    private final SubscriptionStore subscriptions = new SubscriptionStore();
    private final BillingStore billing = new BillingStore();

    @Activate
    public BillingServiceImpl(@Reference HostContext host, @Reference Catalog catalog, @Reference Invoicing invoicing,
            @Reference Currencies currencies) {
        this.host = host;
        this.invoicing = invoicing;
        this.currencies = new CurrencyLookup(currencies);
        this.pricer = new Pricer(catalog);
    }

    @Override
    public BillingRunReport run(LocalDate asOf) {
        if (asOf == null) {
            throw SubscriptionException.required("asOf");
        }
        long runId = host.inTransaction(tx -> {
            long id = host.nextId(tx, "SUB_BillingRun");
            billing.startRun(tx.connection(), host.tenant(), id, asOf, host.clock().instant());
            return id;
        });
        List<Long> due = host.inTransaction(tx -> subscriptions.dueIds(tx.connection(), host.tenant(), asOf));
        List<Long> invoiceIds = new ArrayList<>();
        List<BillingRunReport.Failure> failures = new ArrayList<>();
        int processed = 0;
        for (long subscriptionId : due) {
            try {
                Optional<List<Long>> billed = host.inTransaction(tx -> billOne(tx, runId, subscriptionId, asOf));
                if (billed.isPresent()) {
                    processed++;
                    invoiceIds.addAll(billed.get());
                }
            } catch (SubscriptionException e) {
                failures.add(new BillingRunReport.Failure(subscriptionId, e.code().name(), e.getMessage()));
            } catch (RuntimeException e) {
                failures.add(new BillingRunReport.Failure(subscriptionId, ErrorCode.HOST_FAILURE.name(), String.valueOf(e)));
            }
        }
        int done = processed;
        host.inTransaction(tx -> {
            billing.finishRun(tx.connection(), host.tenant(), runId, done, invoiceIds.size(), failures.size(),
                    host.clock().instant());
            return null;
        });
        return new BillingRunReport(runId, asOf, processed, invoiceIds.size(), invoiceIds, failures);
    }

    /**
     * Bills every due period of one subscription.
     *
     * @return the invoices created, or empty if another runner holds the subscription or has
     *         already billed it
     */
    private Optional<List<Long>> billOne(Tx tx, long runId, long subscriptionId, LocalDate asOf) {
        SubscriptionRecord s;
        try {
            s = subscriptions.find(tx.connection(), host.tenant(), subscriptionId, Lock.SKIP_LOCKED,
                    currencies.resolver(tx)).orElse(null);
        } catch (java.sql.SQLException e) {
            throw SubscriptionException.hostFailure("Cannot read subscription " + subscriptionId, e);
        }
        if (s == null || s.status() != SubscriptionStatus.ACTIVE || s.nextInvoiceDate() == null
                || s.nextInvoiceDate().isAfter(asOf)) {
            return Optional.empty();
        }
        try {
            Template template = templates.find(tx.connection(), host.tenant(), s.templateId())
                    .orElseThrow(() -> SubscriptionException.unknown("SUB_Template_ID", s.templateId()));
            Recurrence recurrence = template.recurrence();
            boolean inAdvance = template.billing() == BillingTiming.IN_ADVANCE;
            Currency currency = s.mrr().currency();
            List<Long> invoices = new ArrayList<>();
            LocalDate next = s.nextInvoiceDate();
            while (!next.isAfter(asOf)) {
                LocalDate dayOfService = inAdvance ? next : next.minusDays(1);
                ServicePeriod period = recurrence.periodAt(s.startDate(),
                        recurrence.indexOfPeriodContaining(s.startDate(), dayOfService));
                if (!billing.isBilled(tx.connection(), host.tenant(), s.id(), period.start())) {
                    List<PricedLine> lines = pricer.price(tx, s.priceListId(), currency, next, s.lines(), "lines");
                    PostedInvoice invoice = invoicing.post(tx, draft(s, next, period, lines));
                    billing.insertItem(tx.connection(), host.tenant(), host.nextId(tx, "SUB_BillingItem"), s.id(), runId,
                            period, invoice.id(), Pricer.total(lines, currency).amount(), s.currencyId());
                    invoices.add(invoice.id());
                }
                ServicePeriod following = recurrence.periodAt(s.startDate(),
                        recurrence.indexOfPeriodContaining(s.startDate(), period.nextStart()));
                next = inAdvance ? following.start() : following.nextStart();
            }
            subscriptions.setNextInvoiceDate(tx.connection(), host.tenant(), s.id(), next);
            return Optional.of(invoices);
        } catch (java.sql.SQLException e) {
            throw SubscriptionException.hostFailure("Cannot bill subscription " + s.documentNo() + ": " + e.getMessage(), e);
        }
    }

    private static InvoiceDraft draft(SubscriptionRecord s, LocalDate dateInvoiced, ServicePeriod period,
            List<PricedLine> lines) {
        List<InvoiceLineDraft> out = new ArrayList<>(lines.size());
        for (PricedLine l : lines) {
            out.add(new InvoiceLineDraft(l.line().productId(), l.line().quantity(), l.line().uomId(), l.priceActual(),
                    l.lineNet().amount(), period, s.documentNo() + ": " + period.start() + " - " + period.end()));
        }
        return new InvoiceDraft(s.customerId(), s.billToLocationId(), s.currencyId(), s.priceListId(), dateInvoiced,
                "Subscription " + s.documentNo(), out);
    }

    @Override
    public List<InvoiceView> invoicesOf(long subscriptionId) {
        return host.inTransaction(tx -> {
            subscriptions.find(tx.connection(), host.tenant(), subscriptionId, Lock.NONE, currencies.resolver(tx))
                    .orElseThrow(() -> SubscriptionException.notFound("Subscription", "subscriptionId", subscriptionId));
            List<InvoiceView> out = new ArrayList<>();
            for (long id : billing.invoiceIds(tx.connection(), host.tenant(), subscriptionId)) {
                invoicing.find(tx, id).ifPresent(out::add);
            }
            return out;
        });
    }
}
