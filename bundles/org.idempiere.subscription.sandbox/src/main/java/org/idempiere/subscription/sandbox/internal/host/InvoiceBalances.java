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
 * for them, plus what it refunded, less what credit invoices settled of them ({@code credited}; a
 * credit invoice's is negative, what it settled of others, so its open amount is negative: the
 * credit it still has). An invoice marked paid by {@code POST /sandbox/invoices/{id}/pay} without
 * any capture or credit is paid outside the gateway: nothing is open. The invoice keeps these sums as each capture, refund or credit is
 * recorded ({@link #record}), under its lock; the gateway's ledger holds every capture and refund
 * they add up. Its paid flag follows: an invoice is paid exactly when nothing of it is open.
 */
final class InvoiceBalances {
    /** The columns {@link #row} reads, first in a row: of {@link #TABLES}. */
    static final String COLUMNS = "i.c_invoice_id, i.c_bpartner_id, i.c_currency_id, cur.iso_code, cur.std_precision,"
            + " i.grand_total, i.is_paid, i.captured, i.refunded, i.credited";
    /** The invoice ({@code i}) with its currency ({@code cur}). */
    static final String TABLES = "sbx_invoice i JOIN sbx_currency cur ON cur.c_currency_id = i.c_currency_id";
    /** The condition for a completed (or closed) invoice of the tenant (one parameter: the tenant). */
    static final String COMPLETED = " WHERE i.ad_client_id = ? AND i.doc_status IN ('CO', 'CL')";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM " + TABLES + COMPLETED;

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

    }

    /**
     * Locks a completed (or closed) invoice of the tenant for the rest of the caller's transaction
     * and reads it: charges, refunds and credits of one invoice are serialized by the lock. The
     * sums are columns of the locked row, so they are those the transaction that held the lock
     * last wrote.
     */
    static Optional<InvoiceRow> lock(Connection c, long invoiceId) {
        return Rows.first(c, SELECT + " AND i.c_invoice_id = ? FOR UPDATE OF i", InvoiceBalances::row, client(), invoiceId);
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
                Rows.ids(c, invoiceIds))) {
            out.put(r.id(), r);
        }
        return out;
    }

    /** An invoice from a row that starts with {@link #COLUMNS}. */
    static InvoiceRow row(ResultSet rs) throws SQLException {
        return new InvoiceRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4).strip(), rs.getInt(5), rs.getBigDecimal(6),
                "Y".equals(rs.getString(7)), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10));
    }

    /**
     * Records on an invoice read under its lock ({@link #lock}) what the caller captured, refunded
     * or settled with credit since, in one statement, and its paid flag: paid exactly when nothing
     * is open, once anything was captured or credited (an invoice paid outside the gateway keeps
     * its flag). Writes nothing when nothing changes (a declined capture).
     */
    static void record(Connection c, InvoiceRow locked, BigDecimal captured, BigDecimal refunded, BigDecimal credited) {
        InvoiceRow now = new InvoiceRow(locked.id(), locked.customerId(), locked.currencyId(), locked.currency(), locked.scale(),
                locked.grandTotal(), locked.paid(), locked.captured().add(captured), locked.refunded().add(refunded),
                locked.credited().add(credited));
        boolean paid = now.captured().signum() > 0 || now.credited().signum() != 0 ? now.open().isZero() : locked.paid();
        if (captured.signum() != 0 || refunded.signum() != 0 || credited.signum() != 0 || paid != locked.paid()) {
            Rows.update(c, "UPDATE sbx_invoice SET captured = ?, refunded = ?, credited = ?, is_paid = ? WHERE c_invoice_id = ?",
                    now.captured(), now.refunded(), now.credited(), paid ? "Y" : "N", now.id());
        }
    }

    private static long client() {
        return ReferenceHostContext.current().clientId();
    }
}
