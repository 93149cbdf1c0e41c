package org.idempiere.subscription.api.service;

import java.util.List;

/**
 * MRR and its movements period by period.
 *
 * @param currency    the ISO code of every amount
 * @param granularity the periods
 * @param periods     in order; consecutive periods chain: one's {@code mrrEnd} is the next one's {@code mrrStart}
 */
public record MrrSeries(String currency, Granularity granularity, List<MrrPeriod> periods) {
}
