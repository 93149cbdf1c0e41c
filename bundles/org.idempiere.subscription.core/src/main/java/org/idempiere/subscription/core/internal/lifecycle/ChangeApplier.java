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
 * Applies a subscription's pending changes on their day, in order, under the subscription's lock
 * (at once when a request is dated today, by the billing run, or before a status move), and shows
 * a subscription as billing will see it after them (for previews and dry runs). See
 * {@link Changes} for what applying a change does to the lines, the ledger and billed periods.
 */
final class ChangeApplier {
    private final HostContext host;
    private final Catalog catalog;
    private final Invoicing invoicing;
    private final CurrencyLookup currencies;
    private final SubscriptionStore store = new SubscriptionStore();
    private final TemplateStore templates = new TemplateStore();
    private final ChangeStore changes = new ChangeStore();
    private final ChangeLogStore changeLog = new ChangeLogStore();
    private final org.idempiere.subscription.core.internal.analytics.RevenueLog revenueLog;
    private final BillingStore billing = new BillingStore();
    private final SubscriptionFactory factory;
    private final Settlement settlement;

    ChangeApplier(HostContext host, Catalog catalog, Invoicing invoicing, CurrencyLookup currencies, SubscriptionFactory factory, Settlement settlement) {
        this.host = host;
        this.revenueLog = new org.idempiere.subscription.core.internal.analytics.RevenueLog(host);
        this.catalog = catalog;
        this.invoicing = invoicing;
        this.currencies = currencies;
        this.factory = factory;
        this.settlement = settlement;
    }

    /** A change of recurrence on {@code day} of an active subscription whose periods before it are not all billed yet. */
    static boolean waitsForBilling(SubscriptionRecord s, LocalDate day) {
        return s.status() == SubscriptionStatus.ACTIVE && day.equals(s.recurrenceChange()) && !day.equals(s.nextInvoiceDate());
    }


    /** The last day a subscription is served: the end of a term that does not renew, or the day notice not to renew ends it. */
    static Optional<LocalDate> endOfService(SubscriptionRecord s) {
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
    boolean applyDue(Tx tx, SubscriptionRecord s, boolean cancelFailures) throws SQLException {
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


    /** The pending changes due on or before {@code asOf}, for a billing run. */
    public List<ChangeStore.Due> due(Tx tx, LocalDate asOf, org.idempiere.subscription.api.service.BillingScope scope)
            throws SQLException {
        return changes.due(tx.connection(), host.tenant(), asOf, scope);
    }


    /**
     * Applies a pending change, if it is still pending, no other transaction holds it, and no
     * earlier change of its subscription is still pending (changes apply in order).
     */
    public Changes.Applying applyPending(Tx tx, long changeId) throws SQLException {
        Optional<ChangeStore.Stored> unlocked = changes.stored(tx.connection(), host.tenant(), changeId);
        if (unlocked.isEmpty() || unlocked.get().change().status() != ChangeStatus.PENDING) {
            return Changes.Applying.NOTHING;
        }
        long subscriptionId = unlocked.get().change().subscriptionId();
        // the subscription first, then the change: the order status moves and requests take too
        SubscriptionRecord s = load(tx, subscriptionId, Lock.WAIT).orElseThrow();
        Optional<ChangeStore.Stored> stored = changes.lockPending(tx.connection(), host.tenant(), changeId);
        if (stored.isEmpty()) {
            return changes.stored(tx.connection(), host.tenant(), changeId).map(c -> c.change().status() == ChangeStatus.PENDING)
                    .orElse(false) ? Changes.Applying.ELSEWHERE : Changes.Applying.NOTHING;
        }
        // under the subscription's lock: an earlier change another runner holds must go first
        if (changes.pendingOf(tx.connection(), host.tenant(), subscriptionId).get(0).id() != changeId) {
            return Changes.Applying.WAITS;
        }
        if (waitsForBilling(s, stored.get().change().effectiveDate())) {
            return Changes.Applying.LATER;
        }
        apply(tx, s, stored.get());
        return Changes.Applying.DONE;
    }


    void apply(Tx tx, SubscriptionRecord s, ChangeStore.Stored stored) throws SQLException {
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
        Settlement.Settled settled = settlement.settle(tx, s, day, ended, started, ": change on ");
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
        Optional<org.idempiere.subscription.core.internal.plan.Ledger.Entry> entry =
                org.idempiere.subscription.core.internal.plan.Ledger.changed(s.mrr(), mrr, s.currencyId(), what,
                        templateId != s.templateId()); // a change of plan at the same MRR: a plan transfer (decision 0053)
        if (entry.isPresent()) {
            // the change is not recorded as applied yet: its entry names the plan it moves to
            changeLog.append(tx.connection(), host.tenant(), host.nextId(tx, "SUB_ChangeLog"), s.id(), day, entry.get(), templateId);
        }
        changes.finish(tx.connection(), host.tenant(), change.id(), ChangeStatus.APPLIED, settled.invoiceId(), settled.net(), what);
        revenueLog.record(tx, org.idempiere.subscription.core.internal.analytics.RevenueLog.adjustment(settled.invoiceId(), day,
                s.currencyId(), templateId, settled.net()).stream().toList());
    }


    /** The lines a change ends and the new versions it starts. */
    record Versions(List<SubscriptionLine> ended, List<SubscriptionLine> started) {
    }


    /** The line versions of line changes on {@code day}; new lines take their ids from {@code ids}. */
    Versions versions(Tx tx, SubscriptionRecord s, List<LineChange> lines, LocalDate day, java.util.function.LongSupplier ids) {
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
        return withPending(tx, s, upTo, changes.pendingOf(tx.connection(), host.tenant(), s.id()));
    }

    /** The pending changes of many subscriptions in one statement, each subscription's in the order they apply. */
    public java.util.Map<Long, List<SubscriptionChange>> pendingOf(Tx tx, java.util.Collection<Long> ids) throws SQLException {
        return changes.pendingOf(tx.connection(), host.tenant(), ids);
    }

    /** {@link #withPending(Tx, SubscriptionRecord, LocalDate)} with its pending changes read already, in the order they apply. */
    public SubscriptionRecord withPending(Tx tx, SubscriptionRecord s, LocalDate upTo, List<SubscriptionChange> pendingChanges)
            throws SQLException {
        SubscriptionRecord after = s;
        for (SubscriptionChange pending : pendingChanges) {
            if (pending.effectiveDate().isAfter(upTo)) {
                break;
            }
            after = withChange(tx, after, changes.stored(tx.connection(), host.tenant(), pending.id()).orElseThrow());
        }
        return after;
    }


    /** {@code s} after {@code stored}, without writing (see {@link #withPending}); unchanged when the run would cancel it. */
    public SubscriptionRecord withChange(Tx tx, SubscriptionRecord s, ChangeStore.Stored stored) {
        long[] next = {-1};
        return project(tx, s, stored, () -> next[0]--).after();
    }

    /** The MRR of {@code s} on {@code day}: its recurring lines valid that day, priced on that day. */
    Money mrrOn(Tx tx, SubscriptionRecord s, LocalDate day) {
        return mrrOn(tx, List.of(s), day).get(0);
    }

    /**
     * The MRR of each of {@code subs} on {@code day} ({@link #mrrOn(Tx, SubscriptionRecord, LocalDate)}),
     * their list prices read in one call: a change's preview prices the subscription before and after it.
     */
    List<Money> mrrOn(Tx tx, List<SubscriptionRecord> subs, LocalDate day) {
        Set<Catalog.PriceKey> keys = new java.util.LinkedHashSet<>();
        List<List<SubscriptionLine>> lines = new ArrayList<>(subs.size());
        for (SubscriptionRecord s : subs) {
            List<SubscriptionLine> recurring = SubscriptionRecord.recurring(s.linesForPricingAt(day));
            Pricer.addKeys(keys, s.priceListId(), day, recurring);
            lines.add(recurring);
        }
        Map<Catalog.PriceKey, BigDecimal> prices = keys.isEmpty() ? Map.of() : catalog.prices(tx, keys);
        List<Money> out = new ArrayList<>(subs.size());
        for (int i = 0; i < subs.size(); i++) {
            SubscriptionRecord s = subs.get(i);
            out.add(SubscriptionFactory.mrr(prices, s.plan(), s.priceListId(), s.mrr().currency(), day, lines.get(i)));
        }
        return out;
    }

    /** A subscription after a change, and the line versions the change ends and starts (none when it would not apply). */
    record Projected(SubscriptionRecord after, Versions versions) {
    }

    /**
     * {@code s} after {@code stored} and the versions it ends and starts, without writing; new
     * versions take provisional ids from {@code ids}. Unchanged when the run would cancel it.
     */
    Projected project(Tx tx, SubscriptionRecord s, ChangeStore.Stored stored, java.util.function.LongSupplier ids) {
        LocalDate day = stored.change().effectiveDate();
        boolean switching = day.equals(s.recurrenceChange());
        Projected unchanged = new Projected(s, new Versions(List.of(), List.of()));
        if (switching && !day.equals(s.nextInvoiceDate())) {
            return unchanged; // a change of recurrence waiting for the periods before it: billing stops before it (Periods)
        }
        Optional<LocalDate> end = endOfService(s);
        if (s.status() != SubscriptionStatus.ACTIVE || end.isPresent() && day.isAfter(end.get())) {
            return unchanged;
        }
        Versions v = versions(tx, s, stored.lines(), day, ids);
        List<SubscriptionLine> lines = Timeline.versionsAfter(s.lines(), v.ended(), v.started(), day);
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
        return new Projected(after, v);
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
    static Optional<SubscriptionLine> successor(SubscriptionRecord s, SubscriptionLine l, LocalDate day) {
        return s.lines().stream().filter(x -> !x.setupFee() && x.line() == l.line() && x.validOn(day) && l.validTo().isPresent()
                && x.validFrom().map(from -> from.isAfter(l.validTo().get())).orElse(false)).findFirst();
    }

    static SubscriptionLine lineOf(SubscriptionRecord s, long lineId) {
        return s.lines().stream().filter(l -> l.id() == lineId).findFirst()
                .orElseThrow(() -> SubscriptionException.unknown("lineId", lineId));
    }

    private static String describe(List<SubscriptionLine> ended, List<SubscriptionLine> started, Optional<Long> templateId) {
        String text = "Change: " + started.size() + " line(s) started, " + ended.size() + " ended"
                + templateId.map(t -> "; plan " + t).orElse("");
        return text.length() > 255 ? text.substring(0, 252) + "..." : text;
    }


    private Optional<SubscriptionRecord> load(Tx tx, long id, Lock lock) throws SQLException {
        return store.find(tx.connection(), host.tenant(), id, lock, currencies.resolver(tx));
    }
}
