package org.idempiere.subscription.core.internal.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.host.Tenant;

/**
 * {@code SUB_AdjustmentItem}: the service days of each adjustment invoice, as the engine posted
 * them (a change, a pause, a resume settling periods billed already). Append-only, written in the
 * transaction of the adjustment invoice; revenue recognition reads it beside the billing items.
 */
public final class AdjustmentItemStore {

    /**
     * Sums {@code lines} (days and net of each adjustment invoice line) by their days, in order of
     * first appearance: a credit and a charge of the same days become one item with their net.
     */
    public static Map<ServicePeriod, BigDecimal> byDays(List<Map.Entry<ServicePeriod, BigDecimal>> lines) {
        Map<ServicePeriod, BigDecimal> out = new LinkedHashMap<>();
        for (Map.Entry<ServicePeriod, BigDecimal> l : lines) {
            out.merge(l.getKey(), l.getValue(), BigDecimal::add);
        }
        return out;
    }

    /**
     * Records the days of the adjustment invoice {@code invoiceId} dated {@code dateInvoiced}, one
     * item per entry of {@code days} (ids from {@code ids}, as many as entries).
     */
    public void insert(Connection c, Tenant tenant, long[] ids, long subscriptionId, long invoiceId, LocalDate dateInvoiced,
            long currencyId, Map<ServicePeriod, BigDecimal> days) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO SUB_AdjustmentItem (SUB_AdjustmentItem_ID, SUB_AdjustmentItem_UU,"
                + " AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, SUB_Subscription_ID, C_Invoice_ID, DateInvoiced, PeriodStart,"
                + " PeriodEnd, LineNetAmt, C_Currency_ID, IsActive, Created, Updated)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Y', now(), now())")) {
            int i = 0;
            for (Map.Entry<ServicePeriod, BigDecimal> d : days.entrySet()) {
                Sql.bind(ps, ids[i++], UUID.randomUUID().toString(), tenant.clientId(), tenant.orgId(), tenant.userId(),
                        tenant.userId(), subscriptionId, invoiceId, dateInvoiced, d.getKey().start(), d.getKey().end(),
                        d.getValue(), currencyId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
