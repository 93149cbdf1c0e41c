package org.idempiere.subscription.core.internal.payments;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.LocalDate;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.ChargeRequest;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.core.internal.plan.Retries;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore.Claimed;

/**
 * A collector worker's gateway calls, outside any transaction: up to {@code parallelism} at once,
 * on threads of the worker's own, or one after another in the worker's thread when only one is
 * allowed. Each call is made under the attempt's idempotency key; an attempt whose answer
 * was unknown, or whose collector died in flight, is asked about first and charged (under the same
 * key) only when the gateway says it never saw the key, and only after the invoice's open amount
 * is read again: nothing open ends it CANCELLED, less open than the attempt ERRORED (its retry
 * charges what is open). A host failure during a call ({@code HOST_FAILURE}, or anything but a
 * {@link SubscriptionException}) is an UNKNOWN answer, never a failure: money may have moved. A
 * host's refusal (any other {@link SubscriptionException}: the method removed, the invoice paid,
 * the amount more than is open) is checked before anything moves: ERRORED, or CANCELLED when
 * nothing is open any more — never UNKNOWN, which would ask and re-send it at every collection.
 * An answer still unknown {@link Retries#unknownEscalates the plan's days} after the attempt's due
 * day ends ERRORED for the seller to resolve, without a retry or a notice (decision 0043).
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

    /**
     * A call's answer and the state it ends the attempt in.
     *
     * @param followUp whether a failure is followed by the retry schedule and a notice to the
     *                 customer (a gateway's failure or a host's refusal); not an unknown answer
     *                 escalated to the seller
     */
    record Answer(Claimed claimed, ChargeResult result, PaymentStatus status, boolean followUp) {
        /** The gateway's (or the host's) answer, its state as {@link Retries#statusOf} says. */
        static Answer of(Claimed claimed, ChargeResult result) {
            return new Answer(claimed, result, Retries.statusOf(result.outcome()), true);
        }
    }

    private final HostContext host;
    private final LocalDate today;
    private final int unknownDays;

    /**
     * @param parallelism the most calls at once; 1: in the caller's thread
     * @param unknownDays days after its due day an attempt's answer may stay unknown ({@link Retries#unknownEscalates})
     */
    GatewayCalls(HostContext host, Payments payments, int parallelism, int unknownDays) {
        this.host = host;
        this.payments = payments;
        this.today = host.today();
        this.unknownDays = unknownDays;
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
            calls.forEach(c -> out.add(answer(c)));
            return out;
        }
        List<Future<Answer>> running = new ArrayList<>(calls.size());
        calls.forEach(c -> running.add(threads.submit(() -> answer(c))));
        try {
            for (int i = 0; i < calls.size(); i++) {
                out.add(running.get(i).get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the calls go on; their attempts stay in flight until the lease runs out
            throw SubscriptionException.hostFailure("Collecting payments interrupted", e);
        } catch (ExecutionException e) {
            throw SubscriptionException.hostFailure("A gateway call failed: " + e.getCause(), e.getCause());
        }
        return out;
    }

    private Answer answer(Call c) {
        if (!c.ask()) {
            return charge(c);
        }
        // the answer was unknown, or its collector died in flight: ask, never charge blindly
        Optional<ChargeResult> known;
        try {
            known = payments.status(c.claimed().stored().idempotencyKey());
        } catch (RuntimeException e) {
            warn(e);
            return stillUnknown(c, unknown("status query failed"));
        }
        if (known.isPresent()) {
            return known.get().isFinal() ? Answer.of(c.claimed(), known.get()) : stillUnknown(c, known.get());
        }
        // the gateway never saw the key: sent again under it, if the invoice still has that much open
        Optional<Answer> changed = openChanged(c, Optional.empty());
        if (changed.isPresent()) {
            return changed.get();
        }
        Answer sent = charge(c);
        return sent.status() == PaymentStatus.UNKNOWN ? stillUnknown(c, sent.result()) : sent;
    }

    private Answer charge(Call c) {
        PaymentAttempt a = c.claimed().stored().attempt();
        ChargeRequest request = new ChargeRequest(c.claimed().stored().idempotencyKey(), a.customerId(), c.methodId(), a.invoiceId(),
                c.amount(), "Subscription invoice " + a.invoiceId() + ", attempt " + a.attemptNo());
        try {
            return Answer.of(c.claimed(), payments.charge(request));
        } catch (SubscriptionException e) {
            if (e.code() == ErrorCode.HOST_FAILURE) {
                warn(e); // a host failure may have moved money: unknown, so that the next collector asks instead of charging again
                return Answer.of(c.claimed(), unknown("the charge failed without an answer"));
            }
            // refused before anything moved: nothing open any more, or a failure to follow up (never asked about again)
            return openChanged(c, Optional.of(e)).orElseGet(() -> new Answer(c.claimed(), failure("refused",
                    "The host refused the charge: " + e.getMessage()), PaymentStatus.ERRORED, true));
        } catch (RuntimeException e) {
            warn(e);
            return Answer.of(c.claimed(), unknown("the charge failed without an answer"));
        }
    }

    /**
     * Reads the invoice's open amount again (in a transaction of its own): nothing open ends the
     * attempt CANCELLED; less open than the attempt's amount ERRORED (its retry is prepared with
     * what is open); a host that cannot answer after it refused the charge: ERRORED.
     *
     * @param refusal the host's refusal of the charge, if it refused
     * @return the answer to record; empty when the charge may be (or was rightly) sent as it is
     */
    private Optional<Answer> openChanged(Call c, Optional<SubscriptionException> refusal) {
        PaymentAttempt a = c.claimed().stored().attempt();
        String refused = refusal.map(e -> "The host refused the charge (" + e.getMessage() + "); ").orElse("");
        Optional<Money> open;
        try {
            open = host.inTransaction(tx -> payments.openAmount(tx, a.invoiceId()));
        } catch (RuntimeException e) {
            warn(e);
            return refusal.isEmpty() ? Optional.of(Answer.of(c.claimed(), unknown("reading the open amount failed")))
                    : Optional.of(new Answer(c.claimed(), failure("refused", refused + "the open amount could not be read"),
                            PaymentStatus.ERRORED, true));
        }
        if (open.isEmpty() || open.get().amount().signum() <= 0) {
            return Optional.of(new Answer(c.claimed(), failure("nothing_open", refused + "Nothing open: the invoice is paid"),
                    PaymentStatus.CANCELLED, false));
        }
        if (open.get().amount().compareTo(c.amount().amount()) < 0) {
            return Optional.of(new Answer(c.claimed(), failure("open_amount_changed", refused + "The invoice has "
                    + open.get().amount().toPlainString() + " open, less than the attempt's " + c.amount().amount().toPlainString()
                    + ": the next attempt charges what is open"), PaymentStatus.ERRORED, true));
        }
        return refusal.map(e -> new Answer(c.claimed(), failure("refused", refused.substring(0, refused.length() - 2)),
                PaymentStatus.ERRORED, true));
    }

    /** An answer still unknown: asked about again later, or, once it is too old, ERRORED for the seller to resolve. */
    private Answer stillUnknown(Call c, ChargeResult answer) {
        PaymentAttempt a = c.claimed().stored().attempt();
        if (!Retries.unknownEscalates(a.dueOn(), today, unknownDays)) {
            return Answer.of(c.claimed(), answer);
        }
        return new Answer(c.claimed(), new ChargeResult(ChargeResult.Outcome.ERRORED, answer.paymentId(), answer.reference(),
                Optional.of(Retries.UNKNOWN_ESCALATED), Retries.unknownEscalatedMessage(a.dueOn(), unknownDays,
                        c.claimed().stored().idempotencyKey())), PaymentStatus.ERRORED, false);
    }

    private static ChargeResult unknown(String why) {
        return new ChargeResult(ChargeResult.Outcome.UNKNOWN, Optional.empty(), Optional.empty(), Optional.empty(), why);
    }

    private static ChargeResult failure(String code, String why) {
        return new ChargeResult(ChargeResult.Outcome.ERRORED, Optional.empty(), Optional.empty(), Optional.of(code), why);
    }

    private static void warn(RuntimeException e) {
        System.getLogger(Collector.class.getName()).log(System.Logger.Level.WARNING, "Gateway call failed", e);
    }

    /** Lets the calls under way finish (never interrupts one) and ends the threads. */
    @Override
    public void close() {
        if (threads != null) {
            threads.shutdown();
        }
    }
}
