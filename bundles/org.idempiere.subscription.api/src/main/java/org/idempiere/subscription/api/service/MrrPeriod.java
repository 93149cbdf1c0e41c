package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * MRR over one period: at the end of the day before {@code start}, its movements, at the end of
 * {@code end}; {@code mrrEnd = mrrStart + movements.total()} exactly.
 *
 * @param subscriptions subscriptions with MRR above zero at the end of {@code end}
 */
public record MrrPeriod(LocalDate start, LocalDate end, BigDecimal mrrStart, MrrMovements movements, BigDecimal mrrEnd,
        long subscriptions) {
    /** @return annual run rate at the end: MRR × 12 */
    public BigDecimal arrEnd() {
        return mrrEnd.multiply(BigDecimal.valueOf(12));
    }
}
