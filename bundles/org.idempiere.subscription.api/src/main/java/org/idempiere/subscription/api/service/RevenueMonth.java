package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One month of the revenue schedule in one currency. Amounts are net of tax, at the currency's
 * scale; credits are negative. Balances are at the end of the month before ({@code …Start}) and
 * of the month ({@code …End}); the month's movement obeys exactly
 * {@code (deferredEnd − unbilledEnd) − (deferredStart − unbilledStart) = invoiced + adjusted − recognized}.
 *
 * @param invoiced      period invoices dated in the month (billing items)
 * @param adjusted      adjustment invoices dated in the month (changes, pauses, resumes: credits
 *                      negative, charges positive)
 * @param recognized    revenue earned in the month: each item's share of its days in the month
 * @param deferredStart deferred revenue (invoiced, not yet earned) at the end of the month before
 * @param unbilledStart unbilled revenue (earned, invoiced later: in arrears) at the end of the month before
 * @param deferredEnd   deferred revenue at the end of the month
 * @param unbilledEnd   unbilled revenue at the end of the month
 */
public record RevenueMonth(YearMonth month, String currency, BigDecimal deferredStart, BigDecimal unbilledStart,
        BigDecimal invoiced, BigDecimal adjusted, BigDecimal recognized, BigDecimal deferredEnd, BigDecimal unbilledEnd) {
}
