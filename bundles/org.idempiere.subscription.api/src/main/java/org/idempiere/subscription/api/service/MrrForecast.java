package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A forecast of MRR and active customers in one currency.
 *
 * @param asOf           the host's today: what is known is known as of its end
 * @param mrrToday       MRR at the end of {@code asOf}
 * @param customersToday customers with MRR above zero at the end of {@code asOf}
 * @param rates          the trend, from the trailing months
 * @param months         the current month (what is known only), then the months forecast
 */
public record MrrForecast(LocalDate asOf, String currency, BigDecimal mrrToday, int customersToday, ForecastRates rates,
        List<ForecastMonth> months) {
    public MrrForecast {
        months = List.copyOf(months);
    }
}
