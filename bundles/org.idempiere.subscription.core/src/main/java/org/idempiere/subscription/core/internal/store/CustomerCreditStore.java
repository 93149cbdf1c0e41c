package org.idempiere.subscription.core.internal.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.core.internal.plan.Credits.Kept;

/**
 * {@code SUB_CustomerCredit}: the customers' credit ledger, append-only. A credit kept is a
 * positive entry naming its credit invoice (and, for a refund that finally failed, the refund: once
 * per refund); credit used by a charge a negative one naming the
 * invoice charged and the attempt (once per attempt). The balance is the sum per customer and
 * currency.
 */
public final class CustomerCreditStore {

    /** Appends an entry. */
    public void add(Connection c, Tenant tenant, long id, long subscriptionId, long customerId, long currencyId, BigDecimal amount,
            long invoiceId, Optional<Long> attemptId, LocalDate day) throws SQLException {
        insert(c, tenant, id, subscriptionId, customerId, currencyId, amount, invoiceId, attemptId, Optional.empty(), day);
    }

    /**
     * Appends the positive entry of a refund that finally failed: its amount kept as credit from
     * its credit invoice, once per refund (unique {@code SUB_CustomerCredit_Refund}).
     *
     * @return whether it was added (false: that refund was kept as credit already)
     */
    public boolean addFailedRefund(Connection c, Tenant tenant, long id, long subscriptionId, long customerId, long currencyId,
            BigDecimal amount, long creditInvoiceId, long refundId, LocalDate day) throws SQLException {
        return insert(c, tenant, id, subscriptionId, customerId, currencyId, amount, creditInvoiceId, Optional.empty(),
                Optional.of(refundId), day) == 1;
    }

    private static int insert(Connection c, Tenant tenant, long id, long subscriptionId, long customerId, long currencyId,
            BigDecimal amount, long invoiceId, Optional<Long> attemptId, Optional<Long> refundId, LocalDate day) throws SQLException {
        return Sql.update(c, "INSERT INTO SUB_CustomerCredit (SUB_CustomerCredit_ID, SUB_CustomerCredit_UU, AD_Client_ID, AD_Org_ID,"
                + " CreatedBy, UpdatedBy, SUB_Subscription_ID, C_BPartner_ID, C_Currency_ID, CreditAmt, C_Invoice_ID,"
                + " SUB_PaymentAttempt_ID, SUB_PaymentRefund_ID, DateTrx, IsActive, Created, Updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, 'Y', now(), now()) ON CONFLICT (AD_Client_ID, SUB_PaymentRefund_ID) DO NOTHING", id,
                java.util.UUID.randomUUID().toString(), tenant.clientId(), tenant.orgId(), tenant.userId(), tenant.userId(),
                subscriptionId, customerId, currencyId, amount, invoiceId, attemptId.orElse(null), refundId.orElse(null), day);
    }

    /** A customer's ledger in one currency, as {@link #lockEntries} keys it. */
    public record Account(long customerId, long currencyId) {
    }

    /** A customer's ledger in one currency: the credits kept, oldest first, and what the uses took of them in all. */
    public record Entries(List<Kept> kept, BigDecimal used) {
        public Entries {
            kept = List.copyOf(kept);
        }

        /** @return the balance: what was kept less what was used */
        public BigDecimal balance() {
            return kept.stream().map(Kept::amount).reduce(BigDecimal.ZERO, BigDecimal::add).subtract(used);
        }
    }

    /**
     * The entries of several customers in every currency, locked so that two charges never spend
     * the same credit (new credits may still be added meanwhile: they only add to it), in customer
     * order and within a customer oldest first (two collectors never wait for each other's entries
     * in a cycle).
     *
     * @return the entries of every customer and currency that has any; others have none
     */
    public Map<Account, Entries> lockEntries(Connection c, Tenant tenant, Collection<Long> customerIds) throws SQLException {
        if (customerIds.isEmpty()) {
            return Map.of();
        }
        Map<Account, List<Kept>> kept = new LinkedHashMap<>();
        Map<Account, BigDecimal> used = new HashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT C_BPartner_ID, C_Currency_ID, CreditAmt, C_Invoice_ID FROM SUB_CustomerCredit"
                + " WHERE AD_Client_ID = ? AND C_BPartner_ID = ANY (?) ORDER BY C_BPartner_ID, DateTrx, SUB_CustomerCredit_ID FOR UPDATE",
                tenant.clientId(), c.createArrayOf("bigint", customerIds.toArray())); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Account account = new Account(rs.getLong(1), rs.getLong(2));
                BigDecimal amount = rs.getBigDecimal(3);
                List<Kept> k = kept.computeIfAbsent(account, a -> new ArrayList<>());
                if (amount.signum() > 0) {
                    k.add(new Kept(rs.getLong(4), amount));
                } else {
                    used.merge(account, amount.negate(), BigDecimal::add);
                }
            }
        }
        Map<Account, Entries> out = new LinkedHashMap<>();
        kept.forEach((account, k) -> out.put(account, new Entries(k, used.getOrDefault(account, BigDecimal.ZERO))));
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
