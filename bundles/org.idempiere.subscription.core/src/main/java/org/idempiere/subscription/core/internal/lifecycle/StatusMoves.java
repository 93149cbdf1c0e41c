package org.idempiere.subscription.core.internal.lifecycle;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.InputLimits;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionMove;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.Product;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.CloseReason;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.SubscriptionChange;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.plan.Ledger;
import org.idempiere.subscription.core.internal.plan.Lifecycle;
import org.idempiere.subscription.core.internal.plan.Schedule;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.ChangeLogStore;
import org.idempiere.subscription.core.internal.store.ChangeStore;
import org.idempiere.subscription.core.internal.store.CloseReasonStore;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;
import org.idempiere.subscription.core.internal.store.SubscriptionStore.Lock;
import org.idempiere.subscription.core.internal.store.TemplateStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The moves of a subscription's status (pause, resume, close, reactivate, notice not to renew):
 * each checked by its {@link Lifecycle}, applied with the line versions it needs ({@link Changes})
 * and its entry in the MRR ledger, in one transaction under the subscription's lock.
 */
final class StatusMoves {
    private final HostContext host;
    private final CurrencyLookup currencies;
    private final SubscriptionFactory factory;
    private final Changes changes;
    private final SubscriptionStore store = new SubscriptionStore();
    private final ChangeLogStore changeLog = new ChangeLogStore();
    private final CloseReasonStore closeReasons = new CloseReasonStore();
    private final org.idempiere.subscription.core.internal.store.BillingStore billing =
            new org.idempiere.subscription.core.internal.store.BillingStore();

    StatusMoves(HostContext host, CurrencyLookup currencies, SubscriptionFactory factory, Changes changes) {
        this.host = host;
        this.currencies = currencies;
        this.factory = factory;
        this.changes = changes;
    }

    Subscription close(long subscriptionId, Long closeReasonId, String comment) {
        return host.inTransaction(tx -> {
            String reasonName = null;
            if (closeReasonId != null) {
                reasonName = closeReasons.find(tx.connection(), host.tenant(), closeReasonId).map(CloseReason::name)
                        .orElseThrow(() -> SubscriptionException.unknown("closeReasonId", closeReasonId));
            }
            SubscriptionRecord s = loadForMove(tx, subscriptionId);
            SubscriptionMove.CLOSE.check(s.status());
            // A subscription closed before it starts churns on its start day, so the ledger never
            // shows the churn before the start.
            LocalDate date = host.today().isBefore(s.startDate()) ? s.startDate() : host.today();
            // periods served up to the day before stay billable (a lagging run, the last days in arrears)
            LocalDate next = s.status() == SubscriptionStatus.ACTIVE
                    ? Schedule.of(s.plan(), s.periodsFrom()).servedNext(s.nextInvoiceDate(), date.minusDays(1))
                    : s.nextInvoiceDate(); // paused: what was served before the pause
            store.closeServed(tx.connection(), host.tenant(), s.id(), date, closeReasonId, comment, next);
            String entry = reasonName == null ? comment : comment == null ? reasonName : reasonName + ": " + comment;
            changeLog.append(tx.connection(), host.tenant(), host.nextId(tx, "SUB_ChangeLog"), s.id(), date,
                    Ledger.churned(s.mrr(), s.currencyId(), entry));
            return load(tx, subscriptionId, Lock.NONE).orElseThrow().toView();
        });
    }

    Subscription cancelRenewal(long subscriptionId) {
        return host.inTransaction(tx -> {
            SubscriptionRecord s = loadForMove(tx, subscriptionId);
            SubscriptionMove.CANCEL_RENEWAL.check(s.status());
            Optional<org.idempiere.subscription.api.service.Term> term = s.plan().term();
            if (term.isEmpty() || !term.get().autoRenew() || s.termEndDate() == null) {
                throw SubscriptionException.invalidState("term", term.map(t -> t.periods() + " periods, not renewing").orElse("open-ended"),
                        "does not renew: " + (term.isEmpty() ? "close the subscription instead" : "it expires at its end anyway"));
            }
            if (s.dateEnds() != null) {
                throw SubscriptionException.invalidState("endsOn", s.dateEnds(), "is set already: notice not to renew was given");
            }
            Schedule schedule = Schedule.of(s.plan(), s.periodsFrom());
            LocalDate today = host.today();
            LocalDate termEnd = s.termEndDate();
            while (termEnd.isBefore(today)) { // renewals the billing run has not recorded yet
                termEnd = schedule.nextTermEnd(termEnd, term.get());
            }
            LocalDate ends = today.isAfter(termEnd.minusDays(s.noticeDays())) ? schedule.nextTermEnd(termEnd, term.get()) : termEnd;
            store.setDateEnds(tx.connection(), host.tenant(), s.id(), ends);
            return load(tx, subscriptionId, Lock.NONE).orElseThrow().toView();
        });
    }

    /**
     * Pauses today: the lines end yesterday (the days of periods billed already from today are
     * credited), the days served before stay billable by the run, MRR drops to zero.
     */
    Subscription pause(long subscriptionId) {
        return host.inTransaction(tx -> {
            SubscriptionRecord s = loadForMove(tx, subscriptionId);
            SubscriptionMove.PAUSE.check(s.status());
            LocalDate today = host.today();
            if (today.isBefore(s.startDate())) {
                throw SubscriptionException.invalidState("startDate", s.startDate(),
                        "is after today: a subscription that has not started cannot be paused (move its start, or close it)");
            }
            if (billing.billedInOtherCurrency(tx.connection(), host.tenant(), s.id(), today, s.currencyId())) {
                throw SubscriptionException.invalidState("currency", s.mrr().currency().getCurrencyCode(), "is not the currency"
                        + " the current period was invoiced in (the currency changed during it): pause from the next period");
            }
            LocalDate next = Schedule.of(s.plan(), s.periodsFrom()).servedNext(s.nextInvoiceDate(), today.minusDays(1));
            if (next == null && s.lines().stream().anyMatch(SubscriptionLine::setupFee)
                    && !billing.hasItems(tx.connection(), host.tenant(), s.id())) {
                next = s.nextInvoiceDate(); // paused on its first day before any invoice: the setup fee is still due
            }
            changes.pause(tx, s, today);
            store.pause(tx.connection(), host.tenant(), s.id(), today, next);
            changeLog.append(tx.connection(), host.tenant(), host.nextId(tx, "SUB_ChangeLog"), s.id(), today,
                    Ledger.paused(s.mrr(), s.currencyId()));
            return load(tx, subscriptionId, Lock.NONE).orElseThrow().toView();
        });
    }

    /**
     * Moves a paused or closed subscription back to ACTIVE today, with its MRR entry: its lines
     * start again today (new versions), the MRR is priced again today, and it is billed from today
     * on: the rest of the current period prorated, after any days served before a pause that are
     * still unbilled. In a period billed already, a resume charges the days from today (the pause
     * credited them); a reactivation charges nothing (the close credited nothing). A fixed term
     * that ended while it was closed is renewed up to the term that contains today.
     */
    Subscription transition(long id, SubscriptionMove move) {
        SubscriptionStatus from = move == SubscriptionMove.RESUME ? SubscriptionStatus.PAUSED : SubscriptionStatus.CLOSED;
        SubscriptionStatus to = move.to();
        return host.inTransaction(tx -> {
            SubscriptionRecord s = loadForMove(tx, id);
            Lifecycle life = lifecycle(s);
            life.check(move, host.today());
            if (from == SubscriptionStatus.CLOSED && s.plan().billing() == org.idempiere.subscription.api.BillingTiming.IN_ARREARS) {
                checkNotBilledAheadOfClose(tx, s);
            }
            if (from == SubscriptionStatus.CLOSED) {
                life.checkNothingLeftToBill();
            }
            LocalDate today = life.effectiveDay(host.today());
            Currency currency = s.mrr().currency();
            Money before = s.mrr();
            if (s.datePaused() != null) {
                changes.restart(tx, s, today);
            } else if (from == SubscriptionStatus.CLOSED) {
                changes.reopen(tx, s, s.dateClosed(), today);
            }
            s = load(tx, id, Lock.NONE).orElseThrow();
            Money after = factory.mrr(tx, s.plan(), s.priceListId(), currency, today,
                    SubscriptionRecord.recurring(s.linesForPricingAt(today)));
            Schedule schedule = Schedule.of(s.plan(), s.periodsFrom());
            LocalDate next = nextAfterRestart(tx, s, schedule, today);
            Optional<org.idempiere.subscription.api.service.Term> term = s.plan().term();
            if (from == SubscriptionStatus.CLOSED && term.isPresent() && s.termEndDate() != null && s.termEndDate().isBefore(today)) {
                LocalDate end = s.termEndDate(); // the term ended while it was closed: it starts a new one
                while (end.isBefore(today)) {
                    end = schedule.nextTermEnd(end, term.get());
                }
                store.setTermEndDates(tx.connection(), host.tenant(), java.util.Map.of(id, end));
            }
            store.changeStatus(tx.connection(), host.tenant(), id, to, next, after.amount());
            changeLog.append(tx.connection(), host.tenant(), host.nextId(tx, "SUB_ChangeLog"), id, today,
                    move == SubscriptionMove.RESUME ? Ledger.resumed(before, after, s.currencyId())
                            : Ledger.reactivated(before, after, s.currencyId()));
            return load(tx, id, Lock.NONE).orElseThrow().toView();
        });
    }

    /**
     * Refuses to reactivate an in-arrears subscription in a period a run billing ahead invoiced up to
     * its close: its days from now would go unbilled.
     */
    private void checkNotBilledAheadOfClose(Tx tx, SubscriptionRecord s) throws SQLException {
        Schedule sc = Schedule.of(s.plan(), s.periodsFrom());
        LocalDate day = host.today().isBefore(s.startDate()) ? s.startDate() : host.today();
        org.idempiere.subscription.api.ServicePeriod current = sc.periodAt(sc.indexOfPeriodContaining(day));
        boolean billedToEnd = billing.billedThrough(tx.connection(), host.tenant(), s.id(), day).stream()
                .anyMatch(p -> p.start().equals(current.start()));
        if (!billedToEnd && billing.isBilled(tx.connection(), host.tenant(), s.id(), current.start())) {
            throw SubscriptionException.invalidState("dateClosed", s.dateClosed(), "is in a period a run billing ahead"
                    + " invoiced already up to the close: reactivate from the next period, on or after "
                    + current.nextStart());
        }
    }

    /**
     * The next invoice date of a subscription served again from {@code today}: days served before a
     * pause first; else the period of today (in advance invoiced today, for its days from today),
     * unless billed already (the restart's adjustment then charged its days and billing goes on after it).
     */
    private LocalDate nextAfterRestart(Tx tx, SubscriptionRecord s, Schedule schedule, LocalDate today) throws SQLException {
        LocalDate next;
        if (s.nextInvoiceDate() != null) {
            next = s.nextInvoiceDate(); // days served before the pause first; periods all paused are skipped
        } else {
            // the period of today (in advance invoiced today, for its days from today), unless billed
            // already: then the restart's adjustment charged its days, and billing goes on after it
            List<org.idempiere.subscription.api.ServicePeriod> billed = billing.billedThrough(tx.connection(), host.tenant(), s.id(), today);
            if (!billed.isEmpty()) {
                next = schedule.invoiceDateOf(schedule.indexOfPeriodContaining(billed.get(billed.size() - 1).start()) + 1);
            } else if (s.plan().billing() == org.idempiere.subscription.api.BillingTiming.IN_ADVANCE) {
                next = today;
            } else {
                next = schedule.invoiceDateOf(schedule.indexOfPeriodContaining(today));
            }
        }
        return next;
    }

    /**
     * The subscription locked for a move of its status, after its pending change if that came due
     * (a change dated while it was active takes effect before it is paused or closed).
     */
    SubscriptionRecord loadForMove(Tx tx, long id) throws SQLException {
        SubscriptionRecord s = load(tx, id, Lock.WAIT).orElseThrow(() -> SubscriptionException.notFound("Subscription", id));
        return changes.applyDue(tx, s) ? load(tx, id, Lock.NONE).orElseThrow() : s;
    }

    /** Where {@code s} stands in its lifecycle. */
    static Lifecycle lifecycle(SubscriptionRecord s) {
        return new Lifecycle(s.status(), s.startDate(), s.dateClosed(), s.dateEnds(), s.termEndDate(),
                s.plan().term().map(t -> !t.autoRenew()).orElse(false), s.nextInvoiceDate());
    }

    private Optional<SubscriptionRecord> load(Tx tx, long id, Lock lock) throws SQLException {
        return store.find(tx.connection(), host.tenant(), id, lock, currencies.resolver(tx));
    }
}
