package org.idempiere.subscription.core.internal.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.api.service.Term;
import org.idempiere.subscription.core.internal.pricing.PricedLine;
import org.idempiere.subscription.core.internal.pricing.Pricer;

/** Builders and small readers for plan tests: timelines by hand, invoices as text. */
final class Timelines {
    static final Currency EUR = Currency.getInstance("EUR");
    /** No list prices: the test lines carry fixed prices. */
    static final PriceBook FIXED = new PriceBook(1, EUR, Map.of());

    private Timelines() {
    }

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    static PlanSettings monthly(BillingTiming billing) {
        return new PlanSettings(Recurrence.monthly(), billing, Optional.empty(), Optional.empty());
    }

    static PlanSettings plan(int every, RecurrenceUnit unit, BillingTiming billing, Term term, Integer billingDay) {
        return new PlanSettings(new Recurrence(every, unit), billing, Optional.ofNullable(term), Optional.ofNullable(billingDay));
    }

    /** A recurring line version with a fixed price, valid from {@code from} (null: the start) to {@code to} (null: open). */
    static SubscriptionLine line(long id, int line, String qty, String price, String from, String to) {
        return new SubscriptionLine(id, line, 100 + line, new BigDecimal(qty), 1, Optional.of(new BigDecimal(price)), BigDecimal.ZERO,
                false, Optional.ofNullable(from).map(LocalDate::parse), Optional.ofNullable(to).map(LocalDate::parse));
    }

    static SubscriptionLine fee(long id, int line, String price, String from) {
        return new SubscriptionLine(id, line, 100 + line, BigDecimal.ONE, 1, Optional.of(new BigDecimal(price)), BigDecimal.ZERO,
                true, Optional.ofNullable(from).map(LocalDate::parse), Optional.empty());
    }

    /** A new, served subscription: billing starts with its first period's invoice date. */
    static Timeline served(PlanSettings plan, String start, SubscriptionLine... lines) {
        LocalDate s = LocalDate.parse(start);
        Timeline t = new Timeline(plan, s, s, PriceUpdate.IMMEDIATE, null, null, null, null, null, false, BigDecimal.ZERO,
                List.of(lines));
        LocalDate first = t.schedule().firstInvoiceDate();
        LocalDate termEnd = plan.term().map(term -> t.schedule().firstTermEnd(term)).orElse(null);
        return with(t, first, termEnd, null, null, null, false);
    }

    static Timeline with(Timeline t, LocalDate next, LocalDate termEnd, LocalDate dateEnds, LocalDate recurrenceChange,
            LocalDate serviceEnd, boolean paused) {
        return new Timeline(t.plan(), t.startDate(), t.periodsFrom(), t.priceUpdate(), next, termEnd, dateEnds, recurrenceChange,
                serviceEnd, paused, t.discountPercent(), t.lines());
    }

    /** {@code t} with billing moved on to {@code o}'s next date and term, as the run records it. */
    static Timeline after(Timeline t, BillingPlan.Outcome o) {
        return with(t, o.next(), o.termEndDate(), t.dateEnds(), t.recurrenceChange(), t.serviceEnd(), t.paused());
    }

    /** The periods of an outcome as "invoice date: start..end = net". */
    static List<String> invoices(Timeline t, BillingPlan.Outcome o) {
        List<String> out = new ArrayList<>();
        for (BillingPlan.Period p : o.periods()) {
            List<PricedLine> lines = BillingPlan.charge(t, p, FIXED);
            ServicePeriod days = p.period();
            out.add(p.dateInvoiced() + ": " + days.start() + ".." + days.end() + " = " + Pricer.total(lines, EUR).amount());
        }
        return out;
    }

    /** A repair as "credit|charge productId start..end price net". */
    static List<String> items(List<Repair.Item> items) {
        List<String> out = new ArrayList<>();
        for (Repair.Item i : items) {
            out.add((i.credit() ? "credit " : "charge ") + i.line().productId() + " " + i.days().start() + ".." + i.days().end()
                    + " " + i.price() + " " + i.net().amount());
        }
        return out;
    }
}
