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
import org.idempiere.subscription.api.service.CohortTable;
import org.idempiere.subscription.api.service.DrillDown;
import org.idempiere.subscription.api.service.Granularity;
import org.idempiere.subscription.api.service.KpiPanel;
import org.idempiere.subscription.api.service.Kpis;
import org.idempiere.subscription.api.service.LedgerLine;
import org.idempiere.subscription.api.service.MrrMovements;
import org.idempiere.subscription.api.service.MrrPeriod;
import org.idempiere.subscription.api.service.MrrSeries;
import org.idempiere.subscription.api.service.MrrSnapshot;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.store.ChangeLogStore;
import org.idempiere.subscription.core.internal.store.TemplateStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Analytics (docs/analytics.md, decision 0034): series, KPIs, cohorts and breakdowns by plan and currency
 * from the refreshed figures; churn, drill-down and the other breakdowns from the ledger. Every read checks
 * its input first (nothing is written on bad input), then refreshes, then reads.
 */
@Component(service = AnalyticsService.class)
public final class AnalyticsServiceImpl implements AnalyticsService {
    /** The longest range a query may span. */
    static final int MAX_YEARS = 10;
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
            CurrencyRef reporting) {
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
        if (q.to().isBefore(q.from())) {
            throw SubscriptionException.invalid("to", q.to(), "is before from " + q.from());
        }
        if (q.to().isAfter(q.from().plusYears(MAX_YEARS))) {
            throw SubscriptionException.invalid("to", q.to(), "is more than " + MAX_YEARS + " years after from " + q.from());
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
        return new Checked(q.from(), q.to(), q.granularity(), plan, currency.map(CurrencyRef::id), reporting);
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
            List<FactReader.Sum> moves = r.moves(Fact.MOVEMENT, q.from(), q.to(), q.granularity(), q.plan(), q.currency(), false);
            List<FactReader.Sum> subs = r.moves(Fact.SUBSCRIPTIONS, q.from(), q.to(), q.granularity(), q.plan(), q.currency(), false);
            List<FactReader.Sum> logos = r.logos(q.from(), q.to(), q.granularity(), q.plan().orElse(0L), q.currency().orElse(0L));
            List<LedgerReads.Revenue> revenue = r.revenue(q.from(), q.to(), q.granularity(), q.plan(), q.currency());
            List<Periods.Period> periods = Periods.of(q.from(), q.to(), q.granularity());
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
        return read(query, q -> {
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
            return null;
        }, (tx, q, conv) -> {
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

    @Override
    public Breakdown breakdown(AnalyticsQuery query, Breakdown.Dimension by) {
        if (by == null) {
            throw SubscriptionException.required("by");
        }
        return read(query, AnalyticsServiceImpl::none, (tx, q, conv) -> {
            List<AnalyticsGroup> groups = switch (by) {
                case PLAN, CURRENCY -> fastGroups(tx, q, conv, by == Breakdown.Dimension.PLAN);
                case PRODUCT -> byProduct(tx, q, conv);
                case SALES_REP -> slowGroups(tx, q, conv, "s.SalesRep_ID", false, key -> key);
                case COUNTRY, REGION -> byCustomerAddress(tx, q, conv, by == Breakdown.Dimension.REGION);
            };
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
            MrrMovements x = m.movements();
            if (m.mrrStart().signum() == 0 && m.mrrEnd().signum() == 0 && m.subscriptions() == 0 && java.util.stream.Stream.of(
                    x.newBusiness(), x.expansion(), x.contraction(), x.churnVoluntary(), x.churnDelinquent(), x.reactivation(),
                    x.currencyTransfer(), x.revaluation()).allMatch(v -> v.signum() == 0)) {
                continue; // nothing in or before the range that is left
            }
            String label = byPlan ? templates.find(tx.connection(), host.tenant(), e.getKey(), false).map(t -> t.name())
                    .orElse(String.valueOf(e.getKey())) : hostCurrencies.byId(tx, e.getKey()).map(CurrencyRef::isoCode).orElse("");
            out.add(new AnalyticsGroup(byPlan ? String.valueOf(e.getKey()) : label, label, m.mrrStart(), m.movements(), m.mrrEnd(),
                    m.subscriptions()));
        }
        return out;
    }

    private List<AnalyticsGroup> slowGroups(Tx tx, Checked q, Converter conv, String keyExpr, boolean byLine,
            Function<String, String> label) throws SQLException {
        LedgerReads l = new LedgerReads(tx.connection(), host.tenant());
        return assemble(l.grouped(keyExpr, byLine, q.from(), q.to(), q.plan(), q.currency()),
                l.subscriptionsWithMrr(keyExpr, byLine, q.to(), q.plan(), q.currency()), q, conv, label);
    }

    /**
     * Each subscription's movements and starting MRR split over its products by {@link ProductWeights}, with
     * {@link Attribution} (largest remainder at the currency's scale), so the product rows add up to the total in each
     * currency; a subscription with no recurring line in force goes to the row with key "".
     */
    private List<AnalyticsGroup> byProduct(Tx tx, Checked q, Converter conv) throws SQLException {
        LedgerReads l = new LedgerReads(tx.connection(), host.tenant());
        List<LedgerReads.GroupSum> perSubscription = l.grouped("s.SUB_Subscription_ID", false, q.from(), q.to(), q.plan(), q.currency());
        java.util.Set<Long> ids = new java.util.HashSet<>();
        perSubscription.forEach(g -> ids.add(Long.parseLong(g.key())));
        java.util.function.LongFunction<Currency> currency = currencies.resolver(tx);
        Map<Long, Map<Long, BigDecimal>> weights = ProductWeights.of(tx.connection(), host.tenant(), ids, q.to(),
                keys -> catalog.prices(tx, keys), currency);
        Map<List<Object>, BigDecimal> sums = new java.util.LinkedHashMap<>();
        for (LedgerReads.GroupSum g : perSubscription) {
            Map<Long, BigDecimal> w = weights.get(Long.parseLong(g.key()));
            if (w == null) {
                sums.merge(List.of("", g.currencyId(), g.movementClass()), g.amount(), BigDecimal::add);
                continue;
            }
            Attribution.split(g.amount(), currency.apply(g.currencyId()).getDefaultFractionDigits(), w).forEach((product, part) ->
                    sums.merge(List.of(String.valueOf(product), g.currencyId(), g.movementClass()), part, BigDecimal::add));
        }
        List<LedgerReads.GroupSum> byProduct = new ArrayList<>(sums.size());
        sums.forEach((k, v) -> byProduct.add(new LedgerReads.GroupSum((String) k.get(0), (Long) k.get(1), (Integer) k.get(2), v)));
        return assemble(byProduct, l.subscriptionsWithMrr("sl.M_Product_ID", true, q.to(), q.plan(), q.currency()), q, conv,
                key -> key.isEmpty() ? "" : catalog.product(tx, Long.parseLong(key)).map(p -> p.name()).orElse(key));
    }

    private List<AnalyticsGroup> byCustomerAddress(Tx tx, Checked q, Converter conv, boolean region) throws SQLException {
        LedgerReads l = new LedgerReads(tx.connection(), host.tenant());
        Map<String, String> where = new HashMap<>();
        Function<String, String> place = customer -> where.computeIfAbsent(customer, id -> region
                ? customers.billingAddress(tx, Long.parseLong(id)).flatMap(a -> a.region().map(r -> a.countryCode() + " " + r)
                        .or(() -> Optional.of(a.countryCode()))).orElse("")
                : customers.find(tx, Long.parseLong(id)).map(c -> c.countryCode()).orElse(""));
        List<LedgerReads.GroupSum> sums = new ArrayList<>();
        for (LedgerReads.GroupSum s : l.grouped("s.C_BPartner_ID", false, q.from(), q.to(), q.plan(), q.currency())) {
            sums.add(new LedgerReads.GroupSum(place.apply(s.key()), s.currencyId(), s.movementClass(), s.amount()));
        }
        Map<String, Long> subs = new HashMap<>();
        l.subscriptionsWithMrr("s.C_BPartner_ID", false, q.to(), q.plan(), q.currency())
                .forEach((customer, n) -> subs.merge(place.apply(customer), n, Long::sum));
        return assemble(sums, subs, q, conv, key -> key);
    }

    private static List<AnalyticsGroup> assemble(List<LedgerReads.GroupSum> sums, Map<String, Long> subs, Checked q,
            Converter conv, Function<String, String> label) {
        Map<String, List<FactReader.Sum>> byKey = new TreeMap<>();
        String[] codes = {"NW", "EX", "CT", "CH", "CH", "RA", "CU"};
        for (LedgerReads.GroupSum s : sums) {
            byKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(new FactReader.Sum(s.movementClass() < 0 ? null : q.from(),
                    s.currencyId(), 0, s.movementClass() < 0 ? "NW" : codes[s.movementClass()], s.movementClass() == 4, s.amount(), 0));
        }
        List<Periods.Period> whole = List.of(new Periods.Period(q.from(), q.to()));
        List<AnalyticsGroup> out = new ArrayList<>();
        byKey.forEach((key, rows) -> {
            MrrPeriod m = Figures.series(whole, rows, List.of(), conv).get(0);
            out.add(new AnalyticsGroup(key, label.apply(key), m.mrrStart(), m.movements(), m.mrrEnd(), subs.getOrDefault(key, 0L)));
        });
        return out;
    }

    @Override
    public ChurnAnalysis churn(AnalyticsQuery query) {
        return read(query, AnalyticsServiceImpl::none, (tx, q, conv) -> {
            List<LedgerReads.Moved> churned = new LedgerReads(tx.connection(), host.tenant()).entries(q.from(), q.to(),
                    List.of(ChangeType.CHURN.code()), Optional.empty(), q.currency(), planWhere(q), planParams(q), Integer.MAX_VALUE, 0);
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
                new MrrMovements(z, z, z, c.voluntary.setScale(conv.scale()), c.delinquent.setScale(conv.scale()), z, z, z), z, c.count)));
        return out;
    }

    @Override
    public List<LedgerLine> entries(DrillDown d) {
        if (d == null) {
            throw SubscriptionException.required("drillDown");
        }
        if (d.limit() < 1 || d.limit() > MAX_LINES) {
            throw SubscriptionException.invalid("limit", d.limit(), "must be 1 to " + MAX_LINES);
        }
        if (d.offset() < 0) {
            throw SubscriptionException.invalid("offset", d.offset(), "must not be negative");
        }
        int bucket = d.age().map(a -> java.util.Arrays.asList(AGES).indexOf(a)).orElse(-1);
        if (d.age().isPresent() && bucket < 0) {
            throw SubscriptionException.invalid("age", d.age().get(), "must be one of " + String.join(", ", AGES));
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
            Map<Long, String> iso = new HashMap<>();
            List<LedgerLine> out = new ArrayList<>();
            List<String> types = d.types().stream().map(ChangeType::code).sorted().toList();
            for (LedgerReads.Moved m : new LedgerReads(tx.connection(), host.tenant()).entries(q.from(), q.to(), types, q.plan(),
                    q.currency(), where.toString(), params, d.limit(), d.offset())) {
                String code = iso.computeIfAbsent(m.currencyId(), id -> hostCurrencies.byId(tx, id).map(CurrencyRef::isoCode).orElse(""));
                String reason = m.closeReasonId() == 0 && m.closeComment() == null ? null
                        : String.join(": ", java.util.stream.Stream.of(m.closeReasonName(), m.closeComment())
                                .filter(x -> x != null && !x.isBlank()).toList());
                out.add(new LedgerLine(m.entryId(), m.subscriptionId(), m.documentNo(), m.customerId(), m.plan(), m.day(),
                        Refresher.type(m.type()), m.delinquent(), code, m.mrrPrev(), m.mrrAfter(), m.movement(),
                        m.closeReasonId() == 0 ? Optional.empty() : Optional.of(m.closeReasonId()),
                        Optional.ofNullable(reason).filter(x -> !x.isBlank()), Optional.ofNullable(m.description())));
            }
            return out;
        });
    }
}
