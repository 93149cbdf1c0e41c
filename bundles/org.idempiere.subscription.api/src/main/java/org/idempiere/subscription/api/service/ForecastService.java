package org.idempiere.subscription.api.service;

import java.util.Optional;

/**
 * The MRR and active-customer forecast: what is known today played forward (subscriptions that
 * start later, pending changes priced on their day, notices not to renew and fixed terms that do
 * not renew), plus the trend of the trailing months (new business, expansion, contraction, churn,
 * new and lost customers), each part shown separately. One currency at a time, or every currency converted
 * into a reporting currency.
 *
 * <p>Read-only, thread-safe; every figure is of the current tenant, as of the host's today.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ForecastService {
    /** Most months forecast after the current one. */
    int MAX_MONTHS = 36;
    /** The trailing months the trend is taken from, by default. */
    int DEFAULT_TRAILING = 3;
    /** Most trailing months. */
    int MAX_TRAILING = 12;

    /**
     * @param months   months after the current one, 1 to {@link #MAX_MONTHS}
     * @param currency ISO 4217 code; empty for the tenant's own currency
     * @param trailing complete months before the current one the trend is taken from, 1 to {@link #MAX_TRAILING}
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_VALUE naming {@code months}
     *         or {@code trailing} out of range, UNKNOWN_REFERENCE naming {@code currency}
     */
    default MrrForecast forecast(int months, Optional<String> currency, int trailing) {
        return forecast(months, currency, trailing, Optional.empty());
    }

    /**
     * As {@link #forecast(int, Optional, int)}, of the subscriptions on one plan only: those whose plan is
     * {@code templateId} now, with their whole ledger (the trend too) and their known moves.
     *
     * @param templateId a plan of the tenant; empty for every subscription
     * @throws org.idempiere.subscription.api.SubscriptionException as {@link #forecast(int, Optional, int)}, and
     *         UNKNOWN_REFERENCE naming {@code templateId} when the tenant has no such plan
     */
    default MrrForecast forecast(int months, Optional<String> currency, int trailing, Optional<Long> templateId) {
        return forecast(months, currency, trailing, templateId, Optional.empty());
    }

    /**
     * As {@link #forecast(int, Optional, int, Optional)}, in a reporting currency when {@code reportingCurrency} is
     * given: every currency of the ledger (or only {@code currency}) converted into it with the host's rate on the
     * last day of each amount's month — today's MRR at the current month's end, a move ahead at its month's end,
     * each trailing month at its end — rounded half up to the reporting currency's scale, then forecast as one
     * currency (so each month still adds up exactly).
     *
     * @param reportingCurrency ISO 4217 code; empty for one currency, unconverted
     * @throws org.idempiere.subscription.api.SubscriptionException as the forecast in one currency, UNKNOWN_REFERENCE
     *         naming {@code reportingCurrency}, INVALID_STATE naming it when the host has no rate for a month's end
     */
    default MrrForecast forecast(int months, Optional<String> currency, int trailing, Optional<Long> templateId,
            Optional<String> reportingCurrency) {
        return forecast(months, currency, trailing, templateId, reportingCurrency, Segment.ALL);
    }

    /**
     * As {@link #forecast(int, Optional, int, Optional, Optional)}, of one segment, with the meaning the MRR series give
     * it: the subscriptions of a sales representative, of customers billed to a country or region (their current
     * values), and with a product, those with a recurring line of it, each amount (today's MRR, a move's MRR after it,
     * the trailing months' movements and MRR) the product's share by the subscription's product weights priced today,
     * largest remainder (docs/analytics.md, "Forecast by segment").
     *
     * @param segment the filters; {@link Segment#ALL} (or null) for every subscription
     * @throws org.idempiere.subscription.api.SubscriptionException as the forecast, and UNKNOWN_REFERENCE or
     *         INVALID_VALUE naming {@code productId}, {@code country}, {@code region} or {@code salesRepId}
     */
    MrrForecast forecast(int months, Optional<String> currency, int trailing, Optional<Long> templateId,
            Optional<String> reportingCurrency, Segment segment);

    /** Most moves one {@link #knownMoves} call returns. */
    int MAX_MOVES = 1000;

    /**
     * The known moves behind one forecast month: the moves {@link #forecast(int, Optional, int, Optional, Optional)} adds
     * up into {@code knownStarts}, {@code knownChanges} and {@code knownEnds} for the same arguments, one per
     * subscription and day, each with its effect; and the trailing range the trend comes from.
     *
     * @param month  from the current month to {@link #MAX_MONTHS} months after it
     * @param limit  at most this many moves, 1 to {@link #MAX_MOVES}
     * @param offset moves skipped first (paging)
     * @throws org.idempiere.subscription.api.SubscriptionException as the forecast, and INVALID_VALUE naming
     *         {@code month} out of range, {@code limit} or {@code offset}
     */
    default KnownMoves knownMoves(java.time.YearMonth month, Optional<String> currency, int trailing, Optional<Long> templateId,
            Optional<String> reportingCurrency, int limit, int offset) {
        return knownMoves(month, currency, trailing, templateId, reportingCurrency, Segment.ALL, limit, offset);
    }

    /**
     * As {@link #knownMoves(java.time.YearMonth, Optional, int, Optional, Optional, int, int)}, of one segment: the moves
     * {@link #forecast(int, Optional, int, Optional, Optional, Segment)} adds up for it (with a product, each move's
     * MRR before and after and its effect are the product's shares).
     *
     * @throws org.idempiere.subscription.api.SubscriptionException as the known moves, and as the segment's forecast
     */
    KnownMoves knownMoves(java.time.YearMonth month, Optional<String> currency, int trailing, Optional<Long> templateId,
            Optional<String> reportingCurrency, Segment segment, int limit, int offset);
}
