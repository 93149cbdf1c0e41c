package org.idempiere.subscription.core.internal.payments;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.Mailer;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.api.service.PaymentRunReport;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.access.LinkIssuer;
import org.idempiere.subscription.core.internal.payments.GatewayCalls.Call;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore.Claimed;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;

/**
 * Collects due payment attempts, exactly once per attempt even with several collectors and
 * crashes:
 * <ol>
 * <li>claim a batch ({@code FOR UPDATE SKIP LOCKED}) and mark it in flight, in a short transaction
 * that commits before anything else happens — two collectors never claim one attempt;</li>
 * <li>prepare the attempts charged afresh in one transaction ({@link Preparation}): those the claim
 * still owns, with the invoices' open amounts, the customers' credit and saved methods;</li>
 * <li>outside any transaction, call the gateway with each attempt's idempotency key
 * ({@link GatewayCalls}): a charge for a prepared attempt, a status query for one whose answer was
 * unknown or whose collector died while it was in flight (its lease ran out) — the gateway never
 * moves money twice for one key;</li>
 * <li>record the answers in one transaction ({@link Recording}), for the attempts the claim still
 * owns: their states, after a failure the next attempt of the retry schedule (unique per invoice
 * and attempt number) and the past-due flag, and the customer's notice (sent after commit, from
 * the attempt's dunning state).</li>
 * </ol>
 * A crash between 1 and 4 leaves the attempts in flight; the next collector after the lease asks
 * the gateway what happened to their keys. Nothing is deleted or rolled back when a payment fails.
 *
 * <p>The gateway is called for at most {@link HostContext#paymentParallelism()} attempts at once
 * (at most {@value #MAX_CALLS}). With one call at a time (the default, and iDempiere's) a batch of
 * {@value #BATCH} attempts is collected one after another in the calling thread, each prepared just
 * before its call and recorded just after. With more, the collection runs one worker for every
 * {@value #CALLS_PER_WORKER} calls allowed; each claims a batch of {@value #BATCH}, prepares it in
 * one transaction, calls the gateway for its attempts that many at a time (a batch waits about
 * {@value #BATCH}/{@value #CALLS_PER_WORKER} gateway latencies, not {@value #BATCH}) and records
 * it in one transaction, while the other workers' calls go on. No worker holds a database
 * transaction across a gateway call. Memory stays flat: a worker holds one batch, the collection
 * only counts. Dunning notices are sent after every worker has finished.
 */
public final class Collector {
    /** The most attempts claimed per transaction. */
    static final int BATCH = 50;
    /** The most gateway calls one collection makes at once; the host may allow fewer ({@link HostContext#paymentParallelism()}). */
    static final int MAX_CALLS = 256;
    /** Gateway calls one worker makes at once: a worker for every this many calls the host allows. */
    static final int CALLS_PER_WORKER = 8;
    /** How long an attempt stays in flight before another collector asks the gateway about it. */
    static final Duration LEASE = Duration.ofSeconds(Long.getLong("subscriptions.payments.lease.seconds", 120));
    /**
     * The host setting with the days after its due day an attempt's answer may stay unknown before
     * the seller is asked to resolve it: 1 to 60, default {@value #UNKNOWN_DAYS_DEFAULT}
     * ({@link org.idempiere.subscription.core.internal.plan.Retries#unknownEscalates}).
     */
    public static final String UNKNOWN_DAYS = "SUBSCRIPTIONS_PAYMENT_UNKNOWN_DAYS";
    static final int UNKNOWN_DAYS_DEFAULT = 3;
    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    private final HostContext host;
    private final Payments payments;
    private final Customers customers;
    private final Invoicing invoicing;
    private final Mailer mailer;
    private final CurrencyLookup currencies;
    private final PaymentAttemptStore attempts = new PaymentAttemptStore();
    private final SubscriptionStore subscriptions = new SubscriptionStore();
    private final Preparation preparation;
    private final Recording recording;
    private final Recovery recovery;
    private final LinkIssuer links;

    public Collector(HostContext host, Payments payments, Customers customers, Invoicing invoicing, Mailer mailer,
            CurrencyLookup currencies) {
        this.host = host;
        this.payments = payments;
        this.customers = customers;
        this.invoicing = invoicing;
        this.mailer = mailer;
        this.currencies = currencies;
        this.preparation = new Preparation(host, payments);
        this.recording = new Recording(host);
        this.recovery = new Recovery(host, payments);
        this.links = new LinkIssuer(host);
    }

    /**
     * Collects every attempt due by today, then stops the dunning of invoices paid otherwise
     * ({@link Recovery}), then tells the customers of failures.
     */
    public PaymentRunReport collectDue() {
        Tally tally = new Tally();
        Instant passStart = Instant.now(); // wall time: leases and passes are real time, not the test clock
        int calls = Math.max(1, Math.min(MAX_CALLS, host.paymentParallelism()));
        int unknownDays = unknownDays();
        if (calls == 1) {
            try (GatewayCalls gateway = new GatewayCalls(host, payments, 1, unknownDays)) {
                collect(passStart, 1, gateway, tally, new AtomicBoolean(), new Uncertain());
            }
        } else {
            int workers = (calls + CALLS_PER_WORKER - 1) / CALLS_PER_WORKER;
            runWorkers(workers, calls / workers, passStart, unknownDays, tally);
        }
        recovery.sweep();
        sendDunning();
        return tally.report();
    }

    /**
     * One worker: claims a batch of {@value #BATCH} and takes it through the steps in rounds of at
     * most {@code round} attempts, until nothing is due or {@code stop}. Unknown and stale attempts
     * are looked for as {@code uncertain} allows, and always before the worker ends.
     */
    private void collect(Instant passStart, int round, GatewayCalls gateway, Tally tally, AtomicBoolean stop, Uncertain uncertain) {
        while (!stop.get()) {
            List<Claimed> claimed = claim(passStart, BATCH, uncertain.look());
            if (claimed.isEmpty()) {
                claimed = claim(passStart, BATCH, true);
            }
            if (claimed.isEmpty()) {
                return;
            }
            for (int from = 0; from < claimed.size(); from += round) {
                take(claimed.subList(from, Math.min(claimed.size(), from + round)), gateway, tally);
            }
        }
    }

    private List<Claimed> claim(Instant passStart, int batch, boolean uncertain) {
        return host.inTransaction(tx -> attempts.claim(tx.connection(), host.tenant(), new PaymentAttemptStore.Due(host.today(),
                uncertain, passStart, Instant.now().minus(LEASE)), host.clock().instant(), Instant.now(), batch, currencies.resolver(tx)));
    }

    /**
     * When the workers of one collection look for unknown and stale attempts: on the first claim,
     * then at most once a second (a look reads every attempt in flight, and every one that was
     * since the last vacuum), so that an attempt whose lease runs out during a long collection is
     * still asked about in it.
     */
    private static final class Uncertain {
        private static final long EVERY_NANOS = Duration.ofSeconds(1).toNanos();
        private final AtomicLong last = new AtomicLong(System.nanoTime() - EVERY_NANOS);

        /** @return whether the caller's claim is to look (one caller a second) */
        boolean look() {
            long now = System.nanoTime();
            long before = last.get();
            return now - before >= EVERY_NANOS && last.compareAndSet(before, now);
        }
    }

    /**
     * Takes attempts of one claim through steps 2–4: prepares those charged afresh, calls the
     * gateway for them and for those to ask about, as many at once as the worker may, and records
     * the answers.
     */
    private void take(List<Claimed> round, GatewayCalls gateway, Tally tally) {
        List<Call> calls = new ArrayList<>();
        List<Claimed> fresh = new ArrayList<>();
        for (Claimed c : round) {
            if (c.claimedFrom() != PaymentStatus.PENDING && c.stored().attempt().methodId().isPresent()) {
                calls.add(Call.ask(c)); // the answer was unknown, or its collector died in flight: ask first
            } else {
                fresh.add(c);
            }
        }
        calls.addAll(preparation.prepare(fresh, tally));
        recording.record(gateway.make(calls), tally);
    }

    /**
     * Runs {@code workers} workers, each making up to {@code callsEach} gateway calls at once, and
     * waits for all of them. When one fails, the others finish the batch they hold (never leaving a
     * claimed attempt behind on purpose) and claim no more; the first failure is rethrown. Attempts
     * the failed worker held stay in flight until their lease runs out, as after a crash.
     */
    private void runWorkers(int workers, int callsEach, Instant passStart, int unknownDays, Tally tally) {
        int collection = COLLECTIONS.incrementAndGet();
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers,
                r -> new Thread(r, "payment-collector-" + collection + "-" + number.incrementAndGet()));
        AtomicBoolean stop = new AtomicBoolean();
        Uncertain uncertain = new Uncertain();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(() -> {
                    try (GatewayCalls gateway = new GatewayCalls(host, payments, callsEach, unknownDays)) {
                        collect(passStart, BATCH, gateway, tally, stop, uncertain);
                    } catch (RuntimeException | Error e) {
                        stop.set(true);
                        throw e;
                    }
                }));
            }
            RuntimeException failure = null;
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r
                                : SubscriptionException.hostFailure("Collecting payments failed: " + e.getCause(), e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } catch (InterruptedException e) {
            stop.set(true);
            Thread.currentThread().interrupt();
            throw SubscriptionException.hostFailure("Collecting payments interrupted", e);
        } finally {
            pool.shutdown(); // never interrupts a gateway call under way
        }
    }

    /** @return how many attempts {@link Recovery#recover} cancelled for invoices the host reports paid */
    public int recover(java.util.Collection<Long> invoiceIds) {
        return recovery.recover(invoiceIds).cancelled();
    }

    /** Collects one attempt now (a request to pay an invoice), if no other collector holds it. */
    public Optional<PaymentAttempt> collectOne(long attemptId) {
        Optional<Claimed> claimed = host.inTransaction(tx -> attempts.claimOne(tx.connection(), host.tenant(), attemptId,
                host.clock().instant(), Instant.now(), currencies.resolver(tx)));
        try (GatewayCalls gateway = new GatewayCalls(host, payments, 1, unknownDays())) {
            claimed.ifPresent(c -> take(List.of(c), gateway, new Tally()));
        }
        // paid meanwhile otherwise, or by this charge: the invoice's other waiting attempts end, past due is cleared
        claimed.ifPresent(c -> recovery.recover(List.of(c.stored().attempt().invoiceId())));
        sendDunning();
        return host.inTransaction(tx -> attempts.find(tx.connection(), host.tenant(), attemptId, currencies.resolver(tx)));
    }

    private int unknownDays() {
        return org.idempiere.subscription.core.internal.HostSettings.wholeNumber(host, UNKNOWN_DAYS, UNKNOWN_DAYS_DEFAULT, 1, 60);
    }

    /**
     * Tells customers of failed charges and missing methods, each once (a failure to send is
     * recorded); a failure's notice says whether it is tried again (a later attempt is pending).
     */
    void sendDunning() {
        for (int i = 0; i < 1_000; i++) {
            boolean more = host.inTransaction(tx -> {
                Optional<PaymentAttemptStore.Stored> next = attempts.claimDunning(tx.connection(), host.tenant(), currencies.resolver(tx));
                if (next.isEmpty()) {
                    return false;
                }
                PaymentAttempt a = next.get().attempt();
                boolean sent = false;
                try {
                    Optional<Customer> customer = customers.find(tx, a.customerId());
                    Optional<InvoiceView> invoice = invoicing.find(tx, a.invoiceId());
                    if (customer.isPresent() && customer.get().email().isPresent() && invoice.isPresent()) {
                        String subscriptionNo = subscriptions.find(tx.connection(), host.tenant(), a.subscriptionId(),
                                SubscriptionStore.Lock.NONE, currencies.resolver(tx)).map(s -> s.documentNo())
                                .orElse(String.valueOf(a.subscriptionId()));
                        Optional<String> link = links.settings().url().isPresent()
                                ? links.issue(tx, a.customerId(), Optional.empty()).urlTo("payment-methods") : Optional.empty();
                        boolean again = attempts.retryFollows(tx.connection(), host.tenant(), a.invoiceId(), a.attemptNo());
                        mailer.send(Dunning.message(customer.get().email().get(), customer.get().language(),
                                invoice.get().documentNo(), subscriptionNo, a, again, link));
                        sent = true;
                    }
                } catch (RuntimeException e) { // a MailFailure or the host's own
                    sent = false; // recorded as failed: the seller sees it on the attempt
                }
                attempts.dunned(tx.connection(), host.tenant(), a.id(), sent);
                return true;
            });
            if (!more) {
                return;
            }
        }
    }
}
