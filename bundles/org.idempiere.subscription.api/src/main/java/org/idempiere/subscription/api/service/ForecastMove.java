package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One known move of a forecast month ({@link ForecastService#knownMoves}): from {@code date} on, the subscription
 * has MRR {@code mrrAfter} instead of {@code mrrBefore}. Amounts in the forecast's currency (converted as the
 * forecast converts them). Over a month's moves, the effects of each part add up to the month's
 * {@link ForecastMonth#knownStarts()}, {@link ForecastMonth#knownChanges()} and {@link ForecastMonth#knownEnds()}
 * exactly. Immutable.
 *
 * @param part           {@code START} (a ledger entry dated after today), {@code CHANGE} (a pending change, priced on its
 *                       day) or {@code END} (notice given, or a fixed term that does not renew: MRR 0 from the day after
 *                       the last day served)
 * @param subscriptionId the subscription
 * @param documentNo     its document number
 * @param customerId     its customer
 * @param effect         mrrAfter − mrrBefore
 */
public record ForecastMove(LocalDate date, String part, long subscriptionId, String documentNo, long customerId, BigDecimal mrrBefore,
        BigDecimal mrrAfter, BigDecimal effect) {
}
