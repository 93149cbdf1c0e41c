package org.idempiere.subscription.core.internal.analytics.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.idempiere.subscription.api.service.ForecastMonth;
import org.idempiere.subscription.api.service.ForecastRates;
import org.idempiere.subscription.api.service.MrrForecast;

/**
 * The MRR and customer forecast, database-free: what is known (subscriptions' MRR today and the
 * events dated after today) played forward month by month, plus the trend of the trailing months
 * applied on top. Plain values in, plain values out.
 *
 * <pre>
 *  month i:  mrrEnd = mrrStart + knownStarts + knownChanges + knownEnds          (dated in month i)
 *                     + trendNew + trendExpansion − trendContraction − trendChurn
 *            trendNew = average new MRR of the trailing months (NEW + REACTIVATION entries)
 *            trendExpansion = round(mrrStart × Σ EXPANSION / Σ MRR at the trailing months' starts)  (same for
 *            contraction and churn); rates kept to 6 decimals, amounts rounded half-up to the currency's scale
 *  customers: customersEnd = customersStart + known change in customers with MRR above zero
 *                            + average new customers − customersStart × logo churn rate (2 decimals)
 * </pre>
 *
 * The current month (month 0) shows what is known only; the trend starts with the month after.
 */
public final class ForecastModel {
    static final int RATE_SCALE = 6;
    static final int CUSTOMER_SCALE = 2;

    private ForecastModel() {
    }

    /** Which known event an MRR move is. */
    public enum Part {
        /** A ledger entry dated after today: a subscription that starts later, or any move recorded ahead. */
        START,
        /** A pending change of lines or plan (SUB_Change), priced on its day. */
        CHANGE,
        /** Service that ends: notice not to renew given (DateEnds), or a fixed term that does not renew. */
        END
    }

    /** A known move: from {@code date} on, the subscription (of {@code customerId}) has MRR {@code mrrAfter}. */
    public record Event(long subscriptionId, long customerId, LocalDate date, BigDecimal mrrAfter, Part part) {
    }

    /** A subscription as known today: its customer and its MRR at the end of today. */
    public record Known(long subscriptionId, long customerId, BigDecimal mrr) {
    }

    /**
     * One trailing month from the ledger.
     *
     * @param mrrStart       MRR at the end of the month before
     * @param newMrr         NEW and REACTIVATION entries of the month (sum of after − before)
     * @param expansion      EXPANSION entries (positive)
     * @param contraction    CONTRACTION entries, as a positive amount
     * @param churn          CHURN entries, as a positive amount
     * @param customersStart customers with MRR above zero at the end of the month before
     * @param newCustomers   customers with none at the month's start and some at its end
     * @param lostCustomers  customers with some at the month's start and none at its end
     */
    public record Trailing(YearMonth month, BigDecimal mrrStart, BigDecimal newMrr, BigDecimal expansion, BigDecimal contraction,
            BigDecimal churn, int customersStart, int newCustomers, int lostCustomers) {
    }

    /** The rates of the trailing months (see the class comment). */
    public static ForecastRates rates(List<Trailing> trailing, int scale) {
        BigDecimal n = BigDecimal.valueOf(Math.max(1, trailing.size()));
        BigDecimal base = BigDecimal.ZERO;
        BigDecimal newMrr = BigDecimal.ZERO;
        BigDecimal expansion = BigDecimal.ZERO;
        BigDecimal contraction = BigDecimal.ZERO;
        BigDecimal churn = BigDecimal.ZERO;
        long customers = 0;
        long newCustomers = 0;
        long lost = 0;
        for (Trailing t : trailing) {
            base = base.add(t.mrrStart());
            newMrr = newMrr.add(t.newMrr());
            expansion = expansion.add(t.expansion());
            contraction = contraction.add(t.contraction());
            churn = churn.add(t.churn());
            customers += t.customersStart();
            newCustomers += t.newCustomers();
            lost += t.lostCustomers();
        }
        return new ForecastRates(trailing.size(), newMrr.divide(n, scale, RoundingMode.HALF_UP), ratio(expansion, base),
                ratio(contraction, base), ratio(churn, base),
                BigDecimal.valueOf(newCustomers).divide(n, CUSTOMER_SCALE, RoundingMode.HALF_UP),
                ratio(BigDecimal.valueOf(lost), BigDecimal.valueOf(customers)));
    }

    private static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? BigDecimal.ZERO.setScale(RATE_SCALE) : part.divide(whole, RATE_SCALE, RoundingMode.HALF_UP);
    }

    /** A known move played forward: the event and the subscription's MRR just before it (after the moves before). */
    public record Move(Event event, BigDecimal mrrBefore) {
        /** @return what the move adds to MRR */
        public BigDecimal effect() {
            return event.mrrAfter().subtract(mrrBefore);
        }
    }

    /**
     * The events dated after {@code today}, in the order the forecast plays them (by date, then subscription), each with
     * the subscription's MRR before it: its MRR today, or after the move before it. The forecast's known parts of a month
     * are the sums of the effects of the month's moves.
     */
    public static List<Move> moves(LocalDate today, List<Known> known, List<Event> events) {
        Map<Long, BigDecimal> mrr = new HashMap<>();
        known.forEach(k -> mrr.put(k.subscriptionId(), k.mrr()));
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Event::date).thenComparingLong(Event::subscriptionId));
        List<Move> out = new ArrayList<>();
        for (Event e : sorted) {
            if (e.date().isAfter(today)) {
                out.add(new Move(e, mrr.getOrDefault(e.subscriptionId(), BigDecimal.ZERO)));
                mrr.put(e.subscriptionId(), e.mrrAfter());
            }
        }
        return out;
    }

    /**
     * The forecast: month 0 is the month of {@code today} (what is known after today, no trend),
     * then {@code months} months with the trend.
     */
    public static MrrForecast forecast(LocalDate today, String currency, int scale, int months, List<Known> known,
            List<Event> events, ForecastRates rates) {
        Map<Long, BigDecimal> mrr = new HashMap<>();
        Map<Long, Long> customerOf = new HashMap<>();
        for (Known k : known) {
            mrr.put(k.subscriptionId(), k.mrr());
            customerOf.put(k.subscriptionId(), k.customerId());
        }
        List<Move> moves = moves(today, known, events);
        BigDecimal mrrToday = sum(mrr).setScale(scale);
        int customersToday = customers(mrr, customerOf);
        BigDecimal mrrStart = mrrToday;
        BigDecimal customersStart = BigDecimal.valueOf(customersToday).setScale(CUSTOMER_SCALE);
        int knownCustomers = customersToday;
        int next = 0;
        List<ForecastMonth> out = new ArrayList<>();
        for (int i = 0; i <= months; i++) {
            YearMonth month = YearMonth.from(today).plusMonths(i);
            Map<Part, BigDecimal> parts = new EnumMap<>(Part.class);
            for (Part p : Part.values()) {
                parts.put(p, BigDecimal.ZERO.setScale(scale));
            }
            while (next < moves.size() && !moves.get(next).event().date().isAfter(month.atEndOfMonth())) {
                Move mv = moves.get(next++);
                Event e = mv.event();
                parts.merge(e.part(), mv.effect(), BigDecimal::add);
                mrr.put(e.subscriptionId(), e.mrrAfter());
                customerOf.putIfAbsent(e.subscriptionId(), e.customerId());
            }
            int customersNow = customers(mrr, customerOf);
            BigDecimal knownCustomerChange = BigDecimal.valueOf(customersNow - knownCustomers);
            knownCustomers = customersNow;
            boolean trend = i > 0;
            BigDecimal trendNew = trend ? rates.newMrrPerMonth() : BigDecimal.ZERO.setScale(scale);
            BigDecimal trendExpansion = trend ? share(mrrStart, rates.expansionRate(), scale) : BigDecimal.ZERO.setScale(scale);
            BigDecimal trendContraction = trend ? share(mrrStart, rates.contractionRate(), scale) : BigDecimal.ZERO.setScale(scale);
            BigDecimal trendChurn = trend ? share(mrrStart, rates.churnRate(), scale) : BigDecimal.ZERO.setScale(scale);
            BigDecimal mrrEnd = mrrStart.add(parts.get(Part.START)).add(parts.get(Part.CHANGE)).add(parts.get(Part.END))
                    .add(trendNew).add(trendExpansion).subtract(trendContraction).subtract(trendChurn);
            BigDecimal newCustomers = trend ? rates.newCustomersPerMonth() : BigDecimal.ZERO.setScale(CUSTOMER_SCALE);
            BigDecimal lostCustomers = trend ? customersStart.multiply(rates.logoChurnRate()).setScale(CUSTOMER_SCALE,
                    RoundingMode.HALF_UP) : BigDecimal.ZERO.setScale(CUSTOMER_SCALE);
            BigDecimal customersEnd = customersStart.add(knownCustomerChange).add(newCustomers).subtract(lostCustomers);
            out.add(new ForecastMonth(month, mrrStart, parts.get(Part.START), parts.get(Part.CHANGE), parts.get(Part.END), trendNew,
                    trendExpansion, trendContraction.negate(), trendChurn.negate(), mrrEnd, customersStart,
                    knownCustomerChange.setScale(CUSTOMER_SCALE), newCustomers, lostCustomers.negate(), customersEnd));
            mrrStart = mrrEnd;
            customersStart = customersEnd;
        }
        return new MrrForecast(today, currency, mrrToday, customersToday, rates, out);
    }

    private static BigDecimal share(BigDecimal amount, BigDecimal rate, int scale) {
        return amount.multiply(rate).setScale(scale, RoundingMode.HALF_UP);
    }

    private static BigDecimal sum(Map<Long, BigDecimal> mrr) {
        return mrr.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Customers whose subscriptions add up to MRR above zero. */
    private static int customers(Map<Long, BigDecimal> mrr, Map<Long, Long> customerOf) {
        Map<Long, BigDecimal> byCustomer = new HashMap<>();
        mrr.forEach((s, m) -> byCustomer.merge(customerOf.getOrDefault(s, -s), m, BigDecimal::add));
        return (int) byCustomer.values().stream().filter(m -> m.signum() > 0).count();
    }
}
