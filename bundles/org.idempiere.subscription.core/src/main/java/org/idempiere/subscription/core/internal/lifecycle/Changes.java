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
import org.idempiere.subscription.core.internal.billing.Schedule;
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
 * Changes of a subscription's lines or plan on a day: checked and stored when asked for, applied
 * on their day (at once when that is today, else by the billing run), always in the caller's
 * transaction.
 *
 * <p>Applying a change on day D: every line it ends is valid up to D − 1, every line it starts
 * from D (an update does both: the line's old version ends, its new version starts), so billing a
 * period that D splits charges each version for its own days, prorated
 * ({@link org.idempiere.subscription.core.internal.pricing.LinePricing#prorate}). The MRR is priced
 * again on D, with an EXPANSION or CONTRACTION entry in the ledger. Periods already invoiced that
 * reach D or later get one adjustment invoice dated D: for each such period a credit for the days
 * from D of every ended line and a charge for the same days of every started line, each priced as
 * the period was (on its invoice date) and prorated over the whole period, so a credit never
 * exceeds what was billed for that line and period. A setup fee started by a change is charged in
 * full with the period D falls in.
 */
public final class Changes {
    private final HostContext host;
    private final Catalog catalog;
    private final Invoicing invoicing;
    private final CurrencyLookup currencies;
    private final Pricer pricer;
    private final SubscriptionFactory factory;
    private final SubscriptionStore store = new SubscriptionStore();
    private final TemplateStore templates = new TemplateStore();
    private final ChangeStore changes = new ChangeStore();
    private final ChangeLogStore changeLog = new ChangeLogStore();
    private final BillingStore billing = new BillingStore();
    private final org.idempiere.subscription.core.internal.store.InvoiceMailStore mails =
            new org.idempiere.subscription.core.internal.store.InvoiceMailStore();

    public Changes(HostContext host, Catalog catalog, Invoicing invoicing, CurrencyLookup currencies) {
        this.host = host;
        this.catalog = catalog;
        this.invoicing = invoicing;
        this.currencies = currencies;
        this.pricer = new Pricer(catalog);
        this.factory = new SubscriptionFactory(host, pricer);
    }

    /** Checks and stores a change; applies it at once when it takes effect today. */
    SubscriptionChange request(Tx tx, long subscriptionId, ChangeDraft draft, boolean byCustomer) throws SQLException {
        SubscriptionRecord locked = load(tx, subscriptionId, Lock.WAIT)
                .orElseThrow(() -> SubscriptionException.notFound("Subscription", subscriptionId));
        // pending changes whose day has come apply first: this one follows them
        SubscriptionRecord s = applyDue(tx, locked, false) ? load(tx, subscriptionId, Lock.NONE).orElseThrow() : locked;
        if (s.status() != SubscriptionStatus.ACTIVE) {
            throw SubscriptionException.invalidState("status", s.status(), "cannot be changed: only an ACTIVE subscription can");
        }
        // changes pending already: this one follows them, and does not touch a line they remove (a
        // line they update it may update again: it then changes that line's new version); lines by number
        Map<Integer, LocalDate> removedByPending = new HashMap<>();
        Map<Integer, LocalDate> updatedByPending = new HashMap<>();
        int pendingRecurring = 0;
        LocalDate lastPending = null;
        List<SubscriptionChange> pendingChanges = changes.pendingOf(tx.connection(), host.tenant(), s.id());
        for (SubscriptionChange p : pendingChanges) {
            lastPending = p.effectiveDate();
            for (LineChange lc : changes.stored(tx.connection(), host.tenant(), p.id()).orElseThrow().lines()) {
                if (lc instanceof LineChange.Update u) {
                    s.lines().stream().filter(l -> l.id() == u.lineId()).findFirst()
                            .ifPresent(l -> updatedByPending.put(l.line(), p.effectiveDate()));
                } else if (lc instanceof LineChange.Remove r) {
                    s.lines().stream().filter(l -> l.id() == r.lineId()).findFirst()
                            .ifPresent(l -> removedByPending.put(l.line(), p.effectiveDate()));
                    pendingRecurring--;
                } else if (lc instanceof LineChange.Add a && !a.line().setupFee()) {
                    pendingRecurring++;
                }
            }
        }
        Template current = templates.find(tx.connection(), host.tenant(), s.templateId())
                .orElseThrow(() -> SubscriptionException.unknown("templateId", s.templateId()));
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
        LocalDate effective = effectiveDate(s, current.changeTiming(), draft);
        if (lastPending != null && effective.isBefore(lastPending)) {
            throw SubscriptionException.invalid("effectiveDate", effective, "is before the subscription's pending change on "
                    + lastPending + ": changes follow one another (cancel that one first)");
        }
        Optional<LocalDate> lastChange = s.lines().stream().flatMap(l -> l.validFrom().stream()).max(LocalDate::compareTo);
        if (lastChange.isPresent() && effective.isBefore(lastChange.get())) {
            throw SubscriptionException.invalid("effectiveDate", effective, "is before the subscription's last change, on "
                    + lastChange.get() + ": changes follow one another");
        }
        Optional<LocalDate> end = endOfService(s);
        if (end.isPresent() && effective.isAfter(end.get())) {
            throw SubscriptionException.invalid("effectiveDate", effective, "is after the subscription ends, on " + end.get());
        }
        if (billing.billedInOtherCurrency(tx.connection(), host.tenant(), s.id(), effective, s.currencyId())) {
            throw SubscriptionException.invalid("effectiveDate", effective, "falls into a period invoiced in another currency"
                    + " before the subscription's currency changed: date the change from the next period");
        }
        Optional<Template> newPlan = Optional.empty();
        if (draft.templateId().isPresent()) {
            long id = draft.templateId().get();
            Template t = templates.find(tx.connection(), host.tenant(), id, true)
                    .orElseThrow(() -> SubscriptionException.unknown("templateId", id));
            if (id == s.templateId()) {
                throw SubscriptionException.invalid("templateId", id, "is the subscription's plan already");
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
        Map<Integer, LocalDate> untouchable = new HashMap<>(removedByPending);
        if (byCustomer) {
            untouchable.putAll(updatedByPending);
        }
        check(tx, s, effective, lines, untouchable, pendingRecurring, !byCustomer);
        long id = host.nextId(tx, "SUB_Change");
        changes.insert(tx.connection(), host.tenant(), id, s.id(), effective, draft.templateId(), lines,
                host.nextIds(tx, "SUB_ChangeLine", lines.size()));
        boolean switching = newPlan.isPresent() && !newPlan.get().recurrence().equals(s.plan().recurrence());
        if (switching) {
            store.setRecurrenceChange(tx.connection(), host.tenant(), s.id(), effective); // billing stops before it meanwhile
        }
        // due today it applies at once; a change of recurrence only once the periods before it are billed
        if (!effective.isAfter(host.today()) && (!switching || effective.equals(s.nextInvoiceDate()))) {
            // as stored now: a change of recurrence is recognised by the day just recorded
            SubscriptionRecord stored = switching ? load(tx, s.id(), Lock.NONE).orElseThrow() : s;
            apply(tx, stored, changes.lockPending(tx.connection(), host.tenant(), id).orElseThrow());
        }
        return changes.ofSubscription(tx.connection(), host.tenant(), s.id()).stream().filter(c -> c.id() == id)
                .findFirst().orElseThrow();
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

    /** A change of recurrence on {@code day} of an active subscription whose periods before it are not all billed yet. */
    private static boolean waitsForBilling(SubscriptionRecord s, LocalDate day) {
        return s.status() == SubscriptionStatus.ACTIVE && day.equals(s.recurrenceChange()) && !day.equals(s.nextInvoiceDate());
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

    /** Every line change names a line valid on the day, once; the numbers are in range; a recurring line remains. */
    private void check(Tx tx, SubscriptionRecord s, LocalDate effective, List<LineChange> lines, Map<Integer, LocalDate> removedByPending,
            int pendingRecurring, boolean resolveOldIds) {
        Set<Long> touched = new HashSet<>();
        int recurring = (int) s.lines().stream().filter(l -> !l.setupFee() && l.validOn(effective)).count() + pendingRecurring;
        for (int i = 0; i < lines.size(); i++) {
            String f = "lines[" + i + "].";
            LineChange c = lines.get(i);
            if (c instanceof LineChange.Add a) {
                LineDraft d = a.line();
                Validate.lineNumbers(i, d.quantity(), d.unitPrice(), d.discountPercent());
                Product product = Validate.lineProduct(catalog, tx, i, d.productId());
                Validate.lineUomRate(catalog, tx, i, product, d.uomId().orElse(product.uomId()));
                recurring += d.setupFee() ? 0 : 1;
            } else if (c instanceof LineChange.Update u) {
                SubscriptionLine l = line(s, effective, f, u.lineId(), touched, removedByPending, resolveOldIds);
                if (l.setupFee()) {
                    throw SubscriptionException.invalid(f + "lineId", u.lineId(), "is a setup fee, billed once: it is not changed");
                }
                u.quantity().ifPresent(q -> InputLimits.quantity(f + "quantity", q));
                u.unitPrice().ifPresent(p -> InputLimits.price(f + "unitPrice", p));
                u.discountPercent().ifPresent(p -> InputLimits.percent(f + "discountPercent", p));
            } else if (c instanceof LineChange.Remove r) {
                SubscriptionLine l = line(s, effective, f, r.lineId(), touched, removedByPending, resolveOldIds);
                if (l.setupFee()) {
                    throw SubscriptionException.invalid(f + "lineId", r.lineId(), "is a setup fee, billed once: it is not removed");
                }
                recurring--;
            }
            priceable(tx, s, effective, f, c);
        }
        if (recurring < 1) {
            throw SubscriptionException.invalid("lines", lines.size() + " change(s)",
                    "would leave no recurring line: close the subscription instead");
        }
    }

    /**
     * A line the change adds or updates has a price on its day: a fixed one, or the price list's
     * (a change whose line could not be priced would fail on its day and hold the subscription).
     */
    private void priceable(Tx tx, SubscriptionRecord s, LocalDate day, String f, LineChange c) {
        long productId;
        boolean fixed;
        if (c instanceof LineChange.Add a) {
            productId = a.line().productId();
            fixed = a.line().unitPrice().isPresent();
        } else if (c instanceof LineChange.Update u) {
            SubscriptionLine l = lineOf(s, u.lineId());
            productId = l.productId();
            fixed = u.unitPrice().isPresent() || l.fixedUnitPrice().isPresent();
        } else {
            return;
        }
        if (fixed) {
            return;
        }
        // priced as billing will price it: on the period's price date, not before the line starts
        Schedule schedule = Schedule.of(s.plan(), s.periodsFrom());
        LocalDate periodDate = schedule.priceDateOf(schedule.indexOfPeriodContaining(day), s.priceUpdate(), s.plan().term());
        LocalDate on = periodDate.isAfter(day) ? periodDate : day;
        if (catalog.price(tx, s.priceListId(), productId, periodDate).isEmpty()
                && catalog.price(tx, s.priceListId(), productId, on).isEmpty()) {
            throw SubscriptionException.invalid(f + "productId", productId, "has no price on price list " + s.priceListId()
                    + " on " + on + ": give a unitPrice");
        }
    }

    /** The last day a subscription is served: the end of a term that does not renew, or the day notice not to renew ends it. */
    private static Optional<LocalDate> endOfService(SubscriptionRecord s) {
        if (s.dateEnds() != null) {
            return Optional.of(s.dateEnds());
        }
        boolean expires = s.plan().term().map(t -> !t.autoRenew()).orElse(false);
        return expires ? Optional.ofNullable(s.termEndDate()) : Optional.empty();
    }

    /**
     * Applies the subscription's pending change if its day has come (on or before today), before
     * a move of its status: a change dated while it was active takes effect even if it is paused
     * or closed later that day or after.
     *
     * @return whether a change was applied or cancelled (the caller reloads the subscription)
     */
    boolean applyDue(Tx tx, SubscriptionRecord s) throws SQLException {
        return applyDue(tx, s, true);
    }

    /**
     * @param cancelFailures whether a due change that cannot be applied is cancelled with the
     *                       reason (before a status move) or its failure refuses the caller's work
     *                       (before a new change request); a change of recurrence whose earlier
     *                       periods are not billed yet stays pending either way
     */
    private boolean applyDue(Tx tx, SubscriptionRecord s, boolean cancelFailures) throws SQLException {
        boolean any = false;
        for (SubscriptionChange pending : changes.pendingOf(tx.connection(), host.tenant(), s.id())) {
            if (pending.effectiveDate().isAfter(host.today())) {
                break;
            }
            Optional<ChangeStore.Stored> stored = changes.lockPending(tx.connection(), host.tenant(), pending.id());
            if (stored.isEmpty()) {
                break; // another transaction holds it: the later ones must not go before it
            }
            SubscriptionRecord current = any ? load(tx, s.id(), Lock.NONE).orElseThrow() : s;
            if (waitsForBilling(current, pending.effectiveDate())) {
                break; // the run bills the periods before it, then applies it
            }
            if (!cancelFailures) {
                try {
                    apply(tx, current, stored.get());
                } catch (SubscriptionException e) {
                    throw SubscriptionException.invalidState("effectiveDate", pending.effectiveDate(), "is the day of a pending"
                            + " change that cannot be applied (" + e.getMessage() + "): cancel it first");
                }
                any = true;
                continue;
            }
            java.sql.Savepoint before = tx.connection().setSavepoint();
            try {
                apply(tx, current, stored.get());
                tx.connection().releaseSavepoint(before);
            } catch (RuntimeException e) {
                // a change that cannot be applied must not block the move: it is cancelled, saying why
                // (also a host's own unchecked failure; a SQLException rolls the whole move back)
                tx.connection().rollback(before);
                String why = "Not applied: " + e.getMessage();
                changes.finish(tx.connection(), host.tenant(), stored.get().change().id(), ChangeStatus.CANCELLED, null,
                        BigDecimal.ZERO, why.length() > 255 ? why.substring(0, 252) + "..." : why);
            }
            any = true;
        }
        return any;
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

    private static SubscriptionLine line(SubscriptionRecord s, LocalDate effective, String f, long lineId, Set<Long> touched,
            Map<Integer, LocalDate> removedByPending, boolean resolveOldIds) {
        SubscriptionLine named = s.lines().stream().filter(x -> x.id() == lineId).findFirst()
                .orElseThrow(() -> SubscriptionException.unknown(f + "lineId", lineId));
        // a line an applied change replaced is named by its old id too: its version on the day
        SubscriptionLine l = named.validOn(effective) ? named : successor(s, named, effective).filter(x -> resolveOldIds)
                .orElseThrow(() -> SubscriptionException.invalid(f + "lineId", lineId, "is not a line of the subscription on " + effective));
        if (removedByPending.containsKey(l.line())) {
            throw SubscriptionException.invalid(f + "lineId", lineId, "is changed by the pending change on "
                    + removedByPending.get(l.line()));
        }
        if (!touched.add((long) l.line())) {
            throw SubscriptionException.invalid(f + "lineId", lineId, "is changed twice by the same change");
        }
        return l;
    }

    /** The pending changes due on or before {@code asOf}, for a billing run. */
    public List<ChangeStore.Due> due(Tx tx, LocalDate asOf, org.idempiere.subscription.api.service.BillingScope scope)
            throws SQLException {
        return changes.due(tx.connection(), host.tenant(), asOf, scope);
    }

    /** What {@link #applyPending} did. */
    public enum Applying {
        /** The change was applied (or cancelled, when the subscription no longer takes it). */
        DONE,
        /** Nothing to do: no longer pending. */
        NOTHING,
        /** Another transaction holds the change (applies it, or fails): the run leaves the subscription to it. */
        ELSEWHERE,
        /** An earlier pending change of the subscription is not applied yet (another runner holds it): later. */
        WAITS,
        /** A change of recurrence whose earlier periods are not billed yet: the run bills them, a later run applies it. */
        LATER
    }

    /**
     * Applies a pending change, if it is still pending, no other transaction holds it, and no
     * earlier change of its subscription is still pending (changes apply in order).
     */
    public Applying applyPending(Tx tx, long changeId) throws SQLException {
        Optional<ChangeStore.Stored> unlocked = changes.stored(tx.connection(), host.tenant(), changeId);
        if (unlocked.isEmpty() || unlocked.get().change().status() != ChangeStatus.PENDING) {
            return Applying.NOTHING;
        }
        long subscriptionId = unlocked.get().change().subscriptionId();
        // the subscription first, then the change: the order status moves and requests take too
        SubscriptionRecord s = load(tx, subscriptionId, Lock.WAIT).orElseThrow();
        Optional<ChangeStore.Stored> stored = changes.lockPending(tx.connection(), host.tenant(), changeId);
        if (stored.isEmpty()) {
            return changes.stored(tx.connection(), host.tenant(), changeId).map(c -> c.change().status() == ChangeStatus.PENDING)
                    .orElse(false) ? Applying.ELSEWHERE : Applying.NOTHING;
        }
        // under the subscription's lock: an earlier change another runner holds must go first
        if (changes.pendingOf(tx.connection(), host.tenant(), subscriptionId).get(0).id() != changeId) {
            return Applying.WAITS;
        }
        if (waitsForBilling(s, stored.get().change().effectiveDate())) {
            return Applying.LATER;
        }
        apply(tx, s, stored.get());
        return Applying.DONE;
    }

    private void apply(Tx tx, SubscriptionRecord s, ChangeStore.Stored stored) throws SQLException {
        SubscriptionChange change = stored.change();
        LocalDate day = change.effectiveDate();
        if (s.status() != SubscriptionStatus.ACTIVE) {
            changes.finish(tx.connection(), host.tenant(), change.id(), ChangeStatus.CANCELLED, null, BigDecimal.ZERO,
                    "Not applied: the subscription was " + s.status() + " when the change came due");
            return;
        }
        Optional<LocalDate> end = endOfService(s);
        if (end.isPresent() && day.isAfter(end.get())) {
            changes.finish(tx.connection(), host.tenant(), change.id(), ChangeStatus.CANCELLED, null, BigDecimal.ZERO,
                    "Not applied: the subscription ends on " + end.get());
            return;
        }
        Versions v = versions(tx, s, stored.lines(), day, () -> host.nextId(tx, "SUB_SubscriptionLine"));
        List<SubscriptionLine> ended = v.ended();
        List<SubscriptionLine> started = v.started();
        long remaining = s.lines().stream().filter(l -> !l.setupFee() && l.validOn(day) && !ended.contains(l)).count()
                + started.stream().filter(l -> !l.setupFee()).count();
        if (remaining < 1) { // an earlier pending change it counted on was cancelled
            throw SubscriptionException.invalidState("lines", stored.lines().size() + " change(s)",
                    "would leave no recurring line on " + day + ": cancel this change, or close the subscription");
        }
        Settled settled = settle(tx, s, day, ended, started, ": change on ");
        Optional<Template> newPlan = change.templateId().isPresent()
                ? templates.find(tx.connection(), host.tenant(), change.templateId().get()) : Optional.empty();
        if (newPlan.isPresent() && day.equals(s.recurrenceChange())) { // the change of recurrence recorded when it was asked
            if (!day.equals(s.nextInvoiceDate())) {
                throw SubscriptionException.invalidState("nextInvoiceDate", s.nextInvoiceDate(), "is before " + day
                        + ": the periods before a change of recurrence are billed first");
            }
            store.switchRecurrence(tx.connection(), host.tenant(), s.id(), newPlan.get().recurrence(), day);
        }
        SubscriptionRecord after = load(tx, s.id(), Lock.NONE).orElseThrow();
        Currency currency = s.mrr().currency();
        Money mrr = factory.mrr(tx, after.plan(), after.priceListId(), currency, day,
                SubscriptionRecord.recurring(after.linesForPricingAt(day)));
        long templateId = change.templateId().orElse(s.templateId());
        store.changePlan(tx.connection(), host.tenant(), s.id(), templateId, mrr.amount());
        String what = describe(ended, started, change.templateId());
        int move = mrr.amount().compareTo(s.mrr().amount());
        if (move != 0) {
            changeLog.append(tx.connection(), host.tenant(), host.nextId(tx, "SUB_ChangeLog"), s.id(), day,
                    move > 0 ? ChangeType.EXPANSION : ChangeType.CONTRACTION, s.mrr(), mrr, s.currencyId(), what);
        }
        changes.finish(tx.connection(), host.tenant(), change.id(), ChangeStatus.APPLIED, settled.invoiceId(), settled.net(), what);
    }

    /** The lines a change ends and the new versions it starts. */
    private record Versions(List<SubscriptionLine> ended, List<SubscriptionLine> started) {
    }

    /** The line versions of line changes on {@code day}; new lines take their ids from {@code ids}. */
    private Versions versions(Tx tx, SubscriptionRecord s, List<LineChange> lines, LocalDate day, java.util.function.LongSupplier ids) {
        List<SubscriptionLine> ended = new ArrayList<>();
        List<SubscriptionLine> started = new ArrayList<>();
        int lineNo = s.lines().stream().mapToInt(SubscriptionLine::line).max().orElse(0);
        for (LineChange c : lines) {
            if (c instanceof LineChange.Add a) {
                LineDraft d = a.line();
                Product product = catalog.product(tx, d.productId())
                        .orElseThrow(() -> SubscriptionException.unknown("productId", d.productId()));
                lineNo += 10;
                long uom = d.uomId().orElse(product.uomId());
                BigDecimal rate = catalog.unitsPerUom(tx, product.id(), uom)
                        .orElseThrow(() -> SubscriptionException.invalid("uomId", uom, "has no conversion for product " + product.id()));
                started.add(new SubscriptionLine(ids.getAsLong(), lineNo, product.id(), d.quantity(),
                        uom, d.unitPrice(), d.discountPercent(), d.setupFee(), Optional.of(day), Optional.empty(), rate));
            } else if (c instanceof LineChange.Update u) {
                SubscriptionLine old = validLine(s, u.lineId(), day);
                ended.add(old);
                started.add(new SubscriptionLine(ids.getAsLong(), old.line(), old.productId(),
                        u.quantity().orElse(old.quantity()), old.uomId(),
                        u.unitPrice().isPresent() ? u.unitPrice() : old.fixedUnitPrice(),
                        u.discountPercent().orElse(old.discountPercent()), false, Optional.of(day), Optional.empty(), old.uomRate()));
            } else if (c instanceof LineChange.Remove r) {
                ended.add(validLine(s, r.lineId(), day));
            }
        }
        return new Versions(ended, started);
    }

    /**
     * {@code s} as billing will see it after its pending change, if that is dated on or before
     * {@code upTo} (and still applicable); else {@code s} itself. Nothing is written or locked:
     * the new line versions have provisional (negative) ids. For previews and dry runs.
     */
    public SubscriptionRecord withPending(Tx tx, SubscriptionRecord s, LocalDate upTo) throws SQLException {
        SubscriptionRecord after = s;
        for (SubscriptionChange pending : changes.pendingOf(tx.connection(), host.tenant(), s.id())) {
            if (pending.effectiveDate().isAfter(upTo)) {
                break;
            }
            after = withChange(tx, after, changes.stored(tx.connection(), host.tenant(), pending.id()).orElseThrow());
        }
        return after;
    }

    /** {@code s} after {@code stored}, without writing (see {@link #withPending}); unchanged when the run would cancel it. */
    public SubscriptionRecord withChange(Tx tx, SubscriptionRecord s, ChangeStore.Stored stored) {
        LocalDate day = stored.change().effectiveDate();
        boolean switching = day.equals(s.recurrenceChange());
        if (switching && !day.equals(s.nextInvoiceDate())) {
            return s; // a change of recurrence waiting for the periods before it: billing stops before it (Periods)
        }
        Optional<LocalDate> end = endOfService(s);
        if (s.status() != SubscriptionStatus.ACTIVE || end.isPresent() && day.isAfter(end.get())) {
            return s;
        }
        long[] next = {-1};
        Versions v = versions(tx, s, stored.lines(), day, () -> next[0]--);
        Set<Long> ended = new HashSet<>();
        v.ended().forEach(l -> ended.add(l.id()));
        List<SubscriptionLine> lines = new ArrayList<>();
        for (SubscriptionLine l : s.lines()) {
            lines.add(ended.contains(l.id()) ? new SubscriptionLine(l.id(), l.line(), l.productId(), l.quantity(), l.uomId(),
                    l.fixedUnitPrice(), l.discountPercent(), l.setupFee(), l.validFrom(), Optional.of(day.minusDays(1)), l.uomRate()) : l);
        }
        lines.addAll(v.started());
        // as the store orders them: by line number, each line's versions by their first day
        lines.sort(java.util.Comparator.comparingInt(SubscriptionLine::line)
                .thenComparing(l -> l.validFrom().orElse(LocalDate.MIN)));
        SubscriptionRecord after = s.withLines(lines);
        Optional<Long> plan = stored.change().templateId();
        if (plan.isPresent()) {
            Optional<Template> t;
            try {
                t = templates.find(tx.connection(), host.tenant(), plan.get());
            } catch (SQLException e) {
                throw SubscriptionException.hostFailure("Cannot read plan " + plan.get() + ": " + e.getMessage(), e);
            }
            after = t.map(after::withPriceUpdate).orElse(after);
            if (switching && t.isPresent()) { // as SubscriptionStore.switchRecurrence: periods counted from the day
                org.idempiere.subscription.api.Recurrence r = t.get().recurrence();
                after = after.withSchedule(new org.idempiere.subscription.api.service.PlanSettings(r, s.plan().billing(),
                        s.plan().term(), r.unit() == org.idempiere.subscription.api.RecurrenceUnit.MONTH ? s.plan().billingDay()
                                : Optional.empty()), day);
            }
        }
        return after;
    }

    /** The adjustment invoice of a change (null: none was needed) and its net amount. */
    private record Settled(Long invoiceId, BigDecimal net) {
    }

    /**
     * Ends {@code ended} on the day before {@code day}, stores {@code started} and posts the
     * adjustment invoice for periods billed already, dated {@code day}; {@code what} names the
     * change in the invoice's description.
     */
    private Settled settle(Tx tx, SubscriptionRecord s, LocalDate day, List<SubscriptionLine> ended, List<SubscriptionLine> started,
            String what) throws SQLException {
        for (SubscriptionLine l : ended) {
            store.endLine(tx.connection(), host.tenant(), l.id(), day.minusDays(1));
        }
        store.insertLines(tx.connection(), host.tenant(), s.id(), started);
        List<InvoiceLineDraft> adjustments = adjustments(tx, s, day, ended, started);
        if (adjustments.isEmpty()) {
            return new Settled(null, BigDecimal.ZERO);
        }
        PostedInvoice posted = invoicing.post(tx, new InvoiceDraft(s.customerId(), s.billToLocationId(), s.currencyId(),
                s.priceListId(), day, "Subscription " + s.documentNo() + what + day, adjustments,
                Optional.ofNullable(s.salesRepId()), Optional.ofNullable(s.orgId()), Optional.ofNullable(s.contactUserId())));
        BigDecimal net = BigDecimal.ZERO;
        for (InvoiceLineDraft l : adjustments) {
            net = net.add(l.lineNet());
        }
        if (s.emailInvoices()) { // sent after commit, by the next billing run or POST /invoice-mails/send
            mails.enqueue(tx.connection(), host.tenant(), host.nextIds(tx, "SUB_InvoiceMail", 1), java.util.Map.of(posted.id(), s.id()));
        }
        return new Settled(posted.id(), net);
    }

    /**
     * Pauses a subscription's service on {@code day}: every recurring line valid on it ends the day
     * before, and the days from {@code day} of periods billed already are credited (in advance: the
     * unused part of the current period). Recorded as an applied change, "Paused", whose line
     * changes are the lines ended; a change still pending is cancelled. The caller moves the status.
     */
    void pause(Tx tx, SubscriptionRecord s, LocalDate day) throws SQLException {
        // a change still pending names lines the pause ends: it cannot apply after a resume
        cancelPending(tx, s, "Not applied: the subscription was PAUSED on " + day + ", before the change's day");
        List<SubscriptionLine> ended = s.lines().stream().filter(l -> !l.setupFee() && l.validOn(day)).toList();
        long id = recordMove(tx, s, day, ended, List.of());
        Settled settled = settle(tx, s, day, ended, List.of(), ": paused on ");
        changes.finish(tx.connection(), host.tenant(), id, ChangeStatus.APPLIED, settled.invoiceId(), settled.net(),
                "Paused: " + ended.size() + " line(s) ended");
    }

    /**
     * Restarts, on {@code day}, the lines the pause of {@code s} ended (its last applied change,
     * dated on {@code s.datePaused()}): each as a new version of the line from {@code day}, and
     * the days from {@code day} of periods billed already are charged. Recorded as an applied
     * change, "Resumed". The caller moves the status.
     *
     * @throws SubscriptionException INVALID_STATE naming {@code pausedOn} if the pause's change is not found
     */
    void restart(Tx tx, SubscriptionRecord s, LocalDate day) throws SQLException {
        ChangeStore.Stored pause = changes.lastApplied(tx.connection(), host.tenant(), s.id())
                .filter(c -> c.change().effectiveDate().equals(s.datePaused()))
                .orElseThrow(() -> SubscriptionException.invalidState("pausedOn", s.datePaused(),
                        "has no record of the lines the pause ended"));
        List<SubscriptionLine> started = new ArrayList<>();
        for (LineChange c : pause.lines()) {
            if (c instanceof LineChange.Remove r) {
                started.add(restarted(tx, lineOf(s, r.lineId()), day));
            }
        }
        long id = recordMove(tx, s, day, List.of(), started);
        Settled settled = settle(tx, s, day, List.of(), started, ": resumed on ");
        changes.finish(tx.connection(), host.tenant(), id, ChangeStatus.APPLIED, settled.invoiceId(), settled.net(),
                "Resumed: " + started.size() + " line(s) started");
    }

    /**
     * Reopens a subscription closed on {@code closedOn} (not while paused) on {@code day}: its
     * recurring lines valid on the close end the day before it, and start again from {@code day}
     * as new versions, so billing charges the days from {@code day}. Nothing billed is credited or
     * charged again: a close credits nothing, so a period paid in advance stays paid. Recorded as
     * an applied change, "Reactivated". The caller moves the status.
     */
    void reopen(Tx tx, SubscriptionRecord s, LocalDate closedOn, LocalDate day) throws SQLException {
        // a change still pending names the lines that end here: it cannot apply to the new versions
        cancelPending(tx, s, "Not applied: the subscription was CLOSED on " + closedOn + " and reactivated on " + day);
        List<SubscriptionLine> ended = s.lines().stream().filter(l -> !l.setupFee() && l.validOn(closedOn)).toList();
        List<SubscriptionLine> started = new ArrayList<>();
        for (SubscriptionLine old : ended) {
            started.add(restarted(tx, old, day));
        }
        // closed before anything was billed: a setup fee whose period is left behind is charged from the day
        Schedule schedule = Schedule.of(s.plan(), s.periodsFrom());
        LocalDate periodStart = schedule.periodAt(schedule.indexOfPeriodContaining(day)).start();
        if (!billing.hasItems(tx.connection(), host.tenant(), s.id())) {
            Map<Integer, SubscriptionLine> lastFee = new HashMap<>(); // a fee copied by an earlier reactivation: its copy
            for (SubscriptionLine fee : s.lines()) {
                if (fee.setupFee()) {
                    lastFee.merge(fee.line(), fee, (a, b) -> s.firstDay(b).isAfter(s.firstDay(a)) ? b : a);
                }
            }
            for (SubscriptionLine fee : lastFee.values()) {
                if (s.firstDay(fee).isBefore(periodStart)) {
                    started.add(restarted(tx, fee, day));
                }
            }
        }
        long id = recordMove(tx, s, day, ended, started);
        for (SubscriptionLine l : ended) {
            store.endLine(tx.connection(), host.tenant(), l.id(), closedOn.minusDays(1));
        }
        store.insertLines(tx.connection(), host.tenant(), s.id(), started);
        changes.finish(tx.connection(), host.tenant(), id, ChangeStatus.APPLIED, null, BigDecimal.ZERO,
                "Reactivated: " + started.size() + " line(s) started");
    }

    /** Cancels the subscription's pending changes that no other transaction holds, saying why. */
    private void cancelPending(Tx tx, SubscriptionRecord s, String why) throws SQLException {
        for (SubscriptionChange pending : changes.pendingOf(tx.connection(), host.tenant(), s.id())) {
            if (changes.lockPending(tx.connection(), host.tenant(), pending.id()).isPresent()) {
                changes.finish(tx.connection(), host.tenant(), pending.id(), ChangeStatus.CANCELLED, null, BigDecimal.ZERO, why);
            }
        }
    }

    /** A new version of a line, valid from {@code day} (a setup fee's copy is charged with the period of that day). */
    private SubscriptionLine restarted(Tx tx, SubscriptionLine old, LocalDate day) {
        return new SubscriptionLine(host.nextId(tx, "SUB_SubscriptionLine"), old.line(), old.productId(), old.quantity(),
                old.uomId(), old.fixedUnitPrice(), old.discountPercent(), old.setupFee(), Optional.of(day), Optional.empty(),
                old.uomRate());
    }

    /**
     * Records a move of the lines on {@code day} (a pause, resume or reactivation) as a change whose
     * line changes remove {@code ended} and add {@code started}; the caller writes the lines and
     * finishes it in the same transaction.
     *
     * @return the change's id
     */
    private long recordMove(Tx tx, SubscriptionRecord s, LocalDate day, List<SubscriptionLine> ended,
            List<SubscriptionLine> started) throws SQLException {
        List<LineChange> lines = new ArrayList<>();
        ended.forEach(l -> lines.add(new LineChange.Remove(l.id())));
        started.forEach(l -> lines.add(new LineChange.Add(new LineDraft(l.productId(), l.quantity(), l.fixedUnitPrice(),
                l.discountPercent(), l.setupFee(), Optional.of(l.uomId())))));
        long id = host.nextId(tx, "SUB_Change");
        changes.insert(tx.connection(), host.tenant(), id, s.id(), day, Optional.empty(), lines,
                host.nextIds(tx, "SUB_ChangeLine", lines.size()));
        return id;
    }

    /**
     * The line a change ends on {@code day}: {@code lineId} if it is valid that day, else the
     * version of the same line an earlier change started after it ended (a change requested while
     * another was pending names the line as it was).
     *
     * @throws SubscriptionException INVALID_STATE naming {@code lineId} when neither is valid that day
     */
    private static SubscriptionLine validLine(SubscriptionRecord s, long lineId, LocalDate day) {
        SubscriptionLine named = lineOf(s, lineId);
        if (s.lines().stream().anyMatch(x -> x.line() == named.line() && !x.setupFee() && x.validFrom().map(f -> f.isAfter(day))
                .orElse(false))) { // a later version exists already: changing the line on day would fork it
            throw SubscriptionException.invalidState("lineId", lineId, "has a version starting after " + day
                    + ": a change cannot go before one applied already");
        }
        if (named.validOn(day)) {
            return named;
        }
        return successor(s, named, day).orElseThrow(() -> SubscriptionException.invalidState("lineId", lineId, "is no longer a"
                + " line of the subscription on " + day + " (it ended " + named.validTo().map(Object::toString).orElse("before") + ")"));
    }

    /** The version of {@code l}'s line valid on {@code day} that started after {@code l} ended, if any. */
    private static Optional<SubscriptionLine> successor(SubscriptionRecord s, SubscriptionLine l, LocalDate day) {
        return s.lines().stream().filter(x -> !x.setupFee() && x.line() == l.line() && x.validOn(day) && l.validTo().isPresent()
                && x.validFrom().map(from -> from.isAfter(l.validTo().get())).orElse(false)).findFirst();
    }

    private static SubscriptionLine lineOf(SubscriptionRecord s, long lineId) {
        return s.lines().stream().filter(l -> l.id() == lineId).findFirst()
                .orElseThrow(() -> SubscriptionException.unknown("lineId", lineId));
    }

    private static String describe(List<SubscriptionLine> ended, List<SubscriptionLine> started, Optional<Long> templateId) {
        String text = "Change: " + started.size() + " line(s) started, " + ended.size() + " ended"
                + templateId.map(t -> "; plan " + t).orElse("");
        return text.length() > 255 ? text.substring(0, 252) + "..." : text;
    }

    /**
     * Credits and charges for the periods invoiced already that reach {@code day} or later: for
     * each, the days from {@code day} on of every ended line (credited) and of every started line
     * (charged), priced as that period was and prorated over its whole period; a started setup fee
     * in full with the period {@code day} falls in.
     */
    private List<InvoiceLineDraft> adjustments(Tx tx, SubscriptionRecord s, LocalDate day, List<SubscriptionLine> ended,
            List<SubscriptionLine> started) throws SQLException {
        List<InvoiceLineDraft> out = new ArrayList<>();
        Schedule schedule = Schedule.of(s.plan(), s.periodsFrom());
        Currency currency = s.mrr().currency();
        for (ServicePeriod billed : billing.billedThrough(tx.connection(), host.tenant(), s.id(), day)) {
            long index = schedule.indexOfPeriodContaining(billed.start());
            ServicePeriod whole = schedule.wholePeriodOf(index);
            LocalDate priced = schedule.priceDateOf(index, s.priceUpdate(), s.plan().term());
            ServicePeriod days = new ServicePeriod(day.isAfter(billed.start()) ? day : billed.start(), billed.end());
            for (SubscriptionLine l : ended) {
                if (l.setupFee()) {
                    continue;
                }
                ServicePeriod credited = l.validTo().filter(t -> t.isBefore(days.end()))
                        .map(t -> new ServicePeriod(days.start(), t)).orElse(days);
                if (credited.end().isBefore(credited.start())) {
                    continue;
                }
                out.add(line(s, prorated(tx, s, currency, priced, l, whole, credited), credited, true));
            }
            for (SubscriptionLine l : started) {
                if (l.setupFee()) {
                    if (!day.isBefore(billed.start()) && !day.isAfter(billed.end())) {
                        PricedLine p = price(tx, s, currency, priced, l);
                        out.add(line(s, p, new ServicePeriod(day, day), false));
                    }
                    continue;
                }
                out.add(line(s, prorated(tx, s, currency, priced, l, whole, days), days, false));
            }
        }
        return out;
    }

    private PricedLine price(Tx tx, SubscriptionRecord s, Currency currency, LocalDate date, SubscriptionLine l) {
        return pricer.price(tx, s.priceListId(), currency, date, SubscriptionRecord.pricingLines(List.of(l), s.discountPercent()),
                "lines").get(0);
    }

    private PricedLine prorated(Tx tx, SubscriptionRecord s, Currency currency, LocalDate date, SubscriptionLine l,
            ServicePeriod whole, ServicePeriod days) {
        PricedLine p = price(tx, s, currency, date, l);
        return days.equals(whole) ? p : Pricer.prorate(List.of(p), whole, days, currency).get(0);
    }

    private static InvoiceLineDraft line(SubscriptionRecord s, PricedLine p, ServicePeriod days, boolean credit) {
        BigDecimal price = credit ? p.priceActual().negate() : p.priceActual();
        BigDecimal net = credit ? p.lineNet().amount().negate() : p.lineNet().amount();
        return new InvoiceLineDraft(p.line().productId(), p.line().quantity(), p.line().uomId(), price, net, days,
                s.documentNo() + (credit ? ": credit for " : ": ") + days.start() + " - " + days.end(), p.line().uomRate());
    }

    private Optional<SubscriptionRecord> load(Tx tx, long id, Lock lock) throws SQLException {
        return store.find(tx.connection(), host.tenant(), id, lock, currencies.resolver(tx));
    }
}
