package org.idempiere.subscription.api;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The days a charge pays for, both ends included: {@code 2026-01-31 .. 2026-02-27}.
 *
 * @param start first day of service, never null
 * @param end   last day of service, never before {@code start}
 */
public record ServicePeriod(LocalDate start, LocalDate end) {

    public ServicePeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw SubscriptionException.invalid("periodEnd", end, "is before periodStart " + start);
        }
    }

    /** @return the number of days in the period, at least 1 */
    public long days() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    /** @return the day after the period, where the next one starts */
    public LocalDate nextStart() {
        return end.plusDays(1);
    }
}
