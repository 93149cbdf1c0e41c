package org.idempiere.subscription.core.internal.analytics.forecast;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.ForecastMove;
import org.idempiere.subscription.api.service.ForecastService;
import org.idempiere.subscription.api.service.KnownMoves;
import org.idempiere.subscription.api.service.MrrForecast;
import org.idempiere.subscription.api.service.Segment;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.analytics.SegmentFilter;
import org.idempiere.subscription.core.internal.lifecycle.Changes;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;
import org.idempiere.subscription.core.internal.store.TemplateStore;
import org.idempiere.subscription.core.internal.store.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reads what the forecast needs from the ledger and the subscriptions, prices pending changes as
 * the engine will apply them ({@link Changes#withPending}, nothing written), and leaves the
 * arithmetic to {@link ForecastModel}.
 */
@Component(service = ForecastService.class)
public final class ForecastServiceImpl implements ForecastService {
    /** Each subscription's last ledger entry on or before a day. */
    private static final String LAST_ENTRY = "SELECT DISTINCT ON (SUB_Subscription_ID) SUB_Subscription_ID, MRRAfter, C_Currency_ID"
            + " FROM SUB_ChangeLog WHERE AD_Client_ID = ? AND DateTrx <= ? ORDER BY SUB_Subscription_ID, DateTrx DESC, SUB_ChangeLog_ID DESC";

    private final HostContext host;
    private final Currencies hostCurrencies;
    private final CurrencyLookup currencies;
    private final Changes changes;
    private final Pricer pricer;
    private final SubscriptionStore store = new SubscriptionStore();
    private final Catalog catalog;
    private final Customers customers;

    @Activate
    public ForecastServiceImpl(@Reference HostContext host, @Reference Currencies currencies, @Reference Catalog catalog,
            @Reference Invoicing invoicing, @Reference Customers customers) {
        this.host = host;
        this.catalog = catalog;
        this.customers = customers;
        this.hostCurrencies = currencies;
        this.currencies = new CurrencyLookup(currencies);
        this.changes = new Changes(host, catalog, invoicing, this.currencies);
        this.pricer = new Pricer(catalog);
    }

    @Override
    public MrrForecast forecast(int months, Optional<String> currency, int trailing, Optional<Long> templateId,
            Optional<String> reportingCurrency, Segment segment) {
        if (months < 1 || months > MAX_MONTHS) {
            throw SubscriptionException.invalid("months", months, "must be 1 to " + MAX_MONTHS);
        }
        checkTrailing(trailing);
        return host.inTransaction(tx -> {
            Inputs in = inputs(tx, months, currency, trailing, templateId, reportingCurrency, segment);
            return ForecastModel.forecast(in.today(), in.target().isoCode(), in.scale(), months, in.known(), in.events(),
                    ForecastModel.rates(in.window(), in.scale()));
        });
    }

    @Override
    public KnownMoves knownMoves(YearMonth month, Optional<String> currency, int trailing, Optional<Long> templateId,
            Optional<String> reportingCurrency, Segment segment, int limit, int offset) {
        if (month == null) {
            throw SubscriptionException.required("month");
        }
        checkTrailing(trailing);
        if (limit < 1 || limit > MAX_MOVES) {
            throw SubscriptionException.invalid("limit", limit, "must be 1 to " + MAX_MOVES);
        }
        if (offset < 0) {
            throw SubscriptionException.invalid("offset", offset, "must not be negative");
        }
        return host.inTransaction(tx -> {
            YearMonth current = YearMonth.from(host.today());
            if (month.isBefore(current) || month.isAfter(current.plusMonths(MAX_MONTHS))) {
                throw SubscriptionException.invalid("month", month, "must be a month from " + current + " to " + current.plusMonths(MAX_MONTHS));
            }
            int months = Math.max(1, (int) current.until(month, java.time.temporal.ChronoUnit.MONTHS));
            Inputs in = inputs(tx, months, currency, trailing, templateId, reportingCurrency, segment);
            List<ForecastModel.Move> all = ForecastModel.moves(in.today(), in.known(), in.events()).stream()
                    .filter(m -> YearMonth.from(m.event().date()).equals(month)).toList();
            List<ForecastModel.Move> page = offset >= all.size() ? List.of()
                    : all.subList(offset, (int) Math.min(all.size(), (long) offset + limit));
            Map<Long, String> documentNos = documentNos(tx.connection(), host.tenant(),
                    page.stream().map(m -> m.event().subscriptionId()).distinct().toList());
            List<ForecastMove> out = new ArrayList<>();
            for (ForecastModel.Move m : page) {
                ForecastModel.Event e = m.event();
                out.add(new ForecastMove(e.date(), e.part().name(), e.subscriptionId(), documentNos.getOrDefault(e.subscriptionId(), ""),
                        e.customerId(), atScale(m.mrrBefore(), in.scale()), atScale(e.mrrAfter(), in.scale()),
                        atScale(m.effect(), in.scale())));
            }
            return new KnownMoves(in.today(), month, in.target().isoCode(), current.minusMonths(trailing).atDay(1),
                    current.atDay(1).minusDays(1), out);
        });
    }

    /** An amount with at least the currency's decimals: zeros added, nothing rounded (the moves add up as they are). */
    private static BigDecimal atScale(BigDecimal v, int scale) {
        return v.scale() < scale ? v.setScale(scale) : v;
    }

    private static void checkTrailing(int trailing) {
        if (trailing < 1 || trailing > MAX_TRAILING) {
            throw SubscriptionException.invalid("trailing", trailing, "must be 1 to " + MAX_TRAILING);
        }
    }

    /** What the forecast is computed from, in the target currency: today's MRR, the moves ahead, the trailing months. */
    private record Inputs(LocalDate today, CurrencyRef target, int scale, List<ForecastModel.Known> known,
            List<ForecastModel.Event> events, List<ForecastModel.Trailing> window) {
    }

    /** Reads the forecast's inputs for {@code months} months after the current one (checks plan and currencies). */
    private Inputs inputs(Tx tx, int months, Optional<String> currency, int trailing, Optional<Long> templateId,
            Optional<String> reportingCurrency, Segment segment) throws SQLException {
        if (templateId.isPresent() && new TemplateStore().find(tx.connection(), host.tenant(), templateId.get(), false).isEmpty()) {
            throw SubscriptionException.unknown("templateId", templateId.get());
        }
        Optional<CurrencyRef> only = currency.map(code -> currencies.byIsoCode(tx, "currency", code));
        Optional<CurrencyRef> reporting = reportingCurrency.map(code -> currencies.byIsoCode(tx, "reportingCurrency", code));
        SegmentFilter filter = SegmentFilter.of(tx, host.tenant(), customers, catalog, segment);
        // a plan id and the segment's ids are numbers: written into the statements as such, they cannot change them
        String plan = templateId.map(id -> " AND s.SUB_Template_ID = " + id.longValue()).orElse("") + filter.sql();
        Shares share = Shares.WHOLE;
        if (filter.product().isPresent()) {
            Shares.Of of = productShares(tx, filter.product().get(), plan);
            plan += of.condition();
            share = of.shares();
        }
        CurrencyRef target = reporting.or(() -> only).orElseGet(() -> hostCurrencies.tenantCurrency(tx));
        int scale = Math.max(0, Currency.getInstance(target.isoCode()).getDefaultFractionDigits());
        LocalDate today = host.today();
        LocalDate horizon = YearMonth.from(today).plusMonths(months).atEndOfMonth();
        Connection c = tx.connection();
        Tenant t = host.tenant();
        List<Long> sources = reporting.isEmpty() || only.isPresent() ? List.of(only.orElse(target).id())
                : ledgerCurrencies(c, t);
        Map<YearMonth, List<ForecastModel.Trailing>> byMonth = new java.util.TreeMap<>();
        List<ForecastModel.Known> known = new ArrayList<>();
        List<ForecastModel.Event> events = new ArrayList<>();
        for (long source : sources) {
            ToMonthEnd conv = toMonthEnd(tx, source, target, scale);
            for (int i = trailing; i >= 1; i--) {
                YearMonth m = YearMonth.from(today).minusMonths(i);
                byMonth.computeIfAbsent(m, k -> new ArrayList<>()).add(convert(trailingMonth(c, t, m, source, plan, share), conv));
            }
            Shares sh = share;
            known(c, t, today, source, plan).forEach(k -> known.add(new ForecastModel.Known(k.subscriptionId(), k.customerId(),
                    conv.at(sh.of(k.subscriptionId(), source, k.mrr()), today))));
            List<ForecastModel.Event> own = new ArrayList<>(futureEntries(c, t, today, horizon, source, plan));
            own.addAll(pendingChanges(tx, today, horizon, source, currencies.resolver(tx).apply(source), plan));
            own.addAll(ends(c, t, today, horizon, source, plan));
            own.forEach(e -> events.add(new ForecastModel.Event(e.subscriptionId(), e.customerId(), e.date(),
                    conv.at(sh.of(e.subscriptionId(), source, e.mrrAfter()), e.date()), e.part())));
        }
        List<ForecastModel.Trailing> window = new ArrayList<>();
        byMonth.values().forEach(parts -> window.add(sum(parts)));
        return new Inputs(today, target, scale, known, events, window);
    }

    /** The subscriptions' document numbers. */
    private static Map<Long, String> documentNos(Connection c, Tenant t, List<Long> subscriptions) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        if (subscriptions.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = Sql.prepare(c, "SELECT SUB_Subscription_ID, DocumentNo FROM SUB_Subscription WHERE AD_Client_ID = ?"
                + " AND SUB_Subscription_ID = ANY(?)", t.clientId(), c.createArrayOf("numeric",
                        subscriptions.stream().map(BigDecimal::valueOf).toArray())); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    /** An amount in a source currency at the rate of the last day of a day's month, in the target currency. */
    @FunctionalInterface
    private interface ToMonthEnd {
        BigDecimal at(BigDecimal amount, LocalDate day);
    }

    /**
     * Converts into {@code target} with the host's rate on the last day of the amount's month, half up at
     * {@code scale}; the identity when the source is the target.
     */
    private ToMonthEnd toMonthEnd(Tx tx, long source, CurrencyRef target, int scale) {
        if (source == target.id()) {
            return (amount, day) -> amount;
        }
        Map<YearMonth, BigDecimal> rates = new HashMap<>();
        return (amount, day) -> {
            if (amount.signum() == 0) {
                return BigDecimal.ZERO.setScale(scale);
            }
            BigDecimal rate = rates.computeIfAbsent(YearMonth.from(day), m -> hostCurrencies.rate(tx, source, target.id(), m.atEndOfMonth())
                    .orElseThrow(() -> SubscriptionException.invalidState("reportingCurrency", target.isoCode(), "has no conversion rate from "
                            + hostCurrencies.byId(tx, source).map(CurrencyRef::isoCode).orElse("#" + source) + " on " + m.atEndOfMonth()
                            + " in the host")));
            return amount.multiply(rate).setScale(scale, java.math.RoundingMode.HALF_UP);
        };
    }

    private static ForecastModel.Trailing convert(ForecastModel.Trailing m, ToMonthEnd conv) {
        LocalDate end = m.month().atEndOfMonth();
        return new ForecastModel.Trailing(m.month(), conv.at(m.mrrStart(), end), conv.at(m.newMrr(), end), conv.at(m.expansion(), end),
                conv.at(m.contraction(), end), conv.at(m.churn(), end), m.customersStart(), m.newCustomers(), m.lostCustomers());
    }

    /** One trailing month of several currencies, added (customers of several currencies count once in each). */
    private static ForecastModel.Trailing sum(List<ForecastModel.Trailing> parts) {
        ForecastModel.Trailing s = parts.get(0);
        for (ForecastModel.Trailing p : parts.subList(1, parts.size())) {
            s = new ForecastModel.Trailing(s.month(), s.mrrStart().add(p.mrrStart()), s.newMrr().add(p.newMrr()),
                    s.expansion().add(p.expansion()), s.contraction().add(p.contraction()), s.churn().add(p.churn()),
                    s.customersStart() + p.customersStart(), s.newCustomers() + p.newCustomers(), s.lostCustomers() + p.lostCustomers());
        }
        return s;
    }

    /** The currencies the tenant's ledger has entries in. */
    private static List<Long> ledgerCurrencies(Connection c, Tenant t) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT DISTINCT C_Currency_ID FROM SUB_ChangeLog WHERE AD_Client_ID = ? ORDER BY 1",
                t.clientId()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** Subscriptions with an entry on or before today in the currency, with their customer and MRR. */
    private static List<ForecastModel.Known> known(Connection c, Tenant t, LocalDate today, long currencyId, String plan)
            throws SQLException {
        List<ForecastModel.Known> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT l.SUB_Subscription_ID, s.C_BPartner_ID, l.MRRAfter FROM (" + LAST_ENTRY
                + ") l JOIN SUB_Subscription s ON s.SUB_Subscription_ID = l.SUB_Subscription_ID WHERE l.C_Currency_ID = ?" + plan,
                t.clientId(), today, currencyId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ForecastModel.Known(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3)));
            }
        }
        return out;
    }

    /** Ledger entries dated after today up to the horizon (subscriptions that start later, moves recorded ahead). */
    private static List<ForecastModel.Event> futureEntries(Connection c, Tenant t, LocalDate today, LocalDate horizon, long currencyId,
            String plan) throws SQLException {
        List<ForecastModel.Event> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT l.SUB_Subscription_ID, s.C_BPartner_ID, l.DateTrx, l.MRRAfter"
                + " FROM SUB_ChangeLog l JOIN SUB_Subscription s ON s.SUB_Subscription_ID = l.SUB_Subscription_ID"
                + " WHERE l.AD_Client_ID = ? AND l.DateTrx > ? AND l.DateTrx <= ? AND l.C_Currency_ID = ?" + plan
                + " ORDER BY l.DateTrx, l.SUB_ChangeLog_ID", t.clientId(), today, horizon, currencyId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ForecastModel.Event(rs.getLong(1), rs.getLong(2), Sql.date(rs, "DateTrx"), rs.getBigDecimal(4),
                        ForecastModel.Part.START));
            }
        }
        return out;
    }

    /** Active subscriptions whose service ends before the horizon: notice given, or a fixed term that does not renew. */
    private static List<ForecastModel.Event> ends(Connection c, Tenant t, LocalDate today, LocalDate horizon, long currencyId,
            String plan) throws SQLException {
        List<ForecastModel.Event> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT SUB_Subscription_ID, C_BPartner_ID, CASE WHEN DateEnds IS NOT NULL"
                + " THEN DateEnds ELSE TermEndDate END AS LastDay FROM SUB_Subscription s WHERE AD_Client_ID = ? AND C_Currency_ID = ?" + plan
                + " AND SubscriptionStatus = 'AC' AND ((DateEnds IS NOT NULL AND DateEnds >= ? AND DateEnds < ?) OR (DateEnds IS NULL"
                + " AND TermPeriods > 0 AND IsAutoRenew = 'N' AND TermEndDate >= ? AND TermEndDate < ?))",
                t.clientId(), currencyId, today, horizon, today, horizon); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ForecastModel.Event(rs.getLong(1), rs.getLong(2), Sql.date(rs, "LastDay").plusDays(1),
                        BigDecimal.ZERO, ForecastModel.Part.END));
            }
        }
        return out;
    }

    /**
     * Pending changes dated after today up to the horizon, each as the MRR of the subscription on
     * its day with the pending changes up to that day applied (as the engine will apply them).
     */
    private List<ForecastModel.Event> pendingChanges(Tx tx, LocalDate today, LocalDate horizon, long currencyId, Currency currency,
            String plan) throws SQLException {
        Map<Long, List<LocalDate>> days = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(tx.connection(), "SELECT c.SUB_Subscription_ID, c.ValidFrom FROM SUB_Change c"
                + " JOIN SUB_Subscription s ON s.SUB_Subscription_ID = c.SUB_Subscription_ID WHERE c.AD_Client_ID = ?"
                + " AND c.ChangeStatus = 'P' AND c.ValidFrom > ? AND c.ValidFrom <= ? AND s.C_Currency_ID = ?"
                + " AND s.SubscriptionStatus = 'AC'" + plan + " ORDER BY c.SUB_Subscription_ID, c.ValidFrom",
                host.tenant().clientId(), today, horizon, currencyId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                days.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(Sql.date(rs, "ValidFrom"));
            }
        }
        List<ForecastModel.Event> out = new ArrayList<>();
        for (Map.Entry<Long, List<LocalDate>> e : days.entrySet()) {
            Optional<SubscriptionRecord> s = store.find(tx.connection(), host.tenant(), e.getKey(), SubscriptionStore.Lock.NONE,
                    currencies.resolver(tx));
            if (s.isEmpty()) {
                continue;
            }
            Set<LocalDate> seen = new HashSet<>();
            LocalDate lastDay = s.get().dateEnds() != null ? s.get().dateEnds()
                    : s.get().plan().term().filter(term -> !term.autoRenew()).map(term -> s.get().termEndDate()).orElse(null);
            for (LocalDate day : e.getValue()) {
                if (lastDay != null && day.isAfter(lastDay)) {
                    continue; // the engine cancels a change dated after the service ends
                }
                if (seen.add(day)) {
                    SubscriptionRecord after = changes.withPending(tx, s.get(), day);
                    Money mrr = after.plan().recurrence().toMonthly(Pricer.total(pricer.price(tx, after.priceListId(), currency, day,
                            SubscriptionRecord.recurring(after.linesForPricingAt(day)), "lines"), currency));
                    // as the ledger will count it: a negative MRR is 0.00 (decision 0054)
                    out.add(new ForecastModel.Event(s.get().id(), s.get().customerId(), day,
                            org.idempiere.subscription.core.internal.plan.Ledger.counted(mrr).amount(), ForecastModel.Part.CHANGE));
                }
            }
        }
        return out;
    }

    /** One trailing month from the ledger: movements by type and customers at both ends. */
    private static ForecastModel.Trailing trailingMonth(Connection c, Tenant t, YearMonth month, long currencyId, String plan,
            Shares share) throws SQLException {
        Map<Long, BigDecimal> start = byCustomer(c, t, month.atDay(1).minusDays(1), currencyId, plan, share);
        Map<Long, BigDecimal> end = byCustomer(c, t, month.atEndOfMonth(), currencyId, plan, share);
        Map<String, BigDecimal> moves = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT l.ChangeType, l.SUB_Subscription_ID, SUM(l.MRRAfter - l.MRRBefore)"
                + " FROM SUB_ChangeLog l JOIN SUB_Subscription s ON s.SUB_Subscription_ID = l.SUB_Subscription_ID WHERE l.AD_Client_ID = ?"
                + " AND l.C_Currency_ID = ? AND l.DateTrx >= ? AND l.DateTrx <= ?" + plan + " GROUP BY l.ChangeType, l.SUB_Subscription_ID",
                t.clientId(), currencyId, month.atDay(1), month.atEndOfMonth()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) { // a product's share of each subscription's movements of a type
                moves.merge(rs.getString(1), share.of(rs.getLong(2), currencyId, rs.getBigDecimal(3)), BigDecimal::add);
            }
        }
        BigDecimal mrrStart = start.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        int customersStart = (int) start.values().stream().filter(m -> m.signum() > 0).count();
        int gained = 0;
        int lost = 0;
        Set<Long> all = new HashSet<>(start.keySet());
        all.addAll(end.keySet());
        for (Long customer : all) {
            boolean before = start.getOrDefault(customer, BigDecimal.ZERO).signum() > 0;
            boolean after = end.getOrDefault(customer, BigDecimal.ZERO).signum() > 0;
            gained += !before && after ? 1 : 0;
            lost += before && !after ? 1 : 0;
        }
        return new ForecastModel.Trailing(month, mrrStart, get(moves, "NW").add(get(moves, "RA")), get(moves, "EX"),
                get(moves, "CT").negate(), get(moves, "CH").negate(), customersStart, gained, lost);
    }

    private static BigDecimal get(Map<String, BigDecimal> moves, String type) {
        return moves.getOrDefault(type, BigDecimal.ZERO);
    }

    /** MRR per customer in the currency at the end of a day. */
    private static Map<Long, BigDecimal> byCustomer(Connection c, Tenant t, LocalDate day, long currencyId, String plan, Shares share)
            throws SQLException {
        Map<Long, BigDecimal> out = new HashMap<>();
        if (share != Shares.WHOLE) { // a product's share of each subscription's MRR
            try (PreparedStatement ps = Sql.prepare(c, "SELECT s.C_BPartner_ID, l.SUB_Subscription_ID, l.MRRAfter FROM (" + LAST_ENTRY
                    + ") l JOIN SUB_Subscription s ON s.SUB_Subscription_ID = l.SUB_Subscription_ID WHERE l.C_Currency_ID = ?" + plan,
                    t.clientId(), day, currencyId); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.merge(rs.getLong(1), share.of(rs.getLong(2), currencyId, rs.getBigDecimal(3)), BigDecimal::add);
                }
            }
            return out;
        }
        try (PreparedStatement ps = Sql.prepare(c, "SELECT s.C_BPartner_ID, SUM(l.MRRAfter) FROM (" + LAST_ENTRY + ") l"
                + " JOIN SUB_Subscription s ON s.SUB_Subscription_ID = l.SUB_Subscription_ID WHERE l.C_Currency_ID = ?" + plan
                + " GROUP BY s.C_BPartner_ID", t.clientId(), day, currencyId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getBigDecimal(2));
            }
        }
        return out;
    }

    /** A subscription's amount as the forecast counts it: whole, or a product's share. */
    @FunctionalInterface
    private interface Shares {
        /** Every amount whole. */
        Shares WHOLE = (subscriptionId, currencyId, amount) -> amount;

        BigDecimal of(long subscriptionId, long currencyId, BigDecimal amount);

        /** The subscriptions a product filter keeps (a condition on {@code s}) and their shares. */
        record Of(String condition, Shares shares) {
        }
    }

    /**
     * A product filter (decision 0058's meaning): the subscriptions with a recurring line of the product, each amount
     * (MRR, a move's MRR after it, a trailing month's movements) its share by the subscription's product weights priced
     * today (decision 0049), largest remainder at the amount's currency's scale.
     */
    private Shares.Of productShares(Tx tx, long product, String plan) throws SQLException {
        Tenant t = host.tenant();
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(tx.connection(), "SELECT s.SUB_Subscription_ID FROM SUB_Subscription s"
                + " WHERE s.AD_Client_ID = ?" + plan, t.clientId()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        java.util.function.LongFunction<Currency> currency = currencies.resolver(tx);
        Map<Long, Map<Long, BigDecimal>> weights = SegmentFilter.weights(tx, t, catalog, ids, host.today(), currency);
        List<String> with = new ArrayList<>();
        weights.forEach((id, w) -> {
            if (w.containsKey(product)) {
                with.add(String.valueOf(id.longValue()));
            }
        });
        return new Shares.Of(" AND s.SUB_Subscription_ID = ANY ('{" + String.join(",", with) + "}'::numeric[])",
                (id, currencyId, amount) -> {
                    Map<Long, BigDecimal> w = weights.get(id);
                    int scale = Math.max(0, currency.apply(currencyId).getDefaultFractionDigits());
                    return w == null ? BigDecimal.ZERO.setScale(scale) : SegmentFilter.share(amount, scale, w, product);
                });
    }
}
