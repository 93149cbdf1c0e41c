package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.util.List;

/**
 * The key figures of a range, and of each of its periods.
 *
 * @param currency    the ISO code of every amount
 * @param grossMargin the gross margin LTV was computed with (a fraction, 1 = 100 %)
 * @param total       the whole range as one period
 * @param periods     each period of the query's granularity
 */
public record KpiPanel(String currency, BigDecimal grossMargin, Kpis total, List<Kpis> periods) {
}
