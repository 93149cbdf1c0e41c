package org.idempiere.subscription.core.internal.payments;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.core.internal.payments.GatewayCalls.Answer;
import org.idempiere.subscription.core.internal.plan.Retries;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore.Finish;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;

/**
 * The collector's record step, for the answers of one claim in one transaction: the attempts the
 * claim still owns are locked (one another collector took over after the lease is left to it: it
 * records the gateway's answer itself) and finished in one batch; after a success the subscription
 * is no longer past due; after a failure it is, and the next attempt of the plan's retry schedule
 * is written (unique per invoice and attempt number), counted from the invoice's first failure.
 * Past-due flags are written in subscription order. The customer's notice is sent after commit,
 * from the attempt's dunning state.
 */
final class Recording {
    private final HostContext host;
    private final PaymentAttemptStore attempts = new PaymentAttemptStore();
    private final SubscriptionStore subscriptions = new SubscriptionStore();

    Recording(HostContext host) {
        this.host = host;
    }

    /** What a record transaction finished, for the tally after commit. */
    private record Recorded(List<PaymentStatus> ended, List<Money> collected, int retries) {
    }

    /** Records the answers of one claim (one lease) in one transaction; counts them in {@code tally} after the commit. */
    void record(List<Answer> answers, Tally tally) {
        if (answers.isEmpty()) {
            return;
        }
        Recorded r = host.inTransaction(tx -> record(tx, answers));
        r.ended().forEach(tally::ended);
        r.collected().forEach(tally::collected);
        tally.retries(r.retries());
    }

    private Recorded record(Tx tx, List<Answer> answers) throws SQLException {
        Set<Long> owned = attempts.owned(tx.connection(), host.tenant(), answers.stream().map(x -> x.claimed().stored().attempt().id())
                .toList(), answers.get(0).claimed().lease());
        List<Answer> mine = answers.stream().filter(x -> owned.contains(x.claimed().stored().attempt().id())).toList();
        boolean[] finished = attempts.finish(tx.connection(), host.tenant(), mine.stream().map(Recording::finish).toList());
        Recorded out = new Recorded(new ArrayList<>(), new ArrayList<>(), 0);
        Map<Long, Boolean> pastDue = new LinkedHashMap<>();
        int retries = 0;
        for (int i = 0; i < mine.size(); i++) {
            if (!finished[i]) {
                continue; // another collector finished it after this one's lease ran out
            }
            PaymentAttempt a = mine.get(i).claimed().stored().attempt();
            PaymentStatus status = mine.get(i).status();
            out.ended().add(status);
            if (status == PaymentStatus.SUCCEEDED) {
                out.collected().add(a.amount());
                pastDue.put(a.subscriptionId(), false);
            } else if (followedUp(mine.get(i))) {
                pastDue.put(a.subscriptionId(), true);
                retries += retry(tx, a, mine.get(i).claimed().stored().currencyId());
            }
        }
        subscriptions.setPastDue(tx.connection(), host.tenant(), pastDue);
        return new Recorded(out.ended(), out.collected(), retries);
    }

    /** A failure followed by the retry schedule, the past-due flag and a notice (not an unknown answer handed to the seller). */
    private static boolean followedUp(Answer x) {
        return (x.status() == PaymentStatus.DECLINED || x.status() == PaymentStatus.ERRORED) && x.followUp();
    }

    private static Finish finish(Answer x) {
        ChargeResult r = x.result();
        return new Finish(x.claimed().stored().attempt().id(), x.status(), r.paymentId(), r.reference(), r.code(), r.message(),
                followedUp(x));
    }

    /**
     * Writes the next attempt after a failure, if the plan's schedule has one and the subscription
     * is not closed (closing stops the dunning). @return how many were written (0 or 1)
     */
    private int retry(Tx tx, PaymentAttempt a, long currencyId) throws SQLException {
        LocalDate first = attempts.firstFailure(tx.connection(), host.tenant(), a.invoiceId()).orElse(host.today());
        Optional<LocalDate> next = Retries.nextAttempt(subscriptions.paymentRetryDays(tx.connection(), host.tenant(),
                a.subscriptionId()), a.attemptNo(), first, host.today());
        if (next.isEmpty()) {
            return 0;
        }
        return attempts.insert(tx.connection(), host.tenant(), host.nextIds(tx, "SUB_PaymentAttempt", 1),
                List.of(new PaymentAttemptStore.New(a.subscriptionId(), a.invoiceId(), a.customerId(), Optional.empty(),
                        a.amount().amount(), currencyId, a.attemptNo() + 1, next.get())));
    }
}
