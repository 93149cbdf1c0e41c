package org.idempiere.subscription.core.internal.analytics.revenue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.core.internal.store.ChangeLogStore;
import org.idempiere.subscription.core.internal.store.Sql;

/**
 * Reads what revenue recognition spreads: {@code SUB_BillingItem} (periods invoiced) and
 * {@code SUB_AdjustmentItem} (days adjustment invoices credited or charged, and the reversals of
 * items of invoices voided or reversed in the host, which have a {@code SUB_InvoiceReversal_ID}). A billing item from
 * before 1.0.1 has no invoice date: its period start stands in for it (exact in advance; in
 * arrears such an item shows as deferred, not unbilled, until its period ends).
 */
final class RevenueItems {
    private static final String INVOICED = "COALESCE(x.DateInvoiced, x.PeriodStart)";

    /**
     * Which items count: one currency, the plan of their days, a segment's subscriptions.
     *
     * @param currencyId only items in this currency
     * @param plan       only items whose days are on this plan: the plan in force on the item's first day (decision
     *                   0048's rule), so an item reversed in the host counts under the plan of the period it reverses
     * @param segmentSql "" or a condition on the subscription {@code s} ({@code SegmentFilter#sql}: numbers only)
     */
    record Filter(Optional<Long> currencyId, Optional<Long> plan, String segmentSql) {
        static Filter of(Optional<Long> currencyId) {
            return new Filter(currencyId, Optional.empty(), "");
        }

        private String sql() {
            String subscription = plan.isEmpty() && segmentSql.isEmpty() ? ""
                    : " AND EXISTS (SELECT 1 FROM SUB_Subscription s WHERE s.SUB_Subscription_ID = x.SUB_Subscription_ID"
                            + " AND s.AD_Client_ID = x.AD_Client_ID" + (plan.isPresent() ? " AND "
                                    + ChangeLogStore.planOn("x.PeriodStart") + " = ?" : "") + segmentSql + ")";
            return (currencyId.isPresent() ? " AND x.C_Currency_ID = ?" : "") + subscription;
        }

        private void bind(List<Object> params) {
            currencyId.ifPresent(params::add);
            plan.ifPresent(params::add);
        }
    }

    /**
     * The items with a figure in the days {@code from}..{@code to} or a balance at the end of the
     * day before {@code from} or of {@code to} ({@link Recognition#touches}).
     */
    List<Recognizable> touching(Connection c, Tenant tenant, LocalDate from, LocalDate to, Filter filter,
            LongFunction<Currency> currencies) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = " WHERE x.AD_Client_ID = ? AND (x.PeriodEnd >= ? OR " + INVOICED + " >= ?) AND (x.PeriodStart <= ? OR "
                + INVOICED + " <= ?)" + filter.sql();
        for (int i = 0; i < 2; i++) {
            params.add(tenant.clientId());
            params.add(from);
            params.add(from);
            params.add(to);
            params.add(to);
            filter.bind(params);
        }
        return read(c, where, params, currencies);
    }

    /** The items invoiced and wholly recognized by the end of {@code date} (those {@link #touching} leaves out of a range starting the day after). */
    List<Recognizable> settled(Connection c, Tenant tenant, LocalDate date, Filter filter, LongFunction<Currency> currencies)
            throws SQLException {
        return read(c, SETTLED + filter.sql(), settledParams(tenant, date, filter), currencies);
    }

    private static final String SETTLED = " WHERE x.AD_Client_ID = ? AND x.PeriodEnd <= ? AND " + INVOICED + " <= ?";

    /** The parameters of {@link #SETTLED} and the filter, for both tables. */
    private static List<Object> settledParams(Tenant tenant, LocalDate date, Filter filter) {
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            params.add(tenant.clientId());
            params.add(date);
            params.add(date);
            filter.bind(params);
        }
        return params;
    }

    private static List<Recognizable> read(Connection c, String where, List<Object> params, LongFunction<Currency> currencies)
            throws SQLException {
        String sql = "SELECT 'P', x.SUB_BillingItem_ID, x.SUB_Subscription_ID, x.C_Invoice_ID, " + INVOICED + ", x.PeriodStart,"
                + " x.PeriodEnd, x.LineNetAmt, x.C_Currency_ID FROM SUB_BillingItem x" + where
                + " UNION ALL SELECT CASE WHEN x.SUB_InvoiceReversal_ID IS NULL THEN 'A' ELSE 'V' END, x.SUB_AdjustmentItem_ID, x.SUB_Subscription_ID, x.C_Invoice_ID, x.DateInvoiced, x.PeriodStart,"
                + " x.PeriodEnd, x.LineNetAmt, x.C_Currency_ID FROM SUB_AdjustmentItem x" + where;
        List<Recognizable> out = new ArrayList<>();
        Map<Long, Currency> known = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, params.toArray())) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Currency currency = known.computeIfAbsent(rs.getLong(9), currencies::apply);
                    out.add(new Recognizable(kind(rs.getString(1)),
                            rs.getLong(2), rs.getLong(3), rs.getLong(4), date(rs, 5),
                            new ServicePeriod(date(rs, 6), date(rs, 7)), rs.getBigDecimal(8), currency));
                }
            }
        }
        return out;
    }

    /**
     * Per currency, the sum of the items invoiced and wholly recognized by the end of {@code date}
     * (the items {@link #touching} leaves out of a range starting the day after).
     */
    Map<String, BigDecimal> settledBy(Connection c, Tenant tenant, LocalDate date, Filter filter,
            LongFunction<Currency> currencies) throws SQLException {
        String where = SETTLED + filter.sql();
        List<Object> params = settledParams(tenant, date, filter);
        Map<String, BigDecimal> out = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT C_Currency_ID, SUM(a) FROM (SELECT x.C_Currency_ID, x.LineNetAmt AS a"
                + " FROM SUB_BillingItem x" + where + " UNION ALL SELECT x.C_Currency_ID, x.LineNetAmt FROM SUB_AdjustmentItem x"
                + where + ") t GROUP BY C_Currency_ID", params.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.merge(currencies.apply(rs.getLong(1)).getCurrencyCode(), rs.getBigDecimal(2), BigDecimal::add);
            }
        }
        return out;
    }

    /** @return whether the tenant has the template */
    boolean templateExists(Connection c, Tenant tenant, long templateId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT 1 FROM SUB_Template WHERE AD_Client_ID = ? AND SUB_Template_ID = ?",
                tenant.clientId(), templateId); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private static Recognizable.Kind kind(String code) {
        return switch (code) {
            case "P" -> Recognizable.Kind.PERIOD;
            case "V" -> Recognizable.Kind.REVERSAL;
            default -> Recognizable.Kind.ADJUSTMENT;
        };
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getTimestamp(column).toLocalDateTime().toLocalDate();
    }
}
