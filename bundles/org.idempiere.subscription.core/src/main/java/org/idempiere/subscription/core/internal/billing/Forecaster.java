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

    private record TaxKey(long productId, long locationId, LocalDate date) {
    }


    InvoicePreview preview(long subscriptionId) {
        return host.inTransaction(tx -> preview(tx, subscriptions.find(tx.connection(), host.tenant(), subscriptionId, Lock.NONE,
                currencies.resolver(tx)).orElseThrow(() -> SubscriptionException.notFound("Subscription", subscriptionId))));
    }

    /**
     * The next invoice of {@code stored} (read in {@code tx}) after its pending changes, in
     * {@code tx}: what {@link org.idempiere.subscription.api.service.BillingService#preview} answers.
     */
    public InvoicePreview preview(Tx tx, SubscriptionRecord stored) throws java.sql.SQLException {
        return preview(tx, stored, true);
    }

    /**
     * The next invoice of {@code stored}, writing nothing: after the pending changes the run would
     * apply first when {@code withPending}, else as {@code stored} stands (a projection that has
     * them already).
     */
    InvoicePreview preview(Tx tx, SubscriptionRecord stored, boolean withPending) throws java.sql.SQLException {
        {
            if (stored.status() == SubscriptionStatus.DRAFT || stored.nextInvoiceDate() == null) {
                throw SubscriptionException.invalidState("status", stored.status(), "has no next invoice: only an ACTIVE"
                        + " subscription is billed, or a paused or closed one for days served before");
            }
            // the run applies a pending change dated by its day first: the next invoice date, or today when overdue
            LocalDate runDay = stored.nextInvoiceDate().isBefore(host.today()) ? host.today() : stored.nextInvoiceDate();
            SubscriptionRecord s;
            try {
                s = withPending ? changes.withPending(tx, stored, runDay) : stored;
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
            BillingPlan.Period next = outcome.periods().get(0);
            Currency currency = s.mrr().currency();
            Set<PriceKey> keys = new LinkedHashSet<>();
            BillingPlan.addKeys(keys, t, s.priceListId(), next);
            List<PricedLine> lines = BillingPlan.charge(t, next, new PriceBook(s.priceListId(), currency,
                    keys.isEmpty() ? Map.of() : catalog.prices(tx, keys)));
            TaxEstimate taxed = new TaxEstimate(taxes, tx, s.billToLocationId());
            List<InvoicePreview.Line> out = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                PricedLine l = lines.get(i);
                BigDecimal rate = taxed.add(i, l.line().productId(), next.dateInvoiced(), l.lineNet().amount());
                out.add(new InvoicePreview.Line(l.line().productId(), l.line().quantity(), l.priceActual(), l.lineNet().amount(),
                        rate));
            }
            BigDecimal net = Pricer.total(lines, currency).amount();
            BigDecimal tax = taxed.tax(net.scale());
            return new InvoicePreview(s.id(), next.dateInvoiced(), next.period(), currency.getCurrencyCode(), net, tax,
                    net.add(tax), out);
        }
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
        Map<TaxKey, Optional<TaxRate>> rates = new HashMap<>();
        Map<Long, List<ChunkPlan.Invoice>> bySubscription = new LinkedHashMap<>();
        plan.invoices.forEach(i -> bySubscription.computeIfAbsent(i.subscription().id(), k -> new ArrayList<>()).add(i));
        for (List<ChunkPlan.Invoice> invoices : bySubscription.values()) {
            SubscriptionRecord s = invoices.get(0).subscription();
            try {
                BigDecimal net = BigDecimal.ZERO;
                for (ChunkPlan.Invoice i : invoices) {
                    List<org.idempiere.subscription.api.host.InvoiceLineDraft> lines = i.draft().lines();
                    for (int n = 0; n < lines.size(); n++) {
                        rate(tx, rates, lines.get(n).productId(), s.billToLocationId(), i.period().dateInvoiced())
                                .orElseThrow(taxProblem(n, lines.get(n).productId(), i.period().dateInvoiced()));
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

    private Optional<TaxRate> rate(Tx tx, Map<TaxKey, Optional<TaxRate>> cache, long productId, long locationId,
            LocalDate date) {
        return cache.computeIfAbsent(new TaxKey(productId, locationId, date), k -> taxes.rateFor(tx, productId, locationId, date));
    }
}
