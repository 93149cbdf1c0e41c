package org.idempiere.subscription.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.DictionaryCode;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.InvoiceMail;
import org.idempiere.subscription.api.service.InvoiceMail.MailStatus;

/**
 * {@code SUB_InvoiceMail}: the invoice e-mail outbox. A row is written with its invoice, in the
 * same transaction, and sent after that is committed; one row per invoice (a consolidated
 * invoice of several subscriptions is e-mailed once).
 */
public final class InvoiceMailStore {
    private static final String SELECT = "SELECT SUB_InvoiceMail_ID, SUB_Subscription_ID, C_Invoice_ID, MailTo, MailStatus,"
            + " MailAttempts, MailErrorMsg, MailSent FROM SUB_InvoiceMail WHERE AD_Client_ID = ?";

    /**
     * Records the e-mails of invoices, pending: {@code invoices} maps each invoice to the
     * subscription it is recorded under. An invoice that has its e-mail already is left alone.
     *
     * @param ids one new id per invoice, in the map's order
     */
    public void enqueue(Connection c, Tenant tenant, long[] ids, Map<Long, Long> invoices) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO SUB_InvoiceMail (SUB_InvoiceMail_ID, SUB_InvoiceMail_UU,"
                + " AD_Client_ID, AD_Org_ID, CreatedBy, UpdatedBy, SUB_Subscription_ID, C_Invoice_ID, MailStatus, MailAttempts,"
                + " IsActive, Created, Updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'P', 0, 'Y', now(), now())"
                + " ON CONFLICT (AD_Client_ID, C_Invoice_ID) DO NOTHING")) {
            int i = 0;
            for (Map.Entry<Long, Long> e : invoices.entrySet()) {
                Sql.bind(ps, ids[i++], java.util.UUID.randomUUID().toString(), tenant.clientId(), tenant.orgId(), tenant.userId(),
                        tenant.userId(), e.getValue(), e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A pending e-mail claimed for sending, with what the message needs. */
    public record Claimed(long id, long invoiceId, int attempts, long customerId, String subscriptionNo) {
    }

    /**
     * Claims the oldest pending e-mail whose next attempt has come ({@code now}), other than
     * {@code except}, locked for this transaction; rows another transaction holds are skipped
     * (another server sends them).
     */
    public Optional<Claimed> claimNext(Connection c, Tenant tenant, Instant now, java.util.Collection<Long> except)
            throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT m.SUB_InvoiceMail_ID, m.C_Invoice_ID, m.MailAttempts, s.C_BPartner_ID,"
                + " s.DocumentNo FROM SUB_InvoiceMail m JOIN SUB_Subscription s ON s.SUB_Subscription_ID = m.SUB_Subscription_ID"
                + " AND s.AD_Client_ID = m.AD_Client_ID"
                + " WHERE m.AD_Client_ID = ? AND m.MailStatus = 'P' AND (m.MailNextAttempt IS NULL OR m.MailNextAttempt <= ?)"
                + " AND NOT (m.SUB_InvoiceMail_ID = ANY(?))"
                + " ORDER BY m.SUB_InvoiceMail_ID LIMIT 1 FOR UPDATE OF m SKIP LOCKED", tenant.clientId(), Timestamp.from(now),
                c.createArrayOf("numeric", except.toArray()));
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Claimed(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getString(5)));
        }
    }

    /** Records an e-mail sent to {@code to}. */
    public void sent(Connection c, Tenant tenant, long id, String to, Instant at) throws SQLException {
        Sql.update(c, "UPDATE SUB_InvoiceMail SET MailStatus = 'S', MailTo = ?, MailAttempts = MailAttempts + 1, MailSent = ?,"
                + " MailNextAttempt = NULL, MailErrorMsg = NULL, Updated = now(), UpdatedBy = ? WHERE AD_Client_ID = ?"
                + " AND SUB_InvoiceMail_ID = ?", to, Timestamp.from(at), tenant.userId(), tenant.clientId(), id);
    }

    /**
     * Records a failed attempt: tried again from {@code retryAt}, or FAILED for good when
     * {@code retryAt} is null.
     */
    public void failed(Connection c, Tenant tenant, long id, String to, String error, Instant retryAt) throws SQLException {
        String message = error == null || error.isBlank() ? "unknown failure" : error;
        Sql.update(c, "UPDATE SUB_InvoiceMail SET MailStatus = ?, MailTo = COALESCE(?, MailTo), MailAttempts = MailAttempts + 1,"
                + " MailNextAttempt = ?, MailErrorMsg = ?, Updated = now(), UpdatedBy = ? WHERE AD_Client_ID = ?"
                + " AND SUB_InvoiceMail_ID = ?", retryAt == null ? "F" : "P", to, retryAt == null ? null : Timestamp.from(retryAt),
                message.length() > 2000 ? message.substring(0, 1997) + "..." : message, tenant.userId(), tenant.clientId(), id);
    }

    /** @return the e-mails of a subscription's invoices, oldest first */
    public List<InvoiceMail> ofSubscription(Connection c, Tenant tenant, long subscriptionId) throws SQLException {
        List<InvoiceMail> out = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, SELECT + " AND SUB_Subscription_ID = ? ORDER BY SUB_InvoiceMail_ID",
                tenant.clientId(), subscriptionId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp sent = rs.getTimestamp("MailSent");
                out.add(new InvoiceMail(rs.getLong(1), rs.getLong(2), rs.getLong(3), Optional.ofNullable(rs.getString("MailTo")),
                        DictionaryCode.fromCode(MailStatus.class, "MailStatus", rs.getString("MailStatus")), rs.getInt("MailAttempts"),
                        Optional.ofNullable(rs.getString("MailErrorMsg")), Optional.ofNullable(sent).map(Timestamp::toInstant)));
            }
        }
        return out;
    }
}
