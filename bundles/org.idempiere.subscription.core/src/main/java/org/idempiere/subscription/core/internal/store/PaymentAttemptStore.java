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
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import org.idempiere.subscription.api.DictionaryCode;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.PaymentAttempt;

/**
 * {@code SUB_PaymentAttempt}: the payment outbox. An attempt is written with its invoice (or by a
 * request to pay now), claimed by a collector ({@code FOR UPDATE SKIP LOCKED}, then marked in
 * flight and committed), tried at the gateway outside any transaction under its idempotency key,
 * and finished with the gateway's answer. Rows are never deleted; a retry is a new row with the
 * next attempt number (unique per invoice, so a retry is never recorded twice).
 */
public final class PaymentAttemptStore {
    private static final String SELECT = "SELECT a.SUB_PaymentAttempt_ID, a.SUB_Subscription_ID, a.C_Invoice_ID, a.C_BPartner_ID,"
            + " a.C_BP_BankAccount_ID, a.AttemptAmt, a.C_Currency_ID, a.AttemptNo, a.PaymentStatus, a.DateDue, a.DateTried,"
            + " a.C_Payment_ID, a.GatewayReference, a.ResultCode, a.ResultMsg, a.IdempotencyKey"
            + " FROM SUB_PaymentAttempt a WHERE a.AD_Client_ID = ?";

    /*
     * The state of an attempt looked up by its key, compared as text so that the planner takes the
     * key: the index on state and due date keeps an entry for every state an attempt was in until
     * vacuum removes it, so the range of "in flight" holds one entry per attempt collected since,
     * and reading it instead of the key cost more the more attempts a collection had done (twice
     * per attempt, quadratic over a collection).
     */
    private static final String BY_KEY_IN_FLIGHT = "PaymentStatus::text = 'F'";
    private static final String BY_KEY_PENDING = "PaymentStatus::text = 'P'";

    /** An attempt with its idempotency key, as the collector works on it. */
    public record Stored(PaymentAttempt attempt, String idempotencyKey, long currencyId) {
    }

    /** A new attempt to record. */
    public record New(long subscriptionId, long invoiceId, long customerId, Optional<Long> methodId, BigDecimal amount,
            long currencyId, int attemptNo, LocalDate dueOn) {
    }

    /**
     * Records new attempts, pending; an invoice's attempt number recorded already is left alone
     * (a retry another collector recorded first).
     *
     * @param ids one new id per attempt
     * @return how many were recorded
     */
    public int insert(Connection c, Tenant tenant, long[] ids, List<New> attempts) throws SQLException {
        int added = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO SUB_PaymentAttempt (SUB_PaymentAttempt_ID, SUB_PaymentAttempt_UU,"
                + " AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, SUB_Subscription_ID, C_Invoice_ID, C_BPartner_ID,"
                + " C_BP_BankAccount_ID, AttemptAmt, C_Currency_ID, IdempotencyKey, AttemptNo, PaymentStatus, DateDue, DunningStatus,"
                + " IsActive, Created, Updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'P', ?, 'N', 'Y', now(), now())"
                + " ON CONFLICT (AD_Client_ID, C_Invoice_ID, AttemptNo) DO NOTHING")) {
            for (int i = 0; i < attempts.size(); i++) {
                New a = attempts.get(i);
                String uu = java.util.UUID.randomUUID().toString();
                Sql.bind(ps, ids[i], uu, tenant.clientId(), tenant.orgId(), tenant.userId(), tenant.userId(), a.subscriptionId(),
                        a.invoiceId(), a.customerId(), a.methodId().orElse(null), a.amount(), a.currencyId(), "sub-pay-" + uu,
                        a.attemptNo(), a.dueOn());
                ps.addBatch();
            }
            for (int n : ps.executeBatch()) {
                added += Math.max(0, n);
            }
        }
        return added;
    }

    /**
     * What a claim takes: pending attempts due by {@code today}; with {@code uncertain}, first the
     * attempts whose answer was unknown before {@code passStart} (unknown answers of this pass wait
     * for the next one) and those left in flight before {@code staleBefore} (a collector that died).
     * Leases and passes run on wall time ({@code Updated}), the attempt's own dates on the host's
     * clock.
     */
    public record Due(LocalDate today, boolean uncertain, Instant passStart, Instant staleBefore) {
    }

    /**
     * Claims up to {@code limit} attempts for this collector and marks them in flight: those
     * {@code due} names, each kind oldest due first. Rows another transaction holds are skipped.
     * The caller commits at once, then calls the gateway.
     *
     * <p>Pending attempts are read from the range of the index on status and due date, which stops
     * after {@code limit} rows (one query over all three states would read and sort every due
     * attempt for every claim). Looking for uncertain ones reads every attempt in flight, and the
     * index keeps an entry for every attempt that was in flight until vacuum removes it: the
     * caller asks for them only now and then.
     *
     * @param triedAt the host clock's now ({@code DateTried})
     * @param now     wall time: the claim's lease ({@code Updated})
     * @return the claimed attempts, each with the state it was claimed in
     */
    public List<Claimed> claim(Connection c, Tenant tenant, Due due, Instant triedAt, Instant now, int limit,
            LongFunction<Currency> currencies) throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        if (due.uncertain()) {
            claimed.addAll(select(c, SELECT + " AND ((a.PaymentStatus = 'U' AND a.Updated < ?) OR (a.PaymentStatus = 'F'"
                    + " AND a.Updated < ?)) ORDER BY a.DateDue LIMIT ? FOR UPDATE SKIP LOCKED", currencies, tenant.clientId(),
                    Timestamp.from(due.passStart()), Timestamp.from(due.staleBefore()), limit));
        }
        if (claimed.size() < limit) {
            claimed.addAll(select(c, SELECT + " AND a.PaymentStatus = 'P' AND a.DateDue <= ? ORDER BY a.DateDue LIMIT ?"
                    + " FOR UPDATE SKIP LOCKED", currencies, tenant.clientId(), due.today(), limit - claimed.size()));
        }
        return mark(c, tenant, triedAt, now, claimed);
    }

    /** Claims one pending attempt (a request to pay now), unless another collector holds it or it is no longer pending. */
    public Optional<Claimed> claimOne(Connection c, Tenant tenant, long attemptId, Instant triedAt, Instant now,
            LongFunction<Currency> currencies) throws SQLException {
        return mark(c, tenant, triedAt, now, select(c, SELECT + " AND a.SUB_PaymentAttempt_ID = ? AND a." + BY_KEY_PENDING
                + " FOR UPDATE SKIP LOCKED", currencies, tenant.clientId(), attemptId)).stream().findFirst();
    }

    private static List<Claimed> select(Connection c, String sql, LongFunction<Currency> currencies, Object... params)
            throws SQLException {
        List<Claimed> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Stored s = read(rs, currencies);
                out.add(new Claimed(s, s.attempt().status(), null));
            }
        }
        return out;
    }

    private static List<Claimed> mark(Connection c, Tenant tenant, Instant triedAt, Instant now, List<Claimed> claimed)
            throws SQLException {
        // the claim's stamp is its lease: whoever claimed last owns the attempt (Updated = its stamp)
        Instant lease = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        List<Claimed> out = claimed.stream().map(x -> new Claimed(x.stored(), x.claimedFrom(), lease)).toList();
        if (!out.isEmpty()) {
            try (PreparedStatement ps = Sql.prepare(c, "UPDATE SUB_PaymentAttempt SET PaymentStatus = 'F', DateTried = ?, Updated = ?"
                    + " WHERE AD_Client_ID = ? AND SUB_PaymentAttempt_ID = ANY (?)", Timestamp.from(triedAt), Timestamp.from(lease),
                    tenant.clientId(),
                    c.createArrayOf("bigint", out.stream().map(x -> x.stored().attempt().id()).toArray()))) {
                ps.executeUpdate();
            }
        }
        return out;
    }

    /**
     * An attempt a collector claimed, the state it was in (pending, unknown, or in flight with its
     * lease run out), and the claim's lease: the stamp the claim left in {@code Updated}. Another
     * collector that claims the attempt after the lease ran out leaves its own stamp and owns it from
     * then on.
     */
    public record Claimed(Stored stored, PaymentStatus claimedFrom, Instant lease) {
    }

    /**
     * Locks those in-flight attempts of one claim that it still owns (no other collector claimed
     * them since, after the lease ran out) for the rest of the caller's transaction, in id order
     * (two collectors never wait for each other's rows in a cycle).
     *
     * @param lease the claim's lease ({@link Claimed#lease()}), the same for all of {@code attemptIds}
     * @return the ids still owned
     */
    public Set<Long> owned(Connection c, Tenant tenant, Collection<Long> attemptIds, Instant lease) throws SQLException {
        Set<Long> out = new HashSet<>();
        if (attemptIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = Sql.prepare(c, "SELECT SUB_PaymentAttempt_ID FROM SUB_PaymentAttempt WHERE AD_Client_ID = ?"
                + " AND SUB_PaymentAttempt_ID = ANY (?) AND " + BY_KEY_IN_FLIGHT + " AND Updated = ? ORDER BY SUB_PaymentAttempt_ID"
                + " FOR UPDATE", tenant.clientId(), c.createArrayOf("bigint", attemptIds.toArray()), Timestamp.from(lease));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** The amount and saved method an in-flight attempt is to be charged with. */
    public record Charge(long attemptId, BigDecimal amount, long methodId) {
    }

    /** Sets the amount and method in-flight attempts are charged with, before the gateway is called; one batch. */
    public void prepare(Connection c, Tenant tenant, List<Charge> charges) throws SQLException {
        if (charges.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE SUB_PaymentAttempt SET AttemptAmt = ?, C_BP_BankAccount_ID = ?"
                + " WHERE AD_Client_ID = ? AND SUB_PaymentAttempt_ID = ? AND " + BY_KEY_IN_FLIGHT)) {
            for (Charge x : charges) {
                Sql.bind(ps, x.amount(), x.methodId(), tenant.clientId(), x.attemptId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * How an in-flight attempt ends: the gateway's answer (or the engine's reason).
     *
     * @param dunning whether the customer is to be told (a failure, or no method)
     */
    public record Finish(long attemptId, PaymentStatus status, Optional<Long> paymentId, Optional<String> reference,
            Optional<String> code, String message, boolean dunning) {
    }

    /**
     * Finishes an in-flight attempt with the gateway's answer (or the engine's reason); an attempt
     * no longer in flight (another collector finished it after this one's lease ran out) is left
     * alone. An attempt ended without calling the gateway (CANCELLED: nothing open; NO_METHOD) keeps
     * no {@code DateTried}: the claim set it, but the column says when the gateway was called.
     *
     * @param dunning whether the customer is to be told (a failure, or no method)
     * @return whether it was finished by this call
     */
    public boolean finish(Connection c, Tenant tenant, long attemptId, PaymentStatus status, Optional<Long> paymentId,
            Optional<String> reference, Optional<String> code, String message, boolean dunning) throws SQLException {
        return finish(c, tenant, List.of(new Finish(attemptId, status, paymentId, reference, code, message, dunning)))[0];
    }

    /**
     * Finishes in-flight attempts as {@link #finish(Connection, Tenant, long, PaymentStatus,
     * Optional, Optional, Optional, String, boolean)} does each, in one batch.
     *
     * @return for each, in order, whether it was finished by this call
     */
    public boolean[] finish(Connection c, Tenant tenant, List<Finish> ends) throws SQLException {
        boolean[] out = new boolean[ends.size()];
        if (ends.isEmpty()) {
            return out;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = c.prepareStatement("UPDATE SUB_PaymentAttempt SET PaymentStatus = ?, C_Payment_ID = ?,"
                + " GatewayReference = ?, ResultCode = ?, ResultMsg = ?, DunningStatus = CASE WHEN ? THEN 'P' ELSE DunningStatus END,"
                + " Updated = ?, DateTried = CASE WHEN ? THEN DateTried END"
                + " WHERE AD_Client_ID = ? AND SUB_PaymentAttempt_ID = ? AND " + BY_KEY_IN_FLIGHT)) {
            for (Finish f : ends) {
                String msg = f.message() == null ? null : f.message().length() > 2000 ? f.message().substring(0, 1997) + "..."
                        : f.message();
                boolean gatewayCalled = f.status() != PaymentStatus.CANCELLED && f.status() != PaymentStatus.NO_METHOD;
                Sql.bind(ps, f.status().code(), f.paymentId().orElse(null), f.reference().map(r -> cut(r, 60)).orElse(null),
                        f.code().map(r -> cut(r, 60)).orElse(null), msg, f.dunning(), now, gatewayCalled, tenant.clientId(),
                        f.attemptId());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                out[i] = counts[i] == 1;
            }
        }
        return out;
    }

    private static String cut(String s, int n) {
        return s.length() > n ? s.substring(0, n) : s;
    }

    /**
     * Makes the customer's attempts that waited for a payment method pending again, due today;
     * with {@code retries}, also moves the customer's pending retries (attempt 2 and later, due on
     * a later day) to today: a new or new default method is tried at once, not on the schedule's
     * next day.
     */
    public int retryWaitingForMethod(Connection c, Tenant tenant, long customerId, LocalDate today, boolean retries)
            throws SQLException {
        return Sql.update(c, "UPDATE SUB_PaymentAttempt SET PaymentStatus = 'P', DateDue = ?, Updated = now()"
                + " WHERE AD_Client_ID = ? AND C_BPartner_ID = ? AND (PaymentStatus = 'N' OR (? AND PaymentStatus = 'P'"
                + " AND AttemptNo > 1 AND DateDue > ?))", today, tenant.clientId(), customerId, retries, today);
    }

    /**
     * Cancels the retries (attempt 2 and later) of a subscription that closes, pending or waiting
     * for a method: closing stops the dunning. A first charge still due stays: it charges an
     * invoice for what was served, once, and is not retried after the close.
     */
    public int cancelRetriesOfClosed(Connection c, Tenant tenant, long subscriptionId) throws SQLException {
        return Sql.update(c, "UPDATE SUB_PaymentAttempt SET PaymentStatus = 'X', ResultMsg = 'The subscription closed: no more"
                + " retries; the invoice stays open', Updated = now() WHERE AD_Client_ID = ? AND SUB_Subscription_ID = ?"
                + " AND PaymentStatus IN ('P', 'N') AND AttemptNo > 1", tenant.clientId(), subscriptionId);
    }

    /**
     * The invoices a collection looks at for payments made elsewhere (a transfer, a payment
     * allocated in the ERP): those with attempts pending or waiting for a method, and those with a
     * failed attempt of a subscription that is past due. Set-based: one query, read after the
     * due attempts were collected, so only retries on later days and waiting attempts remain.
     *
     * @return invoice → the subscription its attempts are of
     */
    public java.util.Map<Long, Long> toRecover(Connection c, Tenant tenant) throws SQLException {
        java.util.Map<Long, Long> out = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = Sql.prepare(c, "SELECT a.C_Invoice_ID, a.SUB_Subscription_ID FROM SUB_PaymentAttempt a"
                + " WHERE a.AD_Client_ID = ? AND a.PaymentStatus IN ('P', 'N') UNION SELECT a.C_Invoice_ID, a.SUB_Subscription_ID"
                + " FROM SUB_Subscription s JOIN SUB_PaymentAttempt a ON a.AD_Client_ID = s.AD_Client_ID"
                + " AND a.SUB_Subscription_ID = s.SUB_Subscription_ID WHERE s.AD_Client_ID = ? AND s.IsPastDue = 'Y'"
                + " AND a.PaymentStatus IN ('D', 'E')", tenant.clientId(), tenant.clientId()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    /**
     * {@link #toRecover} narrowed to the given invoices: those of {@code invoiceIds} with attempts
     * of the tenant pending or waiting for a method, and every invoice with failed attempts of a
     * past-due subscription one of {@code invoiceIds} belongs to (all of them, so that the flag can
     * be cleared when the last one is paid), with their subscription. Ids of invoices without
     * attempts (not a subscription's, another tenant's) add nothing.
     */
    public java.util.Map<Long, Long> toRecover(Connection c, Tenant tenant, Collection<Long> invoiceIds) throws SQLException {
        java.util.Map<Long, Long> out = new java.util.LinkedHashMap<>();
        if (invoiceIds.isEmpty()) {
            return out;
        }
        java.sql.Array ids = c.createArrayOf("bigint", invoiceIds.toArray());
        try (PreparedStatement ps = Sql.prepare(c, "SELECT a.C_Invoice_ID, a.SUB_Subscription_ID FROM SUB_PaymentAttempt a"
                + " WHERE a.AD_Client_ID = ? AND a.C_Invoice_ID = ANY (?) AND a.PaymentStatus IN ('P', 'N') UNION"
                + " SELECT a.C_Invoice_ID, a.SUB_Subscription_ID FROM SUB_Subscription s JOIN SUB_PaymentAttempt a"
                + " ON a.AD_Client_ID = s.AD_Client_ID AND a.SUB_Subscription_ID = s.SUB_Subscription_ID"
                + " WHERE s.AD_Client_ID = ? AND s.IsPastDue = 'Y' AND a.PaymentStatus IN ('D', 'E') AND s.SUB_Subscription_ID IN"
                + " (SELECT b.SUB_Subscription_ID FROM SUB_PaymentAttempt b WHERE b.AD_Client_ID = ? AND b.C_Invoice_ID = ANY (?))",
                tenant.clientId(), ids, tenant.clientId(), tenant.clientId(), ids); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** Cancels the attempts of paid invoices that are pending or waiting for a method, saying why; one statement. */
    public int cancelOpen(Connection c, Tenant tenant, Collection<Long> invoiceIds, String why) throws SQLException {
        if (invoiceIds.isEmpty()) {
            return 0;
        }
        return Sql.update(c, "UPDATE SUB_PaymentAttempt SET PaymentStatus = 'X', ResultMsg = ?, Updated = now()"
                + " WHERE AD_Client_ID = ? AND C_Invoice_ID = ANY (?) AND PaymentStatus IN ('P', 'N')", why, tenant.clientId(),
                c.createArrayOf("bigint", invoiceIds.toArray()));
    }

    /**
     * Clears the past-due flag of those of {@code subscriptionIds} none of whose invoices with a
     * failed attempt is still unpaid: every such invoice is among {@code paidInvoiceIds} (checked
     * in the statement, so a failure recorded meanwhile keeps the flag). In id order.
     *
     * @return how many were cleared
     */
    public int clearPastDue(Connection c, Tenant tenant, Collection<Long> subscriptionIds, Collection<Long> paidInvoiceIds)
            throws SQLException {
        if (subscriptionIds.isEmpty()) {
            return 0;
        }
        return Sql.update(c, "UPDATE SUB_Subscription s SET IsPastDue = 'N', Updated = now() WHERE s.SUB_Subscription_ID IN"
                + " (SELECT x.SUB_Subscription_ID FROM SUB_Subscription x WHERE x.AD_Client_ID = ? AND x.SUB_Subscription_ID = ANY (?)"
                + " AND x.IsPastDue = 'Y' AND NOT EXISTS (SELECT 1 FROM SUB_PaymentAttempt a WHERE a.AD_Client_ID = x.AD_Client_ID"
                + " AND a.SUB_Subscription_ID = x.SUB_Subscription_ID AND a.PaymentStatus IN ('D', 'E')"
                + " AND NOT (a.C_Invoice_ID = ANY (?))) ORDER BY x.SUB_Subscription_ID FOR UPDATE)", tenant.clientId(),
                c.createArrayOf("bigint", subscriptionIds.toArray()), c.createArrayOf("bigint", paidInvoiceIds.toArray()));
    }

    /** @return whether a later attempt of the invoice is pending: the customer is told it will be tried again */
    public boolean retryFollows(Connection c, Tenant tenant, long invoiceId, int attemptNo) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT 1 FROM SUB_PaymentAttempt WHERE AD_Client_ID = ? AND C_Invoice_ID = ?"
                + " AND AttemptNo > ? AND PaymentStatus = 'P' LIMIT 1", tenant.clientId(), invoiceId, attemptNo);
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** @return whether a customer has attempts open (pending, in flight, unknown or waiting for a method) */
    public boolean hasOpen(Connection c, Tenant tenant, long customerId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT 1 FROM SUB_PaymentAttempt WHERE AD_Client_ID = ? AND C_BPartner_ID = ?"
                + " AND PaymentStatus IN ('P', 'F', 'U', 'N') LIMIT 1", tenant.clientId(), customerId);
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** @return the highest attempt number recorded for an invoice (0: none) */
    public int lastAttemptNo(Connection c, Tenant tenant, long invoiceId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT COALESCE(MAX(AttemptNo), 0) FROM SUB_PaymentAttempt"
                + " WHERE AD_Client_ID = ? AND C_Invoice_ID = ?", tenant.clientId(), invoiceId);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** @return the day the invoice's first attempt failed, if one did */
    public Optional<LocalDate> firstFailure(Connection c, Tenant tenant, long invoiceId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT MIN(DateTried) FROM SUB_PaymentAttempt WHERE AD_Client_ID = ?"
                + " AND C_Invoice_ID = ? AND PaymentStatus IN ('D', 'E')", tenant.clientId(), invoiceId);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return Optional.ofNullable(t).map(x -> x.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate());
        }
    }

    /** Marks attempts whose customer still has to be told as told (or as failed to tell). */
    public void dunned(Connection c, Tenant tenant, long attemptId, boolean sent) throws SQLException {
        Sql.update(c, "UPDATE SUB_PaymentAttempt SET DunningStatus = ?, DunningSent = CASE WHEN ? THEN now() ELSE DunningSent END,"
                + " Updated = now() WHERE AD_Client_ID = ? AND SUB_PaymentAttempt_ID = ?", sent ? "S" : "F", sent, tenant.clientId(),
                attemptId);
    }

    /** Claims the next attempt whose customer is to be told of a failure, skipping rows another sender holds. */
    public Optional<Stored> claimDunning(Connection c, Tenant tenant, LongFunction<Currency> currencies) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, SELECT + " AND a.DunningStatus = 'P' ORDER BY a.SUB_PaymentAttempt_ID LIMIT 1"
                + " FOR UPDATE SKIP LOCKED", tenant.clientId());
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs, currencies)) : Optional.empty();
        }
    }

    /** @return an invoice's attempts, or a subscription's, oldest first */
    public List<PaymentAttempt> of(Connection c, Tenant tenant, String column, long id, LongFunction<Currency> currencies)
            throws SQLException {
        if (!column.equals("C_Invoice_ID") && !column.equals("SUB_Subscription_ID")) {
            throw new IllegalArgumentException(column);
        }
        List<PaymentAttempt> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, SELECT + " AND a." + column + " = ? ORDER BY a.C_Invoice_ID, a.AttemptNo",
                tenant.clientId(), id);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs, currencies).attempt());
            }
        }
        return out;
    }

    /** @return one attempt */
    public Optional<PaymentAttempt> find(Connection c, Tenant tenant, long attemptId, LongFunction<Currency> currencies)
            throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, SELECT + " AND a.SUB_PaymentAttempt_ID = ?", tenant.clientId(), attemptId);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs, currencies).attempt()) : Optional.empty();
        }
    }

    private static Stored read(ResultSet rs, LongFunction<Currency> currencies) throws SQLException {
        long method = rs.getLong("C_BP_BankAccount_ID");
        Optional<Long> methodId = rs.wasNull() ? Optional.empty() : Optional.of(method);
        long payment = rs.getLong("C_Payment_ID");
        Optional<Long> paymentId = rs.wasNull() ? Optional.empty() : Optional.of(payment);
        Timestamp tried = rs.getTimestamp("DateTried");
        long currencyId = rs.getLong("C_Currency_ID");
        PaymentAttempt a = new PaymentAttempt(rs.getLong("SUB_PaymentAttempt_ID"), rs.getLong("SUB_Subscription_ID"),
                rs.getLong("C_Invoice_ID"), rs.getLong("C_BPartner_ID"), methodId,
                Money.of(rs.getBigDecimal("AttemptAmt"), currencies.apply(currencyId)), rs.getInt("AttemptNo"),
                DictionaryCode.fromCode(PaymentStatus.class, "PaymentStatus", rs.getString("PaymentStatus")), Sql.date(rs, "DateDue"),
                Optional.ofNullable(tried).map(Timestamp::toInstant), paymentId, Optional.ofNullable(rs.getString("GatewayReference")),
                Optional.ofNullable(rs.getString("ResultCode")), Optional.ofNullable(rs.getString("ResultMsg")));
        return new Stored(a, rs.getString("IdempotencyKey"), currencyId);
    }

    /**
     * @return the subscription an invoice of ours bills (its billing item's, else the change whose
     *         adjustment it is), with its customer and currency; empty for an invoice that is not ours
     */
    public Optional<long[]> subscriptionOfInvoice(Connection c, Tenant tenant, long invoiceId) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT s.SUB_Subscription_ID, s.C_BPartner_ID, s.C_Currency_ID FROM SUB_Subscription s"
                + " WHERE s.AD_Client_ID = ? AND s.SUB_Subscription_ID = (SELECT x.SUB_Subscription_ID FROM (SELECT SUB_Subscription_ID"
                + " FROM SUB_BillingItem WHERE AD_Client_ID = ? AND C_Invoice_ID = ? UNION ALL SELECT SUB_Subscription_ID FROM SUB_Change"
                + " WHERE AD_Client_ID = ? AND C_Invoice_ID = ?) x LIMIT 1)", tenant.clientId(), tenant.clientId(), invoiceId,
                tenant.clientId(), invoiceId); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) }) : Optional.empty();
        }
    }
}
