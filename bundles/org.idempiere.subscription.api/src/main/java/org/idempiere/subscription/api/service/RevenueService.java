package org.idempiere.subscription.api.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Revenue recognition: every invoiced service period (a billing item) and every adjustment
 * invoice's credited or charged days (an adjustment item) recognized ratably by day, month by
 * month, per currency. Amounts are never added across currencies.
 *
 * <p>Rounding: an amount A over N days is recognized through a day as
 * {@code round(A × daysElapsed / N)}, half-up at the currency's scale; a month recognizes the
 * difference of that figure at its last day and at the last day before it. The months of a
 * period therefore add up to exactly A, and at any day the balance is exact:
 * {@code deferred − unbilled = invoiced to date − recognized to date}.
 *
 * <p>Read-only, thread-safe; every figure is of the current tenant.
 */
@org.osgi.annotation.versioning.ProviderType
public interface RevenueService {
    /** Longest schedule, in months (10 years). */
    int MAX_MONTHS = 120;

    /**
     * The schedule from month {@code from} to month {@code to}, both included.
     *
     * @param currency   ISO 4217 code; empty for every currency the tenant has invoiced in
     * @param templateId only items whose days are on that plan (the plan in force on their first day; a reversal
     *                   counts under the plan of the period it reverses); empty for all
     * @return one row per currency and month, ordered by currency then month; a currency with
     *         nothing to show in the range has no rows
     * @throws org.idempiere.subscription.api.SubscriptionException REQUIRED or INVALID_VALUE naming
     *         {@code from} or {@code to} (missing, upside down, longer than {@link #MAX_MONTHS}),
     *         UNKNOWN_REFERENCE naming {@code currency} or {@code templateId}
     */
    default List<RevenueMonth> schedule(YearMonth from, YearMonth to, Optional<String> currency, Optional<Long> templateId) {
        return schedule(from, to, currency, templateId, Optional.empty());
    }

    /**
     * As {@link #schedule(YearMonth, YearMonth, Optional, Optional)}, in one reporting currency when
     * {@code reportingCurrency} is given: each currency's figures of a month converted with the host's rate on the
     * month's last day (the balances at the start with the rate of the month before's last day), rounded half up
     * to the reporting currency's scale and added; the change of rates is the month's {@code revaluation}.
     *
     * @param reportingCurrency ISO 4217 code; empty for one row per currency, unconverted
     * @return with a reporting currency, one row per month in it
     * @throws org.idempiere.subscription.api.SubscriptionException as the schedule per currency, UNKNOWN_REFERENCE
     *         naming {@code reportingCurrency}, INVALID_STATE naming it when the host has no rate for a month's end
     */
    default List<RevenueMonth> schedule(YearMonth from, YearMonth to, Optional<String> currency, Optional<Long> templateId,
            Optional<String> reportingCurrency) {
        return schedule(from, to, currency, templateId, reportingCurrency, Segment.ALL);
    }

    /**
     * As {@link #schedule(YearMonth, YearMonth, Optional, Optional, Optional)}, of one segment: the items of the
     * subscriptions of a sales representative, of customers billed to a country or region (their current values, as
     * for MRR), and with a product, each item's <em>product share</em> — the net of its invoice's lines of that product
     * for the item's days, exact (docs/analytics.md, "Revenue by segment"). Every figure is then the segment's, and
     * its balances still reconcile with what was invoiced within it.
     *
     * @param segment the filters; {@link Segment#ALL} (or null) for every subscription
     * @throws org.idempiere.subscription.api.SubscriptionException as the schedule, and UNKNOWN_REFERENCE or
     *         INVALID_VALUE naming {@code productId}, {@code country}, {@code region} or {@code salesRepId}
     */
    List<RevenueMonth> schedule(YearMonth from, YearMonth to, Optional<String> currency, Optional<Long> templateId,
            Optional<String> reportingCurrency, Segment segment);

    /**
     * The drill-down of one month: every item with a figure in it (invoiced or recognized in the
     * month, or a balance at its end). Each column summed over the items equals the month's figure.
     *
     * @param currency   ISO 4217 code; empty for every currency
     * @param templateId only items whose days are on that plan, as for {@link #schedule}; empty for all
     * @return the items ordered by currency, kind, subscription, period start
     * @throws org.idempiere.subscription.api.SubscriptionException as {@link #schedule}, naming {@code month}
     */
    default List<RevenueItem> items(YearMonth month, Optional<String> currency, Optional<Long> templateId) {
        return items(month, currency, templateId, Optional.empty());
    }

    /**
     * As {@link #items(YearMonth, Optional, Optional)}, in one reporting currency when {@code reportingCurrency} is
     * given, adding up to the month of {@link #schedule(YearMonth, YearMonth, Optional, Optional, Optional)} in that
     * currency: in each currency and column (invoiced, adjusted, recognized, deferred, unbilled) the schedule's converted
     * figure is split over the items by largest remainder — each item's exact conversion at the rate of the month's last
     * day cut down to the reporting currency's scale, the units left to the largest remainders — so each item is within
     * one unit of its own conversion and every column adds up exactly. {@code amount} is converted on its own, rounded
     * half up; {@code currency} is the reporting currency.
     *
     * @param reportingCurrency ISO 4217 code; empty for the items in their own currencies
     * @throws org.idempiere.subscription.api.SubscriptionException as the items per currency, UNKNOWN_REFERENCE naming
     *         {@code reportingCurrency}, INVALID_STATE naming it when the host has no rate for the month's end
     */
    default List<RevenueItem> items(YearMonth month, Optional<String> currency, Optional<Long> templateId,
            Optional<String> reportingCurrency) {
        return items(month, currency, templateId, reportingCurrency, Segment.ALL);
    }

    /**
     * As {@link #items(YearMonth, Optional, Optional, Optional)}, of one segment as
     * {@link #schedule(YearMonth, YearMonth, Optional, Optional, Optional, Segment)} reads it: with a product, each
     * item's {@code amount} and figures are its product share, and items with no share are left out, so the items
     * still add up to the segment's month.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException as the items, and as the segment's schedule
     */
    List<RevenueItem> items(YearMonth month, Optional<String> currency, Optional<Long> templateId, Optional<String> reportingCurrency,
            Segment segment);

    /**
     * The balances at the end of {@code date}, per currency: what was invoiced and recognized up to
     * then, and the deferred and unbilled revenue, with
     * {@code deferred − unbilled = invoiced − recognized} exactly.
     *
     * @param currency ISO 4217 code; empty for every currency
     * @throws org.idempiere.subscription.api.SubscriptionException REQUIRED naming {@code date},
     *         UNKNOWN_REFERENCE naming {@code currency}
     */
    default List<RevenueBalance> balances(LocalDate date, Optional<String> currency) {
        return balances(date, currency, Optional.empty());
    }

    /**
     * As {@link #balances(LocalDate, Optional)}, in one reporting currency when {@code reportingCurrency} is given: one
     * row, each currency's invoiced, deferred and unbilled converted with the host's rate on {@code date}, rounded half up
     * to the reporting currency's scale and added; recognized is invoiced − deferred + unbilled, so the identity stays
     * exact (it may differ from recognized's own conversion by one unit per currency). No row when there is nothing.
     *
     * @param reportingCurrency ISO 4217 code; empty for one row per currency
     * @throws org.idempiere.subscription.api.SubscriptionException as the balances per currency, UNKNOWN_REFERENCE
     *         naming {@code reportingCurrency}, INVALID_STATE naming it when the host has no rate for {@code date}
     */
    default List<RevenueBalance> balances(LocalDate date, Optional<String> currency, Optional<String> reportingCurrency) {
        return balances(date, currency, Optional.empty(), reportingCurrency, Segment.ALL);
    }

    /**
     * As {@link #balances(LocalDate, Optional, Optional)}, of the items of one plan (as for {@link #schedule}) and one
     * segment (as {@link #schedule(YearMonth, YearMonth, Optional, Optional, Optional, Segment)} reads it), with
     * {@code deferred − unbilled = invoiced − recognized} exactly within them. With a product, every invoice up to
     * {@code date} is read from the host: a slow read.
     *
     * @param templateId a plan of the tenant; empty for all
     * @param segment    the filters; {@link Segment#ALL} (or null) for every subscription
     * @throws org.idempiere.subscription.api.SubscriptionException as the balances, UNKNOWN_REFERENCE naming
     *         {@code templateId}, and as the segment's schedule
     */
    List<RevenueBalance> balances(LocalDate date, Optional<String> currency, Optional<Long> templateId,
            Optional<String> reportingCurrency, Segment segment);
}
