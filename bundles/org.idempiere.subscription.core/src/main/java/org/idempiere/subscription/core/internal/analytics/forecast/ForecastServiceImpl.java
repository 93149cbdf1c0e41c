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
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.ForecastService;
import org.idempiere.subscription.api.service.MrrForecast;
import org.idempiere.subscription.core.internal.CurrencyLookup;
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

    @Activate
    public ForecastServiceImpl(@Reference HostContext host, @Reference Currencies currencies, @Reference Catalog catalog,
            @Reference Invoicing invoicing) {
        this.host = host;
        this.hostCurrencies = currencies;
        this.currencies = new CurrencyLookup(currencies);
        this.changes = new Changes(host, catalog, invoicing, this.currencies);
        this.pricer = new Pricer(catalog);
    }

    @Override
    public MrrForecast forecast(int months, Optional<String> currency, int trailing, Optional<Long> templateId) {
        if (months < 1 || months > MAX_MONTHS) {
            throw SubscriptionException.invalid("months", months, "must be 1 to " + MAX_MONTHS);
        }
        if (trailing < 1 || trailing > MAX_TRAILING) {
            throw SubscriptionException.invalid("trailing", trailing, "must be 1 to " + MAX_TRAILING);
        }
        return host.inTransaction(tx -> {
            if (templateId.isPresent() && new TemplateStore().find(tx.connection(), host.tenant(), templateId.get(), false).isEmpty()) {
                throw SubscriptionException.unknown("templateId", templateId.get());
            }
            // a plan id is a number: written into the statements as one, it cannot change them
            String plan = templateId.map(id -> " AND s.SUB_Template_ID = " + id.longValue()).orElse("");
            CurrencyRef ref = currency.isPresent() ? currencies.byIsoCode(tx, "currency", currency.get())
                    : hostCurrencies.tenantCurrency(tx);
            Currency iso = Currency.getInstance(ref.isoCode());
            LocalDate today = host.today();
            LocalDate horizon = YearMonth.from(today).plusMonths(months).atEndOfMonth();
            Connection c = tx.connection();
            Tenant t = host.tenant();
            List<ForecastModel.Trailing> window = new ArrayList<>();
            for (int i = trailing; i >= 1; i--) {
                window.add(trailingMonth(c, t, YearMonth.from(today).minusMonths(i), ref.id(), plan));
            }
            List<ForecastModel.Known> known = known(c, t, today, ref.id(), plan);
            List<ForecastModel.Event> events = new ArrayList<>(futureEntries(c, t, today, horizon, ref.id(), plan));
            events.addAll(pendingChanges(tx, today, horizon, ref.id(), iso, plan));
            events.addAll(ends(c, t, today, horizon, ref.id(), plan));
            return ForecastModel.forecast(today, ref.isoCode(), iso.getDefaultFractionDigits(), months, known, events,
                    ForecastModel.rates(window, iso.getDefaultFractionDigits()));
        });
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
                    out.add(new ForecastModel.Event(s.get().id(), s.get().customerId(), day, mrr.amount(), ForecastModel.Part.CHANGE));
                }
            }
        }
        return out;
    }

    /** One trailing month from the ledger: movements by type and customers at both ends. */
    private static ForecastModel.Trailing trailingMonth(Connection c, Tenant t, YearMonth month, long currencyId, String plan)
            throws SQLException {
        Map<Long, BigDecimal> start = byCustomer(c, t, month.atDay(1).minusDays(1), currencyId, plan);
        Map<Long, BigDecimal> end = byCustomer(c, t, month.atEndOfMonth(), currencyId, plan);
        Map<String, BigDecimal> moves = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT l.ChangeType, SUM(l.MRRAfter - l.MRRBefore) FROM SUB_ChangeLog l"
                + " JOIN SUB_Subscription s ON s.SUB_Subscription_ID = l.SUB_Subscription_ID WHERE l.AD_Client_ID = ?"
                + " AND l.C_Currency_ID = ? AND l.DateTrx >= ? AND l.DateTrx <= ?" + plan + " GROUP BY l.ChangeType",
                t.clientId(), currencyId, month.atDay(1), month.atEndOfMonth()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                moves.put(rs.getString(1), rs.getBigDecimal(2));
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
    private static Map<Long, BigDecimal> byCustomer(Connection c, Tenant t, LocalDate day, long currencyId, String plan)
            throws SQLException {
        Map<Long, BigDecimal> out = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT s.C_BPartner_ID, SUM(l.MRRAfter) FROM (" + LAST_ENTRY + ") l"
                + " JOIN SUB_Subscription s ON s.SUB_Subscription_ID = l.SUB_Subscription_ID WHERE l.C_Currency_ID = ?" + plan
                + " GROUP BY s.C_BPartner_ID", t.clientId(), day, currencyId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getBigDecimal(2));
            }
        }
        return out;
    }
}
