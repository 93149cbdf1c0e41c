package org.idempiere.subscription.core.internal.analytics.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
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
