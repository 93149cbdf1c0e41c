package org.idempiere.subscription.core.internal.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Catalog.PriceKey;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.TaxRate;
import org.idempiere.subscription.api.host.Taxes;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.BillingForecast;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.InvoicePreview;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.plan.BillingPlan;
import org.idempiere.subscription.core.internal.plan.PriceBook;
import org.idempiere.subscription.core.internal.plan.Timeline;
import org.idempiere.subscription.core.internal.store.ChangeStore;
import org.idempiere.subscription.core.internal.pricing.PricedLine;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;
import org.idempiere.subscription.core.internal.store.SubscriptionStore.DueKey;
import org.idempiere.subscription.core.internal.store.SubscriptionStore.Lock;

/**
 * Billing without writing: the next invoice of one subscription, and a dry run of a whole run.
 * Reads go through the same stores and ports as the billing run; nothing is locked or posted.
 */
public final class Forecaster {
    private final HostContext host;
    private final Catalog catalog;
    private final Taxes taxes;
    private final CurrencyLookup currencies;
    private final SubscriptionStore subscriptions = new SubscriptionStore();

    private final org.idempiere.subscription.core.internal.lifecycle.Changes changes;
    private final ChangeStore changeStore = new ChangeStore();

    public Forecaster(HostContext host, Catalog catalog, Taxes taxes, CurrencyLookup currencies,
            org.idempiere.subscription.core.internal.lifecycle.Changes changes) {
        this.host = host;
        this.changes = changes;
        this.catalog = catalog;
        this.taxes = taxes;
        this.currencies = currencies;
    }


    InvoicePreview preview(long subscriptionId) {
        return host.inTransaction(tx -> preview(tx, subscriptions.find(tx.connection(), host.tenant(), subscriptionId, Lock.NONE,
                currencies.resolver(tx)).orElseThrow(() -> SubscriptionException.notFound("Subscription", subscriptionId))));
    }

    /**
     * The next invoice of {@code stored} (read in {@code tx}) after its pending changes, in
     * {@code tx}: what {@link org.idempiere.subscription.api.service.BillingService#preview} answers.
     */
    public InvoicePreview preview(Tx tx, SubscriptionRecord stored) throws SQLException {
        return preview(tx, stored, true);
    }

    /**
     * The next invoice of {@code stored}, writing nothing: after the pending changes the run would
     * apply first when {@code withPending}, else as {@code stored} stands (a projection that has
     * them already).
     */
    InvoicePreview preview(Tx tx, SubscriptionRecord stored, boolean withPending) throws SQLException {
        Object outcome = new Previews(tx, List.of(stored), withPending, Set.of()).outcomes.get(stored.id());
        if (outcome instanceof SubscriptionException e) {
            throw e;
        }
        return (InvoicePreview) outcome;
    }

    /**
     * The next invoices of many subscriptions (read in {@code tx}; a page listing them), each as
     * {@link #preview(Tx, SubscriptionRecord)} answers it, in {@code tx}, with a constant number of
     * statements whatever their number: their pending changes, their prices and their lines' tax
     * rates are each read for all at once.
     *
     * @return by subscription id, its next invoice; empty for one that has none ({@code
     *         INVALID_STATE}: not billed, or ends first, or waits for a change); any other refusal
     *         is thrown
     */
    public Map<Long, Optional<InvoicePreview>> previews(Tx tx, List<SubscriptionRecord> stored) throws SQLException {
        return previews(tx, stored, Set.of(), new HashMap<>());
    }

    /**
     * As {@link #previews(Tx, List)}, with the prices of {@code alsoPriced} looked up in the same
     * call as the previews' own (a page that shows other prices too): put into {@code prices}, with
     * the previews' prices.
     */
    public Map<Long, Optional<InvoicePreview>> previews(Tx tx, List<SubscriptionRecord> stored, Set<PriceKey> alsoPriced,
            Map<PriceKey, BigDecimal> prices) throws SQLException {
        Map<Long, Optional<InvoicePreview>> out = new LinkedHashMap<>();
        Previews previews = new Previews(tx, stored, true, alsoPriced);
        prices.putAll(previews.prices);
        for (Map.Entry<Long, Object> e : previews.outcomes.entrySet()) {
            if (e.getValue() instanceof SubscriptionException refusal) {
                if (refusal.code() != org.idempiere.subscription.api.ErrorCode.INVALID_STATE) {
                    throw refusal;
                }
                out.put(e.getKey(), Optional.empty());
            } else {
                out.put(e.getKey(), Optional.of((InvoicePreview) e.getValue()));
            }
        }
        return out;
    }

    /** A subscription planned for its next invoice: as billing will see it, and the period it bills next. */
    private record Planned(SubscriptionRecord s, Timeline timeline, BillingPlan.Period next) {
    }

    /**
     * The previews of some subscriptions, computed in three steps that each read for all of them:
     * plan (after the pending changes), price, tax.
     */
    private final class Previews {
        /** By subscription id: its {@link InvoicePreview}, or the {@link SubscriptionException} that refuses it. */
        final Map<Long, Object> outcomes = new LinkedHashMap<>();
        /** The prices looked up: the previews' and those asked for besides. */
        final Map<PriceKey, BigDecimal> prices;

        Previews(Tx tx, List<SubscriptionRecord> stored, boolean withPending, Set<PriceKey> alsoPriced) throws SQLException {
            stored.forEach(s -> outcomes.put(s.id(), null));
            Map<Long, List<org.idempiere.subscription.api.service.SubscriptionChange>> pending = withPending
                    ? changes.pendingOf(tx, stored.stream().filter(Forecaster::billed).map(SubscriptionRecord::id).toList())
                    : Map.of();
            List<Planned> planned = new ArrayList<>();
            Set<PriceKey> keys = new LinkedHashSet<>();
            for (SubscriptionRecord s : stored) {
                try {
                    Planned p = plan(tx, s, withPending ? pending.getOrDefault(s.id(), List.of()) : null);
                    BillingPlan.addKeys(keys, p.timeline(), p.s().priceListId(), p.next());
                    planned.add(p);
                } catch (SubscriptionException e) {
                    outcomes.put(s.id(), e);
                }
            }
            keys.addAll(alsoPriced);
            prices = keys.isEmpty() ? Map.of() : catalog.prices(tx, keys);
            Map<Long, List<PricedLine>> charged = new HashMap<>();
            Set<Taxes.RateKey> rateKeys = new LinkedHashSet<>();
            for (Planned p : planned) {
                try {
                    List<PricedLine> lines = BillingPlan.charge(p.timeline(), p.next(), new PriceBook(p.s().priceListId(),
                            p.s().mrr().currency(), prices));
                    lines.forEach(l -> rateKeys.add(TaxEstimate.key(l.line().productId(), p.s().billToLocationId(),
                            p.next().dateInvoiced())));
                    charged.put(p.s().id(), lines);
                } catch (SubscriptionException e) {
                    outcomes.put(p.s().id(), e);
                }
            }
            Map<Taxes.RateKey, TaxRate> rates = rateKeys.isEmpty() ? Map.of() : taxes.rates(tx, rateKeys);
            for (Planned p : planned) {
                List<PricedLine> lines = charged.get(p.s().id());
                if (lines != null) {
                    try {
                        outcomes.put(p.s().id(), invoice(p, lines, new TaxEstimate(rates, p.s().billToLocationId())));
                    } catch (SubscriptionException e) {
                        outcomes.put(p.s().id(), e);
                    }
                }
            }
        }
    }

    /** Whether billing will see a next invoice of {@code s} at all (else its preview is refused). */
    private static boolean billed(SubscriptionRecord s) {
        return s.status() != SubscriptionStatus.DRAFT && s.nextInvoiceDate() != null;
    }

    /**
     * {@code stored} as billing will see it (after {@code pending}, its pending changes, unless
     * null) and the period of its next invoice.
     */
    private Planned plan(Tx tx, SubscriptionRecord stored, List<org.idempiere.subscription.api.service.SubscriptionChange> pending)
            throws SQLException {
        if (!billed(stored)) {
            throw SubscriptionException.invalidState("status", stored.status(), "has no next invoice: only an ACTIVE"
                    + " subscription is billed, or a paused or closed one for days served before");
        }
        // the run applies a pending change dated by its day first: the next invoice date, or today when overdue
        LocalDate runDay = stored.nextInvoiceDate().isBefore(host.today()) ? host.today() : stored.nextInvoiceDate();
        SubscriptionRecord s;
        try {
            s = pending != null ? changes.withPending(tx, stored, runDay, pending) : stored;
        } catch (SubscriptionException e) {
            throw SubscriptionException.invalidState("changes", e.getMessage(), "is why a pending change cannot be applied:"
                    + " the billing run holds this subscription until the change is cancelled");
        }
        if (s.recurrenceChange() != null && !s.nextInvoiceDate().isBefore(s.recurrenceChange())) {
            throw SubscriptionException.invalidState("recurrenceChangeDate", s.recurrenceChange(), "is when the plan"
                    + " changes to another recurrence: the next invoice is the first of the new plan, made once the change applies");
        }
        Timeline t = s.timeline();
        BillingPlan.Outcome outcome = BillingPlan.due(t, s.nextInvoiceDate());
        // periods all of whose days fell into a pause are not invoiced: the next invoice is after them
        for (int i = 0; i < 1_000 && outcome.periods().isEmpty() && outcome.next() != null && outcome.expiresOn().isEmpty(); i++) {
            outcome = BillingPlan.due(t, outcome.next());
        }
        if (outcome.periods().isEmpty()) {
            throw SubscriptionException.invalidState("termEndDate", outcome.termEndDate(),
                    "has passed: the subscription expires on " + outcome.expiresOn().orElse(null) + " instead");
        }
        return new Planned(s, t, outcome.periods().get(0));
    }

    /** The invoice of a planned subscription from its priced lines, taxed. */
    private static InvoicePreview invoice(Planned p, List<PricedLine> lines, TaxEstimate taxed) {
        BillingPlan.Period next = p.next();
        Currency currency = p.s().mrr().currency();
        List<InvoicePreview.Line> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            PricedLine l = lines.get(i);
            BigDecimal rate = taxed.add(i, l.line().productId(), next.dateInvoiced(), l.lineNet().amount());
            out.add(new InvoicePreview.Line(l.line().productId(), l.line().quantity(), l.priceActual(), l.lineNet().amount(), rate));
        }
        BigDecimal net = Pricer.total(lines, currency).amount();
        BigDecimal tax = taxed.tax(net.scale());
        return new InvoicePreview(p.s().id(), next.dateInvoiced(), next.period(), currency.getCurrencyCode(), net, tax,
                net.add(tax), out);
    }

    private static java.util.function.Supplier<SubscriptionException> taxProblem(int line, long productId, LocalDate date) {
        return () -> SubscriptionException.invalidState("lines[" + line + "].productId", productId,
                "has no tax rate for the customer's bill-to location on " + date);
    }

    /**
     * A dry run: the billing run's own planning ({@link ChunkPlan}) over the same chunks, after the
     * pending changes the run would apply first, with a failing chunk planned again one subscription
     * at a time as the run bills it; nothing is locked or written. On top of what the run does, each
     * line's tax rate is looked up, as the host would when posting.
     */
    BillingForecast dryRun(LocalDate asOf) {
        Tally tally = new Tally();
        // the run applies the pending changes due by then (never after today) before it bills
        LocalDate changesUpTo = asOf.isAfter(host.today()) ? host.today() : asOf;
        Map<Long, List<Long>> pending = new HashMap<>();
        host.inTransaction(tx -> {
            for (ChangeStore.Due d : changes.due(tx, changesUpTo, BillingScope.ALL)) {
                pending.computeIfAbsent(d.subscriptionId(), k -> new ArrayList<>()).add(d.changeId());
            }
            return null;
        });
        DueKey after = DueKey.START;
        while (true) {
            DueKey from = after;
            DueKey last = host.inTransaction(tx -> {
                List<SubscriptionRecord> chunk = subscriptions.readDue(tx.connection(), host.tenant(), asOf, from,
                        BillingServiceImpl.CHUNK, BillingScope.ALL, currencies.resolver(tx));
                if (chunk.isEmpty()) {
                    return from;
                }
                List<SubscriptionRecord> projected = new ArrayList<>(chunk.size());
                for (SubscriptionRecord stored : chunk) {
                    withChanges(tx, stored, pending.getOrDefault(stored.id(), List.of()), tally).ifPresent(projected::add);
                }
                tally.due += projected.size();
                try {
                    count(tx, ChunkPlan.of(projected, asOf, keys -> catalog.prices(tx, keys)), tally);
                } catch (SubscriptionException chunkFails) { // as the run: one by one, recording each failure
                    for (SubscriptionRecord s : projected) {
                        try {
                            count(tx, ChunkPlan.of(List.of(s), asOf, keys -> catalog.prices(tx, keys)), tally);
                        } catch (SubscriptionException e) {
                            tally.fail(s.id(), e.code().name(), e.getMessage());
                        }
                    }
                }
                SubscriptionRecord end = chunk.get(chunk.size() - 1);
                return new DueKey(end.nextInvoiceDate(), end.id());
            });
            if (last.equals(from)) {
                break;
            }
            after = last;
        }
        return new BillingForecast(asOf, tally.due, tally.invoices, tally.net, tally.problemsCount, tally.problems);
    }

    /** What a dry run counts. */
    private static final class Tally {
        int due;
        int invoices;
        int problemsCount;
        final Map<String, BigDecimal> net = new HashMap<>();
        final List<BillingRunReport.Failure> problems = new ArrayList<>();

        void fail(long subscriptionId, String code, String message) {
            problemsCount++;
            if (problems.size() < BillingRunReport.MAX_LISTED) {
                problems.add(new BillingRunReport.Failure(subscriptionId, code, message));
            }
        }
    }

    /** {@code s} after its due changes, as the run would apply them; empty (a problem counted) if one fails. */
    private Optional<SubscriptionRecord> withChanges(Tx tx, SubscriptionRecord stored, List<Long> changeIds, Tally tally) {
        SubscriptionRecord s = stored;
        for (Long id : changeIds) {
            try {
                s = changes.withChange(tx, s, changeStore.stored(tx.connection(), host.tenant(), id).orElseThrow());
            } catch (SQLException | RuntimeException e) { // the run would record it and hold the subscription
                tally.fail(stored.id(), e instanceof SubscriptionException se ? se.code().name()
                        : org.idempiere.subscription.api.ErrorCode.HOST_FAILURE.name(), "Change " + id + ": " + e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(s);
    }

    /**
     * Counts a planned chunk: a subscription's invoices and net only if every line of them has a
     * tax rate (as posting would need); otherwise a problem.
     */
    private void count(Tx tx, ChunkPlan plan, Tally tally) {
        Set<Taxes.RateKey> keys = new LinkedHashSet<>();
        plan.invoices.forEach(i -> i.draft().lines().forEach(l -> keys.add(TaxEstimate.key(l.productId(),
                i.subscription().billToLocationId(), i.period().dateInvoiced()))));
        Map<Taxes.RateKey, TaxRate> rates = keys.isEmpty() ? Map.of() : taxes.rates(tx, keys);
        Map<Long, List<ChunkPlan.Invoice>> bySubscription = new LinkedHashMap<>();
        plan.invoices.forEach(i -> bySubscription.computeIfAbsent(i.subscription().id(), k -> new ArrayList<>()).add(i));
        for (List<ChunkPlan.Invoice> invoices : bySubscription.values()) {
            SubscriptionRecord s = invoices.get(0).subscription();
            try {
                BigDecimal net = BigDecimal.ZERO;
                for (ChunkPlan.Invoice i : invoices) {
                    List<org.idempiere.subscription.api.host.InvoiceLineDraft> lines = i.draft().lines();
                    for (int n = 0; n < lines.size(); n++) {
                        if (!rates.containsKey(TaxEstimate.key(lines.get(n).productId(), s.billToLocationId(),
                                i.period().dateInvoiced()))) {
                            throw taxProblem(n, lines.get(n).productId(), i.period().dateInvoiced()).get();
                        }
                    }
                    net = net.add(i.net());
                }
                tally.invoices += invoices.size();
                tally.net.merge(s.mrr().currency().getCurrencyCode(), net, BigDecimal::add);
            } catch (SubscriptionException e) {
                tally.fail(s.id(), e.code().name(), e.getMessage());
            }
        }
    }
}
