package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.service.Kpis;
import org.idempiere.subscription.api.service.MrrMovements;
import org.idempiere.subscription.api.service.MrrPeriod;

/**
 * The figures of the analytics chapter (docs/analytics.md) assembled from sums: no database. Every amount
 * is converted per currency at its period's end and rounded there; the revaluation line takes what rates
 * and rounding change, so {@code mrrEnd = mrrStart + movements} holds exactly in every period.
 */
final class Figures {
    /** Fractions: 4 decimals, half up. */
    static final int RATE_SCALE = 4;
    /** The LTV cap, in months of ARPA × gross margin. */
    static final int LTV_CAP_MONTHS = 60;
    /** The average month, in days (365.25 / 12). */
    static final BigDecimal DAYS_PER_MONTH = new BigDecimal("30.4375");

    private static final int CLASSES = 8;

    private Figures() {
    }

    /** The movement class of a ledger type: 0 new, 1 expansion, 2 contraction, 3 churn, 4 delinquent churn, 5 reactivation, 6 currency transfer, 7 plan transfer. */
    static int movementClass(String type, boolean delinquent) {
        return switch (type) {
            case "NW" -> 0;
            case "EX" -> 1;
            case "CT" -> 2;
            case "CH" -> delinquent ? 4 : 3;
            case "RA" -> 5;
            case "CU" -> 6;
            case "PT" -> 7;
            default -> throw new IllegalStateException("Unknown ChangeType " + type);
        };
    }

    /** MRR period by period from movement sums ({@code M}) and subscription sums ({@code U}) of one group. */
    static List<MrrPeriod> series(List<Periods.Period> periods, List<FactReader.Sum> moves, List<FactReader.Sum> subs,
            Converter conv) {
        int n = periods.size();
        Map<Long, BigDecimal> running = new HashMap<>();
        List<List<Map<Long, BigDecimal>>> buckets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Map<Long, BigDecimal>> classes = new ArrayList<>();
            for (int k = 0; k < CLASSES; k++) {
                classes.add(new HashMap<>());
            }
            buckets.add(classes);
        }
        for (FactReader.Sum s : moves) {
            if (s.day() == null) {
                running.merge(s.currencyId(), s.amount(), BigDecimal::add);
            } else {
                buckets.get(Periods.indexOf(periods, s.day())).get(movementClass(s.type(), s.delinquent()))
                        .merge(s.currencyId(), s.amount(), BigDecimal::add);
            }
        }
        long count = 0;
        long[] counts = new long[n];
        for (FactReader.Sum s : subs) {
            if (s.day() == null) {
                count += s.count();
            } else {
                counts[Periods.indexOf(periods, s.day())] += s.count();
            }
        }
        List<MrrPeriod> out = new ArrayList<>(n);
        BigDecimal start = conv.convert(running, periods.get(0).start().minusDays(1));
        for (int i = 0; i < n; i++) {
            Periods.Period p = periods.get(i);
            BigDecimal[] mv = new BigDecimal[CLASSES];
            BigDecimal sum = conv.zero();
            for (int k = 0; k < CLASSES; k++) {
                mv[k] = conv.convert(buckets.get(i).get(k), p.end());
                sum = sum.add(mv[k]);
                buckets.get(i).get(k).forEach((cur, a) -> running.merge(cur, a, BigDecimal::add));
            }
            BigDecimal end = conv.convert(running, p.end());
            count += counts[i];
            out.add(new MrrPeriod(p.start(), p.end(), start,
                    new MrrMovements(mv[0], mv[1], mv[2], mv[3], mv[4], mv[5], mv[6], mv[7], end.subtract(start).subtract(sum)), end, count));
            start = end;
        }
        return out;
    }

    /** Customers per period from logo sums: [customers at the start, new, churned, reactivated] per period. */
    static long[][] logos(List<Periods.Period> periods, List<FactReader.Sum> logos) {
        long before = 0;
        long[][] out = new long[periods.size()][4];
        for (FactReader.Sum s : logos) {
            long signed = "CH".equals(s.type()) ? -s.count() : s.count();
            if (s.day() == null) {
                before += signed;
            } else {
                int k = "NW".equals(s.type()) ? 1 : "CH".equals(s.type()) ? 2 : 3;
                out[Periods.indexOf(periods, s.day())][k] += s.count();
            }
        }
        for (long[] p : out) {
            p[0] = before;
            before += p[1] - p[2] + p[3];
        }
        return out;
    }

    /** The key figures of one period. */
    static Kpis kpis(MrrPeriod m, long[] logos, BigDecimal grossMargin, int scale, BigDecimal netRevenue, BigDecimal oneTime) {
        long customersStart = logos[0];
        long customersEnd = logos[0] + logos[1] - logos[2] + logos[3];
        MrrMovements mv = m.movements();
        BigDecimal start = m.mrrStart();
        BigDecimal losses = mv.churn().add(mv.contraction()); // <= 0
        BigDecimal gains = mv.newBusiness().add(mv.expansion()).add(mv.reactivation());
        Optional<BigDecimal> arpa = customersEnd == 0 ? Optional.empty()
                : Optional.of(m.mrrEnd().divide(BigDecimal.valueOf(customersEnd), scale, RoundingMode.HALF_UP));
        Optional<BigDecimal> logoChurn = ratio(BigDecimal.valueOf(logos[2]), BigDecimal.valueOf(customersStart));
        Optional<BigDecimal> grossChurn = ratio(losses.negate(), start);
        Optional<BigDecimal> netChurn = ratio(losses.add(mv.expansion()).add(mv.reactivation()).negate(), start);
        Optional<BigDecimal> nrr = ratio(start.add(mv.expansion()).add(mv.reactivation()).add(losses), start);
        Optional<BigDecimal> grr = ratio(start.add(losses), start);
        Optional<BigDecimal> quick = ratio(gains, losses.negate());
        Optional<BigDecimal> ltv = Optional.empty();
        boolean capped = false;
        if (arpa.isPresent()) {
            BigDecimal perMonth = arpa.get().multiply(grossMargin);
            BigDecimal cap = perMonth.multiply(BigDecimal.valueOf(LTV_CAP_MONTHS)).setScale(scale, RoundingMode.HALF_UP);
            BigDecimal value = cap;
            capped = true;
            if (start.signum() > 0 && losses.signum() < 0) {
                long days = ChronoUnit.DAYS.between(m.start(), m.end()) + 1;
                // monthly gross MRR churn rate = losses / MRR at the start, per average month of the period
                BigDecimal monthly = losses.negate().multiply(DAYS_PER_MONTH).divide(start.multiply(BigDecimal.valueOf(days)),
                        16, RoundingMode.HALF_UP);
                BigDecimal raw = perMonth.divide(monthly, scale, RoundingMode.HALF_UP);
                if (raw.compareTo(cap) < 0) {
                    value = raw;
                    capped = false;
                }
            }
            ltv = Optional.of(value);
        }
        return new Kpis(m.start(), m.end(), customersStart, customersEnd, logos[1], logos[2], logos[3], m,
                m.arrEnd(), arpa, logoChurn, grossChurn, netChurn, nrr, grr, quick, ltv, capped, netRevenue, oneTime);
    }

    /** @return a ÷ b to 4 decimals half up; empty when b is zero */
    static Optional<BigDecimal> ratio(BigDecimal a, BigDecimal b) {
        return b.signum() == 0 ? Optional.empty() : Optional.of(a.divide(b, RATE_SCALE, RoundingMode.HALF_UP));
    }
}
