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
 * The line versions of a pause, a resume and a reactivation: each recorded as an applied change
 * whose line changes are the versions it ends and starts, with the adjustment invoice of the days
 * billed already ({@link Settlement}). The caller moves the status.
 */
final class LineMoves {
    private final HostContext host;
    private final Catalog catalog;
    private final Invoicing invoicing;
    private final CurrencyLookup currencies;
    private final SubscriptionStore store = new SubscriptionStore();
    private final ChangeStore changes = new ChangeStore();
    private final BillingStore billing = new BillingStore();
    private final Settlement settlement;

    LineMoves(HostContext host, Catalog catalog, Invoicing invoicing, CurrencyLookup currencies, Settlement settlement) {
        this.host = host;
        this.catalog = catalog;
        this.invoicing = invoicing;
        this.currencies = currencies;
        this.settlement = settlement;
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
        Settlement.Settled settled = settlement.settle(tx, s, day, ended, List.of(), ": paused on ");
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
                started.add(restarted(tx, ChangeApplier.lineOf(s, r.lineId()), day));
            }
        }
        long id = recordMove(tx, s, day, List.of(), started);
        Settlement.Settled settled = settlement.settle(tx, s, day, List.of(), started, ": resumed on ");
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


    private Optional<SubscriptionRecord> load(Tx tx, long id, Lock lock) throws SQLException {
        return store.find(tx.connection(), host.tenant(), id, lock, currencies.resolver(tx));
    }
}
