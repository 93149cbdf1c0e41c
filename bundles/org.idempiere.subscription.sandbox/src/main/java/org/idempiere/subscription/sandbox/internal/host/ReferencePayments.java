package org.idempiere.subscription.sandbox.internal.host;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.ChargeRequest;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.host.CreditShare;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.sandbox.internal.gateway.CardSetups;
import org.idempiere.subscription.sandbox.internal.gateway.Gateway;
import org.idempiere.subscription.sandbox.internal.gateway.Gateway.Decision;
import org.idempiere.subscription.sandbox.internal.gateway.Gateway.Entry;
import org.idempiere.subscription.sandbox.internal.gateway.Gateway.TokenView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Payments of the reference host over its gateway. Saved methods are {@code sbx_payment_method}
 * rows (iDempiere's {@code C_BP_BankAccount}) pointing at a gateway token; what the engine sees of
 * them is what the gateway shows. Charges and refunds run in their own transaction (never the
 * engine's): the configured latency is waited first, then the invoice row is locked, the key looked
 * up again, the charge decided and written to the gateway's ledger, and the invoice marked paid
 * when nothing is left open, or unpaid again after a refund. A key seen before answers what the
 * ledger holds for it without moving money; a key used for another request is refused. An
 * invoice's open amount is its grand total less the captures plus the refunds less what credit
 * invoices settled of it (a credit invoice's is negative: the credit it still has) — an invoice
 * marked paid by {@code POST /sandbox/invoices/{id}/pay} without any capture or credit is paid
 * outside the gateway: nothing is open.
 */
@Component(service = {Payments.class, ReferencePayments.class})
public final class ReferencePayments implements Payments {
    private final HostContext host;
    private final Gateway gateway;
    private final CardSetups setups;

    @Activate
    public ReferencePayments(@Reference HostContext host, @Reference Gateway gateway, @Reference CardSetups setups) {
        this.host = host;
        this.gateway = gateway;
        this.setups = setups;
    }

    /**
     * The gateway's hosted card page ({@code /sandbox-gateway/card}) with a new setup for the
     * customer; only the portal's own return route is accepted as {@code returnTo}.
     */
    @Override
    public Optional<URI> hostedTokenization(Tx tx, long customerId, URI returnTo, String state, String language) {
        return Optional.of(setups.create(tx, customerId, returnTo, state, language));
    }

    private static long client() {
        return ReferenceHostContext.current().clientId();
    }

    /** A saved method row. */
    private record MethodRow(long id, long customerId, String token, boolean isDefault, boolean isActive) {
    }

    private static Optional<MethodRow> method(Connection c, long methodId) {
        return Rows.first(c, "SELECT c_bp_bankaccount_id, c_bpartner_id, token, is_default, is_active FROM sbx_payment_method"
                + " WHERE ad_client_id = ? AND c_bp_bankaccount_id = ?", rs -> new MethodRow(rs.getLong(1), rs.getLong(2),
                        rs.getString(3), "Y".equals(rs.getString(4)), "Y".equals(rs.getString(5))), client(), methodId);
    }

    /** An active method of that customer, or UNKNOWN_REFERENCE naming {@code methodId}. */
    private static MethodRow methodOf(Connection c, long customerId, long methodId) {
        return method(c, methodId).filter(m -> m.customerId() == customerId && m.isActive())
                .orElseThrow(() -> SubscriptionException.unknown("methodId", methodId));
    }

    private PaymentMethod view(Connection c, MethodRow m) {
        TokenView t = gateway.token(c, m.token()).orElseThrow(
                () -> SubscriptionException.hostFailure("Saved method " + m.id() + " names no gateway token", null));
        return new PaymentMethod(m.id(), m.customerId(), t.kind(), t.brand(), t.last4(), t.expiry(), t.maskedIban(),
                t.mandateReference(), t.mandateDate(), m.isDefault());
    }

    @Override
    public PaymentMethod register(Tx tx, long customerId, MethodRegistration registration) {
        Connection c = tx.connection();
        boolean customer = Rows.first(c, "SELECT 1 FROM sbx_customer WHERE ad_client_id = ? AND c_bpartner_id = ?",
                rs -> true, client(), customerId).isPresent();
        if (!customer) {
            throw SubscriptionException.unknown("customerId", customerId);
        }
        String token = registration.token();
        if (gateway.token(c, token).isEmpty()) {
            throw SubscriptionException.invalid("token", shown(token), "is not a token of the gateway");
        }
        Optional<MethodRow> saved = Rows.first(c, "SELECT c_bp_bankaccount_id FROM sbx_payment_method WHERE ad_client_id = ?"
                + " AND token = ? AND is_active = 'Y'", rs -> rs.getLong(1), client(), token).flatMap(id -> method(c, id));
        if (saved.isPresent() && saved.get().customerId() != customerId) {
            throw SubscriptionException.invalid("token", shown(token), "is saved for another customer");
        }
        long id;
        if (saved.isPresent()) { // the same token again: the same method
            id = saved.get().id();
        } else {
            id = Rows.nextId(c);
            Rows.update(c, "INSERT INTO sbx_payment_method (c_bp_bankaccount_id, ad_client_id, c_bpartner_id, token)"
                    + " VALUES (?, ?, ?, ?)", id, client(), customerId, token);
        }
        if (registration.makeDefault()) {
            makeDefault(c, customerId, id);
        }
        return view(c, method(c, id).orElseThrow());
    }

    /** A token in a message: its start only. */
    private static String shown(String token) {
        return token.length() <= 8 ? token : token.substring(0, 8) + "...";
    }

    private static void makeDefault(Connection c, long customerId, long methodId) {
        Rows.update(c, "UPDATE sbx_payment_method SET is_default = 'N' WHERE ad_client_id = ? AND c_bpartner_id = ?"
                + " AND is_default = 'Y' AND c_bp_bankaccount_id <> ?", client(), customerId, methodId);
        Rows.update(c, "UPDATE sbx_payment_method SET is_default = 'Y' WHERE c_bp_bankaccount_id = ?", methodId);
    }

    @Override
    public List<PaymentMethod> methods(Tx tx, long customerId) {
        Connection c = tx.connection();
        return Rows.list(c, "SELECT c_bp_bankaccount_id, c_bpartner_id, token, is_default, is_active FROM sbx_payment_method"
                + " WHERE ad_client_id = ? AND c_bpartner_id = ? AND is_active = 'Y' ORDER BY is_default DESC, c_bp_bankaccount_id",
                rs -> new MethodRow(rs.getLong(1), rs.getLong(2), rs.getString(3), "Y".equals(rs.getString(4)), true),
                client(), customerId).stream().map(m -> view(c, m)).toList();
    }

    @Override
    public PaymentMethod setDefault(Tx tx, long customerId, long methodId) {
        Connection c = tx.connection();
        methodOf(c, customerId, methodId);
        makeDefault(c, customerId, methodId);
        return view(c, method(c, methodId).orElseThrow());
    }

    @Override
    public void remove(Tx tx, long customerId, long methodId) {
        Connection c = tx.connection();
        methodOf(c, customerId, methodId);
        Rows.update(c, "UPDATE sbx_payment_method SET is_active = 'N', is_default = 'N' WHERE c_bp_bankaccount_id = ?", methodId);
    }

    /** An invoice with what the gateway captured and refunded for it. */
    record InvoiceRow(long id, long customerId, long currencyId, String currency, int scale, BigDecimal grandTotal,
            boolean paid, BigDecimal captured, BigDecimal refunded, BigDecimal credited) {

        Money open() {
            java.util.Currency cur = java.util.Currency.getInstance(currency);
            if (paid && captured.signum() == 0 && credited.signum() == 0) { // marked paid outside the gateway
                return Money.zero(cur);
            }
            return Money.of(grandTotal.subtract(captured).add(refunded).subtract(credited).setScale(scale, RoundingMode.UNNECESSARY),
                    cur);
        }
    }

    static Optional<InvoiceRow> invoice(Connection c, long invoiceId, boolean lock) {
        if (lock) { // serializes charges and refunds of one invoice
            Rows.first(c, "SELECT 1 FROM sbx_invoice WHERE ad_client_id = ? AND c_invoice_id = ? FOR UPDATE", rs -> true,
                    client(), invoiceId);
        }
        return Rows.first(c, INVOICE_ROWS + " = ?", ReferencePayments::invoiceRow, client(), invoiceId);
    }

    /** A completed or closed invoice of the tenant with what was captured and refunded of it; the id condition follows. */
    private static final String INVOICE_ROWS = "SELECT i.c_invoice_id, i.c_bpartner_id, i.c_currency_id, cur.iso_code,"
            + " cur.std_precision, i.grand_total, i.is_paid,"
            + " COALESCE((SELECT SUM(amount) FROM sbx_gateway_charge g WHERE g.c_invoice_id = i.c_invoice_id"
            + "   AND g.charge_type = 'CAPTURE' AND g.outcome = 'SUCCEEDED'), 0),"
            + " COALESCE((SELECT SUM(amount) FROM sbx_gateway_charge g WHERE g.c_invoice_id = i.c_invoice_id"
            + "   AND g.charge_type = 'REFUND' AND g.outcome = 'SUCCEEDED'), 0), i.credited"
            + " FROM sbx_invoice i JOIN sbx_currency cur ON cur.c_currency_id = i.c_currency_id"
            + " WHERE i.ad_client_id = ? AND i.doc_status IN ('CO', 'CL') AND i.c_invoice_id";

    private static InvoiceRow invoiceRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new InvoiceRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4).strip(), rs.getInt(5),
                rs.getBigDecimal(6), "Y".equals(rs.getString(7)), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10));
    }

    @Override
    public Optional<Money> openAmount(Tx tx, long invoiceId) {
        return invoice(tx.connection(), invoiceId, false).map(InvoiceRow::open);
    }

    /** The open amounts in one statement. */
    @Override
    public java.util.Map<Long, Money> openAmounts(Tx tx, java.util.Collection<Long> invoiceIds) {
        java.util.Map<Long, Money> out = new java.util.HashMap<>();
        if (!invoiceIds.isEmpty()) {
            Rows.list(tx.connection(), INVOICE_ROWS + " = ANY(?)", rs -> {
                InvoiceRow r = invoiceRow(rs);
                return out.put(r.id(), r.open());
            }, client(), Rows.ids(tx.connection(), invoiceIds));
        }
        return out;
    }

    /** Settles an invoice with credit invoices of its customer: {@link ReferenceCreditSettlement}. */
    @Override
    public boolean settleWithCredit(Tx tx, long invoiceId, List<CreditShare> credits) {
        ReferenceCreditSettlement.settle(tx.connection(), invoiceId, credits);
        return true;
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        Optional<ChargeResult> first = host.inTransaction(tx -> {
            Optional<Entry> seen = gateway.byKey(tx.connection(), request.idempotencyKey());
            if (seen.isPresent()) {
                return Optional.of(repeat(seen.get(), "CAPTURE", request));
            }
            checkCapture(tx.connection(), request);
            return Optional.<ChargeResult>empty();
        });
        if (first.isPresent()) {
            return first.get();
        }
        gateway.latency();
        return host.inTransaction(tx -> {
            Connection c = tx.connection();
            InvoiceRow invoice = invoice(c, request.invoiceId(), true).orElseThrow(
                    () -> SubscriptionException.unknown("invoiceId", request.invoiceId()));
            Optional<Entry> seen = gateway.byKey(c, request.idempotencyKey()); // a concurrent call with the key may have won
            if (seen.isPresent()) {
                return repeat(seen.get(), "CAPTURE", request);
            }
            MethodRow method = checkCapture(c, request);
            TokenView token = gateway.token(c, method.token()).orElseThrow();
            int priorDeclines = Rows.first(c, "SELECT COUNT(*) FROM sbx_gateway_charge WHERE ad_client_id = ? AND token = ?"
                    + " AND c_bpartner_id = ? AND c_invoice_id = ? AND charge_type = 'CAPTURE' AND outcome = 'DECLINED'",
                    rs -> rs.getInt(1), client(), token.token(), request.customerId(), request.invoiceId()).orElse(0);
            LocalDate today = LocalDate.now(host.clock());
            Decision d = Gateway.decide(token, priorDeclines, gateway.settings(c).retryDeclines(), today);
            Entry e = gateway.record(c, "CAPTURE", request.idempotencyKey(), d, token.token(), method.id(),
                    request.customerId(), invoice.id(), Optional.empty(), invoice.currencyId(), request.amount().amount(),
                    host.clock().instant());
            markPaid(c, invoice.id());
            return answer(e, d);
        });
    }

    /** The method and the invoice of a capture, checked; the amount at most what is open. */
    private MethodRow checkCapture(Connection c, ChargeRequest request) {
        MethodRow method = methodOf(c, request.customerId(), request.methodId());
        InvoiceRow invoice = invoice(c, request.invoiceId(), false).filter(i -> i.customerId() == request.customerId())
                .orElseThrow(() -> SubscriptionException.unknown("invoiceId", request.invoiceId()));
        Money open = invoice.open();
        if (!open.currency().equals(request.amount().currency())) {
            throw SubscriptionException.invalid("amount", request.amount(), "is not in the invoice's currency "
                    + open.currency().getCurrencyCode());
        }
        if (request.amount().compareTo(open) > 0) {
            throw SubscriptionException.invalid("amount", request.amount(), "is more than the invoice's open amount " + open);
        }
        return method;
    }

    /** What a key seen before answers: the same request gets the ledger's result; another request is refused. */
    private static ChargeResult repeat(Entry e, String type, ChargeRequest request) {
        boolean same = e.type().equals(type) && e.customerId() == request.customerId() && e.invoiceId() == request.invoiceId()
                && e.currency().equals(request.amount().currency().getCurrencyCode())
                && e.amount().compareTo(request.amount().amount()) == 0
                && (type.equals("REFUND") || e.methodId() == request.methodId());
        if (!same) {
            throw SubscriptionException.invalid("idempotencyKey", request.idempotencyKey(),
                    "was used for another request; a key names one charge or refund");
        }
        return e.result();
    }

    /** The caller's answer: a lost answer says UNKNOWN and nothing else. */
    private static ChargeResult answer(Entry e, Decision d) {
        if (d.answered() == ChargeResult.Outcome.UNKNOWN) {
            return new ChargeResult(ChargeResult.Outcome.UNKNOWN, Optional.empty(), Optional.empty(), d.code(), d.message());
        }
        return e.result();
    }

    /** The invoice (or credit invoice) is paid exactly when nothing of it is open. */
    static void markPaid(Connection c, long invoiceId) {
        InvoiceRow now = invoice(c, invoiceId, false).orElseThrow();
        if (now.captured().signum() > 0 || now.credited().signum() != 0) {
            Rows.update(c, "UPDATE sbx_invoice SET is_paid = ? WHERE c_invoice_id = ?", now.open().isZero() ? "Y" : "N", invoiceId);
        }
    }

    @Override
    public ChargeResult refund(long paymentId, ChargeRequest request) {
        Optional<ChargeResult> first = host.inTransaction(tx -> {
            Optional<Entry> seen = gateway.byKey(tx.connection(), request.idempotencyKey());
            if (seen.isPresent()) {
                return Optional.of(repeat(seen.get(), "REFUND", request));
            }
            checkRefund(tx.connection(), paymentId, request);
            return Optional.<ChargeResult>empty();
        });
        if (first.isPresent()) {
            return first.get();
        }
        gateway.latency();
        return host.inTransaction(tx -> {
            Connection c = tx.connection();
            Entry capture0 = gateway.byId(c, paymentId).filter(e -> e.type().equals("CAPTURE"))
                    .orElseThrow(() -> SubscriptionException.unknown("paymentId", paymentId));
            invoice(c, capture0.invoiceId(), true);
            Optional<Entry> seen = gateway.byKey(c, request.idempotencyKey());
            if (seen.isPresent()) {
                return repeat(seen.get(), "REFUND", request);
            }
            Entry capture = checkRefund(c, paymentId, request);
            String token = method(c, capture.methodId()).orElseThrow().token();
            Decision d = new Decision(ChargeResult.Outcome.SUCCEEDED, ChargeResult.Outcome.SUCCEEDED, Optional.empty(), "Refunded");
            Entry e = gateway.record(c, "REFUND", request.idempotencyKey(), d, token, capture.methodId(), capture.customerId(),
                    capture.invoiceId(), Optional.of(capture.id()), invoice(c, capture.invoiceId(), false).orElseThrow().currencyId(),
                    request.amount().amount(), host.clock().instant());
            markPaid(c, capture.invoiceId());
            return e.result();
        });
    }

    /** The capture refunded: of that customer and invoice, succeeded, with at least the amount left to refund. */
    private Entry checkRefund(Connection c, long paymentId, ChargeRequest request) {
        Entry capture = gateway.byId(c, paymentId)
                .filter(e -> e.type().equals("CAPTURE") && e.outcome() == ChargeResult.Outcome.SUCCEEDED
                        && e.customerId() == request.customerId())
                .orElseThrow(() -> SubscriptionException.unknown("paymentId", paymentId));
        if (capture.invoiceId() != request.invoiceId()) {
            throw SubscriptionException.invalid("invoiceId", request.invoiceId(), "is not the invoice of payment " + paymentId
                    + " (" + capture.invoiceId() + ")");
        }
        if (!capture.currency().equals(request.amount().currency().getCurrencyCode())) {
            throw SubscriptionException.invalid("amount", request.amount(), "is not in the payment's currency " + capture.currency());
        }
        BigDecimal refunded = Rows.first(c, "SELECT COALESCE(SUM(amount), 0) FROM sbx_gateway_charge WHERE refund_of_id = ?"
                + " AND outcome = 'SUCCEEDED'", rs -> rs.getBigDecimal(1), paymentId).orElse(BigDecimal.ZERO);
        BigDecimal left = capture.amount().subtract(refunded);
        if (request.amount().amount().compareTo(left) > 0) {
            throw SubscriptionException.invalid("amount", request.amount(), "is more than is left to refund of payment "
                    + paymentId + " (" + left.setScale(request.amount().amount().scale(), RoundingMode.UNNECESSARY).toPlainString()
                    + " " + capture.currency() + ")");
        }
        return capture;
    }

    @Override
    public Optional<ChargeResult> status(String idempotencyKey) {
        return host.inTransaction(tx -> gateway.byKey(tx.connection(), idempotencyKey).map(Entry::result));
    }
}
