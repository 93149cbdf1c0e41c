package org.idempiere.subscription.api.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The known part of one forecast month, opened ({@link ForecastService#knownMoves}): its moves, one per
 * subscription and day, and the trailing range the trend's rates come from. The trend is a rate applied to the
 * month's starting MRR, not a list of subscriptions: the ledger entries it is taken from are those of
 * {@code trendFrom}..{@code trendTo} (the analytics drill-down of that range). Immutable.
 *
 * @param asOf      the host's today
 * @param currency  the ISO code of every amount
 * @param trendFrom the first day of the trailing months
 * @param trendTo   the last day of the trailing months (the day before the current month)
 * @param moves     a page of the month's moves, by date, then subscription
 */
public record KnownMoves(LocalDate asOf, YearMonth month, String currency, LocalDate trendFrom, LocalDate trendTo,
        List<ForecastMove> moves) {
    public KnownMoves {
        moves = List.copyOf(moves);
    }
}
