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
import org.idempiere.subscription.core.internal.payments.Collector;
import org.idempiere.subscription.api.host.Payments;
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
 * The billing run.
 *
 * <p>Due subscriptions are billed in chunks of {@value #CHUNK}, each chunk one transaction, by as
 * many workers at once as the host allows ({@link HostContext#parallelism()}): claim
 * the chunk ({@code FOR NO KEY UPDATE SKIP LOCKED}, in (next invoice date, id) order after the previous
 * chunk), look up the
 * list prices it needs in one call, post its invoices in one call, record the billing items and
 * the next invoice dates in batches. Memory stays flat however many subscriptions are due. If
 * anything in a chunk fails, nothing of it is kept and its subscriptions are billed again one at
 * a time, so a failure is recorded against the one subscription that caused it and never stops
 * the run.
 *
 * <p>Exactly once, even with several runners on one database: a claimed row is locked until the
 * chunk commits (another runner skips it), the next invoice date is read under that lock, and
 * the unique index on billing items (subscription, period start) refuses a second item for a
 * period — so the invoice written in the same transaction cannot be committed twice either.
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
    /** Subscriptions per chunk (one transaction). */
    static final int CHUNK = 500;
    /** The most chunks billed at once; the host may allow fewer ({@link HostContext#parallelism()}). */
    static final int MAX_WORKERS = 4;

    private final HostContext host;
    private final Invoicing invoicing;
    private final CurrencyLookup currencies;
    private final Forecaster forecaster;
    private final ChangePreviews changePreviews;
    private final SubscriptionStore subscriptions = new SubscriptionStore();
    private final BillingStore billing = new BillingStore();
    private final InvoiceMailer mails;
    private final InvoiceMailStore mailStore = new InvoiceMailStore();
    private final FailureLog failures;
    private final RunPreparation preparation;
    private final ChunkBiller biller;
    private final Collector collector;
    private final org.idempiere.subscription.core.internal.payments.RefundCollector refunds;
    private final org.idempiere.subscription.core.internal.analytics.Refresher analytics;
    private final InvoiceReversals reversals;

    @Activate
    public BillingServiceImpl(@Reference HostContext host, @Reference Catalog catalog, @Reference Invoicing invoicing,
            @Reference Currencies currencies, @Reference Taxes taxes, @Reference Customers customers, @Reference Mailer mailer,
            @Reference Payments payments) {
        this.host = host;
        this.mails = new InvoiceMailer(host, customers, invoicing, mailer);
        this.invoicing = invoicing;
        this.currencies = new CurrencyLookup(currencies);
        Changes changes = new Changes(host, catalog, invoicing, this.currencies);
        this.forecaster = new Forecaster(host, catalog, taxes, this.currencies, changes);
        this.changePreviews = new ChangePreviews(host, taxes, changes, forecaster);
        this.failures = new FailureLog(host);
        this.preparation = new RunPreparation(host, invoicing, this.currencies, changes, failures);
        this.biller = new ChunkBiller(host, catalog, invoicing, this.currencies, failures);
        this.collector = new Collector(host, payments, customers, invoicing, mailer, this.currencies);
        this.refunds = new org.idempiere.subscription.core.internal.payments.RefundCollector(host, payments, this.currencies);
        this.analytics = new org.idempiere.subscription.core.internal.analytics.Refresher(host);
        this.reversals = new InvoiceReversals(host, this.currencies);
    }

    @Override
    public BillingRunReport run(LocalDate asOf, BillingScope scope) {
        if (asOf == null) {
            throw SubscriptionException.required("asOf");
        }
        BillingScope within = scope == null ? BillingScope.ALL : scope;
        long runId = host.inTransaction(tx -> {
            long id = host.nextId(tx, "SUB_BillingRun");
            billing.startRun(tx.connection(), host.tenant(), id, asOf, host.clock().instant());
            return id;
        });
        RunTally tally = new RunTally();
        Set<Long> held = preparation.applyChanges(runId, asOf, within, tally);
        preparation.closeUnpaid(runId, asOf, within, tally);
        Runnable worker = worker(runId, asOf, within, held, tally, new AtomicReference<>(DueKey.START), new ConcurrentHashMap<>());
        // a consolidating run has one worker: another would claim part of a customer's subscriptions
        runWorkers(runId, within.consolidate() ? 1 : Math.max(1, Math.min(MAX_WORKERS, host.parallelism())), worker);
        host.inTransaction(tx -> {
            billing.finishRun(tx.connection(), host.tenant(), runId, tally.processed, tally.invoices, tally.failuresCount,
                    host.clock().instant());
            return null;
        });
        sendMailsAfterRun(runId);
        collectAfterRun(runId);
        refreshAnalytics();
        return new BillingRunReport(runId, asOf, tally.processed, tally.invoices, tally.invoiceIds, tally.failuresCount,
                tally.failures, tally.net);
    }


    /**
     * A worker of a run: bills the next chunk after the shared cursor until none is left; a chunk
     * that fails is billed again without the customers' other subscriptions (consolidating), then
     * one subscription at a time: the ones it had claimed ({@link ChunkBiller#billOneByOne}).
     */
    private Runnable worker(long runId, LocalDate asOf, BillingScope within, Set<Long> held, RunTally tally,
            AtomicReference<DueKey> cursor, Map<Long, Currency> currencyCache) {
        return () -> {
            while (true) {
                DueKey from = cursor.get();
                Billed chunk;
                List<DueKey> claimed = new ArrayList<>();
                try {
                    chunk = host.inTransaction(tx -> biller.billChunk(tx, runId, asOf, from, within, currencyCache, held, true, claimed));
                } catch (RuntimeException chunkFailed) {
                    chunk = null;
                    if (within.consolidate()) { // perhaps a customer's subscription from elsewhere failed: the chunk alone
                        try {
                            chunk = host.inTransaction(tx -> biller.billChunk(tx, runId, asOf, from, within, currencyCache, held, false,
                                    claimed));
                        } catch (RuntimeException alsoFailed) {
                            chunk = null;
                        }
                    }
                    if (chunk == null) {
                        chunk = biller.billOneByOne(runId, asOf, from, within, tally, held, claimed);
                    }
                }
                if (chunk.last().equals(from)) {
                    return; // nothing left that another worker does not hold
                }
                tally.add(chunk);
                DueKey last = chunk.last();
                cursor.accumulateAndGet(last, (a, b) -> DueKey.ORDER.compare(a, b) >= 0 ? a : b);
            }
        };
    }

    /**
     * Runs {@code workers} copies of {@code worker} and waits for them. The work is mostly the
     * database's: several workers keep several database sessions busy; they never take the same
     * subscription (each claims with SKIP LOCKED). One worker runs in the calling thread, as
     * {@link HostContext#parallelism()} promises a host whose tenant lives in thread-local state
     * (acting for another tenant, a thread of a pool would act for the host's own).
     */
    private static void runWorkers(long runId, int workers, Runnable worker) {
        if (workers == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> new Thread(r, "billing-run-" + runId));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(worker));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SubscriptionException.hostFailure("Billing run " + runId + " interrupted", e);
        } catch (ExecutionException e) {
            throw SubscriptionException.hostFailure("Billing run " + runId + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Brings the analytics figures up to date with what the run wrote to the ledger (expiries, unpaid closes),
     * so the next analytics read has little to do. A failure leaves the customers queued for the next read.
     */
    private void refreshAnalytics() {
        try {
            analytics.refresh();
            analytics.vacuumIfMany();
        } catch (RuntimeException e) {
            System.getLogger(BillingServiceImpl.class.getName()).log(System.Logger.Level.WARNING,
                    "Analytics refresh after the billing run failed; the next analytics read retries it", e);
        }
    }

    /** Collects the payments the run recorded (and any still due); a failure here never fails the run. */
    private void collectAfterRun(long runId) {
        try {
            collector.collectDue();
            refunds.collectDue();
        } catch (RuntimeException e) {
            // the attempts stay in the outbox: the next run, POST /payment-runs or the scheduler collects them
            System.getLogger(BillingServiceImpl.class.getName()).log(System.Logger.Level.WARNING,
                    "Billing run " + runId + ": collecting payments failed; the attempts stay pending", e);
        }
    }

    /** Sends the invoice e-mails the run recorded (and any still due); a failure here never fails the run. */
    private void sendMailsAfterRun(long runId) {
        try {
            mails.sendDue(MAIL_BUDGET_AFTER_RUN);
        } catch (RuntimeException e) {
            // the e-mails stay pending in the outbox: the next run or POST /invoice-mails/send sends them
            System.getLogger(BillingServiceImpl.class.getName()).log(System.Logger.Level.WARNING,
                    "Billing run " + runId + ": sending invoice e-mails failed; they stay pending", e);
        }
    }

    @Override
    public List<InvoiceMail> invoiceMailsOf(long subscriptionId) {
        return host.inTransaction(tx -> {
            subscriptions.find(tx.connection(), host.tenant(), subscriptionId, Lock.NONE, currencies.resolver(tx))
                    .orElseThrow(() -> SubscriptionException.notFound("Subscription", "subscriptionId", subscriptionId));
            return mailStore.ofSubscription(tx.connection(), host.tenant(), subscriptionId);
        });
    }

    @Override
    public int sendInvoiceMails() {
        return mails.sendDue(MAIL_BUDGET_ON_REQUEST);
    }

    /** How long a run goes on sending e-mails after billing (a slow mail server must not hold it). */
    static final java.time.Duration MAIL_BUDGET_AFTER_RUN = java.time.Duration.ofSeconds(30);
    /** How long {@link #sendInvoiceMails} goes on sending. */
    static final java.time.Duration MAIL_BUDGET_ON_REQUEST = java.time.Duration.ofMinutes(2);


    @Override
    public List<BillingRunReport.Failure> failuresOf(long runId) {
        return host.inTransaction(tx -> {
            if (!billing.runExists(tx.connection(), host.tenant(), runId)) {
                throw SubscriptionException.notFound("Billing run", runId);
            }
            return billing.failures(tx.connection(), host.tenant(), runId);
        });
    }


    @Override
    public InvoicePreview preview(long subscriptionId) {
        return forecaster.preview(subscriptionId);
    }

    @Override
    public org.idempiere.subscription.api.service.ChangePreview previewChange(long subscriptionId,
            org.idempiere.subscription.api.service.ChangeDraft change) {
        return changePreviews.preview(subscriptionId, change, false);
    }

    @Override
    public org.idempiere.subscription.api.service.ChangePreview previewChangeByCustomer(long subscriptionId,
            org.idempiere.subscription.api.service.ChangeDraft change) {
        return changePreviews.preview(subscriptionId, change, true);
    }

    @Override
    public BillingForecast dryRun(LocalDate asOf) {
        if (asOf == null) {
            throw SubscriptionException.required("asOf");
        }
        return forecaster.dryRun(asOf);
    }

    @Override
    public byte[] invoicePdf(long invoiceId) {
        return host.inTransaction(tx -> {
            if (!billing.isOurInvoice(tx.connection(), host.tenant(), invoiceId)) {
                throw SubscriptionException.notFound("Invoice", invoiceId);
            }
            return invoicing.pdf(tx, invoiceId).orElseThrow(() -> SubscriptionException.notFound("Invoice", invoiceId));
        });
    }

    @Override
    public java.util.Optional<org.idempiere.subscription.api.service.InvoiceReversal> invoiceReversed(long invoiceId, LocalDate date,
            String description) {
        return reversals.reverse(invoiceId, date, description);
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

