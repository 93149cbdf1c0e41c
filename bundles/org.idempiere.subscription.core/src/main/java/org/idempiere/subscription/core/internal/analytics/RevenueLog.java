package org.idempiere.subscription.core.internal.analytics;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.core.internal.store.ChangeLogStore;
import org.idempiere.subscription.core.internal.store.Sql;

/**
 * Net and one-time revenue as rows of the analytics delta table, written by whoever invoices, in the same
 * transaction (decision 0036): kind {@code R} all net invoiced, {@code O} the one-time part. An invoiced
 * period is append-only, so its revenue is simply added — no refresh is needed and no writer waits on
 * another (plain inserts). {@link #rebuild} recomputes them from the invoiced periods, the changes' adjustment
 * invoices and the invoices reversed in the host ({@code SUB_InvoiceReversal}, negative on the reversal's day), for
 * data loaded without the engine.
 */
public final class RevenueLog {
    /**
     * Where net and one-time revenue come from, each row one amount of a subscription {@code s} of the tenant (its
     * first parameter): the invoiced periods (their setup fees one-time), the changes' adjustment invoices (one-time)
     * and the reversal items of invoices voided in the host (decision 0057; one-time: the setup fee of the period they
     * reverse, or all of an adjustment's). Columns: the amount's day, the day its plan is taken on (decision 0070),
     * currency, net, one-time, and the {@code FROM … WHERE} clause. The rebuild and the segment reads
     * ({@link LedgerReads}) both sum these, so they count the same revenue.
     */
    static final String[][] SOURCES = {
        {"b.PeriodStart", "b.PeriodStart", "b.C_Currency_ID", "b.LineNetAmt", "COALESCE(b.SetupFeeAmt, 0)",
            "SUB_BillingItem b JOIN SUB_Subscription s ON s.AD_Client_ID = b.AD_Client_ID AND s.SUB_Subscription_ID = b.SUB_Subscription_ID"
                    + " WHERE b.AD_Client_ID = ?"},
        {"ch.ValidFrom", "ch.ValidFrom", "s.C_Currency_ID", "ch.LineNetAmt", "ch.LineNetAmt",
            "SUB_Change ch JOIN SUB_Subscription s ON s.AD_Client_ID = ch.AD_Client_ID AND s.SUB_Subscription_ID = ch.SUB_Subscription_ID"
                    + " WHERE ch.AD_Client_ID = ? AND ch.C_Invoice_ID IS NOT NULL AND ch.LineNetAmt IS NOT NULL"},
        {"v.DateInvoiced", "v.PeriodStart", "v.C_Currency_ID", "v.LineNetAmt",
            "CASE WHEN r.SUB_BillingItem_ID IS NULL THEN v.LineNetAmt ELSE -r.SetupFeeAmt END",
            "SUB_AdjustmentItem v JOIN SUB_Subscription s ON s.AD_Client_ID = v.AD_Client_ID AND s.SUB_Subscription_ID = v.SUB_Subscription_ID"
                    + " LEFT JOIN SUB_BillingItem r ON r.AD_Client_ID = v.AD_Client_ID AND r.C_Invoice_ID = v.C_Invoice_ID"
                    + " AND r.SUB_Subscription_ID = v.SUB_Subscription_ID AND r.PeriodStart = v.PeriodStart"
                    + " WHERE v.AD_Client_ID = ? AND v.SUB_InvoiceReversal_ID IS NOT NULL"}};

    /** Net of every invoice line. */
    static final char NET = 'R';
    /** The one-time part: setup fees and the adjustment invoices of changes. */
    static final char ONE_TIME = 'O';

    private final HostContext host;

    /** @param host ids and the tenant */
    public RevenueLog(HostContext host) {
        this.host = host;
    }

    /**
     * One invoiced amount.
     *
     * @param day        the service period's first day, or the change's day for an adjustment
     * @param currencyId its currency
     * @param templateId the subscription's plan
     * @param net        the net amount (negative for a credit)
     * @param oneTime    the part of {@code net} that is one-time revenue: the setup fees of a period, the whole of a
     *                   change's adjustment
     */
    public record Line(LocalDate day, long currencyId, long templateId, BigDecimal net, BigDecimal oneTime) {
    }

    /** Adds the lines' revenue, summed per day, currency, plan and kind. */
    public void record(Tx tx, List<Line> lines) throws SQLException {
        Map<List<Object>, BigDecimal> sums = new LinkedHashMap<>();
        for (Line l : lines) {
            if (l.net().signum() != 0) {
                sums.merge(List.of(NET, l.day(), l.currencyId(), l.templateId()), l.net(), BigDecimal::add);
            }
            if (l.oneTime().signum() != 0) {
                sums.merge(List.of(ONE_TIME, l.day(), l.currencyId(), l.templateId()), l.oneTime(), BigDecimal::add);
            }
        }
        if (sums.isEmpty()) {
            return;
        }
        Tenant t = host.tenant();
        long[] ids = host.nextIds(tx, "SUB_AnalyticsDelta", sums.size());
        try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO SUB_AnalyticsDelta (SUB_AnalyticsDelta_ID, AD_Client_ID,"
                + " AD_Org_ID, CreatedBy, UpdatedBy, FactKind, DateTrx, C_Currency_ID, SUB_Template_ID, FactAmt, FactQty, IsActive,"
                + " Created, Updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'Y', now(), now())")) {
            int i = 0;
            for (Map.Entry<List<Object>, BigDecimal> e : sums.entrySet()) {
                List<Object> k = e.getKey();
                Sql.bind(ps, ids[i++], t.clientId(), t.orgId(), t.userId(), t.userId(), String.valueOf(k.get(0)), k.get(1), k.get(2),
                        k.get(3), e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Replaces the tenant's revenue rows by sums of its invoiced periods (their setup fees one-time), adjustment
     * invoices (one-time) and invoice reversals (their items: the setup fees of a reversed period one-time, the whole of a
     * reversed adjustment); each under the plan of its days as the engine records it: the plan in force on a period's
     * first day, on a change's day (the plan a change of plan moves to), and for a reversal on the first day of the days
     * it reverses. For data written without the engine; a concurrent billing run must not be writing meanwhile.
     *
     * @return the revenue rows written
     */
    public int rebuild() {
        return host.inTransaction(tx -> {
            Tenant t = host.tenant();
            Sql.update(tx.connection(), "DELETE FROM SUB_AnalyticsDelta WHERE AD_Client_ID = ? AND FactKind IN ('R', 'O')", t.clientId());
            List<Line> lines = new ArrayList<>();
            // each amount under the plan of its days (decision 0048's rule), as the engine records it: a period's plan, a
            // change's new plan, a reversal the plan of the period it reverses
            List<String> sources = new ArrayList<>();
            for (String[] p : SOURCES) {
                sources.add("SELECT " + p[0] + " AS d, " + p[2] + " AS c, " + ChangeLogStore.planOn(p[1]) + " AS p, " + p[3] + " AS n, "
                        + p[4] + " AS o FROM " + p[5]);
            }
            try (PreparedStatement ps = Sql.prepare(tx.connection(), "SELECT d, c, p, SUM(n), SUM(o) FROM (" + String.join(" UNION ALL ",
                    sources) + ") r GROUP BY 1, 2, 3", t.clientId(), t.clientId(), t.clientId()); java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new Line(rs.getTimestamp(1).toLocalDateTime().toLocalDate(), rs.getLong(2), rs.getLong(3),
                            rs.getBigDecimal(4), rs.getBigDecimal(5)));
                }
            }
            record(tx, lines);
            return lines.size();
        });
    }

    /** @return the line of an adjustment invoice, if the change made one */
    public static Optional<Line> adjustment(Long invoiceId, LocalDate day, long currencyId, long templateId, BigDecimal net) {
        return invoiceId == null || net == null ? Optional.empty() : Optional.of(new Line(day, currencyId, templateId, net, net));
    }
}
