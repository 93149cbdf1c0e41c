package org.idempiere.subscription.core.internal.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.CreditHandling;
import org.idempiere.subscription.api.DictionaryCode;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.core.internal.plan.Credits;
import org.idempiere.subscription.core.internal.store.CustomerCreditStore.Account;

/**
 * {@code SUB_PaymentRefund}: the refund outbox. A refund of (part of) a credit to one payment is
 * written with the credit (adjustment) invoice, claimed by a collector ({@code FOR UPDATE SKIP
 * LOCKED}, marked in flight, committed), made at the gateway outside any transaction under its
 * idempotency key, and finished with the answer. Rows are never deleted; one row per credit
 * invoice and payment.
 */
public final class PaymentRefundStore {
    private static final String SELECT = "SELECT r.SUB_PaymentRefund_ID, r.SUB_Subscription_ID, r.C_Invoice_ID, r.SUB_PaymentAttempt_ID,"
            + " r.C_BPartner_ID, r.RefundAmt, r.C_Currency_ID, r.IdempotencyKey, r.PaymentStatus, r.DateDue, r.C_Payment_ID,"
            + " a.C_Payment_ID AS Paid_Payment_ID, a.C_BP_BankAccount_ID AS Paid_Method_ID, a.C_Invoice_ID AS Paid_Invoice_ID"
            + " FROM SUB_PaymentRefund r JOIN SUB_PaymentAttempt a ON a.AD_Client_ID = r.AD_Client_ID"
            + " AND a.SUB_PaymentAttempt_ID = r.SUB_PaymentAttempt_ID WHERE r.AD_Client_ID = ?";

    /**
     * A refund as the collector works on it.
     *
     * @param paidPaymentId the payment refunded; {@code paidMethodId} and {@code paidInvoiceId} its method and invoice
     * @param claimedFrom   the state it was claimed in (pending, unknown, or in flight with a lease run out)
     */
    public record Stored(long id, long subscriptionId, long creditInvoiceId, long attemptId, long customerId, BigDecimal amount,
            long currencyId, String idempotencyKey, PaymentStatus claimedFrom, LocalDate dueOn, Optional<Long> refundPaymentId,
            long paidPaymentId, long paidMethodId, long paidInvoiceId) {
    }

    /** @return the credit handling of a subscription's plan; CARRY when it has none */
    public CreditHandling creditHandling(Connection c, Tenant tenant, long subscriptionId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT t.CreditHandling FROM SUB_Subscription s JOIN SUB_Template t"
                + " ON t.SUB_Template_ID = s.SUB_Template_ID WHERE s.AD_Client_ID = ? AND s.SUB_Subscription_ID = ?",
                tenant.clientId(), subscriptionId); ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getString(1) != null
                    ? DictionaryCode.fromCode(CreditHandling.class, "CreditHandling", rs.getString(1))
                    : CreditHandling.CARRY;
        }
    }

    /**
     * The subscription's captured payments in a currency, most recent first, each with what was
     * refunded of it or is being refunded (every refund not declined, errored or cancelled).
     */
    public List<Credits.Paid> refundable(Connection c, Tenant tenant, long subscriptionId, long currencyId) throws SQLException {
        List<Credits.Paid> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT a.SUB_PaymentAttempt_ID, a.AttemptAmt, COALESCE((SELECT SUM(r.RefundAmt)"
                + " FROM SUB_PaymentRefund r WHERE r.AD_Client_ID = a.AD_Client_ID AND r.SUB_PaymentAttempt_ID = a.SUB_PaymentAttempt_ID"
                + " AND r.PaymentStatus NOT IN ('D', 'E', 'X')), 0) FROM SUB_PaymentAttempt a WHERE a.AD_Client_ID = ?"
                + " AND a.SUB_Subscription_ID = ? AND a.C_Currency_ID = ? AND a.PaymentStatus = 'S' AND a.C_Payment_ID IS NOT NULL"
                + " ORDER BY a.DateTried DESC NULLS LAST, a.SUB_PaymentAttempt_ID DESC", tenant.clientId(), subscriptionId, currencyId);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Credits.Paid(rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3)));
            }
        }
        return out;
    }

    /**
     * What is being refunded of the credit invoices of several customers: the refunds not answered
     * yet (pending, in flight, unknown), summed by customer, currency and credit invoice.
     *
     * @return by customer and currency, what is being refunded of each credit invoice; customers and
     *         currencies without such refunds are left out
     */
    public Map<Account, Map<Long, BigDecimal>> refunding(Connection c, Tenant tenant,
            Collection<Long> customerIds) throws SQLException {
        Map<Account, Map<Long, BigDecimal>> out = new HashMap<>();
        if (customerIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = Sql.prepare(c, "SELECT C_BPartner_ID, C_Currency_ID, C_Invoice_ID, SUM(RefundAmt) FROM SUB_PaymentRefund"
                + " WHERE AD_Client_ID = ? AND C_BPartner_ID = ANY (?) AND PaymentStatus IN ('P', 'F', 'U')"
                + " GROUP BY C_BPartner_ID, C_Currency_ID, C_Invoice_ID", tenant.clientId(), c.createArrayOf("bigint", customerIds.toArray()));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(new Account(rs.getLong(1), rs.getLong(2)), k -> new HashMap<>())
                        .put(rs.getLong(3), rs.getBigDecimal(4));
            }
        }
        return out;
    }

    /** A refund to record. */
    public record New(long subscriptionId, long creditInvoiceId, long attemptId, long customerId, BigDecimal amount, long currencyId,
            LocalDate dueOn) {
    }

    /**
     * Records refunds, pending; a credit invoice's refund to a payment recorded already is left alone.
     *
     * @return how many were recorded
     */
    public int insert(Connection c, Tenant tenant, long[] ids, List<New> refunds) throws SQLException {
        int added = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO SUB_PaymentRefund (SUB_PaymentRefund_ID, SUB_PaymentRefund_UU,"
                + " AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, SUB_Subscription_ID, C_Invoice_ID, SUB_PaymentAttempt_ID, C_BPartner_ID,"
                + " RefundAmt, C_Currency_ID, IdempotencyKey, PaymentStatus, DateDue, IsActive, Created, Updated)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'P', ?, 'Y', now(), now())"
                + " ON CONFLICT (AD_Client_ID, C_Invoice_ID, SUB_PaymentAttempt_ID) DO NOTHING")) {
            for (int i = 0; i < refunds.size(); i++) {
                New r = refunds.get(i);
                String uu = java.util.UUID.randomUUID().toString();
                Sql.bind(ps, ids[i], uu, tenant.clientId(), tenant.orgId(), tenant.userId(), tenant.userId(), r.subscriptionId(),
                        r.creditInvoiceId(), r.attemptId(), r.customerId(), r.amount(), r.currencyId(), "sub-refund-" + uu, r.dueOn());
                ps.addBatch();
            }
            for (int n : ps.executeBatch()) {
                added += Math.max(0, n);
            }
        }
        return added;
    }

    /**
     * Claims up to {@code limit} refunds and marks them in flight: pending ones due by {@code today},
     * ones whose answer was unknown (finished before {@code passStart}), ones left in flight before
     * {@code staleBefore}. The caller commits at once, then calls the gateway.
     */
    public List<Stored> claim(Connection c, Tenant tenant, LocalDate today, Instant triedAt, Instant now, Instant passStart,
            Instant staleBefore, int limit) throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, SELECT + " AND ((r.PaymentStatus = 'P' AND r.DateDue <= ?)"
                + " OR (r.PaymentStatus = 'U' AND r.Updated < ?) OR (r.PaymentStatus = 'F' AND r.Updated < ?))"
                + " ORDER BY r.DateDue, r.SUB_PaymentRefund_ID LIMIT ? FOR UPDATE OF r SKIP LOCKED", tenant.clientId(), today,
                Timestamp.from(passStart), Timestamp.from(staleBefore), limit); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        if (!out.isEmpty()) {
            try (PreparedStatement ps = Sql.prepare(c, "UPDATE SUB_PaymentRefund SET PaymentStatus = 'F', DateTried = ?, Updated = ?"
                    + " WHERE AD_Client_ID = ? AND SUB_PaymentRefund_ID = ANY (?)", Timestamp.from(triedAt), Timestamp.from(now),
                    tenant.clientId(), c.createArrayOf("bigint", out.stream().map(Stored::id).toArray()))) {
                ps.executeUpdate();
            }
        }
        return out;
    }

    private static Stored read(ResultSet rs) throws SQLException {
        long refundPayment = rs.getLong("C_Payment_ID");
        Optional<Long> refundPaymentId = rs.wasNull() ? Optional.empty() : Optional.of(refundPayment);
        return new Stored(rs.getLong("SUB_PaymentRefund_ID"), rs.getLong("SUB_Subscription_ID"), rs.getLong("C_Invoice_ID"),
                rs.getLong("SUB_PaymentAttempt_ID"), rs.getLong("C_BPartner_ID"), rs.getBigDecimal("RefundAmt"),
                rs.getLong("C_Currency_ID"), rs.getString("IdempotencyKey"),
                DictionaryCode.fromCode(PaymentStatus.class, "PaymentStatus", rs.getString("PaymentStatus")), Sql.date(rs, "DateDue"),
                refundPaymentId, rs.getLong("Paid_Payment_ID"), rs.getLong("Paid_Method_ID"), rs.getLong("Paid_Invoice_ID"));
    }

    /**
     * Finishes an in-flight refund with the gateway's answer; one no longer in flight (another
     * collector finished it after this one's lease ran out) is left alone.
     *
     * @return whether it was finished by this call
     */
    public boolean finish(Connection c, Tenant tenant, long refundId, PaymentStatus status, Optional<Long> paymentId,
            Optional<String> reference, Optional<String> code, String message) throws SQLException {
        String msg = message == null ? null : message.length() > 2000 ? message.substring(0, 1997) + "..." : message;
        return Sql.update(c, "UPDATE SUB_PaymentRefund SET PaymentStatus = ?, C_Payment_ID = ?, GatewayReference = ?, ResultCode = ?,"
                + " ResultMsg = ?, Updated = ? WHERE AD_Client_ID = ? AND SUB_PaymentRefund_ID = ? AND PaymentStatus = 'F'",
                status.code(), paymentId.orElse(null), reference.map(r -> cut(r, 60)).orElse(null),
                code.map(r -> cut(r, 60)).orElse(null), msg, Timestamp.from(Instant.now()), tenant.clientId(), refundId) == 1;
    }

    /**
     * Marks a finished refund (declined or errored) as kept as customer credit, in the transaction
     * that writes its ledger entry.
     */
    public void markCarried(Connection c, Tenant tenant, long refundId) throws SQLException {
        Sql.update(c, "UPDATE SUB_PaymentRefund SET IsCreditCarried = 'Y', Updated = ? WHERE AD_Client_ID = ?"
                + " AND SUB_PaymentRefund_ID = ? AND PaymentStatus IN ('D', 'E')", Timestamp.from(Instant.now()), tenant.clientId(),
                refundId);
    }

    private static String cut(String s, int n) {
        return s.length() > n ? s.substring(0, n) : s;
    }

    /** A refund as a listing shows it. */
    public record Row(long id, long creditInvoiceId, long attemptId, long paidPaymentId, BigDecimal amount, long currencyId,
            PaymentStatus status, LocalDate dueOn, Optional<Long> refundPaymentId, Optional<String> message) {
    }

    /** @return a subscription's refunds, oldest first */
    public List<Row> ofSubscription(Connection c, Tenant tenant, long subscriptionId) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT r.SUB_PaymentRefund_ID, r.C_Invoice_ID, r.SUB_PaymentAttempt_ID,"
                + " a.C_Payment_ID, r.RefundAmt, r.C_Currency_ID, r.PaymentStatus, r.DateDue, r.C_Payment_ID, r.ResultMsg"
                + " FROM SUB_PaymentRefund r JOIN SUB_PaymentAttempt a ON a.AD_Client_ID = r.AD_Client_ID"
                + " AND a.SUB_PaymentAttempt_ID = r.SUB_PaymentAttempt_ID WHERE r.AD_Client_ID = ? AND r.SUB_Subscription_ID = ?"
                + " ORDER BY r.SUB_PaymentRefund_ID", tenant.clientId(), subscriptionId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long refundPayment = rs.getLong(9);
                Optional<Long> refundPaymentId = rs.wasNull() ? Optional.empty() : Optional.of(refundPayment);
                out.add(new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5), rs.getLong(6),
                        DictionaryCode.fromCode(PaymentStatus.class, "PaymentStatus", rs.getString(7)), Sql.date(rs, "DateDue"),
                        refundPaymentId, Optional.ofNullable(rs.getString(10))));
            }
        }
        return out;
    }
}
