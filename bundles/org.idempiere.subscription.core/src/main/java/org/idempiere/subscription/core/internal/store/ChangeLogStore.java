package org.idempiere.subscription.core.internal.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.host.Tenant;

/**
 * {@code SUB_ChangeLog}, the MRR ledger. Append-only: there is no update and no delete here, and
 * there must never be one; a correction is a new entry.
 */
public final class ChangeLogStore {

    /** Appends an entry. */
    /** Appends one entry of the plan's {@link org.idempiere.subscription.core.internal.plan.Ledger}. */
    public void append(Connection c, Tenant tenant, long id, long subscriptionId, LocalDate date,
            org.idempiere.subscription.core.internal.plan.Ledger.Entry e) throws SQLException {
        append(c, tenant, id, subscriptionId, date, e.type(), e.before(), e.after(), e.currencyId(), e.description());
        if (e.delinquent()) {
            Sql.update(c, "UPDATE SUB_ChangeLog SET IsDelinquent = 'Y' WHERE AD_Client_ID = ? AND SUB_ChangeLog_ID = ?",
                    tenant.clientId(), id);
        }
    }

    public void append(Connection c, Tenant tenant, long id, long subscriptionId, LocalDate date, ChangeType type,
            Money before, Money after, long currencyId, String description) throws SQLException {
        Insert.into("SUB_ChangeLog", id, tenant)
                .set("SUB_Subscription_ID", subscriptionId)
                .set("DateTrx", date)
                .set("ChangeType", type.code())
                .set("MRRBefore", before.amount())
                .set("MRRAfter", after.amount())
                .set("C_Currency_ID", currencyId)
                .set("Description", description)
                .execute(c);
    }

    /**
     * MRR in one currency at the end of {@code date}: for each subscription its last entry on or
     * before that day.
     *
     */
    public MrrTotal mrrAt(Connection c, Tenant tenant, LocalDate date, long currencyId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT COALESCE(SUM(l.MRRAfter), 0), COUNT(*) FILTER (WHERE l.MRRAfter > 0)"
                + " FROM (SELECT DISTINCT ON (SUB_Subscription_ID) MRRAfter, C_Currency_ID FROM SUB_ChangeLog"
                + " WHERE AD_Client_ID = ? AND DateTrx <= ? ORDER BY SUB_Subscription_ID, DateTrx DESC, SUB_ChangeLog_ID DESC) l"
                + " WHERE l.C_Currency_ID = ?", tenant.clientId(), date, currencyId); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new MrrTotal(rs.getBigDecimal(1), rs.getInt(2));
        }
    }

    /** Sum of MRR and the number of subscriptions with MRR above zero. */
    public record MrrTotal(BigDecimal mrr, int subscriptions) {
    }
}
