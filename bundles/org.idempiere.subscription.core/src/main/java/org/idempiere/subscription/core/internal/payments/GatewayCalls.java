package org.idempiere.subscription.core.internal.payments;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.ChargeRequest;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore.Claimed;

/**
 * A collector worker's gateway calls, outside any transaction: up to {@code parallelism} at once,
 * on threads of the worker's own, or one after another in the worker's thread when only one is
 * allowed. Each call is made under the attempt's idempotency key; an attempt whose answer
 * was unknown, or whose collector died in flight, is asked about first and charged (under the same
 * key) only when the gateway says it never saw the key. A host failure during a call is an
 * UNKNOWN answer, never a failure: money may have moved.
 */
final class GatewayCalls implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Payments payments;
    private final ExecutorService threads;

    /**
     * An attempt on its way to the gateway: a charge of {@code amount} to {@code methodId}, or,
     * when {@code ask}, a status query first.
     */
    record Call(Claimed claimed, Money amount, long methodId, boolean ask) {
        /** A call about an attempt already tried: asked about, then re-sent as it was prepared. */
        static Call ask(Claimed claimed) {
            PaymentAttempt a = claimed.stored().attempt();
            return new Call(claimed, a.amount(), a.methodId().orElseThrow(), true);
        }
    }

    /** A call's answer. */
    record Answer(Claimed claimed, ChargeResult result) {
    }

    /** @param parallelism the most calls at once; 1: in the caller's thread */
    GatewayCalls(Payments payments, int parallelism) {
        this.payments = payments;
        if (parallelism > 1) {
            int pool = POOLS.incrementAndGet();
            AtomicInteger number = new AtomicInteger();
            this.threads = Executors.newFixedThreadPool(parallelism,
                    r -> new Thread(r, "payment-gateway-" + pool + "-" + number.incrementAndGet()));
        } else {
            this.threads = null;
        }
    }

    /** Makes the calls (at once, as far as allowed) and waits for all of them. @return their answers, in order */
    List<Answer> make(List<Call> calls) {
        List<Answer> out = new ArrayList<>(calls.size());
        if (threads == null || calls.size() == 1) {
            calls.forEach(c -> out.add(new Answer(c.claimed(), answer(c))));
            return out;
        }
        List<Future<ChargeResult>> running = new ArrayList<>(calls.size());
        calls.forEach(c -> running.add(threads.submit(() -> answer(c))));
        try {
            for (int i = 0; i < calls.size(); i++) {
                out.add(new Answer(calls.get(i).claimed(), running.get(i).get()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the calls go on; their attempts stay in flight until the lease runs out
            throw SubscriptionException.hostFailure("Collecting payments interrupted", e);
        } catch (ExecutionException e) {
            throw SubscriptionException.hostFailure("A gateway call failed: " + e.getCause(), e.getCause());
        }
        return out;
    }

    private ChargeResult answer(Call c) {
        if (!c.ask()) {
            return charge(c);
        }
        // the answer was unknown, or its collector died in flight: ask, never charge blindly
        Optional<ChargeResult> known = safely(() -> payments.status(c.claimed().stored().idempotencyKey()));
        return known == null ? unknown("status query failed") : known.orElseGet(() -> charge(c));
    }

    private ChargeResult charge(Call c) {
        PaymentAttempt a = c.claimed().stored().attempt();
        ChargeRequest request = new ChargeRequest(c.claimed().stored().idempotencyKey(), a.customerId(), c.methodId(), a.invoiceId(),
                c.amount(), "Subscription invoice " + a.invoiceId() + ", attempt " + a.attemptNo());
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

    /** Lets the calls under way finish (never interrupts one) and ends the threads. */
    @Override
    public void close() {
        if (threads != null) {
            threads.shutdown();
        }
    }
}
