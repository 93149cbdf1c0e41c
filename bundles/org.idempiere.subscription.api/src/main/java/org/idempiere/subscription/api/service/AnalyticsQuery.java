package org.idempiere.subscription.api.service;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What an analytics figure is asked for: a range of days (both included), cut into periods, and the
 * filters. Checked by the service: {@code to} not before {@code from}, at most 10 years, a known plan and
 * currencies; a failure names the field and the value.
 *
 * @param from              the first day
 * @param to                the last day
 * @param granularity       the periods of series
 * @param templateId        only this plan's subscriptions (where the figure supports a plan filter)
 * @param currency          only subscriptions in this currency (ISO 4217); amounts are then in it unless
 *                          {@code reportingCurrency} says otherwise
 * @param reportingCurrency the currency amounts are reported in, converted with the host's rates at each
 *                          period's end; default: {@code currency}, else the tenant's currency
 * @param segment           only subscriptions of a product, a country or region, a sales representative
 *                          ({@link Segment#ALL}: every one); a null segment is read as {@link Segment#ALL}. Figures with
 *                          a segment are read from the ledger, slower than the others (docs/analytics.md).
 */
public record AnalyticsQuery(LocalDate from, LocalDate to, Granularity granularity, Optional<Long> templateId,
        Optional<String> currency, Optional<String> reportingCurrency, Segment segment) {
    /** Null components are read as empty; a null segment as {@link Segment#ALL}. */
    public AnalyticsQuery {
        templateId = templateId == null ? Optional.empty() : templateId;
        currency = currency == null ? Optional.empty() : currency;
        reportingCurrency = reportingCurrency == null ? Optional.empty() : reportingCurrency;
        segment = segment == null ? Segment.ALL : segment;
    }

    /** A query of every segment. */
    public AnalyticsQuery(LocalDate from, LocalDate to, Granularity granularity, Optional<Long> templateId,
            Optional<String> currency, Optional<String> reportingCurrency) {
        this(from, to, granularity, templateId, currency, reportingCurrency, Segment.ALL);
    }

    /** The longest range a query may span, in years: {@code to} at most this many years after {@code from}. */
    public static final int MAX_YEARS = 10;

    /** @return the last day {@code to} may be for {@code from} */
    public static LocalDate latestTo(LocalDate from) {
        return from.plusYears(MAX_YEARS);
    }

    /** A query without filters. */
    public static AnalyticsQuery of(LocalDate from, LocalDate to, Granularity granularity) {
        return new AnalyticsQuery(from, to, granularity, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** @return this query for one plan */
    public AnalyticsQuery withTemplate(long id) {
        return new AnalyticsQuery(from, to, granularity, Optional.of(id), currency, reportingCurrency, segment);
    }

    /** @return this query for one currency */
    public AnalyticsQuery withCurrency(String iso) {
        return new AnalyticsQuery(from, to, granularity, templateId, Optional.of(iso), reportingCurrency, segment);
    }

    /** @return this query reported in another currency */
    public AnalyticsQuery reportedIn(String iso) {
        return new AnalyticsQuery(from, to, granularity, templateId, currency, Optional.of(iso), segment);
    }

    /** @return this query for a segment (replacing this one's) */
    public AnalyticsQuery withSegment(Segment s) {
        return new AnalyticsQuery(from, to, granularity, templateId, currency, reportingCurrency, s);
    }
}
