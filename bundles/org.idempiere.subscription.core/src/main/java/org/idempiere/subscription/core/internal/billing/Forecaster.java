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
final class Forecaster {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private final HostContext host;
    private final Catalog catalog;
    private final Taxes taxes;
    private final CurrencyLookup currencies;
    private final Pricer pricer;
    private final SubscriptionStore subscriptions = new SubscriptionStore();

    private final org.idempiere.subscription.core.internal.lifecycle.Changes changes;
    private final org.idempiere.subscription.core.internal.store.ChangeStore changeStore =
            new org.idempiere.subscription.core.internal.store.ChangeStore();

    Forecaster(HostContext host, Catalog catalog, Taxes taxes, CurrencyLookup currencies,
            org.idempiere.subscription.core.internal.lifecycle.Changes changes) {
        this.host = host;
        this.changes = changes;
        this.catalog = catalog;
        this.taxes = taxes;
        this.currencies = currencies;
        this.pricer = new Pricer(catalog);
    }

    private record TaxKey(long productId, long locationId, LocalDate date) {
    }

    /** The lines taxed at one rate. */
    private record TaxBase(BigDecimal ratePercent, BigDecimal taxable) {
        TaxBase plus(TaxBase other) {
            return new TaxBase(ratePercent, taxable.add(other.taxable));
        }
    }

    InvoicePreview preview(long subscriptionId) {
        return host.inTransaction(tx -> {
            SubscriptionRecord stored = subscriptions.find(tx.connection(), host.tenant(), subscriptionId, Lock.NONE,
                    currencies.resolver(tx)).orElseThrow(() -> SubscriptionException.notFound("Subscription", subscriptionId));
            if (stored.status() == SubscriptionStatus.DRAFT || stored.nextInvoiceDate() == null) {
                throw SubscriptionException.invalidState("status", stored.status(), "has no next invoice: only an ACTIVE"
                        + " subscription is billed, or a paused or closed one for days served before");
            }
            // the run applies a pending change dated by its day first: the next invoice date, or today when overdue
            LocalDate runDay = stored.nextInvoiceDate().isBefore(host.today()) ? host.today() : stored.nextInvoiceDate();
            SubscriptionRecord s;
            try {
                s = changes.withPending(tx, stored, runDay);
            } catch (SubscriptionException e) {
                throw SubscriptionException.invalidState("changes", e.getMessage(), "is why a pending change cannot be applied:"
                        + " the billing run holds this subscription until the change is cancelled");
            }
            if (s.recurrenceChange() != null && !s.nextInvoiceDate().isBefore(s.recurrenceChange())) {
                throw SubscriptionException.invalidState("recurrenceChangeDate", s.recurrenceChange(), "is when the plan"
                        + " changes to another recurrence: the next invoice is the first of the new plan, made once the change applies");
            }
            List<Periods.Planned> planned = new ArrayList<>();
            Periods.Outcome outcome = Periods.due(s, s.nextInvoiceDate(), planned);
            // periods all of whose days fell into a pause are not invoiced: the next invoice is after them
            for (int i = 0; i < 1_000 && planned.isEmpty() && outcome.next() != null && outcome.expiresOn().isEmpty(); i++) {
                outcome = Periods.due(s, outcome.next(), planned);
            }
            if (planned.isEmpty()) {
                throw SubscriptionException.invalidState("termEndDate", outcome.termEndDate(),
                        "has passed: the subscription expires on " + outcome.expiresOn().orElse(null) + " instead");
            }
            Periods.Planned next = planned.get(0);
            Currency currency = s.mrr().currency();
            List<PricedLine> lines = next.charged(pricer.price(tx, s.priceListId(), currency, next.priceDate(),
                    s.linesFor(next.period()), "lines"), currency);
            Map<TaxKey, Optional<TaxRate>> rates = new HashMap<>();
            Map<Long, TaxBase> perRate = new LinkedHashMap<>();
            List<InvoicePreview.Line> out = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                PricedLine l = lines.get(i);
                TaxRate rate = rate(tx, rates, l.line().productId(), s.billToLocationId(), next.dateInvoiced())
                        .orElseThrow(taxProblem(i, l.line().productId(), next.dateInvoiced()));
                perRate.merge(rate.id(), new TaxBase(rate.ratePercent(), l.lineNet().amount()), TaxBase::plus);
                out.add(new InvoicePreview.Line(l.line().productId(), l.line().quantity(), l.priceActual(), l.lineNet().amount(),
                        rate.ratePercent()));
            }
            BigDecimal net = Pricer.total(lines, currency).amount();
            BigDecimal tax = BigDecimal.ZERO;
            for (TaxBase b : perRate.values()) {
                tax = tax.add(b.taxable().multiply(b.ratePercent()).divide(HUNDRED, net.scale(), RoundingMode.HALF_UP));
            }
            return new InvoicePreview(s.id(), next.dateInvoiced(), next.period(), currency.getCurrencyCode(), net, tax,
                    net.add(tax), out);
        });
    }

    private static java.util.function.Supplier<SubscriptionException> taxProblem(int line, long productId, LocalDate date) {
        return () -> SubscriptionException.invalidState("lines[" + line + "].productId", productId,
                "has no tax rate for the customer's bill-to location on " + date);
    }

    BillingForecast dryRun(LocalDate asOf) {
        int[] due = {0};
        int[] invoices = {0};
        Map<String, BigDecimal> net = new HashMap<>();
        List<BillingRunReport.Failure> problems = new ArrayList<>();
        int[] problemsCount = {0};
        DueKey after = DueKey.START;
        // the run applies the pending changes due by then (never after today) before it bills
        LocalDate changesUpTo = asOf.isAfter(host.today()) ? host.today() : asOf;
        Map<Long, List<Long>> pending = new HashMap<>();
        host.inTransaction(tx -> {
            for (org.idempiere.subscription.core.internal.store.ChangeStore.Due d : changes.due(tx, changesUpTo, BillingScope.ALL)) {
                pending.computeIfAbsent(d.subscriptionId(), k -> new ArrayList<>()).add(d.changeId());
            }
            return null;
        });
        while (true) {
            DueKey from = after;
            DueKey last = host.inTransaction(tx -> {
                List<SubscriptionRecord> chunk = subscriptions.readDue(tx.connection(), host.tenant(), asOf, from,
                        BillingServiceImpl.CHUNK, BillingScope.ALL, currencies.resolver(tx));
                if (chunk.isEmpty()) {
                    return from;
                }
                List<Periods.Planned> planned = new ArrayList<>();
                Set<Long> held = new HashSet<>();
                for (SubscriptionRecord stored : chunk) {
                    SubscriptionRecord s = stored;
                    Long changeId = null;
                    if (pending.containsKey(stored.id())) {
                        try {
                            for (Long id : pending.get(stored.id())) {
                                changeId = id;
                                s = changes.withChange(tx, s, changeStore.stored(tx.connection(), host.tenant(), id).orElseThrow());
                            }
                        } catch (RuntimeException e) { // the run would record it and hold the subscription
                            held.add(stored.id());
                            problemsCount[0]++;
                            if (problems.size() < BillingRunReport.MAX_LISTED) {
                                problems.add(new BillingRunReport.Failure(stored.id(), e instanceof SubscriptionException se
                                        ? se.code().name() : org.idempiere.subscription.api.ErrorCode.HOST_FAILURE.name(),
                                        "Change " + changeId + ": " + e.getMessage()));
                            }
                            continue;
                        }
                    }
                    Periods.due(s, asOf, planned);
                }
                Set<PriceKey> keys = new LinkedHashSet<>();
                for (Periods.Planned p : planned) {
                    Pricer.addKeys(keys, p.subscription().priceListId(), p.priceDate(), p.subscription().linesFor(p.period()));
                }
                Map<PriceKey, BigDecimal> prices = keys.isEmpty() ? Map.of() : catalog.prices(tx, keys);
                Map<TaxKey, Optional<TaxRate>> rates = new HashMap<>();
                Map<Long, BigDecimal> netOf = new LinkedHashMap<>();
                Map<Long, Integer> countOf = new HashMap<>();
                Set<Long> failed = new LinkedHashSet<>();
                for (Periods.Planned p : planned) {
                    SubscriptionRecord s = p.subscription();
                    if (failed.contains(s.id())) {
                        continue;
                    }
                    try {
                        List<PricedLine> lines = p.charged(Pricer.price(prices, s.priceListId(), s.mrr().currency(),
                                p.priceDate(), s.linesFor(p.period()), "lines"), s.mrr().currency());
                        for (int i = 0; i < lines.size(); i++) {
                            rate(tx, rates, lines.get(i).line().productId(), s.billToLocationId(), p.dateInvoiced())
                                    .orElseThrow(taxProblem(i, lines.get(i).line().productId(), p.dateInvoiced()));
                        }
                        netOf.merge(s.id(), Pricer.total(lines, s.mrr().currency()).amount(), BigDecimal::add);
                        countOf.merge(s.id(), 1, Integer::sum);
                    } catch (SubscriptionException e) {
                        failed.add(s.id());
                        netOf.remove(s.id());
                        countOf.remove(s.id());
                        problemsCount[0]++;
                        if (problems.size() < BillingRunReport.MAX_LISTED) {
                            problems.add(new BillingRunReport.Failure(s.id(), e.code().name(), e.getMessage()));
                        }
                    }
                }
                due[0] += chunk.size() - held.size();
                for (SubscriptionRecord s : chunk) {
                    if (netOf.containsKey(s.id())) {
                        invoices[0] += countOf.get(s.id());
                        net.merge(s.mrr().currency().getCurrencyCode(), netOf.get(s.id()), BigDecimal::add);
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
        return new BillingForecast(asOf, due[0], invoices[0], net, problemsCount[0], problems);
    }

    private Optional<TaxRate> rate(Tx tx, Map<TaxKey, Optional<TaxRate>> cache, long productId, long locationId,
            LocalDate date) {
        return cache.computeIfAbsent(new TaxKey(productId, locationId, date), k -> taxes.rateFor(tx, productId, locationId, date));
    }
}
