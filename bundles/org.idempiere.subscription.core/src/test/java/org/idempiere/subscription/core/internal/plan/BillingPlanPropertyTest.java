package org.idempiere.subscription.core.internal.plan;

import static org.idempiere.subscription.core.internal.plan.Timelines.EUR;
import static org.idempiere.subscription.core.internal.plan.Timelines.FIXED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.core.internal.pricing.LinePricing;
import org.idempiere.subscription.core.internal.pricing.PricedLine;

/**
 * Properties of the plan over random timelines: subscriptions with random plans and lines, changed
 * on random days (updates, removals, additions), billed by runs on random days, some billing ahead.
 * Each timeline is billed step by step as the engine does (the run's periods, then each change's
 * repair of the periods billed already) and compared with the final service computed from scratch.
 * Quantities are whole numbers: each invoice line is rounded on its own, as the host rounds it, so
 * with fractional quantities the step-by-step sum may differ from scratch by a cent per line.
 */
class BillingPlanPropertyTest {

    /** One change: after {@code gap} days, of kind 0 update / 1 remove / 2 add, on line {@code pick}. */
    record Step(int gap, int kind, int pick, int quantity, BigDecimal price, boolean billFirst, int ahead) {
    }

    record Scenario(PlanSettings plan, LocalDate start, List<SubscriptionLine> lines, boolean setupFee, List<Step> steps,
            int tail) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<PlanSettings> plans = Combinators.combine(
                Arbitraries.of(new Recurrence(1, RecurrenceUnit.MONTH), new Recurrence(3, RecurrenceUnit.MONTH),
                        new Recurrence(2, RecurrenceUnit.WEEK), new Recurrence(1, RecurrenceUnit.YEAR)),
                Arbitraries.of(BillingTiming.values()), Arbitraries.integers().between(0, 31))
                .as((r, timing, day) -> new PlanSettings(r, timing, Optional.empty(),
                        r.unit() == RecurrenceUnit.MONTH && day > 0 ? Optional.of(day) : Optional.empty()));
        Arbitrary<LocalDate> starts = Arbitraries.integers().between(0, 800).map(n -> LocalDate.of(2026, 1, 1).plusDays(n));
        Arbitrary<BigDecimal> prices = Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("999.99"))
                .ofScale(2);
        Arbitrary<Integer> quantities = Arbitraries.integers().between(1, 5);
        Arbitrary<List<SubscriptionLine>> lines = Combinators.combine(prices, quantities).as((p, q) -> new BigDecimal[] { p,
                BigDecimal.valueOf(q) }).list().ofMinSize(1).ofMaxSize(3).map(BillingPlanPropertyTest::lines);
        Arbitrary<Step> steps = Combinators.combine(Arbitraries.integers().between(1, 70), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 9), quantities, prices, Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 100)).as(Step::new);
        return Combinators.combine(plans, starts, lines, Arbitraries.of(true, false), steps.list().ofMaxSize(5),
                Arbitraries.integers().between(0, 120)).as(Scenario::new);
    }

    private static List<SubscriptionLine> lines(List<BigDecimal[]> specs) {
        List<SubscriptionLine> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            out.add(recurring(i + 1, (i + 1) * 10, specs.get(i)[1], specs.get(i)[0], null));
        }
        return out;
    }

    private static SubscriptionLine recurring(long id, int line, BigDecimal qty, BigDecimal price, LocalDate from) {
        return new SubscriptionLine(id, line, 100 + line, qty, 1, Optional.of(price), BigDecimal.ZERO, false,
                Optional.ofNullable(from), Optional.empty());
    }

    /** What a timeline billed, step by step: net amounts, and per version and day how often it was charged. */
    private static final class Books {
        BigDecimal total = BigDecimal.ZERO;
        final Map<String, Integer> days = new HashMap<>();
        /** net charged so far per (version, billed period start) */
        final Map<String, BigDecimal> charged = new HashMap<>();

        void count(long version, ServicePeriod days, int sign) {
            for (LocalDate d = days.start(); !d.isAfter(days.end()); d = d.plusDays(1)) {
                this.days.merge(version + "@" + d, sign, Integer::sum);
            }
        }

        void invoice(Timeline t, BillingPlan.Period p) {
            for (PricedLine l : BillingPlan.charge(t, p, FIXED)) {
                total = total.add(l.lineNet().amount());
                if (!l.line().setupFee()) {
                    count(l.line().id(), BillingPlan.daysOf(t, p, l), 1);
                    charged.merge(l.line().id() + "@" + p.period().start(), l.lineNet().amount(), BigDecimal::add);
                }
            }
        }
    }

    /** Bills {@code s} step by step; returns its books and the final timeline. */
    private static Map.Entry<Books, Timeline> bill(Scenario s) {
        List<SubscriptionLine> start = new ArrayList<>(s.lines());
        if (s.setupFee()) {
            start.add(new SubscriptionLine(99, 99, 199, BigDecimal.ONE, 1, Optional.of(new BigDecimal("25.00")), BigDecimal.ZERO,
                    true, Optional.empty(), Optional.empty()));
        }
        Timeline t = Timelines.served(s.plan(), s.start().toString(), start.toArray(SubscriptionLine[]::new));
        Books books = new Books();
        List<ServicePeriod> billed = new ArrayList<>();
        LocalDate day = s.start();
        long nextId = 1000;
        for (Step step : s.steps()) {
            day = day.plusDays(step.gap());
            if (step.billFirst()) { // a run before the change, perhaps billing ahead
                t = run(t, day.plusDays(step.ahead()), books, billed);
            }
            LocalDate on = day;
            List<SubscriptionLine> valid = t.lines().stream().filter(l -> !l.setupFee() && l.validOn(on)).toList();
            List<SubscriptionLine> ended = new ArrayList<>();
            List<SubscriptionLine> started = new ArrayList<>();
            SubscriptionLine picked = valid.get(step.pick() % valid.size());
            if (step.kind() == 0) {
                ended.add(picked);
                started.add(recurring(nextId++, picked.line(), BigDecimal.valueOf(step.quantity()), picked.fixedUnitPrice().get(), on));
            } else if (step.kind() == 1 && valid.size() > 1) {
                ended.add(picked);
            } else {
                started.add(recurring(nextId++, 500 + (int) nextId, BigDecimal.valueOf(step.quantity()), step.price(), on));
            }
            Timeline after = t.withLines(Timeline.versionsAfter(t.lines(), ended, started, on));
            for (ServicePeriod b : billed) {
                for (Repair.Item i : Repair.of(t, after, on, List.of(b), FIXED)) {
                    String key = i.line().id() + "@" + b.start();
                    if (i.credit()) { // a credit never exceeds what was billed for that version and period
                        BigDecimal had = books.charged.getOrDefault(key, BigDecimal.ZERO);
                        assertTrue(i.net().amount().negate().compareTo(had) <= 0, "credit " + i + " exceeds " + had);
                    }
                    books.total = books.total.add(i.net().amount());
                    books.charged.merge(key, i.net().amount(), BigDecimal::add);
                    books.count(i.line().id(), i.days(), i.credit() ? -1 : 1);
                }
            }
            t = after;
        }
        t = run(t, day.plusDays(s.tail()), books, billed);
        return Map.entry(books, t);
    }

    private static Timeline run(Timeline t, LocalDate asOf, Books books, List<ServicePeriod> billed) {
        BillingPlan.Outcome o = BillingPlan.due(t, asOf);
        for (BillingPlan.Period p : o.periods()) {
            books.invoice(t, p);
            billed.add(p.period());
        }
        return Timelines.after(t, o);
    }

    @Property(tries = 400)
    void stepByStepBillingEqualsTheFinalServiceFromScratch_noDayTwice(@ForAll("scenarios") Scenario s) {
        Map.Entry<Books, Timeline> done = bill(s);
        Timeline end = done.getValue();
        // from scratch: the final line versions, billed once up to where the step-by-step billing got
        Timeline scratch = new Timeline(end.plan(), end.startDate(), end.periodsFrom(), PriceUpdate.IMMEDIATE,
                end.schedule().firstInvoiceDate(), null, null, null, null, false, BigDecimal.ZERO, end.lines());
        Books fresh = new Books();
        LocalDate upTo = end.nextInvoiceDate().minusDays(1);
        for (BillingPlan.Period p : BillingPlan.due(scratch, upTo).periods()) {
            fresh.invoice(scratch, p);
        }
        assertEquals(fresh.total, done.getKey().total);
        Map<String, Integer> net = new HashMap<>(done.getKey().days);
        net.values().removeIf(n -> n == 0);
        for (Map.Entry<String, Integer> e : net.entrySet()) {
            assertEquals(1, e.getValue(), "day billed " + e.getValue() + " times: " + e.getKey());
        }
        assertEquals(fresh.days, net);
    }

    @Property(tries = 1000)
    void sharesOfASplitAddUpToTheUnitPrice(@ForAll @BigRange(min = "0", max = "100000") @Scale(2) BigDecimal price,
            @ForAll @IntRange(min = 0, max = 1500) int startOffset, @ForAll @IntRange(min = 1, max = 400) int length,
            @ForAll @IntRange(min = 0, max = 399) int split) {
        LocalDate start = LocalDate.of(2024, 1, 1).plusDays(startOffset);
        ServicePeriod whole = new ServicePeriod(start, start.plusDays(length - 1L));
        int k = split % length; // days in the first part, 0..length-1
        BigDecimal second = LinePricing.prorate(price, whole, new ServicePeriod(start.plusDays(k), whole.end()), EUR);
        BigDecimal first = k == 0 ? BigDecimal.ZERO.setScale(2)
                : LinePricing.prorate(price, whole, new ServicePeriod(start, start.plusDays(k - 1L)), EUR);
        assertEquals(price.setScale(2), first.add(second));
        assertTrue(first.signum() >= 0 && second.signum() >= 0 && first.compareTo(price) <= 0 && second.compareTo(price) <= 0);
    }
}
