package org.idempiere.subscription.core.internal.analytics.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.idempiere.subscription.api.service.RevenueBalance;
import org.idempiere.subscription.api.service.RevenueItem;
import org.idempiere.subscription.api.service.RevenueMonth;

/**
 * The revenue schedule in one reporting currency (docs/analytics.md, "Revenue recognition"): each currency's row of a month converted with the host's rate on the month's last
 * day, each figure rounded half up to the reporting currency's scale, then added; the balances at the start with
 * the rate of the month before's last day, so a month starts where the month before ended. What the change of
 * rates (and the rounding of each figure) does to the balances is the month's {@code revaluation}, so
 * {@code (deferredEnd − unbilledEnd) − (deferredStart − unbilledStart) = invoiced + adjusted − recognized + revaluation}
 * holds exactly. Pure.
 */
final class ReportingSchedule {
    private ReportingSchedule() {
    }

    /**
     * @param perCurrency the schedule's rows, one per currency and month
     * @param reporting   the reporting currency's ISO code
     * @param scale       its decimals
     * @param rate        the host's rate from a currency (ISO code) into the reporting currency on a day
     * @return one row per month, in month order
     */
    static List<RevenueMonth> convert(List<RevenueMonth> perCurrency, String reporting, int scale,
            BiFunction<String, LocalDate, BigDecimal> rate) {
        Map<YearMonth, BigDecimal[]> months = new TreeMap<>();
        for (RevenueMonth m : perCurrency) {
            LocalDate end = m.month().atEndOfMonth();
            LocalDate before = m.month().atDay(1).minusDays(1);
            BigDecimal[] s = months.computeIfAbsent(m.month(), k -> zeros(7, scale));
            BigDecimal[] figures = {m.deferredStart(), m.unbilledStart(), m.invoiced(), m.adjusted(), m.recognized(), m.deferredEnd(),
                m.unbilledEnd()};
            for (int i = 0; i < figures.length; i++) {
                s[i] = s[i].add(convert(figures[i], m.currency(), i < 2 ? before : end, reporting, scale, rate));
            }
        }
        List<RevenueMonth> out = new ArrayList<>(months.size());
        months.forEach((month, s) -> {
            BigDecimal revaluation = s[5].subtract(s[6]).subtract(s[0].subtract(s[1])).subtract(s[2].add(s[3]).subtract(s[4]));
            out.add(new RevenueMonth(month, reporting, s[0], s[1], s[2], s[3], s[4], s[5], s[6], revaluation));
        });
        return out;
    }

    /**
     * The drill-down of one month in the reporting currency, adding up to {@link #convert}'s figures of the month
     * (the largest-remainder rule of decision 0049, applied to revenue items): in each currency and column (invoiced by periods, adjusted — the invoiced
     * column of adjustment items —, recognized, deferred and unbilled at the end) the column's converted figure
     * (the currency's sum × the rate on the month's last day, rounded half up, as in the schedule) is split over the
     * items: each item gets its exact converted amount cut down (towards minus infinity) to the reporting currency's
     * scale, and the units left go one each to the items with the largest cut-off remainders (on a tie the earlier item).
     * Each item's figure is then within one unit of its exact conversion, and the items of a column add up exactly to
     * the schedule's converted figure. An item's {@code amount} is converted on its own, rounded half up.
     *
     * @param items     the month's items ({@code Recognition.itemsOf}), in their own currencies
     * @param month     the month
     * @param reporting the reporting currency's ISO code
     * @param scale     its decimals
     * @param rate      the host's rate from a currency (ISO code) into the reporting currency on a day
     * @return the items in the same order, every amount in {@code reporting}
     */
    static List<RevenueItem> convertItems(List<RevenueItem> items, YearMonth month, String reporting, int scale,
            BiFunction<String, LocalDate, BigDecimal> rate) {
        LocalDate end = month.atEndOfMonth();
        Map<String, BigDecimal> rates = new HashMap<>();
        java.util.function.Function<String, BigDecimal> rateOf = c -> rates.computeIfAbsent(c,
                k -> k.equals(reporting) ? BigDecimal.ONE : rate.apply(k, end));
        BigDecimal[][] out = new BigDecimal[items.size()][4];
        Map<List<String>, List<Integer>> columns = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            RevenueItem it = items.get(i);
            for (int k = 0; k < 4; k++) {
                columns.computeIfAbsent(List.of(it.currency(), k == 0 ? it.kind() : "", String.valueOf(k)), x -> new ArrayList<>()).add(i);
            }
        }
        columns.forEach((key, rows) -> {
            int k = Integer.parseInt(key.get(2));
            BigDecimal r = rateOf.apply(key.get(0));
            BigDecimal[] exact = new BigDecimal[rows.size()];
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal cut = BigDecimal.ZERO;
            for (int j = 0; j < rows.size(); j++) {
                exact[j] = figure(items.get(rows.get(j)), k).multiply(r);
                sum = sum.add(exact[j]);
                out[rows.get(j)][k] = exact[j].setScale(scale, RoundingMode.FLOOR);
                cut = cut.add(out[rows.get(j)][k]);
            }
            BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
            int left = sum.setScale(scale, RoundingMode.HALF_UP).subtract(cut).divide(unit).intValueExact();
            List<Integer> order = new ArrayList<>();
            for (int j = 0; j < rows.size(); j++) {
                order.add(j);
            }
            order.sort(java.util.Comparator.<Integer, BigDecimal>comparing(j -> exact[j].subtract(out[rows.get(j)][k])).reversed()
                    .thenComparing(j -> j));
            for (int j = 0; j < left; j++) {
                int row = rows.get(order.get(j));
                out[row][k] = out[row][k].add(unit);
            }
        });
        List<RevenueItem> converted = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            RevenueItem it = items.get(i);
            converted.add(new RevenueItem(it.kind(), it.itemId(), it.subscriptionId(), it.invoiceId(), it.dateInvoiced(),
                    it.periodStart(), it.periodEnd(), reporting, it.amount().multiply(rateOf.apply(it.currency()))
                            .setScale(scale, RoundingMode.HALF_UP), out[i][0], out[i][1], out[i][2], out[i][3]));
        }
        return converted;
    }

    private static BigDecimal figure(RevenueItem it, int k) {
        return switch (k) {
            case 0 -> it.invoicedInMonth();
            case 1 -> it.recognizedInMonth();
            case 2 -> it.deferredEnd();
            default -> it.unbilledEnd();
        };
    }

    /**
     * The balances at the end of a day in the reporting currency: each currency's invoiced, deferred and unbilled converted
     * with the host's rate on that day and rounded half up to the reporting currency's scale; its recognized is then
     * {@code invoiced − deferred + unbilled}, so {@code deferred − unbilled = invoiced − recognized} stays exact (recognized
     * may differ from its own rounded conversion by one unit); the currencies are added.
     *
     * @return one row in {@code reporting}, or none when there is no balance in any currency
     */
    static List<RevenueBalance> convertBalances(List<RevenueBalance> perCurrency, LocalDate date, String reporting, int scale,
            BiFunction<String, LocalDate, BigDecimal> rate) {
        if (perCurrency.isEmpty()) {
            return List.of();
        }
        BigDecimal[] s = zeros(3, scale);
        for (RevenueBalance b : perCurrency) {
            s[0] = s[0].add(convert(b.invoiced(), b.currency(), date, reporting, scale, rate));
            s[1] = s[1].add(convert(b.deferred(), b.currency(), date, reporting, scale, rate));
            s[2] = s[2].add(convert(b.unbilled(), b.currency(), date, reporting, scale, rate));
        }
        return List.of(new RevenueBalance(date, reporting, s[0], s[0].subtract(s[1]).add(s[2]), s[1], s[2]));
    }

    private static BigDecimal convert(BigDecimal amount, String currency, LocalDate day, String reporting, int scale,
            BiFunction<String, LocalDate, BigDecimal> rate) {
        if (amount.signum() == 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        BigDecimal r = currency.equals(reporting) ? BigDecimal.ONE : rate.apply(currency, day);
        return amount.multiply(r).setScale(scale, RoundingMode.HALF_UP);
    }

    private static BigDecimal[] zeros(int n, int scale) {
        BigDecimal[] z = new BigDecimal[n];
        java.util.Arrays.fill(z, BigDecimal.ZERO.setScale(scale));
        return z;
    }
}
