package org.idempiere.subscription.core.internal.analytics.revenue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.RevenueBalance;
import org.idempiere.subscription.api.service.RevenueItem;
import org.idempiere.subscription.api.service.RevenueMonth;
import org.idempiere.subscription.api.service.RevenueService;
import org.idempiere.subscription.api.service.Segment;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.analytics.SegmentFilter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Revenue recognition over the billing and adjustment items: the items a range needs are read
 * in one query, {@link Recognition} does the arithmetic. A plan filter keeps the items whose days are on the plan, a
 * segment those of its subscriptions ({@link SegmentFilter}), a product each item's share of its invoice's lines
 * ({@link ProductShares}). Reads only.
 */
@Component(service = RevenueService.class)
public final class RevenueServiceImpl implements RevenueService {
    private final HostContext host;
    private final Currencies hostCurrencies;
    private final CurrencyLookup currencies;
    private final Customers customers;
    private final Catalog catalog;
    private final Invoicing invoicing;
    private final RevenueItems items = new RevenueItems();

    @Activate
    public RevenueServiceImpl(@Reference HostContext host, @Reference Currencies currencies, @Reference Customers customers,
            @Reference Catalog catalog, @Reference Invoicing invoicing) {
        this.host = host;
        this.hostCurrencies = currencies;
        this.currencies = new CurrencyLookup(currencies);
        this.customers = customers;
        this.catalog = catalog;
        this.invoicing = invoicing;
    }

    /** The items a filter keeps: by SQL, then (with a product) each replaced by its product share. */
    private List<Recognizable> touching(Tx tx, LocalDate from, LocalDate to, Optional<Long> currencyId, Optional<Long> templateId,
            SegmentFilter segment) throws java.sql.SQLException {
        List<Recognizable> kept = items.touching(tx.connection(), host.tenant(), from, to,
                new RevenueItems.Filter(currencyId, templateId, segment.sql()), currencies.resolver(tx));
        return segment.product().isEmpty() ? kept : ProductShares.of(tx, host.tenant(), invoicing, kept, segment.product().get());
    }

    @Override
    public List<RevenueMonth> schedule(YearMonth from, YearMonth to, Optional<String> currency, Optional<Long> templateId,
            Optional<String> reportingCurrency, Segment segment) {
        checkRange(from, to);
        return host.inTransaction(tx -> {
            Optional<Long> currencyId = currencyId(tx, currency);
            checkTemplate(tx, templateId);
            Optional<CurrencyRef> reporting = reportingCurrency.map(code -> currencies.byIsoCode(tx, "reportingCurrency", code));
            SegmentFilter filter = SegmentFilter.of(tx, host.tenant(), customers, catalog, segment);
            List<RevenueMonth> perCurrency = Recognition.schedule(touching(tx, from.atDay(1), to.atEndOfMonth(), currencyId, templateId,
                    filter), from, to);
            if (reporting.isEmpty()) {
                return perCurrency;
            }
            CurrencyRef target = reporting.get();
            return ReportingSchedule.convert(perCurrency, target.isoCode(), scale(target), rates(tx, target));
        });
    }

    private static int scale(CurrencyRef target) {
        return Math.max(0, java.util.Currency.getInstance(target.isoCode()).getDefaultFractionDigits());
    }

    /** The host's rate from a currency (ISO code) into {@code target} on a day; a missing rate is INVALID_STATE naming reportingCurrency. */
    private java.util.function.BiFunction<String, LocalDate, java.math.BigDecimal> rates(Tx tx, CurrencyRef target) {
        Map<String, Long> ids = new HashMap<>();
        return (iso, day) -> {
            long id = ids.computeIfAbsent(iso, code -> currencies.byIsoCode(tx, "currency", code).id());
            return hostCurrencies.rate(tx, id, target.id(), day).orElseThrow(() -> SubscriptionException.invalidState(
                    "reportingCurrency", target.isoCode(), "has no conversion rate from " + iso + " on " + day + " in the host"));
        };
    }

    @Override
    public List<RevenueItem> items(YearMonth month, Optional<String> currency, Optional<Long> templateId,
            Optional<String> reportingCurrency, Segment segment) {
        if (month == null) {
            throw SubscriptionException.required("month");
        }
        return host.inTransaction(tx -> {
            Optional<Long> currencyId = currencyId(tx, currency);
            checkTemplate(tx, templateId);
            Optional<CurrencyRef> reporting = reportingCurrency.map(code -> currencies.byIsoCode(tx, "reportingCurrency", code));
            SegmentFilter filter = SegmentFilter.of(tx, host.tenant(), customers, catalog, segment);
            List<RevenueItem> own = Recognition.itemsOf(touching(tx, month.atDay(1), month.atEndOfMonth(), currencyId, templateId, filter),
                    month);
            return reporting.isEmpty() ? own
                    : ReportingSchedule.convertItems(own, month, reporting.get().isoCode(), scale(reporting.get()), rates(tx, reporting.get()));
        });
    }

    @Override
    public List<RevenueBalance> balances(LocalDate date, Optional<String> currency, Optional<Long> templateId,
            Optional<String> reportingCurrency, Segment segment) {
        if (date == null) {
            throw SubscriptionException.required("date");
        }
        return host.inTransaction(tx -> {
            Optional<Long> currencyId = currencyId(tx, currency);
            checkTemplate(tx, templateId);
            Optional<CurrencyRef> reporting = reportingCurrency.map(code -> currencies.byIsoCode(tx, "reportingCurrency", code));
            SegmentFilter filter = SegmentFilter.of(tx, host.tenant(), customers, catalog, segment);
            LocalDate next = date.plusDays(1);
            RevenueItems.Filter kept = new RevenueItems.Filter(currencyId, templateId, filter.sql());
            Map<String, java.math.BigDecimal> settled;
            if (filter.product().isEmpty()) {
                settled = items.settledBy(tx.connection(), host.tenant(), date, kept, currencies.resolver(tx));
            } else { // the product shares of every item settled by then, from their invoices
                settled = new HashMap<>();
                for (Recognizable r : ProductShares.of(tx, host.tenant(), invoicing, items.settled(tx.connection(), host.tenant(), date,
                        kept, currencies.resolver(tx)), filter.product().get())) {
                    settled.merge(r.currency().getCurrencyCode(), r.amount(), java.math.BigDecimal::add);
                }
            }
            List<RevenueBalance> own = Recognition.balances(touching(tx, next, next, currencyId, templateId, filter), date, settled);
            return reporting.isEmpty() ? own
                    : ReportingSchedule.convertBalances(own, date, reporting.get().isoCode(), scale(reporting.get()), rates(tx, reporting.get()));
        });
    }

    /** A schedule's months: both given, in order, at most {@link #MAX_MONTHS}. */
    static void checkRange(YearMonth from, YearMonth to) {
        if (from == null) {
            throw SubscriptionException.required("from");
        }
        if (to == null) {
            throw SubscriptionException.required("to");
        }
        if (to.isBefore(from)) {
            throw SubscriptionException.invalid("to", to, "is before from (" + from + ")");
        }
        if (ChronoUnit.MONTHS.between(from, to) + 1 > MAX_MONTHS) {
            throw SubscriptionException.invalid("to", to, "is more than " + MAX_MONTHS + " months (10 years) from " + from
                    + " on; ask for " + MAX_MONTHS + " months at most");
        }
    }

    private Optional<Long> currencyId(Tx tx, Optional<String> currency) {
        return currency.map(code -> currencies.byIsoCode(tx, "currency", code).id());
    }

    private void checkTemplate(Tx tx, Optional<Long> templateId) throws java.sql.SQLException {
        if (templateId.isPresent() && !items.templateExists(tx.connection(), host.tenant(), templateId.get())) {
            throw SubscriptionException.unknown("templateId", templateId.get());
        }
    }
}
