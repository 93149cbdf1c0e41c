package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.AnalyticsGroup;
import org.idempiere.subscription.api.service.AnalyticsQuery;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.Breakdown;
import org.idempiere.subscription.api.service.ChurnAnalysis;
import org.idempiere.subscription.api.service.CohortCustomer;
import org.idempiere.subscription.api.service.CohortDrillDown;
import org.idempiere.subscription.api.service.CohortTable;
import org.idempiere.subscription.api.service.CustomerDrillDown;
import org.idempiere.subscription.api.service.CustomerLine;
import org.idempiere.subscription.api.service.DrillDown;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.KpiPanel;
import org.idempiere.subscription.api.service.Kpis;
import org.idempiere.subscription.api.service.LedgerLine;
import org.idempiere.subscription.api.service.MrrMovements;
import org.idempiere.subscription.api.service.MrrPeriod;
import org.idempiere.subscription.api.service.MrrSeries;
import org.idempiere.subscription.api.service.MrrSnapshot;
import org.idempiere.subscription.api.service.Segment;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.store.ChangeLogStore;
import org.idempiere.subscription.core.internal.store.TemplateStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Analytics (docs/analytics.md, decision 0034): series, KPIs, cohorts and breakdowns by plan and currency
 * from the refreshed figures; churn, drill-down and the other breakdowns from the ledger; the customers behind
 * cohort cells and logo counts from the per-customer facts the refreshed figures are the sums of ({@link CustomerDrill}). Every read checks
 * its input first (nothing is written on bad input), then refreshes, then reads.
 */
@Component(service = AnalyticsService.class)
public final class AnalyticsServiceImpl implements AnalyticsService {
    /** The longest range a query may span. */
    static final int MAX_YEARS = AnalyticsQuery.MAX_YEARS;
    /** Delta rows written since the last rollup that trigger the next one. */
    static final long ROLLUP_AFTER = 20_000;
    /** The most drill-down lines one call returns. */
    static final int MAX_LINES = 1000;
    private static final String[] AGES = {"0-3m", "3-6m", "6-12m", "12-24m", "24m+"};
    private static final int[] AGE_MONTHS = {0, 3, 6, 12, 24, Integer.MAX_VALUE};

    private final HostContext host;
    private final CurrencyLookup currencies;
    private final Currencies hostCurrencies;
    private final Customers customers;
    private final Catalog catalog;
    private final ChangeLogStore changeLog = new ChangeLogStore();
    private final TemplateStore templates = new TemplateStore();
    private final org.idempiere.subscription.core.internal.store.CloseReasonStore closeReasons =
            new org.idempiere.subscription.core.internal.store.CloseReasonStore();
    private final Refresher refresher;
    private final AtomicLong sinceRollup = new AtomicLong(ROLLUP_AFTER); // a first refresh compacts what earlier runs left

    @Activate
    public AnalyticsServiceImpl(@Reference HostContext host, @Reference Currencies currencies, @Reference Customers customers,
            @Reference Catalog catalog) {
        this.host = host;
        this.currencies = new CurrencyLookup(currencies);
        this.hostCurrencies = currencies;
        this.customers = customers;
        this.catalog = catalog;
        this.refresher = new Refresher(host);
    }

    @Override
    public MrrSnapshot mrr(LocalDate date, String currency) {
        if (date == null) {
            throw SubscriptionException.required("date");
        }
        return host.inTransaction(tx -> {
            CurrencyRef ref = currency == null ? hostCurrencies.tenantCurrency(tx)
                    : currencies.byIsoCode(tx, "currency", currency);
            ChangeLogStore.MrrTotal total = changeLog.mrrAt(tx.connection(), host.tenant(), date, ref.id());
            return new MrrSnapshot(date, ref.isoCode(),
                    Money.of(total.mrr(), Currency.getInstance(ref.isoCode())).amount(), total.subscriptions());
        });
    }

    @Override
    public int refresh() {
        int customers = refresher.refresh().customers();
        sinceRollup.set(0);
        refresher.rollup();
        refresher.vacuumIfMany();
        return customers;
    }

    /** Before a read: refreshes, and compacts once enough delta rows have been written since the last compaction. */
    private void refreshForRead() {
        Refresher.Result r = refresher.refresh();
        if (sinceRollup.addAndGet(r.deltaRows()) >= ROLLUP_AFTER) {
            sinceRollup.set(0);
            refresher.rollup();
        }
        refresher.vacuumIfMany();
    }

    @Override
    public int rebuildRevenue() {
        return new RevenueLog(host).rebuild();
    }

    /** A checked query: ids resolved. */
    private record Checked(LocalDate from, LocalDate to, Granularity granularity, Optional<Long> plan, Optional<Long> currency,
            CurrencyRef reporting, Segment segment) {
    }

    private Checked check(Tx tx, AnalyticsQuery q) throws SQLException {
        if (q == null) {
            throw SubscriptionException.required("query");
        }
        if (q.from() == null) {
            throw SubscriptionException.required("from");
        }
        if (q.to() == null) {
            throw SubscriptionException.required("to");
        }
        if (q.granularity() == null) {
            throw SubscriptionException.required("granularity");
        }
        if (q.to().isBefore(q.from()) || q.to().isAfter(AnalyticsQuery.latestTo(q.from()))) {
            throw SubscriptionException.invalid("to", q.to(), "must be a day from " + q.from() + " (from) to "
                    + AnalyticsQuery.latestTo(q.from()) + " (at most " + MAX_YEARS + " years after from)");
        }
        Optional<Long> plan = q.templateId();
        if (plan.isPresent() && templates.find(tx.connection(), host.tenant(), plan.get(), false).isEmpty()) {
            throw SubscriptionException.unknown("templateId", plan.get());
        }
        Optional<CurrencyRef> currency = q.currency().isPresent()
                ? Optional.of(currencies.byIsoCode(tx, "currency", q.currency().get())) : Optional.empty();
        CurrencyRef reporting = q.reportingCurrency().isPresent()
                ? currencies.byIsoCode(tx, "reportingCurrency", q.reportingCurrency().get())
                : currency.orElseGet(() -> hostCurrencies.tenantCurrency(tx));
        Segment segment = q.segment().isAll() ? Segment.ALL
                : new Segments(tx, customers).check(q.segment(), host.tenant(), catalog);
        return new Checked(q.from(), q.to(), q.granularity(), plan, currency.map(CurrencyRef::id), reporting, segment);
    }

    /** Checks, refreshes, then reads in one transaction. */
    private <T> T read(AnalyticsQuery q, Function<Checked, Void> moreChecks, Reader<T> reader) {
        Checked checked = host.inTransaction(tx -> check(tx, q));
        moreChecks.apply(checked);
        refreshForRead();
        return host.inTransaction(tx -> reader.read(tx, checked, new Converter(hostCurrencies, tx, checked.reporting())));
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(Tx tx, Checked q, Converter conv) throws SQLException;
    }

    private static Void none(Checked c) {
        return null;
    }

    @Override
    public MrrSeries mrrSeries(AnalyticsQuery query) {
        return read(query, AnalyticsServiceImpl::none, (tx, q, conv) -> {
            FactReader r = new FactReader(tx.connection(), host.tenant());
            List<Periods.Period> periods = Periods.of(q.from(), q.to(), q.granularity());
            if (!q.segment().isAll()) {
                Segments places = new Segments(tx, customers);
                LedgerFigures.Group g = segmentGroups(tx, q, periods, null, false, places, where(tx, q, places, false))
                        .getOrDefault("", new LedgerFigures.Group());
                return new MrrSeries(q.reporting().isoCode(), q.granularity(), Figures.series(periods, g.moves(), g.subs(), conv));
            }
            return new MrrSeries(q.reporting().isoCode(), q.granularity(), Figures.series(periods,
                    r.moves(Fact.MOVEMENT, q.from(), q.to(), q.granularity(), q.plan(), q.currency(), false),
                    r.moves(Fact.SUBSCRIPTIONS, q.from(), q.to(), q.granularity(), q.plan(), q.currency(), false), conv));
        });
    }

    @Override
    public KpiPanel kpis(AnalyticsQuery query, BigDecimal grossMargin) {
        BigDecimal margin = grossMargin == null ? BigDecimal.ONE : grossMargin;
        if (margin.signum() <= 0 || margin.compareTo(BigDecimal.ONE) > 0) {
            throw SubscriptionException.invalid("grossMargin", margin, "must be above 0 and at most 1");
        }
        return read(query, AnalyticsServiceImpl::none, (tx, q, conv) -> {
            FactReader r = new FactReader(tx.connection(), host.tenant());
            List<Periods.Period> periods = Periods.of(q.from(), q.to(), q.granularity());
            List<FactReader.Sum> moves;
            List<FactReader.Sum> subs;
            List<FactReader.Sum> logos;
            List<LedgerReads.Revenue> revenue;
            if (q.segment().isAll()) {
                moves = r.moves(Fact.MOVEMENT, q.from(), q.to(), q.granularity(), q.plan(), q.currency(), false);
                subs = r.moves(Fact.SUBSCRIPTIONS, q.from(), q.to(), q.granularity(), q.plan(), q.currency(), false);
                logos = r.logos(q.from(), q.to(), q.granularity(), q.plan().orElse(0L), q.currency().orElse(0L));
                revenue = r.revenue(q.from(), q.to(), q.granularity(), q.plan(), q.currency());
            } else {
                Segments places = new Segments(tx, customers);
                Where w = where(tx, q, places, false);
                LedgerFigures.Group g = segmentGroups(tx, q, periods, null, true, places, w).getOrDefault("", new LedgerFigures.Group());
                moves = g.moves();
                subs = g.subs();
                logos = g.logos();
                revenue = segmentRevenue(tx, q, w);
            }
            List<Periods.Period> whole = List.of(new Periods.Period(q.from(), q.to()));
            List<Kpis> each = kpis(periods, moves, subs, logos, revenue, margin, conv);
            return new KpiPanel(q.reporting().isoCode(), margin, kpis(whole, moves, subs, logos, revenue, margin, conv).get(0), each);
        });
    }

    private static List<Kpis> kpis(List<Periods.Period> periods, List<FactReader.Sum> moves, List<FactReader.Sum> subs,
            List<FactReader.Sum> logos, List<LedgerReads.Revenue> revenue, BigDecimal margin, Converter conv) {
        List<MrrPeriod> series = Figures.series(periods, moves, subs, conv);
        long[][] customers = Figures.logos(periods, logos);
        List<Map<Long, BigDecimal>> net = new ArrayList<>();
        List<Map<Long, BigDecimal>> oneTime = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            net.add(new HashMap<>());
            oneTime.add(new HashMap<>());
        }
        for (LedgerReads.Revenue rv : revenue) {
            int i = Periods.indexOf(periods, rv.day());
            (rv.kind() == 'O' ? oneTime : net).get(i).merge(rv.currencyId(), rv.amount(), BigDecimal::add);
        }
        List<Kpis> out = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            LocalDate end = periods.get(i).end();
            out.add(Figures.kpis(series.get(i), customers[i], margin, conv.scale(), conv.convert(net.get(i), end),
                    conv.convert(oneTime.get(i), end)));
        }
        return out;
    }

    @Override
    public CohortTable cohorts(AnalyticsQuery query) {
        return read(query, q -> cohortChecks(query, q), (tx, q, conv) -> {
            Granularity g = q.granularity();
            LocalDate first = Periods.startOf(q.from(), g);
            LocalDate lastStart = Periods.startOf(q.to(), g);
            List<FactReader.CohortSum> sums = new FactReader(tx.connection(), host.tenant()).cohorts(first,
                    Periods.next(lastStart, g).minusDays(1));
            TreeMap<LocalDate, List<FactReader.CohortSum>> byCohort = new TreeMap<>();
            for (FactReader.CohortSum s : sums) {
                byCohort.computeIfAbsent(Periods.startOf(s.cohort(), g), k -> new ArrayList<>()).add(s);
            }
            List<CohortTable.Cohort> out = new ArrayList<>();
            byCohort.forEach((start, rows) -> {
                long size = rows.stream().filter(s -> s.kind() == Fact.COHORT_SIZE).mapToLong(FactReader.CohortSum::count).sum();
                if (size == 0) {
                    return; // its customers moved to an earlier cohort (an entry dated in the past); rows left sum to zero
                }
                List<CohortTable.Cell> cells = new ArrayList<>();
                BigDecimal base = null;
                int index = 0;
                for (LocalDate p = start; !p.isAfter(lastStart); p = Periods.next(p, g), index++) {
                    LocalDate end = Periods.next(p, g).minusDays(1);
                    long active = 0;
                    Map<Long, BigDecimal> mrr = new HashMap<>();
                    for (FactReader.CohortSum s : rows) {
                        if (s.month() != null && !s.month().isAfter(end)) {
                            if (s.kind() == Fact.COHORT_ACTIVE) {
                                active += s.count();
                            } else if (s.kind() == Fact.COHORT_MRR) {
                                mrr.merge(s.currencyId(), s.amount(), BigDecimal::add);
                            }
                        }
                    }
                    BigDecimal amount = conv.convert(mrr, end);
                    if (base == null) {
                        base = amount;
                    }
                    cells.add(new CohortTable.Cell(index, end, active,
                            Figures.ratio(BigDecimal.valueOf(active), BigDecimal.valueOf(size)).orElse(BigDecimal.ZERO), amount,
                            Figures.ratio(amount, base)));
                }
                out.add(new CohortTable.Cohort(start, size, cells));
            });
            return new CohortTable(q.reporting().isoCode(), g, out);
        });
    }

    /** Cohorts are of customers, by month or quarter: no plan or currency filter. */
    private static Void cohortChecks(AnalyticsQuery query, Checked q) {
        if (q.granularity() != Granularity.MONTH && q.granularity() != Granularity.QUARTER) {
            throw SubscriptionException.invalid("granularity", q.granularity(), "cohorts are by MONTH or QUARTER");
        }
        if (q.plan().isPresent()) {
            throw SubscriptionException.invalid("templateId", q.plan().get(), "cohorts are of customers, not of one plan");
        }
        if (q.currency().isPresent()) {
            throw SubscriptionException.invalid("currency", query.currency().get(),
                    "cohorts are of customers in every currency: use reportingCurrency");
        }
        refuse(q.segment(), "cohorts are of all customers");
        return null;
    }

    @Override
    public List<CohortCustomer> cohortCustomers(CohortDrillDown d) {
        if (d == null) {
            throw SubscriptionException.required("drillDown");
        }
        if (d.cohort() == null) {
            throw SubscriptionException.required("cohort");
        }
        page(d.limit(), d.offset());
        return read(d.query(), q -> {
            cohortChecks(d.query(), q);
            LocalDate first = Periods.startOf(q.from(), q.granularity());
            LocalDate last = Periods.startOf(q.to(), q.granularity());
            LocalDate cohort = Periods.startOf(d.cohort(), q.granularity());
            if (cohort.isBefore(first) || cohort.isAfter(last)) {
                throw SubscriptionException.invalid("cohort", d.cohort(), "must be a day from " + first + " to "
                        + Periods.next(last, q.granularity()).minusDays(1) + " (a cohort of the range)");
            }
            int periods = Periods.of(cohort, last, q.granularity()).size();
            if (d.period() < 0 || d.period() >= periods) {
                throw SubscriptionException.invalid("period", d.period(), "must be 0 to " + (periods - 1) + " for cohort " + cohort);
            }
            return null;
        }, (tx, q, conv) -> {
            Granularity g = q.granularity();
            LocalDate cohort = Periods.startOf(d.cohort(), g);
            LocalDate periodStart = cohort;
            for (int i = 0; i < d.period(); i++) {
                periodStart = Periods.next(periodStart, g);
            }
            return new CustomerDrill(tx.connection(), host.tenant()).cohort(cohort, g, Periods.next(periodStart, g).minusDays(1), conv,
                    d.limit(), d.offset(), id -> customerName(tx, id));
        });
    }

    @Override
    public List<CustomerLine> customers(CustomerDrillDown d) {
        if (d == null) {
            throw SubscriptionException.required("drillDown");
        }
        if (d.kind() == null) {
            throw SubscriptionException.required("kind");
        }
        page(d.limit(), d.offset());
        return read(d.query(), AnalyticsServiceImpl::none, (tx, q, conv) -> new CustomerDrill(tx.connection(), host.tenant())
                .customers(d.kind(), q.from(), q.to(), q.plan(), q.currency(), d.limit(), d.offset(), id -> customerName(tx, id)));
    }

    /** Checks a page of a drill-down: 1 to {@link #MAX_LINES} lines, from line {@code offset} (0 or more). */
    private static void page(int limit, int offset) {
        if (limit < 1 || limit > MAX_LINES) {
            throw SubscriptionException.invalid("limit", limit, "must be 1 to " + MAX_LINES);
        }
        if (offset < 0) {
            throw SubscriptionException.invalid("offset", offset, "must not be negative");
        }
    }

    private String customerName(Tx tx, long id) {
        return customers.find(tx, id).map(c -> c.name()).orElse("");
    }

    @Override
    public Breakdown breakdown(AnalyticsQuery query, Breakdown.Dimension by) {
        if (by == null) {
            throw SubscriptionException.required("by");
        }
        return read(query, AnalyticsServiceImpl::none, (tx, q, conv) -> {
            List<AnalyticsGroup> groups = (by == Breakdown.Dimension.PLAN || by == Breakdown.Dimension.CURRENCY) && q.segment().isAll()
                    ? fastGroups(tx, q, conv, by == Breakdown.Dimension.PLAN) : slowGroups(tx, q, conv, by);
            return new Breakdown(by, q.reporting().isoCode(), groups);
        });
    }

    private List<AnalyticsGroup> fastGroups(Tx tx, Checked q, Converter conv, boolean byPlan) throws SQLException {
        FactReader r = new FactReader(tx.connection(), host.tenant());
        List<Periods.Period> whole = List.of(new Periods.Period(q.from(), q.to()));
        Map<Long, List<FactReader.Sum>> moves = new TreeMap<>();
        Map<Long, List<FactReader.Sum>> subs = new TreeMap<>();
        for (FactReader.Sum s : r.moves(Fact.MOVEMENT, q.from(), q.to(), Granularity.YEAR, q.plan(), q.currency(), byPlan)) {
            moves.computeIfAbsent(byPlan ? s.templateId() : s.currencyId(), k -> new ArrayList<>()).add(s);
        }
        for (FactReader.Sum s : r.moves(Fact.SUBSCRIPTIONS, q.from(), q.to(), Granularity.YEAR, q.plan(), q.currency(), byPlan)) {
            subs.computeIfAbsent(byPlan ? s.templateId() : s.currencyId(), k -> new ArrayList<>()).add(s);
        }
        List<AnalyticsGroup> out = new ArrayList<>();
        for (Map.Entry<Long, List<FactReader.Sum>> e : moves.entrySet()) {
            MrrPeriod m = Figures.series(whole, e.getValue(), subs.getOrDefault(e.getKey(), List.of()), conv).get(0);
            if (nothing(m)) {
                continue;
            }
            String label = byPlan ? templates.find(tx.connection(), host.tenant(), e.getKey(), false).map(t -> t.name())
                    .orElse(String.valueOf(e.getKey())) : hostCurrencies.byId(tx, e.getKey()).map(CurrencyRef::isoCode).orElse("");
            out.add(new AnalyticsGroup(byPlan ? String.valueOf(e.getKey()) : label, label, m.mrrStart(), m.movements(), m.mrrEnd(),
                    m.subscriptions()));
        }
        return out;
    }

    /**
     * A breakdown read from the ledger ({@link LedgerFigures}): by product, country, region, sales representative, or
     * by plan or currency within a segment; the rows of the range as one period.
     */
    private List<AnalyticsGroup> slowGroups(Tx tx, Checked q, Converter conv, Breakdown.Dimension by) throws SQLException {
        List<Periods.Period> whole = List.of(new Periods.Period(q.from(), q.to()));
        Map<String, String> isoById = new HashMap<>();
        Function<String, String> label = switch (by) {
            case PLAN -> key -> templateName(tx, Long.parseLong(key));
            case CURRENCY -> key -> key;
            case PRODUCT -> key -> key.isEmpty() ? "" : catalog.product(tx, Long.parseLong(key)).map(p -> p.name()).orElse(key);
            case SALES_REP -> key -> key.isEmpty() ? "" : customers.userName(tx, Long.parseLong(key)).orElse(key);
            case COUNTRY, REGION -> key -> Segments.label(by == Breakdown.Dimension.REGION, key);
        };
        List<AnalyticsGroup> out = new ArrayList<>();
        Segments places = new Segments(tx, customers);
        Where w = where(tx, q, places, by == Breakdown.Dimension.PRODUCT);
        for (Map.Entry<String, LedgerFigures.Group> e : segmentGroups(tx, q, whole, by, false, places, w).entrySet()) {
            MrrPeriod m = Figures.series(whole, e.getValue().moves(), e.getValue().subs(), conv).get(0);
            if (!nothing(m)) {
                String key = by == Breakdown.Dimension.CURRENCY ? isoById.computeIfAbsent(e.getKey(), id -> hostCurrencies.byId(tx,
                        Long.parseLong(id)).map(CurrencyRef::isoCode).orElse(id)) : e.getKey();
                out.add(new AnalyticsGroup(key, label.apply(key), m.mrrStart(), m.movements(), m.mrrEnd(), m.subscriptions()));
            }
        }
        out.sort((a, b) -> a.key().matches("\\d+") && b.key().matches("\\d+")
                ? Long.compare(Long.parseLong(a.key()), Long.parseLong(b.key())) : a.key().compareTo(b.key()));
        return out;
    }

    /** Whether a group has nothing in or before the range that is left. */
    private static boolean nothing(MrrPeriod m) {
        MrrMovements x = m.movements();
        return m.mrrStart().signum() == 0 && m.mrrEnd().signum() == 0 && m.subscriptions() == 0 && java.util.stream.Stream.of(
                x.newBusiness(), x.expansion(), x.contraction(), x.churnVoluntary(), x.churnDelinquent(), x.reactivation(),
                x.currencyTransfer(), x.planTransfer(), x.revaluation()).allMatch(v -> v.signum() == 0);
    }

    /** The condition on the subscription {@code s} a segment puts on the ledger, and its parameters. */
    private record Where(String sql, List<Object> params, Map<Long, Map<Long, BigDecimal>> weights) {
    }

    /**
     * @param weighed whether product weights are needed (a product filter or a breakdown by product); they are computed
     *                for every subscription with an entry up to the range's end
     */
    private Where where(Tx tx, Checked q, Segments places, boolean weighed) throws SQLException {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        Segment s = q.segment();
        if (s.salesRepId().isPresent()) {
            sql.append(" AND s.SalesRep_ID = ?");
            params.add(s.salesRepId().get());
        }
        if (s.country().isPresent() || s.region().isPresent()) {
            sql.append(" AND s.C_BPartner_ID = ANY (?)");
            params.add(Refresher.array(tx.connection(), new ArrayList<>(places.customersIn(s, host.tenant()))));
        }
        Map<Long, Map<Long, BigDecimal>> weights = Map.of();
        if (weighed || s.productId().isPresent()) {
            List<Long> ids = Refresher.longs(tx.connection(), "SELECT DISTINCT SUB_Subscription_ID FROM SUB_ChangeLog WHERE AD_Client_ID = ?"
                    + " AND DateTrx <= ?", host.tenant().clientId(), q.to());
            weights = ProductWeights.of(tx.connection(), host.tenant(), ids, q.to(), keys -> catalog.prices(tx, keys),
                    currencies.resolver(tx));
        }
        if (s.productId().isPresent()) {
            long product = s.productId().get();
            List<Long> with = new ArrayList<>();
            weights.forEach((id, w) -> {
                if (w.containsKey(product)) {
                    with.add(id);
                }
            });
            sql.append(" AND s.SUB_Subscription_ID = ANY (?)");
            params.add(Refresher.array(tx.connection(), with));
        }
        return new Where(sql.toString(), params, weights);
    }

    /**
     * The segment's figures read from the ledger, in one group "" ({@code by} null) or grouped by a dimension; a product
     * filter takes the product's share of each subscription.
     */
    private Map<String, LedgerFigures.Group> segmentGroups(Tx tx, Checked q, List<Periods.Period> periods, Breakdown.Dimension by,
            boolean withLogos, Segments places, Where w) throws SQLException {
        long product = q.segment().productId().orElse(0L);
        Function<LedgerFigures.Sub, String> key = by == null ? sub -> "" : switch (by) {
            case PLAN, CURRENCY, PRODUCT -> sub -> "";
            case SALES_REP -> sub -> sub.salesRepId() == 0 ? "" : String.valueOf(sub.salesRepId());
            case COUNTRY -> sub -> places.country(sub.customerId());
            case REGION -> sub -> places.region(sub.customerId());
        };
        Function<LedgerFigures.Sub, List<LedgerFigures.Part>> parts = sub -> {
            if (by != Breakdown.Dimension.PRODUCT) {
                return List.of(new LedgerFigures.Part(key.apply(sub), product));
            }
            Map<Long, BigDecimal> weights = w.weights().get(sub.id());
            if (weights == null) {
                return List.of(new LedgerFigures.Part("", 0));
            }
            return weights.keySet().stream().filter(p -> product == 0 || p == product)
                    .map(p -> new LedgerFigures.Part(String.valueOf(p), p)).toList();
        };
        java.util.function.BiFunction<Long, Long, String> factGroup = by == Breakdown.Dimension.PLAN ? (cur, plan) -> String.valueOf(plan)
                : by == Breakdown.Dimension.CURRENCY ? (cur, plan) -> String.valueOf(cur) : null;
        java.util.function.LongFunction<Currency> currency = currencies.resolver(tx);
        return new LedgerFigures(tx.connection(), host.tenant(), id -> currency.apply(id).getDefaultFractionDigits())
                .read(new LedgerFigures.Scope(q.from(), q.to(), periods, q.plan(), q.currency()), w.sql(), w.params(), parts, w.weights(),
                        factGroup, withLogos);
    }

    /** Net and one-time revenue of the segment, a product's share of each subscription's for a product filter. */
    private List<LedgerReads.Revenue> segmentRevenue(Tx tx, Checked q, Where w) throws SQLException {
        java.util.function.LongFunction<Currency> currency = currencies.resolver(tx);
        List<LedgerReads.Revenue> out = new ArrayList<>();
        for (LedgerReads.SubscriptionRevenue r : new LedgerReads(tx.connection(), host.tenant()).revenueOf(q.from(), q.to(),
                q.granularity(), q.plan(), q.currency(), w.sql(), w.params())) {
            LedgerReads.Revenue v = r.revenue();
            Map<Long, BigDecimal> weights = w.weights().get(r.subscriptionId());
            out.add(q.segment().productId().isEmpty() || weights == null ? v : new LedgerReads.Revenue(v.day(),
                    v.currencyId(), v.kind(), Attribution.split(v.amount(), currency.apply(v.currencyId()).getDefaultFractionDigits(),
                            weights).get(q.segment().productId().get())));
        }
        return out;
    }

    /** Refuses a segment where a figure cannot follow it, naming its first filter. */
    private static void refuse(Segment s, String why) {
        s.productId().ifPresent(v -> {
            throw SubscriptionException.invalid("productId", v, why);
        });
        s.country().ifPresent(v -> {
            throw SubscriptionException.invalid("country", v, why);
        });
        s.region().ifPresent(v -> {
            throw SubscriptionException.invalid("region", v, why);
        });
        s.salesRepId().ifPresent(v -> {
            throw SubscriptionException.invalid("salesRepId", v, why);
        });
    }

    @Override
    public ChurnAnalysis churn(AnalyticsQuery query) {
        return read(query, q -> {
            q.segment().productId().ifPresent(v -> {
                throw SubscriptionException.invalid("productId", v, "churn is of whole subscriptions, not of a product's share");
            });
            return null;
        }, (tx, q, conv) -> {
            Where w = where(tx, q, new Segments(tx, customers), false);
            List<Object> params = new ArrayList<>(planParams(q));
            params.addAll(w.params());
            List<LedgerReads.Moved> churned = new LedgerReads(tx.connection(), host.tenant()).entries(q.from(), q.to(),
                    List.of(ChangeType.CHURN.code()), Optional.empty(), q.currency(), planWhere(q) + w.sql(), params, Integer.MAX_VALUE, 0);
            Map<String, Churned> reason = new TreeMap<>();
            Map<String, Churned> plan = new TreeMap<>();
            Map<String, Churned> age = new java.util.LinkedHashMap<>();
            for (String a : AGES) {
                age.put(a, new Churned(a));
            }
            for (LedgerReads.Moved m : churned) {
                BigDecimal amount = conv.convert(m.currencyId(), m.movement(), q.to());
                reason.computeIfAbsent(m.closeReasonId() == 0 ? "" : String.valueOf(m.closeReasonId()),
                        k -> new Churned(m.closeReasonId() == 0 ? "" : m.closeReasonName())).add(amount, m.delinquent());
                plan.computeIfAbsent(String.valueOf(m.plan()), k -> new Churned(templateName(tx, m.plan()))).add(amount, m.delinquent());
                age.get(age(m.startDate(), m.day())).add(amount, m.delinquent());
            }
            return new ChurnAnalysis(q.reporting().isoCode(), groups(reason, conv), groups(plan, conv), groups(age, conv));
        });
    }

    private static String planWhere(Checked q) {
        return q.plan().isPresent() ? " AND m.Plan = ?" : "";
    }

    private static List<Object> planParams(Checked q) {
        return q.plan().isPresent() ? List.of(q.plan().get()) : List.of();
    }

    private String templateName(Tx tx, long id) {
        try {
            return templates.find(tx.connection(), host.tenant(), id, false).map(t -> t.name()).orElse(String.valueOf(id));
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure("Reading plan " + id + " failed", e);
        }
    }

    /** @return the age bucket of a subscription started on {@code start} at {@code day} */
    static String age(LocalDate start, LocalDate day) {
        long months = Period.between(start, day).toTotalMonths();
        for (int i = 0; i < AGES.length; i++) {
            if (months < AGE_MONTHS[i + 1]) {
                return AGES[i];
            }
        }
        return AGES[AGES.length - 1];
    }

    /** Churn of one group: voluntary and delinquent amounts and the churned subscriptions. */
    private static final class Churned {
        final String label;
        BigDecimal voluntary = BigDecimal.ZERO;
        BigDecimal delinquent = BigDecimal.ZERO;
        long count;

        Churned(String label) {
            this.label = label;
        }

        void add(BigDecimal amount, boolean isDelinquent) {
            if (isDelinquent) {
                delinquent = delinquent.add(amount);
            } else {
                voluntary = voluntary.add(amount);
            }
            count++;
        }
    }

    private static List<AnalyticsGroup> groups(Map<String, Churned> map, Converter conv) {
        List<AnalyticsGroup> out = new ArrayList<>();
        BigDecimal z = conv.zero();
        map.forEach((k, c) -> out.add(new AnalyticsGroup(k, c.label, z,
                new MrrMovements(z, z, z, c.voluntary.setScale(conv.scale()), c.delinquent.setScale(conv.scale()), z, z, z, z), z, c.count)));
        return out;
    }

    @Override
    public List<LedgerLine> entries(DrillDown d) {
        if (d == null) {
            throw SubscriptionException.required("drillDown");
        }
        page(d.limit(), d.offset());
        int bucket = d.age().map(a -> java.util.Arrays.asList(AGES).indexOf(a)).orElse(-1);
        if (d.age().isPresent() && bucket < 0) {
            throw SubscriptionException.invalid("age", d.age().get(), "must be one of " + String.join(", ", AGES));
        }
        if (d.types().contains(ChangeType.PLAN_TRANSFER) && d.types().size() > 1) { // a line's movement is the transfer or not
            throw SubscriptionException.invalid("type", d.types().stream().map(ChangeType::name).sorted().collect(
                    java.util.stream.Collectors.joining(",")), "PLAN_TRANSFER cannot be combined with other types");
        }
        if (d.closeReasonId().filter(r -> r != 0).isPresent() // 0 is "no reason given"; another tenant's reason is unknown
                && !host.inTransaction(tx -> closeReasons.exists(tx.connection(), host.tenant(), d.closeReasonId().get()))) {
            throw SubscriptionException.unknown("closeReasonId", d.closeReasonId().get());
        }
        return read(d.query(), AnalyticsServiceImpl::none, (tx, q, conv) -> {
            StringBuilder where = new StringBuilder();
            List<Object> params = new ArrayList<>();
            d.delinquent().ifPresent(v -> {
                where.append(" AND m.IsDelinquent = ?");
                params.add(v ? "Y" : "N");
            });
            d.closeReasonId().ifPresent(r -> {
                where.append(" AND COALESCE(m.SUB_CloseReason_ID, 0) = ?");
                params.add(r);
            });
            if (bucket >= 0) {
                where.append(" AND (EXTRACT(YEAR FROM age(m.DateTrx, s.StartDate)) * 12 + EXTRACT(MONTH FROM age(m.DateTrx, s.StartDate)))"
                        + " >= ? AND (EXTRACT(YEAR FROM age(m.DateTrx, s.StartDate)) * 12 + EXTRACT(MONTH FROM age(m.DateTrx, s.StartDate))) < ?");
                params.add(AGE_MONTHS[bucket]);
                params.add(Math.min(AGE_MONTHS[bucket + 1], 100_000));
            }
            Where w = where(tx, q, new Segments(tx, customers), false);
            where.append(w.sql());
            params.addAll(w.params());
            Map<Long, String> iso = new HashMap<>();
            List<LedgerLine> out = new ArrayList<>();
            List<String> types = d.types().stream().map(ChangeType::code).sorted().toList();
            boolean transfer = d.types().contains(ChangeType.PLAN_TRANSFER);
            Optional<Long> product = q.segment().productId(); // each line's product share: all lines read, then one page
            List<LedgerReads.Moved> moved = new LedgerReads(tx.connection(), host.tenant()).entries(q.from(), q.to(), types, q.plan(),
                    q.currency(), where.toString(), params, product.isPresent() ? Integer.MAX_VALUE : d.limit(),
                    product.isPresent() ? 0 : d.offset());
            java.util.function.LongFunction<Currency> currency = currencies.resolver(tx);
            Map<Long, BigDecimal> shares = product.isEmpty() ? Map.of() : EntryShares.of(moved, m -> m.movementOf(transfer, q.plan()),
                    transfer, w.weights(), product.get(), id -> currency.apply(id).getDefaultFractionDigits());
            if (product.isPresent()) {
                moved = moved.subList(Math.min(d.offset(), moved.size()), (int) Math.min(moved.size(), (long) d.offset() + d.limit()));
            }
            for (LedgerReads.Moved m : moved) {
                String code = iso.computeIfAbsent(m.currencyId(), id -> hostCurrencies.byId(tx, id).map(CurrencyRef::isoCode).orElse(""));
                String reason = m.closeReasonId() == 0 && m.closeComment() == null ? null
                        : String.join(": ", java.util.stream.Stream.of(m.closeReasonName(), m.closeComment())
                                .filter(x -> x != null && !x.isBlank()).toList());
                out.add(new LedgerLine(m.entryId(), m.subscriptionId(), m.documentNo(), m.customerId(), m.plan(), m.day(),
                        Refresher.type(m.type()), m.delinquent(), code, m.mrrPrev(), m.mrrAfter(),
                        product.isPresent() ? shares.get(m.entryId()) : m.movementOf(transfer, q.plan()),
                        m.closeReasonId() == 0 ? Optional.empty() : Optional.of(m.closeReasonId()),
                        Optional.ofNullable(reason).filter(x -> !x.isBlank()), Optional.ofNullable(m.description())));
            }
            return out;
        });
    }
}
