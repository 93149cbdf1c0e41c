package org.idempiere.subscription.core.internal.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.SubscriptionLine;

/**
 * Everything the billing plan needs to know about one subscription, as plain values: how its
 * periods run, where its billing stands, where its service stops, and its line versions. No
 * database, no host, no clock: a timeline is built from a stored subscription (or by hand in a
 * test) and read by {@link BillingPlan}.
 *
 * <p>Line versions: a line valid from {@code validFrom} (empty: the start date) up to
 * {@code validTo} (empty: open) is billed for the days of a period it is valid on; a change, pause,
 * resume or reactivation ends versions and starts new ones rather than editing them, so every day
 * billed can be told from the versions alone.
 *
 * @param plan             the recurrence, billing timing, term and billing day the periods follow
 * @param startDate        the first day of service
 * @param periodsFrom      the day the periods are counted from: the start date, or the day the recurrence last changed
 * @param priceUpdate      when list price changes reach the subscription (fixed terms: at renewal, or at once)
 * @param nextInvoiceDate  the invoice date billing continues with; null when nothing is left to bill
 * @param termEndDate      the current term's last day; null when open-ended
 * @param dateEnds         the last day of service after notice not to renew; null when none
 * @param recurrenceChange the day a pending change to another recurrence takes effect; billing stops before it
 * @param serviceEnd       the last day served of a paused or closed subscription; null while it is served
 * @param paused           whether the service ended by a pause (its lines ended with it), not by a close
 * @param discountPercent  the subscription's own discount, combined into each line's
 * @param lines            the line versions, ordered by line number and first day
 */
public record Timeline(PlanSettings plan, LocalDate startDate, LocalDate periodsFrom, PriceUpdate priceUpdate,
        LocalDate nextInvoiceDate, LocalDate termEndDate, LocalDate dateEnds, LocalDate recurrenceChange, LocalDate serviceEnd,
        boolean paused, BigDecimal discountPercent, List<SubscriptionLine> lines) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Timeline {
        lines = List.copyOf(lines);
    }

    /** The schedule its periods follow. */
    public Schedule schedule() {
        return Schedule.of(plan, periodsFrom);
    }

    /** @return this timeline with other line versions (a change, pause or resume applied) */
    public Timeline withLines(List<SubscriptionLine> newLines) {
        return new Timeline(plan, startDate, periodsFrom, priceUpdate, nextInvoiceDate, termEndDate, dateEnds, recurrenceChange,
                serviceEnd, paused, discountPercent, newLines);
    }

    /**
     * The line versions after a move on {@code day}: every version in {@code ended} is valid up to
     * the day before, every version in {@code started} is added; in the order the store keeps them
     * (by line number, each line's versions by their first day).
     */
    public static List<SubscriptionLine> versionsAfter(List<SubscriptionLine> lines, List<SubscriptionLine> ended,
            List<SubscriptionLine> started, LocalDate day) {
        Set<Long> ends = new HashSet<>();
        ended.forEach(l -> ends.add(l.id()));
        List<SubscriptionLine> out = new ArrayList<>(lines.size() + started.size());
        for (SubscriptionLine l : lines) {
            out.add(ends.contains(l.id()) ? endedOn(l, day.minusDays(1)) : l);
        }
        out.addAll(started);
        out.sort(Comparator.comparingInt(SubscriptionLine::line).thenComparing(l -> l.validFrom().orElse(LocalDate.MIN)));
        return out;
    }

    /** {@code l} valid up to {@code lastDay}. */
    public static SubscriptionLine endedOn(SubscriptionLine l, LocalDate lastDay) {
        return new SubscriptionLine(l.id(), l.line(), l.productId(), l.quantity(), l.uomId(), l.fixedUnitPrice(),
                l.discountPercent(), l.setupFee(), l.validFrom(), Optional.of(lastDay), l.uomRate());
    }

    /**
     * {@code lines} with {@code discountPercent} combined into each line's discount:
     * 100 − (100 − line)(100 − subscription)/100, exact, so the price actual is rounded once.
     */
    public static List<SubscriptionLine> pricingLines(List<SubscriptionLine> lines, BigDecimal discountPercent) {
        if (discountPercent.signum() == 0) {
            return lines;
        }
        return lines.stream().map(l -> l.with(l.quantity(), l.fixedUnitPrice(), HUNDRED.subtract(HUNDRED.subtract(l.discountPercent())
                .multiply(HUNDRED.subtract(discountPercent)).divide(HUNDRED)))).toList();
    }

    /** The versions as they are priced (see {@link #pricingLines}). */
    public List<SubscriptionLine> linesForPricing() {
        return pricingLines(lines, discountPercent);
    }

    /** The recurring versions valid on {@code date}, as they are priced: what the MRR is made of. */
    public List<SubscriptionLine> recurringOn(LocalDate date) {
        return pricingLines(lines.stream().filter(l -> !l.setupFee() && l.validOn(date)).toList(), discountPercent);
    }

    /**
     * The versions billed for a period, as they are priced: recurring versions valid on any of its
     * days (charged for those days, {@link #daysBilled}); a setup fee with the period its first day
     * falls in.
     */
    public List<SubscriptionLine> linesFor(ServicePeriod period) {
        return linesForPricing().stream().filter(l -> charged(l, period)).toList();
    }

    /** @return whether anything is billed for {@code period}: nothing while all its lines are paused */
    public boolean chargesFor(ServicePeriod period) {
        return lines.stream().anyMatch(l -> charged(l, period));
    }

    /** @return whether a setup fee is charged with {@code period} (its first day falls into it) */
    public boolean setupFeeIn(ServicePeriod period) {
        return lines.stream().anyMatch(l -> l.setupFee() && contains(period, firstDay(l)));
    }

    private boolean charged(SubscriptionLine l, ServicePeriod period) {
        return l.setupFee() ? contains(period, firstDay(l)) : daysBilled(l, period).isPresent();
    }

    /** The first day a version is billed for: its valid-from, else the start date. */
    public LocalDate firstDay(SubscriptionLine l) {
        return l.validFrom().orElse(startDate);
    }

    /** The days of {@code period} a recurring version is valid on; empty when none. */
    public Optional<ServicePeriod> daysBilled(SubscriptionLine l, ServicePeriod period) {
        LocalDate from = firstDay(l).isAfter(period.start()) ? firstDay(l) : period.start();
        LocalDate to = l.validTo().filter(t -> t.isBefore(period.end())).orElse(period.end());
        return to.isBefore(from) ? Optional.empty() : Optional.of(new ServicePeriod(from, to));
    }

    static boolean contains(ServicePeriod p, LocalDate d) {
        return !d.isBefore(p.start()) && !d.isAfter(p.end());
    }
}
