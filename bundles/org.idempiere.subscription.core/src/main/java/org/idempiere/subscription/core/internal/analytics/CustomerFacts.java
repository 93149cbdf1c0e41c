package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.idempiere.subscription.api.ChangeType;

/**
 * The facts one customer contributes to the figures, computed from the customer's whole ledger
 * (no database, no clock). Definitions: docs/analytics.md; design: decisions/0034.
 *
 * <ul>
 * <li><b>Movements</b>, per subscription and currency: an entry moves MRR by its {@code mrrAfter} minus
 * the previous entry's {@code mrrAfter} of the same subscription and currency (entries ordered by day, then
 * id) — not by its stored "MRR before" — so the sum of the movements up to a day is the MRR that day even
 * when an entry was dated in the past. The movement takes the entry's type. When the entry's plan differs from
 * the previous entry's (a change of plan), the previous MRR is a <b>plan transfer</b> ({@code PT}): it leaves the
 * old plan and enters the new one (two legs that net to zero), and the movement itself (after − previous) is
 * the new plan's, of the entry's type (decision 0053). A {@code PT} entry (a change of plan at the same MRR)
 * has no movement of its own, only the two legs.</li>
 * <li><b>Active</b>: a subscription is active after an entry that leaves it MRR above zero, or that contracts an
 * active one to zero (a pause; the customer stays); a plan transfer leaves it as it was; a churn, a void and a
 * free subscription are not active. A customer is active at the end of a day when one of its subscriptions is,
 * overall and per plan, per currency, per both.</li>
 * <li><b>Logos</b>: at the end of each day the customer becomes active (new, or reactivated when it was
 * active before) or stops being active (churned).</li>
 * <li><b>Cohort</b>: the month the customer was first active; each month's change of the customer's MRR
 * (per currency) and of its being active at the month's end.</li>
 * </ul>
 */
public final class CustomerFacts {
    private CustomerFacts() {
    }

    private record SubCurrency(long subscription, long currency) {
    }

    private record Previous(BigDecimal mrr, long plan) {
    }

    private record Last(long plan, long currency, boolean active) {
    }

    private record LogoKey(long plan, long currency) {
    }

    /** @return the customer's facts with their non-zero contributions */
    public static Map<Fact, Contribution> of(List<LedgerRow> rows) {
        List<LedgerRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(LedgerRow::day).thenComparingLong(LedgerRow::id));
        Map<Fact, Contribution> facts = new HashMap<>();
        Map<SubCurrency, Previous> previous = new HashMap<>();
        Map<Long, Last> last = new HashMap<>();
        Set<LogoKey> activeBefore = new HashSet<>();
        Set<LogoKey> everActive = new HashSet<>();
        TreeMap<LocalDate, Boolean> overallByDay = new TreeMap<>();
        Map<List<Object>, BigDecimal> monthMoves = new HashMap<>(); // [month, currency] -> movement
        int i = 0;
        while (i < sorted.size()) {
            LocalDate day = sorted.get(i).day();
            for (; i < sorted.size() && sorted.get(i).day().equals(day); i++) {
                LedgerRow e = sorted.get(i);
                SubCurrency key = new SubCurrency(e.subscriptionId(), e.currencyId());
                Previous p = previous.getOrDefault(key, new Previous(BigDecimal.ZERO, 0));
                String type = e.type().code();
                boolean delinquent = e.type() == ChangeType.CHURN && e.delinquent();
                if (p.plan() != 0 && p.plan() != e.templateId() && p.mrr().signum() != 0) {
                    String transfer = ChangeType.PLAN_TRANSFER.code();
                    add(facts, new Fact(Fact.MOVEMENT, day, null, e.currencyId(), p.plan(), transfer, false),
                            new Contribution(p.mrr().negate(), 0));
                    add(facts, new Fact(Fact.MOVEMENT, day, null, e.currencyId(), e.templateId(), transfer, false),
                            new Contribution(p.mrr(), 0));
                }
                add(facts, new Fact(Fact.MOVEMENT, day, null, e.currencyId(), e.templateId(), type, delinquent),
                        new Contribution(e.mrrAfter().subtract(p.mrr()), 0));
                if (p.mrr().signum() > 0) {
                    add(facts, new Fact(Fact.SUBSCRIPTIONS, day, null, e.currencyId(), p.plan(), null, false), new Contribution(BigDecimal.ZERO, -1));
                }
                if (e.mrrAfter().signum() > 0) {
                    add(facts, new Fact(Fact.SUBSCRIPTIONS, day, null, e.currencyId(), e.templateId(), null, false), new Contribution(BigDecimal.ZERO, 1));
                }
                monthMoves.merge(List.of(day.withDayOfMonth(1), e.currencyId()), e.mrrAfter().subtract(p.mrr()), BigDecimal::add);
                previous.put(key, new Previous(e.mrrAfter(), e.templateId()));
                Last was = last.get(e.subscriptionId());
                boolean wasActive = was != null && was.active();
                boolean active = e.type() == ChangeType.PLAN_TRANSFER ? wasActive
                        : e.mrrAfter().signum() > 0 || (e.type() == ChangeType.CONTRACTION && e.mrrAfter().signum() == 0 && wasActive);
                last.put(e.subscriptionId(), new Last(e.templateId(), e.currencyId(), active));
            }
            Set<LogoKey> now = new HashSet<>();
            for (Last l : last.values()) {
                if (l.active()) {
                    now.add(new LogoKey(0, 0));
                    now.add(new LogoKey(l.plan(), 0));
                    now.add(new LogoKey(0, l.currency()));
                    now.add(new LogoKey(l.plan(), l.currency()));
                }
            }
            Set<LogoKey> all = new HashSet<>(now);
            all.addAll(activeBefore);
            for (LogoKey k : all) {
                boolean was = activeBefore.contains(k);
                boolean is = now.contains(k);
                if (!was && is) {
                    add(facts, new Fact(Fact.LOGOS, day, null, k.currency(), k.plan(),
                            everActive.add(k) ? ChangeType.NEW.code() : ChangeType.REACTIVATION.code(), false), new Contribution(BigDecimal.ZERO, 1));
                } else if (was && !is) {
                    add(facts, new Fact(Fact.LOGOS, day, null, k.currency(), k.plan(), ChangeType.CHURN.code(), false),
                            new Contribution(BigDecimal.ZERO, 1));
                }
            }
            activeBefore = now;
            overallByDay.put(day, now.contains(new LogoKey(0, 0)));
        }
        cohort(facts, overallByDay, monthMoves);
        facts.values().removeIf(Contribution::isZero);
        return facts;
    }

    private static void cohort(Map<Fact, Contribution> facts, TreeMap<LocalDate, Boolean> overallByDay,
            Map<List<Object>, BigDecimal> monthMoves) {
        LocalDate first = overallByDay.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).findFirst().orElse(null);
        if (first == null) {
            return;
        }
        LocalDate cohort = first.withDayOfMonth(1);
        add(facts, new Fact(Fact.COHORT_SIZE, null, cohort, 0, 0, null, false), new Contribution(BigDecimal.ZERO, 1));
        int activeBefore = 0;
        LocalDate lastMonth = overallByDay.lastKey().withDayOfMonth(1);
        for (LocalDate m = cohort; !m.isAfter(lastMonth); m = m.plusMonths(1)) {
            Map.Entry<LocalDate, Boolean> atEnd = overallByDay.floorEntry(m.plusMonths(1).minusDays(1));
            int active = atEnd != null && atEnd.getValue() ? 1 : 0;
            if (active != activeBefore) {
                add(facts, new Fact(Fact.COHORT_ACTIVE, m, cohort, 0, 0, null, false), new Contribution(BigDecimal.ZERO, active - activeBefore));
            }
            activeBefore = active;
        }
        monthMoves.forEach((k, amount) -> {
            LocalDate month = (LocalDate) k.get(0);
            add(facts, new Fact(Fact.COHORT_MRR, month.isBefore(cohort) ? cohort : month, cohort, (Long) k.get(1), 0, null, false),
                    new Contribution(amount, 0));
        });
    }

    private static void add(Map<Fact, Contribution> facts, Fact f, Contribution c) {
        facts.merge(f, c, Contribution::plus);
    }

    /** @return what {@code now} adds to the figures compared with {@code before}: only non-zero differences */
    public static Map<Fact, Contribution> difference(Map<Fact, Contribution> before, Map<Fact, Contribution> now) {
        Map<Fact, Contribution> d = new HashMap<>();
        now.forEach((f, c) -> d.put(f, c.minus(before.getOrDefault(f, Contribution.NONE))));
        before.forEach((f, c) -> d.putIfAbsent(f, Contribution.NONE.minus(c)));
        d.values().removeIf(Contribution::isZero);
        return d;
    }

    /** @return the facts as text, one per line in a stable order ({@link #decode} reads it back) */
    public static String encode(Map<Fact, Contribution> facts) {
        StringBuilder b = new StringBuilder();
        facts.entrySet().stream().sorted(Map.Entry.comparingByKey(Fact.ORDER)).forEach(e -> {
            Fact f = e.getKey();
            b.append(f.kind()).append('|').append(f.day() == null ? "" : f.day()).append('|')
                    .append(f.cohort() == null ? "" : f.cohort()).append('|').append(f.currencyId()).append('|')
                    .append(f.templateId()).append('|').append(f.type() == null ? "" : f.type()).append('|')
                    .append(f.delinquent() ? 'Y' : 'N').append('|').append(e.getValue().amount().toPlainString()).append('|')
                    .append(e.getValue().count()).append('\n');
        });
        return b.toString();
    }

    /** @return the facts of {@link #encode}'s text; empty for null or empty text */
    public static Map<Fact, Contribution> decode(String text) {
        Map<Fact, Contribution> facts = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return facts;
        }
        for (String line : text.split("\n")) {
            String[] p = line.split("\\|", -1);
            facts.put(new Fact(p[0].charAt(0), p[1].isEmpty() ? null : LocalDate.parse(p[1]),
                    p[2].isEmpty() ? null : LocalDate.parse(p[2]), Long.parseLong(p[3]), Long.parseLong(p[4]),
                    p[5].isEmpty() ? null : p[5], p[6].equals("Y")), new Contribution(new BigDecimal(p[7]), Long.parseLong(p[8])));
        }
        return facts;
    }
}
