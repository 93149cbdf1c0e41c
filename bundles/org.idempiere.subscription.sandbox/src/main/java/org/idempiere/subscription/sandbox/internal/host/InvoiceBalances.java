package org.idempiere.subscription.sandbox.internal.host;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.sandbox.internal.db.Rows;

/**
 * What is open of the reference host's invoices: the grand total less what the gateway captured
 * for them, plus what it refunded, less the customer credit settled on them (an invoice marked
 * paid by {@code POST /sandbox/invoices/{id}/pay} without any capture or credit is paid outside
 * the gateway: nothing is open). Its paid flag follows: an invoice is paid exactly when nothing of
 * it is open.
 */
final class InvoiceBalances {
    private static final String SELECT = "SELECT i.c_invoice_id, i.c_bpartner_id, i.c_currency_id, cur.iso_code,"
            + " cur.std_precision, i.grand_total, i.is_paid,"
            + " COALESCE((SELECT SUM(amount) FROM sbx_gateway_charge g WHERE g.c_invoice_id = i.c_invoice_id"
            + "   AND g.charge_type = 'CAPTURE' AND g.outcome = 'SUCCEEDED'), 0),"
            + " COALESCE((SELECT SUM(amount) FROM sbx_gateway_charge g WHERE g.c_invoice_id = i.c_invoice_id"
            + "   AND g.charge_type = 'REFUND' AND g.outcome = 'SUCCEEDED'), 0), i.credited"
            + " FROM sbx_invoice i JOIN sbx_currency cur ON cur.c_currency_id = i.c_currency_id"
            + " WHERE i.ad_client_id = ? AND i.doc_status IN ('CO', 'CL')";

    private InvoiceBalances() {
    }

    /** An invoice with what the gateway captured and refunded for it and the credit settled on it. */
    record InvoiceRow(long id, long customerId, long currencyId, String currency, int scale, BigDecimal grandTotal,
            boolean paid, BigDecimal captured, BigDecimal refunded, BigDecimal credited) {

        Money open() {
            Currency cur = Currency.getInstance(currency);
            if (paid && captured.signum() == 0 && credited.signum() == 0) { // marked paid outside the gateway
                return Money.zero(cur);
            }
            return Money.of(grandTotal.subtract(captured).add(refunded).subtract(credited).setScale(scale, RoundingMode.UNNECESSARY),
                    cur);
        }

        /** @return this invoice after a capture of {@code amount} succeeded */
        InvoiceRow withCapture(BigDecimal amount) {
            return new InvoiceRow(id, customerId, currencyId, currency, scale, grandTotal, paid, captured.add(amount), refunded,
                    credited);
        }
    }

    /**
     * Locks an invoice for the rest of the caller's transaction: charges and refunds of one
     * invoice are serialized by it. Read the invoice after the lock (a statement started before
     * would not see what the transaction that held the lock wrote).
     */
    static void lock(Connection c, long invoiceId) {
        Rows.first(c, "SELECT 1 FROM sbx_invoice WHERE ad_client_id = ? AND c_invoice_id = ? FOR UPDATE", rs -> true, client(),
                invoiceId);
    }

    /** A completed (or closed) invoice of the tenant. */
    static Optional<InvoiceRow> read(Connection c, long invoiceId) {
        return Rows.first(c, SELECT + " AND i.c_invoice_id = ?", InvoiceBalances::row, client(), invoiceId);
    }

    /** The completed (or closed) invoices of the tenant among {@code invoiceIds}, in one query; unknown ones left out. */
    static Map<Long, InvoiceRow> read(Connection c, Collection<Long> invoiceIds) {
        Map<Long, InvoiceRow> out = new LinkedHashMap<>();
        if (invoiceIds.isEmpty()) {
            return out;
        }
        for (InvoiceRow r : Rows.list(c, SELECT + " AND i.c_invoice_id = ANY (?)", InvoiceBalances::row, client(),
                Rows.array(c, invoiceIds))) {
            out.put(r.id(), r);
        }
        return out;
    }

    private static InvoiceRow row(ResultSet rs) throws SQLException {
        return new InvoiceRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4).strip(), rs.getInt(5), rs.getBigDecimal(6),
                "Y".equals(rs.getString(7)), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10));
    }

    /** Reads the invoice again and sets its paid flag (after a refund or a credit). */
    static void markPaid(Connection c, long invoiceId) {
        markPaid(c, read(c, invoiceId).orElseThrow());
    }

    /**
     * Sets the paid flag of an invoice as it is now, read under its lock with what the caller
     * recorded since: paid exactly when nothing is open, once anything was captured or credited
     * (an invoice paid outside the gateway keeps its flag). Writes only a flag that changes.
     */
    static void markPaid(Connection c, InvoiceRow now) {
        if (now.captured().signum() > 0 || now.credited().signum() > 0) {
            boolean paid = now.open().isZero();
            if (paid != now.paid()) {
                Rows.update(c, "UPDATE sbx_invoice SET is_paid = ? WHERE c_invoice_id = ?", paid ? "Y" : "N", now.id());
            }
        }
    }

    private static long client() {
        return ReferenceHostContext.TENANT.clientId();
    }
}
