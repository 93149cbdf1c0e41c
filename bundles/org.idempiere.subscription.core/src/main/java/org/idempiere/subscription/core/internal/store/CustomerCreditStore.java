package org.idempiere.subscription.core.internal.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.host.Tenant;

/**
 * {@code SUB_CustomerCredit}: the customers' credit ledger, append-only. A credit kept is a
 * positive entry naming its credit invoice; credit used by a charge a negative one naming the
 * invoice charged and the attempt (once per attempt). The balance is the sum per customer and
 * currency.
 */
public final class CustomerCreditStore {

    /** Appends an entry. */
    public void add(Connection c, Tenant tenant, long id, long subscriptionId, long customerId, long currencyId, BigDecimal amount,
            long invoiceId, Optional<Long> attemptId, LocalDate day) throws SQLException {
        Sql.update(c, "INSERT INTO SUB_CustomerCredit (SUB_CustomerCredit_ID, SUB_CustomerCredit_UU, AD_Client_ID, AD_Org_ID,"
                + " CreatedBy, UpdatedBy, SUB_Subscription_ID, C_BPartner_ID, C_Currency_ID, CreditAmt, C_Invoice_ID,"
                + " SUB_PaymentAttempt_ID, DateTrx, IsActive, Created, Updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Y', now(),"
                + " now())", id, java.util.UUID.randomUUID().toString(), tenant.clientId(), tenant.orgId(), tenant.userId(),
                tenant.userId(), subscriptionId, customerId, currencyId, amount, invoiceId, attemptId.orElse(null), day);
    }

    /** A customer's balance in a currency, as {@link #lockBalances} keys it. */
    public record Account(long customerId, long currencyId) {
    }

    /**
     * The balances of several customers in every currency, their entries locked so that two
     * charges never spend the same credit (new credits may still be added meanwhile: they only add
     * to it), in customer order (two collectors never wait for each other's entries in a cycle).
     *
     * @return the balance of every customer and currency with entries; others have none
     */
    public Map<Account, BigDecimal> lockBalances(Connection c, Tenant tenant, Collection<Long> customerIds) throws SQLException {
        Map<Account, BigDecimal> out = new HashMap<>();
        if (customerIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = Sql.prepare(c, "SELECT C_BPartner_ID, C_Currency_ID, CreditAmt FROM SUB_CustomerCredit"
                + " WHERE AD_Client_ID = ? AND C_BPartner_ID = ANY (?) ORDER BY C_BPartner_ID, SUB_CustomerCredit_ID FOR UPDATE",
                tenant.clientId(), c.createArrayOf("bigint", customerIds.toArray())); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.merge(new Account(rs.getLong(1), rs.getLong(2)), rs.getBigDecimal(3), BigDecimal::add);
            }
        }
        return out;
    }

    /** @return a customer's balances by currency id, in currency id order (zero balances included) */
    public Map<Long, BigDecimal> balances(Connection c, Tenant tenant, long customerId) throws SQLException {
        Map<Long, BigDecimal> out = new LinkedHashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT C_Currency_ID, SUM(CreditAmt) FROM SUB_CustomerCredit WHERE AD_Client_ID = ?"
                + " AND C_BPartner_ID = ? GROUP BY C_Currency_ID ORDER BY C_Currency_ID", tenant.clientId(), customerId);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getBigDecimal(2));
            }
        }
        return out;
    }
}
