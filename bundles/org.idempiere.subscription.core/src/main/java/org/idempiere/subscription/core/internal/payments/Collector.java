package org.idempiere.subscription.core.internal.payments;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.host.ChargeRequest;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.Mailer;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.api.service.PaymentRunReport;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.plan.Retries;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore.Claimed;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;

/**
 * Collects due payment attempts, exactly once per attempt even with several collectors and
 * crashes:
 * <ol>
 * <li>claim a batch ({@code FOR UPDATE SKIP LOCKED}) and mark it in flight, in a short transaction
 * that commits before anything else happens — two collectors never claim one attempt;</li>
 * <li>outside any transaction, call the gateway with the attempt's idempotency key: a charge for a
 * pending attempt, a status query for one whose answer was unknown or whose collector died while
 * it was in flight (its lease ran out) — the gateway never moves money twice for one key;</li>
 * <li>record the answer in a transaction: the attempt's state, after a failure the next attempt of
 * the retry schedule (unique per invoice and attempt number) and the past-due flag, and the
 * customer's notice (sent after commit, from the attempt's dunning state).</li>
 * </ol>
 * A crash between 1 and 3 leaves the attempt in flight; the next collector after the lease asks
 * the gateway what happened to its key. Nothing is deleted or rolled back when a payment fails.
 *
 * <p>One collection runs as many workers at once as the host allows
 * ({@link HostContext#paymentParallelism()}, at most {@value #MAX_WORKERS}): each worker claims its
 * own small batches ({@value #PARALLEL_BATCH} attempts; {@code SKIP LOCKED} and the committed
 * in-flight mark keep every attempt to one worker) and takes each of them through the three
 * steps, so the gateway's latency is waited by many workers at once while no worker holds a
 * database transaction across a gateway call. With one worker (the default, and iDempiere's) the
 * attempts are collected in the calling thread, {@value #BATCH} per claim. Dunning notices are sent
 * after every worker has finished.
 */
public final class Collector {
    /** Attempts claimed per transaction. */
    static final int BATCH = 50;
    /**
     * Attempts claimed per transaction by each of several workers: small, so that the work spreads
     * over the workers (a worker holds its batch in flight until it has called the gateway for each).
     */
    static final int PARALLEL_BATCH = 10;
    /** The most workers one collection runs; the host may allow fewer ({@link HostContext#paymentParallelism()}). */
    static final int MAX_WORKERS = 64;
    private static final AtomicInteger COLLECTIONS = new AtomicInteger();
    /** How long an attempt stays in flight before another collector asks the gateway about it. */
    static final Duration LEASE = Duration.ofSeconds(Long.getLong("subscriptions.payments.lease.seconds", 120));

    private final HostContext host;
    private final Payments payments;
    private final Customers customers;
    private final Invoicing invoicing;
    private final Mailer mailer;
    private final CurrencyLookup currencies;
    private final PaymentAttemptStore attempts = new PaymentAttemptStore();
    private final SubscriptionStore subscriptions = new SubscriptionStore();
    private final CreditUse credit;
    private final org.idempiere.subscription.core.internal.access.LinkIssuer links;

    public Collector(HostContext host, Payments payments, Customers customers, Invoicing invoicing, Mailer mailer,
            CurrencyLookup currencies) {
        this.host = host;
        this.payments = payments;
        this.customers = customers;
        this.invoicing = invoicing;
        this.mailer = mailer;
        this.currencies = currencies;
        this.credit = new CreditUse(host, payments);
        this.links = new org.idempiere.subscription.core.internal.access.LinkIssuer(host);
    }

    /** What one collection did; its workers add to it at once. */
    private static final class Tally {
        private final Map<PaymentStatus, Integer> ended = new EnumMap<>(PaymentStatus.class);
        private final Map<String, BigDecimal> collected = new HashMap<>();
        private int retries;

        synchronized void ended(PaymentStatus status) {
            ended.merge(status, 1, Integer::sum);
        }

        synchronized void collected(Money amount) {
            collected.merge(amount.currency().getCurrencyCode(), amount.amount(), BigDecimal::add);
        }

        synchronized void retries(int n) {
            retries += n;
        }

        synchronized PaymentRunReport report() {
            return new PaymentRunReport(new EnumMap<>(ended), new HashMap<>(collected), retries);
        }
    }

    /** Collects every attempt due by today, then tells the customers of failures. */
    public PaymentRunReport collectDue() {
        Tally tally = new Tally();
        Instant passStart = Instant.now(); // wall time: leases and passes are real time, not the test clock
        int workers = Math.max(1, Math.min(MAX_WORKERS, host.paymentParallelism()));
        if (workers == 1) {
            collect(passStart, BATCH, tally, new AtomicBoolean());
        } else {
            runWorkers(workers, passStart, tally);
        }
        sendDunning();
        return tally.report();
    }

    /** One worker: claims a batch, takes each attempt through the three steps, until nothing is due or {@code stop}. */
    private void collect(Instant passStart, int batch, Tally tally, AtomicBoolean stop) {
        while (!stop.get()) {
            List<Claimed> claimed = host.inTransaction(tx -> attempts.claim(tx.connection(), host.tenant(), host.today(),
                    host.clock().instant(), Instant.now(), passStart, Instant.now().minus(LEASE), batch, currencies.resolver(tx)));
            if (claimed.isEmpty()) {
                return;
            }
            for (Claimed c : claimed) {
                process(c, tally);
            }
        }
    }

    /**
     * Runs {@code workers} workers and waits for all of them. When one fails, the others finish the
     * batch they hold (never leaving a claimed attempt behind on purpose) and claim no more; the
     * first failure is rethrown. Attempts the failed worker held stay in flight until their lease
     * runs out, as after a crash.
     */
    private void runWorkers(int workers, Instant passStart, Tally tally) {
        int collection = COLLECTIONS.incrementAndGet();
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers,
                r -> new Thread(r, "payment-collector-" + collection + "-" + number.incrementAndGet()));
        AtomicBoolean stop = new AtomicBoolean();
        try {
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(() -> {
                    try {
                        collect(passStart, PARALLEL_BATCH, tally, stop);
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

    /** Collects one attempt now (a request to pay an invoice), if no other collector holds it. */
    public Optional<PaymentAttempt> collectOne(long attemptId) {
        Optional<Claimed> claimed = host.inTransaction(tx -> attempts.claimOne(tx.connection(), host.tenant(), attemptId,
                host.clock().instant(), Instant.now(), currencies.resolver(tx)));
        claimed.ifPresent(c -> process(c, new Tally()));
        sendDunning();
        return host.inTransaction(tx -> attempts.find(tx.connection(), host.tenant(), attemptId, currencies.resolver(tx)));
    }

    private void process(Claimed c, Tally tally) {
        PaymentAttempt a = c.stored().attempt();
        String key = c.stored().idempotencyKey();
        ChargeResult result;
        if (c.claimedFrom() != PaymentStatus.PENDING && a.methodId().isPresent()) {
            // the answer was unknown, or its collector died in flight: ask, never charge blindly
            Optional<ChargeResult> known = safely(() -> payments.status(key));
            result = known == null ? unknown("status query failed") : known.orElseGet(() -> charge(c, a.amount(), a.methodId().get()));
        } else {
            boolean[] owned = {true};
            Optional<Prepared> prepared = host.inTransaction(tx -> {
                owned[0] = attempts.owns(tx.connection(), host.tenant(), a.id(), c.lease());
                return owned[0] ? prepare(tx, a) : Optional.<Prepared>empty(); // taken over after the lease: the other decides
            });
            if (!owned[0]) {
                return;
            }
            if (prepared.isEmpty()) {
                tally.ended(host.inTransaction(tx -> attempts.find(tx.connection(), host.tenant(), a.id(),
                        currencies.resolver(tx))).map(PaymentAttempt::status).orElse(PaymentStatus.CANCELLED));
                return;
            }
            result = charge(c, prepared.get().amount(), prepared.get().methodId());
        }
        ChargeResult answer = result;
        host.inTransaction(tx -> {
            if (attempts.owns(tx.connection(), host.tenant(), a.id(), c.lease())) {
                record(tx, a, c.stored().currencyId(), answer, tally);
            } // else another collector took it over after the lease ran out and records the gateway's answer itself
            return null;
        });
    }

    /** The amount and method an attempt is charged with. */
    private record Prepared(Money amount, long methodId) {
    }

    /**
     * Decides what a pending attempt charges: the invoice's open amount to its method or the
     * customer's default usable today. Nothing open: cancelled (paid otherwise). No usable method:
     * waiting for one, the customer told.
     */
    private Optional<Prepared> prepare(org.idempiere.subscription.api.host.Tx tx, PaymentAttempt a) throws SQLException {
        Optional<Money> open = payments.openAmount(tx, a.invoiceId());
        if (open.isEmpty() || open.get().amount().signum() <= 0) {
            attempts.finish(tx.connection(), host.tenant(), a.id(), PaymentStatus.CANCELLED, Optional.empty(), Optional.empty(),
                    Optional.empty(), "Nothing open: the invoice is paid", false);
            subscriptions.setPastDue(tx.connection(), host.tenant(), a.subscriptionId(), false);
            return Optional.empty();
        }
        open = Optional.of(credit.take(tx, a, open.get())); // the customer's credit first (decision 0027)
        if (open.get().amount().signum() == 0) {
            return Optional.empty(); // settled by credit: the attempt is finished
        }
        List<PaymentMethod> methods = payments.methods(tx, a.customerId());
        LocalDate today = host.today();
        Optional<PaymentMethod> method = a.methodId().isPresent()
                ? methods.stream().filter(m -> m.id() == a.methodId().get()).findFirst()
                : methods.stream().filter(PaymentMethod::isDefault).findFirst();
        if (method.isEmpty() || !method.get().usableOn(today)) {
            String why = method.isEmpty() ? "No saved payment method" : "The saved payment method expired";
            attempts.finish(tx.connection(), host.tenant(), a.id(), PaymentStatus.NO_METHOD, Optional.empty(), Optional.empty(),
                    Optional.of("no_method"), why, true);
            return Optional.empty();
        }
        attempts.prepare(tx.connection(), host.tenant(), a.id(), open.get().amount(), method.get().id());
        return Optional.of(new Prepared(open.get(), method.get().id()));
    }

    private ChargeResult charge(Claimed c, Money amount, long methodId) {
        PaymentAttempt a = c.stored().attempt();
        ChargeRequest request = new ChargeRequest(c.stored().idempotencyKey(), a.customerId(), methodId, a.invoiceId(), amount,
                "Subscription invoice " + a.invoiceId() + ", attempt " + a.attemptNo());
        ChargeResult r = safely(() -> payments.charge(request));
        // a host failure may have moved money: unknown, so that the next collector asks instead of charging again
        return r == null ? unknown("the charge failed without an answer") : r;
    }

    private static ChargeResult unknown(String why) {
        return new ChargeResult(ChargeResult.Outcome.UNKNOWN, Optional.empty(), Optional.empty(), Optional.empty(), why);
    }

    private static <T> T safely(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            System.getLogger(Collector.class.getName()).log(System.Logger.Level.WARNING, "Gateway call failed", e);
            return null;
        }
    }

    /** Records an answer: the attempt's state; after a failure the next attempt and the past-due flag. */
    private void record(org.idempiere.subscription.api.host.Tx tx, PaymentAttempt a, long currencyId, ChargeResult r, Tally tally)
            throws SQLException {
        PaymentStatus status = Retries.statusOf(r.outcome());
        boolean failed = status == PaymentStatus.DECLINED || status == PaymentStatus.ERRORED;
        if (!attempts.finish(tx.connection(), host.tenant(), a.id(), status, r.paymentId(), r.reference(), r.code(), r.message(),
                failed)) {
            return; // another collector finished it after this one's lease ran out
        }
        tally.ended(status);
        if (status == PaymentStatus.SUCCEEDED) {
            tally.collected(a.amount());
            subscriptions.setPastDue(tx.connection(), host.tenant(), a.subscriptionId(), false);
        } else if (failed) {
            subscriptions.setPastDue(tx.connection(), host.tenant(), a.subscriptionId(), true);
            LocalDate first = attempts.firstFailure(tx.connection(), host.tenant(), a.invoiceId()).orElse(host.today());
            Optional<LocalDate> next = Retries.nextAttempt(subscriptions.paymentRetryDays(tx.connection(), host.tenant(),
                    a.subscriptionId()), a.attemptNo(), first, host.today());
            if (next.isPresent()) {
                tally.retries(attempts.insert(tx.connection(), host.tenant(), host.nextIds(tx, "SUB_PaymentAttempt", 1),
                        List.of(new PaymentAttemptStore.New(a.subscriptionId(), a.invoiceId(), a.customerId(), Optional.empty(),
                                a.amount().amount(), currencyId, a.attemptNo() + 1, next.get()))));
            }
        }
    }

    /** Tells customers of failed charges and missing methods, each once (a failure to send is recorded). */
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
                        mailer.send(Dunning.message(customer.get().email().get(), customer.get().language(),
                                invoice.get().documentNo(), subscriptionNo, a, link));
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
