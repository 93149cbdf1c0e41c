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
    private final ChangeRequests requests;
    private final ChangeApplier applier;
    private final LineMoves moves;

    private final HostContext host;
    private final CurrencyLookup currencies;
    private final SubscriptionStore store = new SubscriptionStore();

    public Changes(HostContext host, Catalog catalog, Invoicing invoicing, CurrencyLookup currencies) {
        this.host = host;
        this.currencies = currencies;
        Settlement settlement = new Settlement(host, catalog, invoicing, currencies);
        this.applier = new ChangeApplier(host, catalog, invoicing, currencies, new SubscriptionFactory(host, new Pricer(catalog)),
                settlement);
        this.requests = new ChangeRequests(host, catalog, invoicing, currencies, applier, settlement);
        this.moves = new LineMoves(host, catalog, invoicing, currencies, settlement);
    }

    /** Checks and stores a change; applies it at once when it takes effect today. */
    SubscriptionChange request(Tx tx, long subscriptionId, ChangeDraft draft, boolean byCustomer) throws SQLException {
        return requests.request(tx, subscriptionId, draft, byCustomer);
    }

    /**
     * What a change would do, without writing: see {@link #project}.
     *
     * @param before     the subscription after its pending changes up to the change's day
     * @param after      the subscription after the change (new line versions with provisional ids)
     * @param effective  the change's day
     * @param templateId the new plan, if the change has one
     * @param adjustment the lines of the adjustment invoice it would post on its day (credits negative); empty when
     *                   no period reaching that day is billed yet
     * @param mrrBefore  the MRR on its day without it
     * @param mrrAfter   the MRR on its day with it
     */
    public record Projection(SubscriptionRecord before, SubscriptionRecord after, LocalDate effective,
            java.util.Optional<Long> templateId, List<org.idempiere.subscription.api.host.InvoiceLineDraft> adjustment,
            org.idempiere.subscription.api.Money mrrBefore, org.idempiere.subscription.api.Money mrrAfter) {
    }

    /**
     * A subscription as a change sees it: its pending changes whose day has come applied, and the
     * changes still pending after that, in the order they apply.
     */
    public record Current(SubscriptionRecord subscription, List<SubscriptionChange> pending) {
        public Current {
            pending = List.copyOf(pending);
        }
    }

    /**
     * Checks a change as {@link #request} does (the same refusals) and answers what it would do,
     * writing nothing, for the subscription as {@link #applyDueOf} left it.
     *
     * @param plan the subscription's template when the caller has read it already (it is read otherwise)
     */
    public Projection project(Tx tx, Current current, Optional<Template> plan, ChangeDraft draft, boolean byCustomer)
            throws SQLException {
        return requests.project(tx, current, plan, draft, byCustomer);
    }

    /**
     * Applies the pending changes of {@code stored} whose day has come, as a request or a billing
     * run would (locking it); nothing, and no lock taken, when none is due. Reads the pending
     * changes once, and the subscription again only when a change was applied.
     */
    public Current applyDueOf(Tx tx, SubscriptionRecord stored) throws SQLException {
        List<SubscriptionChange> pending = applier.pendingOf(tx, List.of(stored.id())).getOrDefault(stored.id(), List.of());
        // none due: nothing to apply and nothing locked (a preview then writes nothing, not even a row lock)
        if (pending.stream().allMatch(c -> c.effectiveDate().isAfter(host.today()))) {
            return new Current(stored, pending);
        }
        Optional<SubscriptionRecord> locked = load(tx, stored.id(), Lock.WAIT);
        if (locked.isEmpty()) {
            throw SubscriptionException.notFound("Subscription", stored.id());
        }
        if (!applier.applyDue(tx, locked.get(), false)) {
            return new Current(locked.get(), pending);
        }
        return new Current(load(tx, stored.id(), Lock.NONE).orElseThrow(),
                applier.pendingOf(tx, List.of(stored.id())).getOrDefault(stored.id(), List.of()));
    }

    /** The tenant's subscription as stored, without a lock. */
    public Optional<SubscriptionRecord> find(Tx tx, long subscriptionId) throws SQLException {
        return load(tx, subscriptionId, Lock.NONE);
    }

    private Optional<SubscriptionRecord> load(Tx tx, long id, Lock lock) throws SQLException {
        return store.find(tx.connection(), host.tenant(), id, lock, currencies.resolver(tx));
    }

    /** Cancels a subscription's pending change (by the seller). */
    SubscriptionChange cancel(Tx tx, long subscriptionId, long changeId) throws SQLException {
        return requests.cancel(tx, subscriptionId, changeId);
    }

    /**
     * Applies the subscription's pending changes whose day has come before a move of its status.
     *
     * @return whether a change was applied or cancelled (the caller reloads the subscription)
     */
    boolean applyDue(Tx tx, SubscriptionRecord s) throws SQLException {
        return applier.applyDue(tx, s);
    }

    /** The pending changes due on or before {@code asOf}, for a billing run. */
    public List<ChangeStore.Due> due(Tx tx, LocalDate asOf, org.idempiere.subscription.api.service.BillingScope scope)
            throws SQLException {
        return applier.due(tx, asOf, scope);
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


    /** Applies a pending change if it is still pending, nobody else holds it and no earlier one is pending. */
    public Applying applyPending(Tx tx, long changeId) throws SQLException {
        return applier.applyPending(tx, changeId);
    }

    /** {@code s} as billing will see it after its pending changes dated up to {@code upTo}; nothing is written. */
    public SubscriptionRecord withPending(Tx tx, SubscriptionRecord s, LocalDate upTo) throws SQLException {
        return applier.withPending(tx, s, upTo);
    }

    /** {@link #withPending(Tx, SubscriptionRecord, LocalDate)} with its pending changes read already, in the order they apply. */
    public SubscriptionRecord withPending(Tx tx, SubscriptionRecord s, LocalDate upTo,
            List<SubscriptionChange> pending) throws SQLException {
        return applier.withPending(tx, s, upTo, pending);
    }

    /** The pending changes of many subscriptions in one statement, each subscription's in the order they apply. */
    public Map<Long, List<SubscriptionChange>> pendingOf(Tx tx, java.util.Collection<Long> ids) throws SQLException {
        return applier.pendingOf(tx, ids);
    }

    /** {@code s} after {@code stored}, without writing; unchanged when the run would cancel it. */
    public SubscriptionRecord withChange(Tx tx, SubscriptionRecord s, ChangeStore.Stored stored) {
        return applier.withChange(tx, s, stored);
    }

    /** Pauses the lines on {@code day} (see {@link LineMoves}). */
    void pause(Tx tx, SubscriptionRecord s, LocalDate day) throws SQLException {
        moves.pause(tx, s, day);
    }

    /** Restarts the lines the pause ended on {@code day} (see {@link LineMoves}). */
    void restart(Tx tx, SubscriptionRecord s, LocalDate day) throws SQLException {
        moves.restart(tx, s, day);
    }

    /** Reopens the lines of a subscription closed on {@code closedOn} on {@code day} (see {@link LineMoves}). */
    void reopen(Tx tx, SubscriptionRecord s, LocalDate closedOn, LocalDate day) throws SQLException {
        moves.reopen(tx, s, closedOn, day);
    }
}
