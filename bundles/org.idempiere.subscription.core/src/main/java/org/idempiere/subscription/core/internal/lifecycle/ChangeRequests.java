package org.idempiere.subscription.core.internal.lifecycle;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.ChangeStatus;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.InputLimits;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceDraft;
import org.idempiere.subscription.api.host.InvoiceLineDraft;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.PostedInvoice;
import org.idempiere.subscription.api.host.Product;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.SubscriptionChange;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.plan.PriceBook;
import org.idempiere.subscription.core.internal.plan.Repair;
import org.idempiere.subscription.core.internal.plan.Schedule;
import org.idempiere.subscription.core.internal.plan.Timeline;
import org.idempiere.subscription.core.internal.pricing.PricedLine;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.BillingStore;
import org.idempiere.subscription.core.internal.store.ChangeLogStore;
import org.idempiere.subscription.core.internal.store.ChangeStore;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;
import org.idempiere.subscription.core.internal.store.SubscriptionStore.Lock;
import org.idempiere.subscription.core.internal.store.TemplateStore;

/**
 * Takes a change of a subscription's lines or plan: checks it against the subscription as it will
 * be on the day (after the changes pending before it), the plan's timing and the customer's
 * permissions, stores it, and applies it at once when it takes effect today; cancels a pending one.
 */
final class ChangeRequests {
    private final HostContext host;
    private final Catalog catalog;
    private final Invoicing invoicing;
    private final CurrencyLookup currencies;
    private final SubscriptionStore store = new SubscriptionStore();
    private final TemplateStore templates = new TemplateStore();
    private final ChangeStore changes = new ChangeStore();
    private final BillingStore billing = new BillingStore();
    private final ChangeApplier applier;
    private final LineChecks lineChecks;

    private final Settlement settlement;

    ChangeRequests(HostContext host, Catalog catalog, Invoicing invoicing, CurrencyLookup currencies, ChangeApplier applier,
            Settlement settlement) {
        this.settlement = settlement;
        this.host = host;
        this.catalog = catalog;
        this.invoicing = invoicing;
        this.currencies = currencies;
        this.applier = applier;
        this.lineChecks = new LineChecks(catalog);
    }

    /** Checks and stores a change; applies it at once when it takes effect today. */
    SubscriptionChange request(Tx tx, long subscriptionId, ChangeDraft draft, boolean byCustomer) throws SQLException {
        SubscriptionRecord locked = load(tx, subscriptionId, Lock.WAIT)
                .orElseThrow(() -> SubscriptionException.notFound("Subscription", subscriptionId));
        // pending changes whose day has come apply first: this one follows them
        SubscriptionRecord s = applier.applyDue(tx, locked, false) ? load(tx, subscriptionId, Lock.NONE).orElseThrow() : locked;
        Checked c = check(tx, s, draft, byCustomer);
        return store(tx, s, c.effective(), draft.templateId(), c.lines(), c.switching());
    }

    /** A change as checked: its day, its line changes (a plan change's lines included), whether it switches recurrence. */
    record Checked(LocalDate effective, List<LineChange> lines, boolean switching) {
    }

    /**
     * What a change would do, computed without writing anything: the subscription after its
     * pending changes up to the change's day ({@code before}), after the change ({@code after}),
     * and the lines of the adjustment invoice it would post on its day for periods billed already.
     * Pending changes whose day has come are expected applied (the caller applies them first, as a
     * request does).
     */
    Changes.Projection project(Tx tx, Changes.Current current, Optional<Template> plan, ChangeDraft draft, boolean byCustomer)
            throws SQLException {
        SubscriptionRecord s = current.subscription();
        Template template = plan.isPresent() && plan.get().id() == s.templateId() ? plan.get() : template(tx, s);
        Checked c = check(tx, s, template, draft, byCustomer, current.pending());
        SubscriptionRecord before = applier.withPending(tx, s, c.effective(), current.pending());
        SubscriptionChange change = new SubscriptionChange(0, s.id(), c.effective(), ChangeStatus.PENDING, draft.templateId(),
                Optional.empty(), BigDecimal.ZERO, Optional.empty());
        long[] provisional = {-1_000_000}; // apart from the ids withPending gave its provisional versions
        SubscriptionRecord switched = c.switching() ? before.withRecurrenceChange(c.effective()) : before;
        ChangeApplier.Projected p = applier.project(tx, switched, new ChangeStore.Stored(change, c.lines()),
                () -> provisional[0]--);
        List<Money> mrr = applier.mrrOn(tx, List.of(before, p.after()), c.effective()); // priced together
        return new Changes.Projection(before, p.after(), c.effective(), draft.templateId(),
                settlement.adjustments(tx, before, c.effective(), p.versions().ended(), p.versions().started()),
                mrr.get(0), mrr.get(1));
    }

    private Template template(Tx tx, SubscriptionRecord s) throws SQLException {
        return templates.find(tx.connection(), host.tenant(), s.templateId())
                .orElseThrow(() -> SubscriptionException.unknown("templateId", s.templateId()));
    }

    /** {@link #check(Tx, SubscriptionRecord, Template, ChangeDraft, boolean, List)}, reading the plan and pending changes. */
    private Checked check(Tx tx, SubscriptionRecord s, ChangeDraft draft, boolean byCustomer) throws SQLException {
        org.idempiere.subscription.api.SubscriptionMove.CHANGE.check(s.status());
        return check(tx, s, template(tx, s), draft, byCustomer, changes.pendingOf(tx.connection(), host.tenant(), s.id()));
    }

    /** Checks a change of {@code s} (as it is now, due changes applied) against its status, plan, pending changes and lines. */
    private Checked check(Tx tx, SubscriptionRecord s, Template current, ChangeDraft draft, boolean byCustomer,
            List<SubscriptionChange> pendingOf) throws SQLException {
        org.idempiere.subscription.api.SubscriptionMove.CHANGE.check(s.status());
        Pending pending = pending(tx, s, pendingOf);
        List<SubscriptionChange> pendingChanges = pending.changes();
        LocalDate lastPending = pending.last();
        checkRequest(s, current, draft, byCustomer);
        LocalDate effective = effectiveDate(s, current.changeTiming(), draft);
        checkDay(tx, s, effective, lastPending);
        Optional<Template> newPlan = Optional.empty();
        if (draft.templateId().isPresent()) {
            long id = draft.templateId().get();
            Template t = templates.find(tx.connection(), host.tenant(), id, true)
                    .orElseThrow(() -> SubscriptionException.unknown("templateId", id));
            if (id == s.templateId()) {
                throw SubscriptionException.invalid("templateId", id, "is the subscription's plan already");
            }
            if (byCustomer && t.customer().permission() == org.idempiere.subscription.api.CustomerPermission.NONE) {
                throw SubscriptionException.invalid("templateId", id, "is not a plan customers may choose themselves"
                        + " (its customer permission is NONE): ask the seller");
            }
            if (!t.recurrence().equals(s.plan().recurrence())) {
                effective = recurrenceChangeDay(tx, s, t, draft, pendingChanges, effective);
            }
            newPlan = Optional.of(t);
        }
        List<LineChange> lines = draft.lines();
        if (lines.isEmpty()) {
            if (newPlan.isEmpty()) {
                throw SubscriptionException.required("lines");
            }
            if (!pendingChanges.isEmpty()) {
                throw SubscriptionException.invalidState("templateId", newPlan.get().id(), "replaces the lines, which the pending"
                        + " change on " + lastPending + " changes: let it apply (or cancel it) first");
            }
            lines = planLines(s, effective, newPlan.get());
        }
        // a customer changes lines as they are on the day, and not those a pending change updates:
        // the plan's permission is checked against that version (CustomerRules)
        Map<Integer, LocalDate> untouchable = new HashMap<>(pending.removed());
        if (byCustomer) {
            untouchable.putAll(pending.updated());
        }
        lineChecks.check(tx, s, effective, lines, untouchable, pending.recurring(), !byCustomer);
        boolean switching = newPlan.isPresent() && !newPlan.get().recurrence().equals(s.plan().recurrence());
        return new Checked(effective, lines, switching);
    }

    /**
     * Stores a checked change and applies it at once when it is due today (a change of recurrence
     * only once the periods before it are billed).
     */
    private SubscriptionChange store(Tx tx, SubscriptionRecord s, LocalDate effective, Optional<Long> templateId,
            List<LineChange> lines, boolean switching) throws SQLException {
        long id = host.nextId(tx, "SUB_Change");
        changes.insert(tx.connection(), host.tenant(), id, s.id(), effective, templateId, lines,
                host.nextIds(tx, "SUB_ChangeLine", lines.size()));
        if (switching) {
            store.setRecurrenceChange(tx.connection(), host.tenant(), s.id(), effective); // billing stops before it meanwhile
        }
        // due today it applies at once; a change of recurrence only once the periods before it are billed
        if (!effective.isAfter(host.today()) && (!switching || effective.equals(s.nextInvoiceDate()))) {
            // as stored now: a change of recurrence is recognised by the day just recorded
            SubscriptionRecord stored = switching ? load(tx, s.id(), Lock.NONE).orElseThrow() : s;
            applier.apply(tx, stored, changes.lockPending(tx.connection(), host.tenant(), id).orElseThrow());
        }
        return changes.ofSubscription(tx.connection(), host.tenant(), s.id()).stream().filter(c -> c.id() == id)
                .findFirst().orElseThrow();
    }

    /** Refuses what a request may never do: a customer's plan change with lines, any change while a recurrence switch is pending. */
    private static void checkRequest(SubscriptionRecord s, Template current, ChangeDraft draft, boolean byCustomer) {
        if (byCustomer) {
            CustomerRules.check(current.customer(), s.lines(), draft);
            if (draft.templateId().isPresent() && !draft.lines().isEmpty()) {
                throw SubscriptionException.invalid("lines", draft.lines().size() + " change(s)",
                        "go with a plan change by the customer: the new plan's lines come with it, give templateId alone");
            }
        }
        if (s.recurrenceChange() != null) {
            throw SubscriptionException.invalidState("recurrenceChangeDate", s.recurrenceChange(), "is when the pending plan"
                    + " change to another recurrence replaces the lines: request changes after it (or cancel it)");
        }
    }

    /**
     * The changes pending already, which a new one follows: the lines they remove and update (by
     * line number, with their day), how many recurring lines they add net, the last one's day.
     */
    private record Pending(List<SubscriptionChange> changes, Map<Integer, LocalDate> removed, Map<Integer, LocalDate> updated,
            int recurring, LocalDate last) {
    }

    private Pending pending(Tx tx, SubscriptionRecord s, List<SubscriptionChange> pendingChanges) throws SQLException {
        Map<Integer, LocalDate> removed = new HashMap<>();
        Map<Integer, LocalDate> updated = new HashMap<>();
        int recurring = 0;
        LocalDate last = null;
        for (SubscriptionChange p : pendingChanges) {
            last = p.effectiveDate();
            for (LineChange lc : changes.stored(tx.connection(), host.tenant(), p.id()).orElseThrow().lines()) {
                if (lc instanceof LineChange.Update u) {
                    s.lines().stream().filter(l -> l.id() == u.lineId()).findFirst()
                            .ifPresent(l -> updated.put(l.line(), p.effectiveDate()));
                } else if (lc instanceof LineChange.Remove r) {
                    s.lines().stream().filter(l -> l.id() == r.lineId()).findFirst()
                            .ifPresent(l -> removed.put(l.line(), p.effectiveDate()));
                    recurring--;
                } else if (lc instanceof LineChange.Add a && !a.line().setupFee()) {
                    recurring++;
                }
            }
        }
        return new Pending(pendingChanges, removed, updated, recurring, last);
    }

    /** The day of a change follows the pending ones and the last applied, lies within service and in one currency. */
    private void checkDay(Tx tx, SubscriptionRecord s, LocalDate effective, LocalDate lastPending) throws SQLException {
        if (lastPending != null && effective.isBefore(lastPending)) {
            throw SubscriptionException.invalid("effectiveDate", effective, "is before the subscription's pending change on "
                    + lastPending + ": changes follow one another (cancel that one first)");
        }
        Optional<LocalDate> lastChange = s.lines().stream().flatMap(l -> l.validFrom().stream()).max(LocalDate::compareTo);
        if (lastChange.isPresent() && effective.isBefore(lastChange.get())) {
            throw SubscriptionException.invalid("effectiveDate", effective, "is before the subscription's last change, on "
                    + lastChange.get() + ": changes follow one another");
        }
        Optional<LocalDate> end = ChangeApplier.endOfService(s);
        if (end.isPresent() && effective.isAfter(end.get())) {
            throw SubscriptionException.invalid("effectiveDate", effective, "is after the subscription ends, on " + end.get());
        }
        if (billing.billedInOtherCurrency(tx.connection(), host.tenant(), s.id(), effective, s.currencyId())) {
            throw SubscriptionException.invalid("effectiveDate", effective, "falls into a period invoiced in another currency"
                    + " before the subscription's currency changed: date the change from the next period");
        }
    }

    /**
     * The day a plan change to another recurrence takes effect: the first day of a period, on or
     * after {@code asked} (periods are counted from it afterwards). Taken for a subscription billed
     * in advance, open-ended, with no other change pending, whose periods from that day are not
     * billed yet, with the new plan's default lines.
     */
    private LocalDate recurrenceChangeDay(Tx tx, SubscriptionRecord s, Template t, ChangeDraft draft,
            List<SubscriptionChange> pendingChanges, LocalDate asked) throws SQLException {
        String rhythm = "bills every " + t.recurrence().every() + " " + t.recurrence().unit() + ", the subscription every "
                + s.plan().recurrence().every() + " " + s.plan().recurrence().unit();
        if (s.plan().billing() != org.idempiere.subscription.api.BillingTiming.IN_ADVANCE) {
            throw SubscriptionException.invalid("templateId", t.id(), rhythm + ": a change of recurrence is taken for"
                    + " subscriptions billed in advance (close this one and start another)");
        }
        if (s.plan().term().isPresent()) {
            throw SubscriptionException.invalid("templateId", t.id(), rhythm + ": a subscription with a fixed term keeps its"
                    + " recurrence (its term counts periods)");
        }
        if (!draft.lines().isEmpty()) {
            throw SubscriptionException.invalid("lines", draft.lines().size() + " change(s)", "go with a change of recurrence:"
                    + " the new plan's default lines replace the lines, give templateId alone");
        }
        if (!pendingChanges.isEmpty()) {
            throw SubscriptionException.invalidState("templateId", t.id(), "changes the recurrence, and the change pending on "
                    + pendingChanges.get(pendingChanges.size() - 1).effectiveDate() + " must apply (or be cancelled) first");
        }
        Schedule schedule = Schedule.of(s.plan(), s.periodsFrom());
        long k = schedule.indexOfPeriodContaining(asked);
        if (!schedule.periodAt(k).start().equals(asked)) {
            k++;
        }
        while (billing.isBilled(tx.connection(), host.tenant(), s.id(), schedule.periodAt(k).start())
                && !schedule.periodAt(k).start().isAfter(host.today())) {
            k++; // a period that started today and was billed already: the next one
        }
        LocalDate day = schedule.periodAt(k).start();
        if (!billing.billedThrough(tx.connection(), host.tenant(), s.id(), day).isEmpty()) {
            throw SubscriptionException.invalidState("effectiveDate", day, "starts a period invoiced already (billed ahead):"
                    + " a change of recurrence takes effect where nothing is billed yet");
        }
        return day;
    }


    /** The day asked for (today by default), moved to the next period's start for a NEXT_PERIOD plan. */
    private LocalDate effectiveDate(SubscriptionRecord s, ChangeTiming timing, ChangeDraft draft) {
        LocalDate today = host.today();
        LocalDate asked = draft.effectiveDate().orElse(today);
        if (asked.isBefore(today)) {
            throw SubscriptionException.invalid("effectiveDate", asked, "is in the past: a change takes effect today or later");
        }
        LocalDate from = asked.isBefore(s.startDate()) ? s.startDate() : asked;
        if (timing == ChangeTiming.IMMEDIATE) {
            return from;
        }
        Schedule schedule = Schedule.of(s.plan(), s.periodsFrom());
        long k = schedule.indexOfPeriodContaining(from);
        Optional<org.idempiere.subscription.api.service.Term> term = s.plan().term();
        if (timing == ChangeTiming.AT_RENEWAL && term.isPresent() && s.termEndDate() != null) {
            if (schedule.termStartOf(k, term.get()).equals(from)) {
                return from;
            }
            LocalDate end = schedule.firstTermEnd(term.get()); // from the schedule: a run billing ahead may have renewed already
            while (end.isBefore(from)) {
                end = schedule.nextTermEnd(end, term.get());
            }
            return end.plusDays(1);
        }
        return schedule.periodAt(k).start().equals(from) ? from : schedule.periodAt(k + 1).start();
    }


    /** A plan change without line changes: the recurring lines valid on the day give way to the plan's default lines. */
    private static List<LineChange> planLines(SubscriptionRecord s, LocalDate effective, Template plan) {
        List<LineChange> out = new ArrayList<>();
        for (SubscriptionLine l : s.lines()) {
            if (!l.setupFee() && l.validOn(effective)) {
                out.add(new LineChange.Remove(l.id()));
            }
        }
        for (LineDraft d : plan.lines()) {
            if (!d.setupFee()) { // a plan change is not a new sale: no setup fee again
                out.add(new LineChange.Add(d));
            }
        }
        return out;
    }


    /**
     * Cancels a subscription's pending change (by the seller).
     *
     * @throws SubscriptionException NOT_FOUND unless it is a change of that subscription;
     *         INVALID_STATE naming {@code status} unless it is pending
     */
    SubscriptionChange cancel(Tx tx, long subscriptionId, long changeId) throws SQLException {
        load(tx, subscriptionId, Lock.WAIT); // the subscription first, then its change: the order every path takes
        SubscriptionChange change = changes.ofSubscription(tx.connection(), host.tenant(), subscriptionId).stream()
                .filter(c -> c.id() == changeId).findFirst()
                .orElseThrow(() -> SubscriptionException.notFound("Change", changeId));
        if (change.status() != ChangeStatus.PENDING) {
            throw SubscriptionException.invalidState("status", change.status(), "cannot be cancelled: only a PENDING change can");
        }
        if (changes.lockPending(tx.connection(), host.tenant(), changeId).isEmpty()) {
            throw SubscriptionException.invalidState("status", change.status(),
                    "is being applied by a billing run right now; look again in a moment");
        }
        changes.finish(tx.connection(), host.tenant(), changeId, ChangeStatus.CANCELLED, null, BigDecimal.ZERO,
                "Cancelled before its day");
        return changes.ofSubscription(tx.connection(), host.tenant(), subscriptionId).stream().filter(c -> c.id() == changeId)
                .findFirst().orElseThrow();
    }


    private Optional<SubscriptionRecord> load(Tx tx, long id, Lock lock) throws SQLException {
        return store.find(tx.connection(), host.tenant(), id, lock, currencies.resolver(tx));
    }
}
