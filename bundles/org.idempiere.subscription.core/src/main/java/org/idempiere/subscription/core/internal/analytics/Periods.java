package org.idempiere.subscription.core.internal.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.idempiere.subscription.api.service.Granularity;

/** Cutting a range of days into periods: ISO weeks, calendar months, quarters and years, clipped to the range. */
public final class Periods {
    private Periods() {
    }

    /** A period, both days included. */
    public record Period(LocalDate start, LocalDate end) {
    }

    /** @return the first day of the (unclipped) period of {@code g} that holds {@code day} */
    public static LocalDate startOf(LocalDate day, Granularity g) {
        return switch (g) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    /** @return the first day of the next period after the one starting at {@code start} */
    public static LocalDate next(LocalDate start, Granularity g) {
        return switch (g) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
    }

    /** @return the periods of {@code g} from {@code from} to {@code to}, the first and last clipped to them */
    public static List<Period> of(LocalDate from, LocalDate to, Granularity g) {
        List<Period> out = new ArrayList<>();
        for (LocalDate s = startOf(from, g); !s.isAfter(to); s = next(s, g)) {
            LocalDate end = next(s, g).minusDays(1);
            out.add(new Period(s.isBefore(from) ? from : s, end.isAfter(to) ? to : end));
        }
        return out;
    }

    /** @return the index of the period of {@code periods} (consecutive, sorted) holding {@code day} */
    public static int indexOf(List<Period> periods, LocalDate day) {
        int lo = 0;
        int hi = periods.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (periods.get(mid).start().isAfter(day)) {
                hi = mid - 1;
            } else {
                lo = mid;
            }
        }
        return lo;
    }
}
