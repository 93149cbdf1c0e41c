package org.idempiere.subscription.core.internal.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.host.Catalog.PriceKey;
import org.idempiere.subscription.api.host.InvoiceDraft;
import org.idempiere.subscription.api.host.InvoiceLineDraft;
import org.idempiere.subscription.core.internal.plan.BillingPlan;
import org.idempiere.subscription.core.internal.plan.PriceBook;
import org.idempiere.subscription.core.internal.plan.Timeline;
import org.idempiere.subscription.core.internal.pricing.PricedLine;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;

/**
 * What billing some subscriptions as of a day gives, computed without writing: the invoice drafts
 * of their due periods, their next invoice dates, renewed terms and expiries. The billing run
 * writes it; the dry run counts it. Both take the very same path, so a dry run cannot disagree with
 * the run it foretells.
 */
final class ChunkPlan {
    /** One period's invoice draft, its net amount and the part of it that is setup fees (one-time revenue). */
    record Invoice(SubscriptionRecord subscription, BillingPlan.Period period, InvoiceDraft draft, BigDecimal net, BigDecimal setupFees) {
    }

    /** A subscription whose fixed term ended without renewal, or that notice not to renew ended. */
    record Expiry(SubscriptionRecord subscription, LocalDate on) {
    }

    final List<Invoice> invoices = new ArrayList<>();
    final Map<Long, LocalDate> nextDates = new LinkedHashMap<>();
    final Map<Long, LocalDate> renewedTerms = new LinkedHashMap<>();
    final List<Expiry> expiries = new ArrayList<>();

    private ChunkPlan() {
    }

    /**
     * Plans every period of {@code subscriptions} invoiced on or before {@code asOf}, asking
     * {@code listPrices} once for all the list prices needed.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException if a line has no price (the
     *         whole plan fails: a run then bills the subscriptions one by one to find which)
     */
    static ChunkPlan of(List<SubscriptionRecord> subscriptions, LocalDate asOf,
            Function<Set<PriceKey>, Map<PriceKey, BigDecimal>> listPrices) {
        ChunkPlan plan = new ChunkPlan();
        List<SubscriptionRecord> owners = new ArrayList<>();
        List<Timeline> timelines = new ArrayList<>();
        List<BillingPlan.Period> periods = new ArrayList<>();
        List<List<org.idempiere.subscription.api.service.SubscriptionLine>> billedLines = new ArrayList<>();
        Set<PriceKey> keys = new LinkedHashSet<>();
        for (SubscriptionRecord s : subscriptions) {
            Timeline t = s.timeline();
            BillingPlan.Outcome outcome = BillingPlan.due(t, asOf);
            for (BillingPlan.Period p : outcome.periods()) {
                owners.add(s);
                timelines.add(t);
                periods.add(p);
                List<org.idempiere.subscription.api.service.SubscriptionLine> lines = t.linesFor(p.period());
                billedLines.add(lines);
                PriceBook.addKeys(keys, s.priceListId(), p.priceDate(), lines);
            }
            plan.track(s, outcome);
        }
        // one immutable copy for the chunk: every period's PriceBook shares it
        Map<PriceKey, BigDecimal> prices = keys.isEmpty() ? Map.of() : Map.copyOf(listPrices.apply(keys));
        for (int i = 0; i < periods.size(); i++) {
            SubscriptionRecord s = owners.get(i);
            Currency currency = s.mrr().currency();
            BillingPlan.Period p = periods.get(i);
            List<PricedLine> lines = BillingPlan.charge(timelines.get(i), p, billedLines.get(i),
                    new PriceBook(s.priceListId(), currency, prices));
            plan.invoices.add(new Invoice(s, p, draft(s, timelines.get(i), p, lines), Pricer.total(lines, currency).amount(),
                    Pricer.total(lines.stream().filter(l -> l.line().setupFee()).toList(), currency).amount()));
        }
        return plan;
    }

    /** Sorts one subscription's outcome into next dates, renewed terms and expiries. */
    private void track(SubscriptionRecord s, BillingPlan.Outcome outcome) {
        if (outcome.expiresOn().isPresent()) {
            expiries.add(new Expiry(s, outcome.expiresOn().get()));
            return;
        }
        nextDates.put(s.id(), outcome.next());
        if (outcome.termEndDate() != null && !outcome.termEndDate().equals(s.termEndDate())) {
            renewedTerms.put(s.id(), outcome.termEndDate());
        }
    }

    /** The host invoice of one period: a line per version charged, each showing its own days. */
    static InvoiceDraft draft(SubscriptionRecord s, Timeline t, BillingPlan.Period p, List<PricedLine> lines) {
        List<InvoiceLineDraft> out = new ArrayList<>(lines.size());
        for (PricedLine l : lines) {
            ServicePeriod days = BillingPlan.daysOf(t, p, l);
            out.add(new InvoiceLineDraft(l.line().productId(), l.line().quantity(), l.line().uomId(), l.priceActual(),
                    l.lineNet().amount(), days, s.documentNo() + ": " + days.start() + " - " + days.end(), l.line().uomRate()));
        }
        return new InvoiceDraft(s.customerId(), s.billToLocationId(), s.currencyId(), s.priceListId(), p.dateInvoiced(),
                "Subscription " + s.documentNo(), out, Optional.ofNullable(s.salesRepId()), Optional.ofNullable(s.orgId()),
                Optional.ofNullable(s.contactUserId()));
    }
}
