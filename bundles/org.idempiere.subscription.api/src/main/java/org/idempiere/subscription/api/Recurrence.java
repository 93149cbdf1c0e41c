package org.idempiere.subscription.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * "Every N units": the rhythm of a subscription's service periods. Immutable.
 *
 * <p>Periods are always computed from the anchor (the subscription's start), never from the
 * previous period, so month ends do not drift: anchored on 31 January, monthly periods start on
 * 31 Jan, 28 Feb (29 in a leap year), 31 Mar, 30 Apr ... because {@code anchor.plusMonths(k)}
 * clamps to the last day of a shorter month and comes back in a longer one.
 *
 * @param every how many units make one period, 1 to {@value #MAX_EVERY}
 * @param unit  the calendar unit, never null
 */
public record Recurrence(int every, RecurrenceUnit unit) {
    /** The longest rhythm accepted (in units), to keep periods within the date range. */
    public static final int MAX_EVERY = 1000;

    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    public Recurrence {
        if (unit == null) {
            throw SubscriptionException.required("recurrence.unit");
        }
        if (every < 1 || every > MAX_EVERY) {
            throw SubscriptionException.invalid("recurrence.every", every, "must be between 1 and " + MAX_EVERY);
        }
    }

    /** Every month. */
    public static Recurrence monthly() {
        return new Recurrence(1, RecurrenceUnit.MONTH);
    }

    /** The start of period {@code index} (0 is the period that starts on the anchor). */
    public LocalDate periodStart(LocalDate anchor, long index) {
        Objects.requireNonNull(anchor, "anchor");
        long n = Math.multiplyExact(index, (long) every);
        return switch (unit) {
            case DAY -> anchor.plusDays(n);
            case WEEK -> anchor.plusWeeks(n);
            case MONTH -> anchor.plusMonths(n);
            case YEAR -> anchor.plusYears(n);
        };
    }

    /** Period {@code index} counted from the anchor. */
    public ServicePeriod periodAt(LocalDate anchor, long index) {
        return new ServicePeriod(periodStart(anchor, index), periodStart(anchor, index + 1).minusDays(1));
    }

    /**
     * The index of the period that contains {@code date} (0 for the anchor's period).
     *
     * @throws SubscriptionException INVALID_VALUE if {@code date} is before the anchor
     */
    public long indexOfPeriodContaining(LocalDate anchor, LocalDate date) {
        if (date.isBefore(anchor)) {
            throw SubscriptionException.invalid("date", date, "is before the start " + anchor);
        }
        ChronoUnit chrono = switch (unit) {
            case DAY -> ChronoUnit.DAYS;
            case WEEK -> ChronoUnit.WEEKS;
            case MONTH -> ChronoUnit.MONTHS;
            case YEAR -> ChronoUnit.YEARS;
        };
        // The estimate is exact or one too high at clamped month ends; step to the right one.
        long k = chrono.between(anchor, date) / every;
        while (periodStart(anchor, k).isAfter(date)) {
            k--;
        }
        while (!periodStart(anchor, k + 1).isAfter(date)) {
            k++;
        }
        return k;
    }

    /**
     * The monthly equivalent of an amount charged once per period, for MRR: a month is a twelfth
     * of a year, a year has 365 days and 52 weeks. Multiplied first, divided once, rounded
     * half-up to the currency's scale.
     */
    public Money toMonthly(Money perPeriod) {
        BigDecimal periodsPerYear = switch (unit) {
            case DAY -> BigDecimal.valueOf(365);
            case WEEK -> BigDecimal.valueOf(52);
            case MONTH -> TWELVE;
            case YEAR -> BigDecimal.ONE;
        };
        return perPeriod.multipliedBy(periodsPerYear, TWELVE.multiply(BigDecimal.valueOf(every)), RoundingMode.HALF_UP);
    }
}
