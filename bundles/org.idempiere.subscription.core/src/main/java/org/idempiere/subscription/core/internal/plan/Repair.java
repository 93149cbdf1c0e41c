package org.idempiere.subscription.core.internal.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.host.Catalog.PriceKey;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.core.internal.pricing.PricedLine;
import org.idempiere.subscription.core.internal.pricing.Pricer;

/**
 * What a change of line versions owes for periods billed already: for each such period, <b>what
 * should have been billed minus what was billed</b>, version by version and day by day.
 *
 * <p>For a billed period and each line version, the days it is charged for before the change and
 * after are compared from the change's day on (the days before it are the same on both sides):
 * days charged before but not after are credited, days charged after but not before are charged.
 * Each piece is priced as the period was (on its price date) and charged as its share by days of
 * the whole period ({@link org.idempiere.subscription.core.internal.pricing.LinePricing#prorate}),
 * whose cumulative rounding makes a credit exactly the part of what was billed it takes back, so a
 * credit never exceeds what was billed. A setup fee a change starts is charged in full with the
 * billed period its day falls in.
 *
 * <pre>
 *  billed:   |=========== period P (invoiced) ==========|
 *  before:   |------------- version A -----------------|
 *  after:    |---- A (ends D-1) ----|---- B (from D) ---|
 *                                   D
 *  repair:                          |  credit A, D..end |
 *                                   |  charge B, D..end |
 * </pre>
 */
public final class Repair {
    private Repair() {
    }

    /**
     * One line of a repair: a version credited or charged for some days.
     *
     * @param line   the version, as priced
     * @param days   the days credited or charged
     * @param price  the price actual for those days (negative for a credit; a share may round to zero)
     * @param net    the line net (negative for a credit)
     * @param credit whether it gives back days that were billed
     */
    public record Item(SubscriptionLine line, ServicePeriod days, java.math.BigDecimal price, Money net, boolean credit) {
    }

    /** Adds the list prices {@link #of} needs to {@code keys}. */
    public static void addKeys(Set<PriceKey> keys, Timeline before, Timeline after, long priceListId,
            List<ServicePeriod> billed) {
        Schedule schedule = before.schedule();
        for (ServicePeriod b : billed) {
            LocalDate date = schedule.priceDateOf(schedule.indexOfPeriodContaining(b.start()), before.priceUpdate(),
                    before.plan().term());
            PriceBook.addKeys(keys, priceListId, date, before.linesForPricing());
            PriceBook.addKeys(keys, priceListId, date, after.linesForPricing());
        }
    }

    /**
     * The repair of the periods {@code billed} (as invoiced: a period or its billed part) when the
     * line versions go from {@code before} to {@code after} on {@code day}: credits first (in the
     * order of {@code before}'s versions), then charges (in the order of {@code after}'s), period by
     * period. Both timelines share their schedule: a change of recurrence takes effect only where
     * nothing is billed.
     */
    public static List<Item> of(Timeline before, Timeline after, LocalDate day, List<ServicePeriod> billed, PriceBook prices) {
        Schedule schedule = before.schedule();
        List<Item> out = new ArrayList<>();
        for (ServicePeriod b : billed) {
            if (b.end().isBefore(day)) {
                continue;
            }
            long index = schedule.indexOfPeriodContaining(b.start());
            ServicePeriod whole = schedule.wholePeriodOf(index);
            LocalDate priced = schedule.priceDateOf(index, before.priceUpdate(), before.plan().term());
            ServicePeriod window = new ServicePeriod(day.isAfter(b.start()) ? day : b.start(), b.end());
            Map<Long, SubscriptionLine> was = byId(before.linesForPricing());
            Map<Long, SubscriptionLine> should = byId(after.linesForPricing());
            List<Item> charges = new ArrayList<>();
            for (SubscriptionLine l : was.values()) {
                Optional<ServicePeriod> had = daysIn(before, l, window, b);
                Optional<ServicePeriod> has = Optional.ofNullable(should.get(l.id())).flatMap(x -> daysIn(after, x, window, b));
                for (ServicePeriod p : minus(had, has)) {
                    out.add(item(prices, priced, l, whole, p, true));
                }
                for (ServicePeriod p : minus(has, had)) {
                    charges.add(item(prices, priced, should.get(l.id()), whole, p, false));
                }
            }
            for (SubscriptionLine l : should.values()) {
                if (was.containsKey(l.id())) {
                    continue;
                }
                if (l.setupFee()) {
                    LocalDate first = after.firstDay(l);
                    if (Timeline.contains(b, first) && !first.isBefore(day)) {
                        charges.add(fee(prices, priced, l, first));
                    }
                    continue;
                }
                daysIn(after, l, window, b).ifPresent(p -> charges.add(item(prices, priced, l, whole, p, false)));
            }
            out.addAll(charges);
        }
        return out;
    }

    /** The days of {@code window} a recurring version is charged for on a timeline; setup fees are never repaired. */
    private static Optional<ServicePeriod> daysIn(Timeline t, SubscriptionLine l, ServicePeriod window, ServicePeriod billed) {
        if (l.setupFee()) {
            return Optional.empty();
        }
        return t.daysBilled(l, billed).flatMap(d -> intersect(d, window));
    }

    private static Optional<ServicePeriod> intersect(ServicePeriod a, ServicePeriod b) {
        LocalDate from = a.start().isAfter(b.start()) ? a.start() : b.start();
        LocalDate to = a.end().isBefore(b.end()) ? a.end() : b.end();
        return to.isBefore(from) ? Optional.empty() : Optional.of(new ServicePeriod(from, to));
    }

    /** The days of {@code a} outside {@code b}: none, one or two runs. */
    static List<ServicePeriod> minus(Optional<ServicePeriod> a, Optional<ServicePeriod> b) {
        if (a.isEmpty()) {
            return List.of();
        }
        Optional<ServicePeriod> common = b.flatMap(x -> intersect(a.get(), x));
        if (common.isEmpty()) {
            return List.of(a.get());
        }
        List<ServicePeriod> out = new ArrayList<>(2);
        if (common.get().start().isAfter(a.get().start())) {
            out.add(new ServicePeriod(a.get().start(), common.get().start().minusDays(1)));
        }
        if (common.get().end().isBefore(a.get().end())) {
            out.add(new ServicePeriod(common.get().end().plusDays(1), a.get().end()));
        }
        return out;
    }

    private static Item item(PriceBook prices, LocalDate date, SubscriptionLine l, ServicePeriod whole, ServicePeriod days,
            boolean credit) {
        PricedLine p = prices.price(date, List.of(l)).get(0);
        PricedLine share = days.equals(whole) ? p : Pricer.prorate(List.of(p), whole, days, prices.currency()).get(0);
        return credit ? new Item(l, days, share.priceActual().negate(), Money.zero(prices.currency()).minus(share.lineNet()), true)
                : new Item(l, days, share.priceActual(), share.lineNet(), false);
    }

    private static Item fee(PriceBook prices, LocalDate date, SubscriptionLine l, LocalDate day) {
        PricedLine p = prices.price(date, List.of(l)).get(0);
        return new Item(l, new ServicePeriod(day, day), p.priceActual(), p.lineNet(), false);
    }

    private static Map<Long, SubscriptionLine> byId(List<SubscriptionLine> lines) {
        Map<Long, SubscriptionLine> out = new LinkedHashMap<>();
        lines.forEach(l -> out.put(l.id(), l));
        return out;
    }
}
