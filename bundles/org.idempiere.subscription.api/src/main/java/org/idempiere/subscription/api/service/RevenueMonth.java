package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One month of the revenue schedule in one currency. Amounts are net of tax, at the currency's
 * scale; credits are negative. Balances are at the end of the month before ({@code …Start}) and
 * of the month ({@code …End}); the month's movement obeys exactly
 * {@code (deferredEnd − unbilledEnd) − (deferredStart − unbilledStart) = invoiced + adjusted − recognized + revaluation}.
 * In one currency revaluation is 0; in a reporting currency it is what the change of rates between the
 * month before's end and this month's end (and each figure's rounding) does to the balances.
 *
 * @param invoiced      period invoices dated in the month (billing items)
 * @param adjusted      adjustment invoices dated in the month (changes, pauses, resumes: credits
 *                      negative, charges positive)
 * @param recognized    revenue earned in the month: each item's share of its days in the month
 * @param deferredStart deferred revenue (invoiced, not yet earned) at the end of the month before
 * @param unbilledStart unbilled revenue (earned, invoiced later: in arrears) at the end of the month before
 * @param deferredEnd   deferred revenue at the end of the month
 * @param unbilledEnd   unbilled revenue at the end of the month
 * @param revaluation   in a reporting currency, the balancing figure of the conversion; 0 in one currency
 */
public record RevenueMonth(YearMonth month, String currency, BigDecimal deferredStart, BigDecimal unbilledStart,
        BigDecimal invoiced, BigDecimal adjusted, BigDecimal recognized, BigDecimal deferredEnd, BigDecimal unbilledEnd,
        BigDecimal revaluation) {

    /** A month in one currency: no revaluation. */
    public RevenueMonth(YearMonth month, String currency, BigDecimal deferredStart, BigDecimal unbilledStart,
            BigDecimal invoiced, BigDecimal adjusted, BigDecimal recognized, BigDecimal deferredEnd, BigDecimal unbilledEnd) {
        this(month, currency, deferredStart, unbilledStart, invoiced, adjusted, recognized, deferredEnd, unbilledEnd,
                BigDecimal.ZERO.setScale(invoiced.scale()));
    }
}
