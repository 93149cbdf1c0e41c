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
 * the chunk ({@code FOR UPDATE SKIP LOCKED}, in (next invoice date, id) order after the previous
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
    private final Catalog catalog;
    private final Invoicing invoicing;
    private final CurrencyLookup currencies;
    private final Pricer pricer;
    private final Forecaster forecaster;
    private final SubscriptionStore subscriptions = new SubscriptionStore();
    private final BillingStore billing = new BillingStore();
    private final Changes changes;
    private final InvoiceMailer mails;
    private final InvoiceMailStore mailStore = new InvoiceMailStore();
    private final org.idempiere.subscription.core.internal.store.ChangeLogStore changeLog =
            new org.idempiere.subscription.core.internal.store.ChangeLogStore();

    @Activate
    public BillingServiceImpl(@Reference HostContext host, @Reference Catalog catalog, @Reference Invoicing invoicing,
            @Reference Currencies currencies, @Reference Taxes taxes, @Reference Customers customers, @Reference Mailer mailer) {
        this.host = host;
        this.mails = new InvoiceMailer(host, customers, invoicing, mailer);
        this.catalog = catalog;
        this.invoicing = invoicing;
        this.currencies = new CurrencyLookup(currencies);
        this.pricer = new Pricer(catalog);
        this.changes = new Changes(host, catalog, invoicing, this.currencies);
        this.forecaster = new Forecaster(host, catalog, taxes, this.currencies, this.changes);
    }

    /** What a committed chunk (or one subscription) billed. */
    private record Billed(DueKey last, int subscriptions, List<Long> invoiceIds, Map<String, BigDecimal> net) {
        static Billed none(DueKey last) {
            return new Billed(last, 0, List.of(), Map.of());
        }
    }

    /** The report being built by the workers; only committed work is added to it. */
    private static final class Tally {
        int processed;
        int invoices;
        int failuresCount;
        final List<Long> invoiceIds = new ArrayList<>();
        final List<BillingRunReport.Failure> failures = new ArrayList<>();
        final Map<String, BigDecimal> net = new HashMap<>();

        synchronized void add(Billed b) {
            processed += b.subscriptions();
            invoices += b.invoiceIds().size();
            for (long id : b.invoiceIds()) {
                if (invoiceIds.size() < BillingRunReport.MAX_LISTED) {
                    invoiceIds.add(id);
                }
            }
            b.net().forEach((currency, amount) -> net.merge(currency, amount, BigDecimal::add));
        }

        synchronized void fail(long subscriptionId, String code, String message) {
            failuresCount++;
            if (failures.size() < BillingRunReport.MAX_LISTED) {
                failures.add(new BillingRunReport.Failure(subscriptionId, code, message));
            }
        }
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
        Map<Long, Currency> currencyCache = new ConcurrentHashMap<>();
        Tally tally = new Tally();
        Set<Long> held = applyChanges(runId, asOf, within, tally);
        closeUnpaid(runId, asOf, within, tally);
        AtomicReference<DueKey> cursor = new AtomicReference<>(DueKey.START);
        Runnable worker = () -> {
            while (true) {
                DueKey from = cursor.get();
                Billed chunk;
                try {
                    chunk = host.inTransaction(tx -> billChunk(tx, runId, asOf, from, within, currencyCache, held, true));
                } catch (RuntimeException chunkFailed) {
                    chunk = null;
                    if (within.consolidate()) { // perhaps a customer's subscription from elsewhere failed: the chunk alone
                        try {
                            chunk = host.inTransaction(tx -> billChunk(tx, runId, asOf, from, within, currencyCache, held, false));
                        } catch (RuntimeException alsoFailed) {
                            chunk = null;
                        }
                    }
                    if (chunk == null) {
                        chunk = billOneByOne(runId, asOf, from, within, tally, held);
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
        // The work is mostly the database's: several workers keep several database sessions busy.
        // They never take the same subscription (each claims with SKIP LOCKED).
        // a consolidating run has one worker: another would claim part of a customer's subscriptions
        int workers = within.consolidate() ? 1 : Math.max(1, Math.min(MAX_WORKERS, host.parallelism()));
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
        host.inTransaction(tx -> {
            billing.finishRun(tx.connection(), host.tenant(), runId, tally.processed, tally.invoices, tally.failuresCount,
                    host.clock().instant());
            return null;
        });
        sendMailsAfterRun(runId);
        return new BillingRunReport(runId, asOf, tally.processed, tally.invoices, tally.invoiceIds, tally.failuresCount,
                tally.failures, tally.net);
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

    /** Bills the next chunk in the caller's transaction; returns what it billed (last = from when none was due). */
    private Billed billChunk(Tx tx, long runId, LocalDate asOf, DueKey from, BillingScope scope,
            Map<Long, Currency> currencyCache, Set<Long> held, boolean withCustomers) throws SQLException {
        LongFunction<Currency> resolver = currencies.resolver(tx);
        List<SubscriptionRecord> claimed = subscriptions.claimDue(tx.connection(), host.tenant(), asOf, from, CHUNK, scope,
                id -> currencyCache.computeIfAbsent(id, resolver::apply));
        if (claimed.isEmpty()) {
            return Billed.none(from);
        }
        List<SubscriptionRecord> billed = claimed;
        if (scope.consolidate() && withCustomers) { // the customers' other due subscriptions join this chunk (one invoice each)
            Set<Long> customers = new LinkedHashSet<>();
            List<Long> ids = new ArrayList<>(claimed.size());
            for (SubscriptionRecord s : claimed) {
                customers.add(s.customerId());
                ids.add(s.id());
            }
            billed = new ArrayList<>(claimed);
            billed.addAll(subscriptions.claimCustomersDue(tx.connection(), host.tenant(), asOf, customers, ids, CHUNK, scope,
                    id -> currencyCache.computeIfAbsent(id, resolver::apply)));
        }
        List<Periods.Planned> planned = new ArrayList<>();
        Map<Long, LocalDate> nextDates = new LinkedHashMap<>();
        Map<Long, LocalDate> renewedTerms = new LinkedHashMap<>();
        List<Expiry> expiries = new ArrayList<>();
        Set<PriceKey> keys = new LinkedHashSet<>();
        int skipped = 0;
        for (SubscriptionRecord s : billed) {
            if (held.contains(s.id())) {
                skipped++;
                continue; // its due change failed: stays due, billed once the change is fixed
            }
            Periods.Outcome outcome = Periods.due(s, asOf, planned);
            track(s, outcome, nextDates, renewedTerms, expiries);
        }
        for (Periods.Planned p : planned) {
            Pricer.addKeys(keys, p.subscription().priceListId(), p.priceDate(), p.subscription().linesFor(p.period()));
        }
        Map<PriceKey, BigDecimal> prices = keys.isEmpty() ? Map.of() : catalog.prices(tx, keys);
        List<InvoiceDraft> drafts = new ArrayList<>(planned.size());
        List<BigDecimal> nets = new ArrayList<>(planned.size());
        for (Periods.Planned p : planned) {
            SubscriptionRecord s = p.subscription();
            Currency currency = s.mrr().currency();
            List<PricedLine> lines = p.charged(Pricer.price(prices, s.priceListId(), currency, p.priceDate(),
                    s.linesFor(p.period()), "lines"), currency);
            drafts.add(draft(s, p.dateInvoiced(), p.period(), lines));
            nets.add(Pricer.total(lines, currency).amount());
        }
        // invoice of each planned period: its own, or the customer's consolidated one
        int[] invoiceOf = new int[drafts.size()];
        List<InvoiceDraft> toPost = scope.consolidate() ? Consolidation.merge(drafts, invoiceOf) : drafts;
        if (!scope.consolidate()) {
            java.util.Arrays.setAll(invoiceOf, i -> i);
        }
        List<PostedInvoice> posted = toPost.isEmpty() ? List.of() : invoicing.postAll(tx, toPost);
        long[] itemIds = planned.isEmpty() ? new long[0] : host.nextIds(tx, "SUB_BillingItem", planned.size());
        List<BillingStore.Item> items = new ArrayList<>(planned.size());
        List<Long> invoiceIds = new ArrayList<>(posted.size());
        posted.forEach(p -> invoiceIds.add(p.id()));
        Map<String, BigDecimal> net = new HashMap<>();
        for (int i = 0; i < planned.size(); i++) {
            SubscriptionRecord s = planned.get(i).subscription();
            items.add(new BillingStore.Item(itemIds[i], s.id(), planned.get(i).period(), posted.get(invoiceOf[i]).id(), nets.get(i),
                    s.currencyId()));
            net.merge(s.mrr().currency().getCurrencyCode(), nets.get(i), BigDecimal::add);
        }
        billing.insertItems(tx.connection(), host.tenant(), runId, items);
        // an invoice is e-mailed when every subscription on it says so (a consolidated one too), under the first
        Map<Long, Long> toMail = new LinkedHashMap<>();
        Set<Long> notMailed = new HashSet<>();
        for (int i = 0; i < planned.size(); i++) {
            SubscriptionRecord s = planned.get(i).subscription();
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
        subscriptions.setNextInvoiceDates(tx.connection(), host.tenant(), nextDates);
        subscriptions.setTermEndDates(tx.connection(), host.tenant(), renewedTerms);
        expire(tx, expiries);
        SubscriptionRecord last = claimed.get(claimed.size() - 1);
        return new Billed(new DueKey(last.nextInvoiceDate(), last.id()), billed.size() - skipped, invoiceIds, net);
    }

    /**
     * The chunk after {@code from} failed as a whole: bill its subscriptions one at a time so the
     * failing ones are found and recorded, and the others billed.
     */
    private Billed billOneByOne(long runId, LocalDate asOf, DueKey from, BillingScope scope, Tally tally, Set<Long> held) {
        List<DueKey> keys = host.inTransaction(tx -> subscriptions.dueAfter(tx.connection(), host.tenant(), asOf, from, CHUNK,
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
                recordFailure(runId, id, e.code().name(), e.getMessage(), tally);
            } catch (RuntimeException e) {
                recordFailure(runId, id, ErrorCode.HOST_FAILURE.name(), String.valueOf(e), tally);
            }
        }
        return new Billed(keys.get(keys.size() - 1), processed, invoiceIds, net);
    }

    /**
     * Applies the pending changes due by {@code asOf} (but not after today) first, each in a
     * transaction of its own, so the periods billed next see their lines. A change that fails is
     * recorded as a failure of its subscription and stays pending, and the subscription is not
     * billed by this run (it would be billed without its change); another runner's change is
     * skipped (it applies it).
     *
     * @return the subscriptions held back
     */
    private Set<Long> applyChanges(long runId, LocalDate asOf, BillingScope scope, Tally tally) {
        // A change takes effect on its day: a run billing ahead (as of a later date) does not apply it early.
        LocalDate upTo = asOf.isAfter(host.today()) ? host.today() : asOf;
        Set<Long> held = ConcurrentHashMap.newKeySet();
        for (ChangeStore.Due due : host.inTransaction(tx -> changes.due(tx, upTo, scope))) {
            if (held.contains(due.subscriptionId())) {
                continue; // an earlier change of it failed: the later ones wait, in order
            }
            try {
                Changes.Applying done = host.inTransaction(tx -> changes.applyPending(tx, due.changeId()));
                if (done == Changes.Applying.WAITS || done == Changes.Applying.ELSEWHERE) {
                    held.add(due.subscriptionId()); // billed once its changes are applied, in order, by this run or another
                }
            } catch (SubscriptionException e) {
                held.add(due.subscriptionId());
                recordFailure(runId, due.subscriptionId(), e.code().name(), "Change " + due.changeId() + ": " + e.getMessage(),
                        tally);
            } catch (RuntimeException e) {
                held.add(due.subscriptionId());
                recordFailure(runId, due.subscriptionId(), ErrorCode.HOST_FAILURE.name(), "Change " + due.changeId() + ": " + e,
                        tally);
            }
        }
        return held;
    }

    /**
     * Closes, before billing, the subscriptions whose plan sets AutoCloseDays and one of whose
     * invoices is still unpaid that many days after its date (as of the run's date, but not after
     * today), with a CHURN entry naming the invoice. Each in a transaction of its own; a failure
     * is recorded and the run goes on.
     */
    private void closeUnpaid(long runId, LocalDate asOf, BillingScope scope, Tally tally) {
        LocalDate upTo = asOf.isAfter(host.today()) ? host.today() : asOf;
        List<BillingStore.UnpaidWatch> watches;
        try {
            watches = host.inTransaction(tx -> billing.unpaidWatches(tx.connection(), host.tenant(), scope));
        } catch (RuntimeException e) { // never stops the billing itself
            tally.fail(0, e instanceof SubscriptionException se ? se.code().name() : ErrorCode.HOST_FAILURE.name(),
                    "Finding subscriptions to close for unpaid invoices: " + e.getMessage());
            return;
        }
        for (BillingStore.UnpaidWatch w : watches) {
            try {
                host.inTransaction(tx -> {
                    Map<Long, LocalDate> unpaid = invoicing.unpaid(tx, w.invoiceIds());
                    Optional<Map.Entry<Long, LocalDate>> overdue = unpaid.entrySet().stream()
                            .filter(e -> !e.getValue().plusDays(w.days()).isAfter(upTo))
                            .min(Map.Entry.comparingByValue());
                    if (overdue.isEmpty()) {
                        return null;
                    }
                    SubscriptionRecord s = subscriptions.find(tx.connection(), host.tenant(), w.subscriptionId(), Lock.WAIT,
                            currencies.resolver(tx)).orElseThrow();
                    if (s.status() != SubscriptionStatus.ACTIVE && s.status() != SubscriptionStatus.PAUSED) {
                        return null;
                    }
                    String why = "Unpaid: invoice " + overdue.get().getKey() + " of " + overdue.get().getValue()
                            + " still open after " + w.days() + " days";
                    // what was served up to the day before stays billable, as on any close
                    LocalDate next = s.status() == SubscriptionStatus.ACTIVE
                            ? Schedule.of(s.plan(), s.periodsFrom()).servedNext(s.nextInvoiceDate(), upTo.minusDays(1))
                            : s.nextInvoiceDate();
                    subscriptions.closeServed(tx.connection(), host.tenant(), s.id(), upTo, null, why, next);
                    changeLog.append(tx.connection(), host.tenant(), host.nextId(tx, "SUB_ChangeLog"), s.id(), upTo,
                            org.idempiere.subscription.api.ChangeType.CHURN, s.mrr(),
                            org.idempiere.subscription.api.Money.zero(s.mrr().currency()), s.currencyId(), why);
                    return null;
                });
            } catch (RuntimeException e) {
                recordFailure(runId, w.subscriptionId(), e instanceof SubscriptionException se ? se.code().name()
                        : ErrorCode.HOST_FAILURE.name(), "Closing for unpaid invoices: " + e.getMessage(), tally);
            }
        }
    }

    /** Counts a failure in the report and records it with its reason in SUB_BillingFailure. */
    private void recordFailure(long runId, long subscriptionId, String code, String message, Tally tally) {
        tally.fail(subscriptionId, code, message);
        host.inTransaction(tx -> {
            billing.insertFailure(tx.connection(), host.tenant(), host.nextId(tx, "SUB_BillingFailure"), runId, subscriptionId,
                    code, message == null ? code : message);
            return null;
        });
    }

    @Override
    public List<BillingRunReport.Failure> failuresOf(long runId) {
        return host.inTransaction(tx -> {
            if (!billing.runExists(tx.connection(), host.tenant(), runId)) {
                throw SubscriptionException.notFound("Billing run", runId);
            }
            return billing.failures(tx.connection(), host.tenant(), runId);
        });
    }

    /** Bills every due period of one subscription; empty if another runner holds or has billed it. */
    private Optional<Billed> billOne(Tx tx, long runId, long subscriptionId, LocalDate asOf) throws SQLException {
        SubscriptionRecord s = subscriptions.find(tx.connection(), host.tenant(), subscriptionId, Lock.SKIP_LOCKED,
                currencies.resolver(tx)).orElse(null);
        if (s == null || s.status() == SubscriptionStatus.DRAFT || s.nextInvoiceDate() == null
                || s.nextInvoiceDate().isAfter(asOf)) {
            return Optional.empty();
        }
        List<Periods.Planned> planned = new ArrayList<>();
        Periods.Outcome outcome = Periods.due(s, asOf, planned);
        Currency currency = s.mrr().currency();
        List<Long> invoiceIds = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Periods.Planned p : planned) {
            if (billing.isBilled(tx.connection(), host.tenant(), s.id(), p.period().start())) {
                continue;
            }
            List<PricedLine> lines = p.charged(pricer.price(tx, s.priceListId(), currency, p.priceDate(),
                    s.linesFor(p.period()), "lines"), currency);
            PostedInvoice invoice = invoicing.post(tx, draft(s, p.dateInvoiced(), p.period(), lines));
            BigDecimal lineNet = Pricer.total(lines, currency).amount();
            billing.insertItem(tx.connection(), host.tenant(), host.nextId(tx, "SUB_BillingItem"), s.id(), runId,
                    p.period(), invoice.id(), lineNet, s.currencyId());
            invoiceIds.add(invoice.id());
            total = total.add(lineNet);
            if (s.emailInvoices()) {
                mailStore.enqueue(tx.connection(), host.tenant(), host.nextIds(tx, "SUB_InvoiceMail", 1), Map.of(invoice.id(), s.id()));
            }
        }
        Map<Long, LocalDate> nextDates = new LinkedHashMap<>();
        Map<Long, LocalDate> renewedTerms = new LinkedHashMap<>();
        List<Expiry> expiries = new ArrayList<>();
        track(s, outcome, nextDates, renewedTerms, expiries);
        subscriptions.setNextInvoiceDates(tx.connection(), host.tenant(), nextDates);
        subscriptions.setTermEndDates(tx.connection(), host.tenant(), renewedTerms);
        expire(tx, expiries);
        return Optional.of(new Billed(new DueKey(s.nextInvoiceDate(), s.id()), 1, invoiceIds,
                invoiceIds.isEmpty() ? Map.of() : Map.of(currency.getCurrencyCode(), total)));
    }

    /** A subscription whose fixed term ended without renewal. */
    private record Expiry(SubscriptionRecord subscription, LocalDate on) {
    }

    /** Sorts one subscription's planning outcome into next dates, renewed terms and expiries. */
    private static void track(SubscriptionRecord s, Periods.Outcome outcome, Map<Long, LocalDate> nextDates,
            Map<Long, LocalDate> renewedTerms, List<Expiry> expiries) {
        if (outcome.expiresOn().isPresent()) {
            expiries.add(new Expiry(s, outcome.expiresOn().get()));
            return;
        }
        nextDates.put(s.id(), outcome.next());
        if (outcome.termEndDate() != null && !outcome.termEndDate().equals(s.termEndDate())) {
            renewedTerms.put(s.id(), outcome.termEndDate());
        }
    }

    /** Closes subscriptions whose term ended, the day after it, with a CHURN entry. */
    private void expire(Tx tx, List<Expiry> expiries) throws SQLException {
        for (Expiry e : expiries) {
            SubscriptionRecord s = e.subscription();
            String why = s.dateEnds() != null ? "Not renewed: notice given" : "Term ended";
            subscriptions.close(tx.connection(), host.tenant(), s.id(), e.on(), null, why);
            changeLog.append(tx.connection(), host.tenant(), host.nextId(tx, "SUB_ChangeLog"), s.id(), e.on(),
                    org.idempiere.subscription.api.ChangeType.CHURN, s.mrr(),
                    org.idempiere.subscription.api.Money.zero(s.mrr().currency()), s.currencyId(), why);
        }
    }

    private static InvoiceDraft draft(SubscriptionRecord s, LocalDate dateInvoiced, ServicePeriod period,
            List<PricedLine> lines) {
        List<InvoiceLineDraft> out = new ArrayList<>(lines.size());
        for (PricedLine l : lines) {
            // a line valid on part of the period (started or ended by a change) shows its own days
            ServicePeriod days = l.line().setupFee() ? period : s.daysBilled(l.line(), period).orElse(period);
            out.add(new InvoiceLineDraft(l.line().productId(), l.line().quantity(), l.line().uomId(), l.priceActual(),
                    l.lineNet().amount(), days, s.documentNo() + ": " + days.start() + " - " + days.end(), l.line().uomRate()));
        }
        return new InvoiceDraft(s.customerId(), s.billToLocationId(), s.currencyId(), s.priceListId(), dateInvoiced,
                "Subscription " + s.documentNo(), out, Optional.ofNullable(s.salesRepId()), Optional.ofNullable(s.orgId()),
                Optional.ofNullable(s.contactUserId()));
    }

    @Override
    public InvoicePreview preview(long subscriptionId) {
        return forecaster.preview(subscriptionId);
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
