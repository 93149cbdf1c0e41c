package org.idempiere.subscription.core.internal.analytics.revenue;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.GeneralLedger;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.JournalDraft;
import org.idempiere.subscription.api.host.PostedJournal;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.RevenueBookingReport;
import org.idempiere.subscription.api.service.RevenueBookingService;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.store.Insert;
import org.idempiere.subscription.core.internal.store.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Books a month's recognized revenue in the host's general ledger ({@link BookingPlan} decides),
 * in one transaction with its record in {@code SUB_RevenueBooking}; bookings of one tenant are
 * serialized by a transaction-scoped advisory lock, so two at once cannot both book a month.
 * Active only where the host provides a {@link GeneralLedger}.
 */
@Component(service = RevenueBookingService.class)
public final class RevenueBookingServiceImpl implements RevenueBookingService {
    private final HostContext host;
    private final Currencies hostCurrencies;
    private final CurrencyLookup currencies;
    private final GeneralLedger ledger;
    private final RevenueItems items = new RevenueItems();

    @Activate
    public RevenueBookingServiceImpl(@Reference HostContext host, @Reference Currencies currencies, @Reference GeneralLedger ledger) {
        this.host = host;
        this.hostCurrencies = currencies;
        this.currencies = new CurrencyLookup(currencies);
        this.ledger = ledger;
    }

    @Override
    public RevenueBookingReport book(YearMonth month) {
        if (month == null) {
            throw SubscriptionException.required("month");
        }
        if (!month.atEndOfMonth().isBefore(host.today())) {
            throw SubscriptionException.invalid("month", month, "has not ended yet: a month is booked once it is over");
        }
        Optional<BookingPlan.Accounts> tenantAccounts = BookingPlan.tenantAccounts(host.setting(BookingPlan.DEFERRED_SETTING),
                host.setting(BookingPlan.REVENUE_SETTING));
        return host.inTransaction(tx -> {
            Connection c = tx.connection();
            Tenant t = host.tenant();
            try (PreparedStatement lock = Sql.prepare(c, "SELECT pg_advisory_xact_lock(hashtext('SUB_RevenueBooking'), ?)",
                    (int) t.clientId()); ResultSet rs = lock.executeQuery()) {
                rs.next(); // held until the transaction ends
            }
            LocalDate last = month.atEndOfMonth();
            List<Recognizable> touching = items.touching(c, t, month.atDay(1), last, RevenueItems.Filter.of(Optional.empty()),
                    currencies.resolver(tx));
            Map<Long, Long> planOf = plansOf(c, t, touching);
            Map<String, Map<Long, BigDecimal>> recognized = new HashMap<>();
            for (Recognizable r : touching) {
                BigDecimal amount = Recognition.within(r, month.atDay(1), last);
                recognized.computeIfAbsent(r.currency().getCurrencyCode(), k -> new HashMap<>())
                        .merge(planOf.get(r.subscriptionId()), amount, BigDecimal::add);
            }
            Map<BookingPlan.Key, BigDecimal> toBook = BookingPlan.toBook(recognized, planAccounts(c, t), tenantAccounts,
                    booked(c, t, last, tx));
            Map<String, Map<BookingPlan.Accounts, BigDecimal>> byCurrency = new LinkedHashMap<>();
            toBook.forEach((k, a) -> byCurrency.computeIfAbsent(k.currency(), x -> new LinkedHashMap<>()).put(k.accounts(), a));
            CurrencyRef accounting = hostCurrencies.tenantCurrency(tx);
            List<RevenueBookingReport.Journal> journals = new ArrayList<>();
            for (Map.Entry<String, Map<BookingPlan.Accounts, BigDecimal>> e : byCurrency.entrySet()) {
                CurrencyRef currency = currencies.byIsoCode(tx, "currency", e.getKey());
                BigDecimal rate = hostCurrencies.rate(tx, currency.id(), accounting.id(), last).orElseThrow(() ->
                        SubscriptionException.invalidState("currency", e.getKey(), "has no conversion rate to " + accounting.isoCode()
                                + " on " + last + ": enter one, then book " + month + " again (nothing was booked)"));
                String description = "Subscription revenue recognized in " + month;
                PostedJournal posted = ledger.post(tx, new JournalDraft(last, currency.id(), rate, description,
                        BookingPlan.lines(e.getValue(), description)));
                BigDecimal net = BigDecimal.ZERO;
                long[] ids = host.nextIds(tx, "SUB_RevenueBooking", e.getValue().size());
                int i = 0;
                for (Map.Entry<BookingPlan.Accounts, BigDecimal> a : e.getValue().entrySet()) {
                    Insert.into("SUB_RevenueBooking", ids[i++], t).set("DateAcct", last).set("C_Currency_ID", currency.id())
                            .set("SUB_DeferredRevenue_Acct", a.getKey().deferredId()).set("SUB_Revenue_Acct", a.getKey().revenueId())
                            .set("RecognizedAmt", a.getValue()).set("GL_Journal_ID", posted.id()).execute(c);
                    net = net.add(a.getValue());
                }
                journals.add(new RevenueBookingReport.Journal(e.getKey(), posted.id(), posted.documentNo(), net));
            }
            return new RevenueBookingReport(month, journals);
        });
    }

    /** The plan of each subscription among the items. */
    private static Map<Long, Long> plansOf(Connection c, Tenant t, List<Recognizable> touching) throws SQLException {
        Set<Long> ids = new TreeSet<>();
        touching.forEach(r -> ids.add(r.subscriptionId()));
        Map<Long, Long> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Array array = c.createArrayOf("bigint", ids.toArray());
        try (PreparedStatement ps = Sql.prepare(c, "SELECT SUB_Subscription_ID, SUB_Template_ID FROM SUB_Subscription"
                + " WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ANY(?)", t.clientId(), array); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** The plans with both revenue accounts set. */
    private static Map<Long, BookingPlan.Accounts> planAccounts(Connection c, Tenant t) throws SQLException {
        Map<Long, BookingPlan.Accounts> out = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT SUB_Template_ID, SUB_DeferredRevenue_Acct, SUB_Revenue_Acct FROM SUB_Template"
                + " WHERE AD_Client_ID = ? AND SUB_DeferredRevenue_Acct > 0 AND SUB_Revenue_Acct > 0", t.clientId());
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), new BookingPlan.Accounts(rs.getLong(2), rs.getLong(3)));
            }
        }
        return out;
    }

    /** What was booked for the month before, per currency and accounts. */
    private Map<BookingPlan.Key, BigDecimal> booked(Connection c, Tenant t, LocalDate last, Tx tx) throws SQLException {
        Map<BookingPlan.Key, BigDecimal> out = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT C_Currency_ID, SUB_DeferredRevenue_Acct, SUB_Revenue_Acct, SUM(RecognizedAmt)"
                + " FROM SUB_RevenueBooking WHERE AD_Client_ID = ? AND DateAcct = ? GROUP BY C_Currency_ID, SUB_DeferredRevenue_Acct,"
                + " SUB_Revenue_Acct", t.clientId(), last); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(new BookingPlan.Key(currencies.resolver(tx).apply(rs.getLong(1)).getCurrencyCode(),
                        new BookingPlan.Accounts(rs.getLong(2), rs.getLong(3))), rs.getBigDecimal(4));
            }
        }
        return out;
    }
}
