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
import org.idempiere.subscription.api.host.Catalog.PriceKey;
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
 * The line changes of a change request, checked against the subscription on the change's day: each
 * names a line valid that day (or the version that replaced it), once, and not one a pending change
 * removes; numbers in range; products priceable on the day; a recurring line remains.
 */
final class LineChecks {
    private final Catalog catalog;

    LineChecks(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Every line change names a line valid on the day, once; the numbers are in range; a recurring line remains. */
    void check(Tx tx, SubscriptionRecord s, LocalDate effective, List<LineChange> lines, Map<Integer, LocalDate> removedByPending,
            int pendingRecurring, boolean resolveOldIds) {
        Set<Long> touched = new HashSet<>();
        List<Priced> priced = new ArrayList<>();
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
            priceOn(s, effective, f, c).ifPresent(priced::add);
        }
        priceable(tx, s, priced);
        if (recurring < 1) {
            throw SubscriptionException.invalid("lines", lines.size() + " change(s)",
                    "would leave no recurring line: close the subscription instead");
        }
    }


    /** A line the change adds or updates, and the days its list price is looked up on (see {@link #priceOn}). */
    private record Priced(String field, long productId, PriceKey periodDate, PriceKey on) {
    }

    /**
     * What a line the change adds or updates needs to have a price on its day: a fixed one, or the
     * price list's (a change whose line could not be priced would fail on its day and hold the
     * subscription); none for a fixed price or a removal.
     */
    private static Optional<Priced> priceOn(SubscriptionRecord s, LocalDate day, String f, LineChange c) {
        long productId;
        boolean fixed;
        if (c instanceof LineChange.Add a) {
            productId = a.line().productId();
            fixed = a.line().unitPrice().isPresent();
        } else if (c instanceof LineChange.Update u) {
            SubscriptionLine l = ChangeApplier.lineOf(s, u.lineId());
            productId = l.productId();
            fixed = u.unitPrice().isPresent() || l.fixedUnitPrice().isPresent();
        } else {
            return Optional.empty();
        }
        if (fixed) {
            return Optional.empty();
        }
        // priced as billing will price it: on the period's price date, not before the line starts
        Schedule schedule = Schedule.of(s.plan(), s.periodsFrom());
        LocalDate periodDate = schedule.priceDateOf(schedule.indexOfPeriodContaining(day), s.priceUpdate(), s.plan().term());
        LocalDate on = periodDate.isAfter(day) ? periodDate : day;
        return Optional.of(new Priced(f + "productId", productId, new PriceKey(s.priceListId(), productId, periodDate),
                new PriceKey(s.priceListId(), productId, on)));
    }

    /** Every line in {@code priced} has a list price on one of its days: all looked up in one call, the first without one refused. */
    private void priceable(Tx tx, SubscriptionRecord s, List<Priced> priced) {
        if (priced.isEmpty()) {
            return;
        }
        Set<PriceKey> keys = new java.util.LinkedHashSet<>();
        for (Priced p : priced) {
            keys.add(p.periodDate());
            keys.add(p.on());
        }
        Map<PriceKey, BigDecimal> prices = catalog.prices(tx, keys);
        for (Priced p : priced) {
            if (!prices.containsKey(p.periodDate()) && !prices.containsKey(p.on())) {
                throw SubscriptionException.invalid(p.field(), p.productId(), "has no price on price list " + s.priceListId()
                        + " on " + p.on().date() + ": give a unitPrice");
            }
        }
    }

    private static SubscriptionLine line(SubscriptionRecord s, LocalDate effective, String f, long lineId, Set<Long> touched,
            Map<Integer, LocalDate> removedByPending, boolean resolveOldIds) {
        SubscriptionLine named = s.lines().stream().filter(x -> x.id() == lineId).findFirst()
                .orElseThrow(() -> SubscriptionException.unknown(f + "lineId", lineId));
        // a line an applied change replaced is named by its old id too: its version on the day
        SubscriptionLine l = named.validOn(effective) ? named : ChangeApplier.successor(s, named, effective).filter(x -> resolveOldIds)
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


}
