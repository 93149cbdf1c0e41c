package org.idempiere.subscription.core.internal.billing;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Catalog.PriceKey;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.Mailer;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceDraft;
import org.idempiere.subscription.api.host.InvoiceLineDraft;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.PostedInvoice;
import org.idempiere.subscription.api.host.Taxes;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.BillingForecast;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.InvoiceMail;
import org.idempiere.subscription.api.service.InvoicePreview;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.payments.CreditOutbox;
import org.idempiere.subscription.core.internal.payments.PaymentOutbox;
import org.idempiere.subscription.core.internal.plan.Schedule;
import org.idempiere.subscription.core.internal.lifecycle.Changes;
import org.idempiere.subscription.core.internal.pricing.PricedLine;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.BillingStore;
import org.idempiere.subscription.core.internal.store.ChangeStore;
import org.idempiere.subscription.core.internal.store.InvoiceMailStore;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;
import org.idempiere.subscription.core.internal.store.SubscriptionStore.DueKey;
import org.idempiere.subscription.core.internal.store.SubscriptionStore.Lock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Bills due subscriptions a chunk at a time in the caller's transaction: claims them, plans their
 * invoices ({@link ChunkPlan}), posts the invoices and records the billing items, the next invoice
 * dates, renewed terms, expiries and the e-mail outbox. A chunk that fails is billed again one
 * subscription at a time, so the failing one is found and recorded.
 */
final class ChunkBiller {
    private final HostContext host;
    private final Invoicing invoicing;
    private final CurrencyLookup currencies;
    private final FailureLog failures;
    private final SubscriptionStore subscriptions = new SubscriptionStore();
    private final BillingStore billing = new BillingStore();
    private final org.idempiere.subscription.core.internal.store.ChangeLogStore changeLog =
            new org.idempiere.subscription.core.internal.store.ChangeLogStore();
    private final org.idempiere.subscription.core.internal.analytics.RevenueLog revenueLog;
    private final Catalog catalog;
    private final InvoiceMailStore mailStore = new InvoiceMailStore();
    private final PaymentOutbox payments;
    private final CreditOutbox credits;

    ChunkBiller(HostContext host, Catalog catalog, Invoicing invoicing, CurrencyLookup currencies, FailureLog failures) {
        this.host = host;
        this.revenueLog = new org.idempiere.subscription.core.internal.analytics.RevenueLog(host);
        this.catalog = catalog;
        this.invoicing = invoicing;
        this.currencies = currencies;
        this.failures = failures;
        this.payments = new PaymentOutbox(host);
        this.credits = new CreditOutbox(host);
    }

    /**
     * Bills the next chunk in the caller's transaction; returns what it billed (last = from when none was due).
     *
     * @param claimedKeys receives, as soon as they are claimed, the keys of the subscriptions this chunk holds
     *                    (replacing what it had): should the chunk fail, they are the ones to bill again
     *                    ({@link #billOneByOne}), since another worker may have moved the run past them
     */
    Billed billChunk(Tx tx, long runId, LocalDate asOf, DueKey from, BillingScope scope,
            Map<Long, Currency> currencyCache, Set<Long> held, boolean withCustomers, List<DueKey> claimedKeys) throws SQLException {
        LongFunction<Currency> resolver = currencies.resolver(tx);
        claimedKeys.clear();
        List<SubscriptionRecord> claimed = subscriptions.claimDue(tx.connection(), host.tenant(), asOf, from, BillingServiceImpl.CHUNK, scope,
                id -> currencyCache.computeIfAbsent(id, resolver::apply));
        if (claimed.isEmpty()) {
            return Billed.none(from);
        }
        claimed.forEach(s -> claimedKeys.add(new DueKey(s.nextInvoiceDate(), s.id())));
        List<SubscriptionRecord> billed = scope.consolidate() && withCustomers
                ? withCustomersDue(tx, claimed, asOf, scope, id -> currencyCache.computeIfAbsent(id, resolver::apply)) : claimed;
        List<SubscriptionRecord> toBill = new ArrayList<>(billed.size());
        for (SubscriptionRecord s : billed) {
            if (!held.contains(s.id())) { // a held one's due change failed: it stays due, billed once the change is fixed
                toBill.add(s);
            }
        }
        ChunkPlan plan = ChunkPlan.of(toBill, asOf, keys -> catalog.prices(tx, keys));
        List<InvoiceDraft> drafts = new ArrayList<>(plan.invoices.size());
        plan.invoices.forEach(i -> drafts.add(i.draft()));
        // invoice of each planned period: its own, or the customer's consolidated one
        int[] invoiceOf = new int[drafts.size()];
        List<InvoiceDraft> toPost = scope.consolidate() ? Consolidation.merge(drafts, invoiceOf) : drafts;
        if (!scope.consolidate()) {
            java.util.Arrays.setAll(invoiceOf, i -> i);
        }
        List<PostedInvoice> posted = toPost.isEmpty() ? List.of() : invoicing.postAll(tx, toPost);
        long[] itemIds = drafts.isEmpty() ? new long[0] : host.nextIds(tx, "SUB_BillingItem", drafts.size());
        List<BillingStore.Item> items = new ArrayList<>(drafts.size());
        List<Long> invoiceIds = new ArrayList<>(posted.size());
        posted.forEach(p -> invoiceIds.add(p.id()));
        Map<String, BigDecimal> net = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            ChunkPlan.Invoice planned = plan.invoices.get(i);
            SubscriptionRecord s = planned.subscription();
            items.add(new BillingStore.Item(itemIds[i], s.id(), planned.period().period(), posted.get(invoiceOf[i]).id(),
                    planned.period().dateInvoiced(), planned.net(), planned.setupFees(), s.currencyId()));
            net.merge(s.mrr().currency().getCurrencyCode(), planned.net(), BigDecimal::add);
        }
        billing.insertItems(tx.connection(), host.tenant(), runId, items);
        List<org.idempiere.subscription.core.internal.analytics.RevenueLog.Line> revenue = new ArrayList<>(drafts.size());
        for (ChunkPlan.Invoice planned : plan.invoices) {
            revenue.add(new org.idempiere.subscription.core.internal.analytics.RevenueLog.Line(planned.period().period().start(),
                    planned.subscription().currencyId(), planned.subscription().templateId(), planned.net(), planned.setupFees()));
        }
        revenueLog.record(tx, revenue);
        outboxes(tx, plan, posted, invoiceOf);
        subscriptions.setNextInvoiceDates(tx.connection(), host.tenant(), plan.nextDates);
        subscriptions.setTermEndDates(tx.connection(), host.tenant(), plan.renewedTerms);
        expire(tx, plan.expiries);
        SubscriptionRecord last = claimed.get(claimed.size() - 1);
        return new Billed(new DueKey(last.nextInvoiceDate(), last.id()), toBill.size(), invoiceIds, net);
    }


    /**
     * Records, with the posted invoices, their e-mails (an invoice is e-mailed when every
     * subscription on it says so) and their first payment attempts (subscriptions paid automatically).
     */
    private void outboxes(Tx tx, ChunkPlan plan, List<PostedInvoice> posted, int[] invoiceOf) throws SQLException {
        int count = plan.invoices.size();
        // an invoice is e-mailed when every subscription on it says so (a consolidated one too), under the first
        Map<Long, Long> toMail = new LinkedHashMap<>();
        Set<Long> notMailed = new HashSet<>();
        for (int i = 0; i < count; i++) {
            SubscriptionRecord s = plan.invoices.get(i).subscription();
            long invoiceId = posted.get(invoiceOf[i]).id();
            if (!s.emailInvoices()) {
                notMailed.add(invoiceId);
            }
            toMail.putIfAbsent(invoiceId, s.id());
        }
        toMail.keySet().removeAll(notMailed);
        if (!toMail.isEmpty()) {
            mailStore.enqueue(tx.connection(), host.tenant(), host.nextIds(tx, "SUB_InvoiceMail", toMail.size()), toMail);
        }
        List<PaymentOutbox.Posted> toCharge = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PostedInvoice p = posted.get(invoiceOf[i]);
            toCharge.add(new PaymentOutbox.Posted(plan.invoices.get(i).subscription(), p.id(), p.grandTotal(),
                    plan.invoices.get(i).period().dateInvoiced()));
        }
        payments.record(tx, toCharge);
        credits.recordPeriodCredits(tx, toCharge); // a period invoice with a negative total is refunded or carried
    }

    /** {@code claimed} and, joining them, their customers' other due subscriptions (one invoice each when consolidating). */
    private List<SubscriptionRecord> withCustomersDue(Tx tx, List<SubscriptionRecord> claimed, LocalDate asOf, BillingScope scope,
            LongFunction<Currency> currency) throws SQLException {
        Set<Long> customers = new LinkedHashSet<>();
        List<Long> ids = new ArrayList<>(claimed.size());
        for (SubscriptionRecord s : claimed) {
            customers.add(s.customerId());
            ids.add(s.id());
        }
        List<SubscriptionRecord> billed = new ArrayList<>(claimed);
        billed.addAll(subscriptions.claimCustomersDue(tx.connection(), host.tenant(), asOf, customers, ids, BillingServiceImpl.CHUNK,
                scope, currency));
        return billed;
    }

    /**
     * The chunk after {@code from} failed as a whole: bill its subscriptions one at a time so the
     * failing ones are found and recorded, and the others billed.
     *
     * <p>Its subscriptions are the ones it had claimed ({@code claimedKeys}), not the first
     * {@value BillingServiceImpl#CHUNK} due after {@code from} read again: while another worker
     * held some of the due rows, a chunk's claim reaches past that many due keys, and once the
     * other worker's chunk commits the run's cursor is past them too; read again, the tail of the
     * claim would be left unbilled by the run without a failure. Only when the claim itself failed
     * (nothing was claimed) are the due subscriptions after {@code from} read again.
     */
    Billed billOneByOne(long runId, LocalDate asOf, DueKey from, BillingScope scope, RunTally tally, Set<Long> held,
            List<DueKey> claimedKeys) {
        List<DueKey> keys = !claimedKeys.isEmpty() ? List.copyOf(claimedKeys)
                : host.inTransaction(tx -> subscriptions.dueAfter(tx.connection(), host.tenant(), asOf, from, BillingServiceImpl.CHUNK,
                        scope));
        if (keys.isEmpty()) {
            return Billed.none(from);
        }
        int processed = 0;
        List<Long> invoiceIds = new ArrayList<>();
        Map<String, BigDecimal> net = new HashMap<>();
        for (DueKey key : keys) {
            long id = key.id();
            if (held.contains(id)) {
                continue;
            }
            try {
                Optional<Billed> billed = host.inTransaction(tx -> billOne(tx, runId, id, asOf));
                if (billed.isPresent()) {
                    processed++;
                    invoiceIds.addAll(billed.get().invoiceIds());
                    billed.get().net().forEach((c, a) -> net.merge(c, a, BigDecimal::add));
                }
            } catch (SubscriptionException e) {
                failures.record(runId, id, e.code().name(), e.getMessage(), tally);
            } catch (RuntimeException e) {
                failures.record(runId, id, ErrorCode.HOST_FAILURE.name(), String.valueOf(e), tally);
            }
        }
        return new Billed(keys.get(keys.size() - 1), processed, invoiceIds, net);
    }


    /** Bills every due period of one subscription; empty if another runner holds or has billed it. */
    Optional<Billed> billOne(Tx tx, long runId, long subscriptionId, LocalDate asOf) throws SQLException {
        SubscriptionRecord s = subscriptions.find(tx.connection(), host.tenant(), subscriptionId, Lock.SKIP_LOCKED,
                currencies.resolver(tx)).orElse(null);
        if (s == null || s.status() == SubscriptionStatus.DRAFT || s.nextInvoiceDate() == null
                || s.nextInvoiceDate().isAfter(asOf)) {
            return Optional.empty();
        }
        ChunkPlan plan = ChunkPlan.of(List.of(s), asOf, keys -> catalog.prices(tx, keys));
        Currency currency = s.mrr().currency();
        List<Long> invoiceIds = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (ChunkPlan.Invoice p : plan.invoices) {
            if (billing.isBilled(tx.connection(), host.tenant(), s.id(), p.period().period().start())) {
                continue;
            }
            PostedInvoice invoice = invoicing.post(tx, p.draft());
            billing.insertItem(tx.connection(), host.tenant(), host.nextId(tx, "SUB_BillingItem"), s.id(), runId,
                    p.period().period(), invoice.id(), p.period().dateInvoiced(), p.net(), p.setupFees(), s.currencyId());
            revenueLog.record(tx, List.of(new org.idempiere.subscription.core.internal.analytics.RevenueLog.Line(
                    p.period().period().start(), s.currencyId(), s.templateId(), p.net(), p.setupFees())));
            invoiceIds.add(invoice.id());
            total = total.add(p.net());
            if (s.emailInvoices()) {
                mailStore.enqueue(tx.connection(), host.tenant(), host.nextIds(tx, "SUB_InvoiceMail", 1), Map.of(invoice.id(), s.id()));
            }
            List<PaymentOutbox.Posted> posted = List.of(new PaymentOutbox.Posted(s, invoice.id(), invoice.grandTotal(),
                    p.period().dateInvoiced()));
            payments.record(tx, posted);
            credits.recordPeriodCredits(tx, posted);
        }
        subscriptions.setNextInvoiceDates(tx.connection(), host.tenant(), plan.nextDates);
        subscriptions.setTermEndDates(tx.connection(), host.tenant(), plan.renewedTerms);
        expire(tx, plan.expiries);
        return Optional.of(new Billed(new DueKey(s.nextInvoiceDate(), s.id()), 1, invoiceIds,
                invoiceIds.isEmpty() ? Map.of() : Map.of(currency.getCurrencyCode(), total)));
    }


    /** Closes subscriptions whose term ended, the day after it, with a CHURN entry. */
    private void expire(Tx tx, List<ChunkPlan.Expiry> expiries) throws SQLException {
        for (ChunkPlan.Expiry e : expiries) {
            SubscriptionRecord s = e.subscription();
            String why = s.dateEnds() != null ? "Not renewed: notice given" : "Term ended";
            subscriptions.close(tx.connection(), host.tenant(), s.id(), e.on(), null, why);
            changeLog.append(tx.connection(), host.tenant(), host.nextId(tx, "SUB_ChangeLog"), s.id(), e.on(),
                    org.idempiere.subscription.core.internal.plan.Ledger.churned(s.mrr(), s.currencyId(), why));
        }
    }

}
