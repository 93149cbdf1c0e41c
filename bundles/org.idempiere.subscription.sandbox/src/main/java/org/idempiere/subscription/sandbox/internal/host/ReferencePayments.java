package org.idempiere.subscription.sandbox.internal.host;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.ErrorCode;
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
import org.idempiere.subscription.sandbox.internal.gateway.TestInstruments.Behaviour;
import org.idempiere.subscription.sandbox.internal.host.InvoiceBalances.InvoiceRow;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Payments of the reference host over its gateway. Saved methods are {@code sbx_payment_method}
 * rows (iDempiere's {@code C_BP_BankAccount}) pointing at a gateway token; what the engine sees of
 * them is what the gateway shows. Charges and refunds run in their own transaction (never the
 * engine's): the configured latency is waited first, as a call over the network would, then the
 * invoice row is locked, the key looked up, the request checked, the charge decided and written to
 * the gateway's ledger, and the invoice marked paid when nothing is left open, or unpaid again after
 * a refund. A key seen before answers what the ledger holds for it without moving money; a key used
 * for another request is refused. What is open of an invoice (or of a credit invoice: negative, the
 * credit it still has) is {@link InvoiceBalances}'s to say; credit invoices settle invoices in
 * {@link ReferenceCreditSettlement}.
 */
@Component(service = {Payments.class, ReferencePayments.class})
public final class ReferencePayments implements Payments {
    /** Saved methods with their tokens; the caller adds its conditions. */
    private static final String SAVED_COLUMNS = "m.c_bp_bankaccount_id AS method_id, m.c_bpartner_id AS method_customer,"
            + " m.is_default AS method_default, m.is_active AS method_active, " + Gateway.TOKEN_COLUMNS;
    private static final String SAVED_TABLES = "sbx_payment_method m JOIN sbx_gateway_token t ON t.token = m.token"
            + " AND t.ad_client_id = m.ad_client_id";
    private static final String SAVED = "SELECT " + SAVED_COLUMNS + " FROM " + SAVED_TABLES + " WHERE m.ad_client_id = ?";
    private static final String ORDER = " ORDER BY m.c_bpartner_id, m.is_default DESC, m.c_bp_bankaccount_id";

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

    /** A saved method with the token it points at. */
    private record Saved(long id, long customerId, boolean isDefault, boolean isActive, TokenView token) {
        PaymentMethod view() {
            return new PaymentMethod(id, customerId, token.kind(), token.brand(), token.last4(), token.expiry(), token.maskedIban(),
                    token.mandateReference(), token.mandateDate(), isDefault);
        }
    }

    private static Saved saved(ResultSet rs) throws SQLException {
        return new Saved(rs.getLong("method_id"), rs.getLong("method_customer"), "Y".equals(rs.getString("method_default")),
                "Y".equals(rs.getString("method_active")), Gateway.tokenView(rs));
    }

    private static Optional<Saved> method(Connection c, long methodId) {
        return Rows.first(c, SAVED + " AND m.c_bp_bankaccount_id = ?", ReferencePayments::saved, client(), methodId);
    }

    /** An active method of that customer, or UNKNOWN_REFERENCE naming {@code methodId}. */
    private static Saved methodOf(Connection c, long customerId, long methodId) {
        return method(c, methodId).filter(m -> m.customerId() == customerId && m.isActive())
                .orElseThrow(() -> SubscriptionException.unknown("methodId", methodId));
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
        Optional<Saved> saved = Rows.first(c, SAVED + " AND m.token = ? AND m.is_active = 'Y'", ReferencePayments::saved, client(),
                token);
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
        return method(c, id).orElseThrow().view();
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
        return Rows.list(tx.connection(), SAVED + " AND m.c_bpartner_id = ? AND m.is_active = 'Y'" + ORDER, ReferencePayments::saved,
                client(), customerId).stream().map(Saved::view).toList();
    }

    /** The methods of all the customers in one query. */
    @Override
    public Map<Long, List<PaymentMethod>> methodsOf(Tx tx, Collection<Long> customerIds) {
        Map<Long, List<PaymentMethod>> out = new LinkedHashMap<>();
        customerIds.forEach(id -> out.put(id, new ArrayList<>()));
        if (!out.isEmpty()) {
            for (Saved m : Rows.list(tx.connection(), SAVED + " AND m.c_bpartner_id = ANY (?) AND m.is_active = 'Y'" + ORDER,
                    ReferencePayments::saved, client(), Rows.ids(tx.connection(), customerIds))) {
                out.get(m.customerId()).add(m.view());
            }
        }
        out.replaceAll((id, methods) -> List.copyOf(methods));
        return out;
    }

    @Override
    public PaymentMethod setDefault(Tx tx, long customerId, long methodId) {
        Connection c = tx.connection();
        methodOf(c, customerId, methodId);
        makeDefault(c, customerId, methodId);
        return method(c, methodId).orElseThrow().view();
    }

    @Override
    public void remove(Tx tx, long customerId, long methodId) {
        Connection c = tx.connection();
        methodOf(c, customerId, methodId);
        Rows.update(c, "UPDATE sbx_payment_method SET is_active = 'N', is_default = 'N' WHERE c_bp_bankaccount_id = ?", methodId);
    }

    @Override
    public Optional<Money> openAmount(Tx tx, long invoiceId) {
        return InvoiceBalances.read(tx.connection(), invoiceId).map(InvoiceRow::open);
    }

    /** The open amounts of all the invoices in one query. */
    @Override
    public Map<Long, Money> openAmounts(Tx tx, Collection<Long> invoiceIds) {
        Map<Long, Money> out = new LinkedHashMap<>();
        InvoiceBalances.read(tx.connection(), invoiceIds).forEach((id, row) -> out.put(id, row.open()));
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
        gateway.latency();
        return host.inTransaction(tx -> capture(tx.connection(), request));
    }

    /**
     * A capture, in one transaction under the invoice's lock: the invoice locked and read with the
     * method and its token, the ledger row and the invoice's sums and paid flag (and for the retry
     * test number its earlier declines and the setting). The key is looked up only when the request
     * cannot be captured as it is or the ledger holds it already: a key seen before answers what
     * the ledger holds for it (a repeat is refused by the checks once its capture succeeded, or
     * kept out of the ledger by its unique key), another request under it is refused.
     */
    private ChargeResult capture(Connection c, ChargeRequest request) {
        Optional<Locked> locked = lock(c, request);
        Saved method;
        InvoiceRow invoice;
        try {
            method = locked.isPresent() ? locked.get().method().filter(m -> m.customerId() == request.customerId() && m.isActive())
                    .orElseThrow(() -> SubscriptionException.unknown("methodId", request.methodId()))
                    : methodOf(c, request.customerId(), request.methodId()); // no such invoice: the method is refused first, if at all
            invoice = checkCapture(locked.map(Locked::invoice), request);
        } catch (SubscriptionException refused) {
            if (refused.code() == ErrorCode.HOST_FAILURE) {
                throw refused; // the database failed: nothing to look up in this transaction
            }
            return repeat(c, request).orElseThrow(() -> refused);
        }
        TokenView token = method.token();
        int priorDeclines = 0;
        int retryDeclines = 0;
        if (token.behaviour() == Behaviour.SUCCEEDS_AFTER_RETRIES) { // the only test number whose answer depends on them
            priorDeclines = Rows.first(c, "SELECT COUNT(*) FROM sbx_gateway_charge WHERE ad_client_id = ? AND token = ?"
                    + " AND c_bpartner_id = ? AND c_invoice_id = ? AND charge_type = 'CAPTURE' AND outcome = 'DECLINED'",
                    rs -> rs.getInt(1), client(), token.token(), request.customerId(), request.invoiceId()).orElse(0);
            retryDeclines = gateway.retryDeclines(c);
        }
        Decision d = Gateway.decide(token, priorDeclines, retryDeclines, LocalDate.now(host.clock()));
        Optional<Entry> e = gateway.record(c, new Gateway.Request("CAPTURE", request.idempotencyKey(), token.token(), method.id(),
                request.customerId(), invoice.id(), Optional.empty(), invoice.currencyId(), invoice.currency(),
                request.amount().amount(), host.clock().instant()), d);
        if (e.isEmpty()) { // the ledger holds the key already
            return repeat(c, request).orElseThrow();
        }
        boolean captured = d.recorded() == ChargeResult.Outcome.SUCCEEDED;
        InvoiceBalances.record(c, invoice, captured ? request.amount().amount() : BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        return answer(e.get(), d);
    }

    /** A capture's invoice, locked and read, and its saved method with its token, if there is one. */
    private record Locked(InvoiceRow invoice, Optional<Saved> method) {
    }

    /** Locks and reads a capture's invoice ({@link InvoiceBalances#lock}) with its method, in one statement. */
    private static Optional<Locked> lock(Connection c, ChargeRequest request) {
        return Rows.first(c, "SELECT " + InvoiceBalances.COLUMNS + ", " + SAVED_COLUMNS + " FROM " + InvoiceBalances.TABLES
                + " LEFT JOIN (" + SAVED_TABLES + ") ON m.ad_client_id = i.ad_client_id AND m.c_bp_bankaccount_id = ?"
                + InvoiceBalances.COMPLETED + " AND i.c_invoice_id = ? FOR UPDATE OF i",
                rs -> new Locked(InvoiceBalances.row(rs), rs.getObject("method_id") == null ? Optional.empty() : Optional.of(saved(rs))),
                request.methodId(), client(), request.invoiceId());
    }

    /** The invoice of a capture, read under its lock and checked: the customer's, the amount at most what is open. */
    private static InvoiceRow checkCapture(Optional<InvoiceRow> locked, ChargeRequest request) {
        InvoiceRow invoice = locked.filter(i -> i.customerId() == request.customerId())
                .orElseThrow(() -> SubscriptionException.unknown("invoiceId", request.invoiceId()));
        Money open = invoice.open();
        if (!open.currency().equals(request.amount().currency())) {
            throw SubscriptionException.invalid("amount", request.amount(), "is not in the invoice's currency "
                    + open.currency().getCurrencyCode());
        }
        if (request.amount().compareTo(open) > 0) {
            throw SubscriptionException.invalid("amount", request.amount(), "is more than the invoice's open amount " + open);
        }
        return invoice;
    }

    /** What the ledger answers for a capture's key, if it holds the key. */
    private Optional<ChargeResult> repeat(Connection c, ChargeRequest request) {
        return gateway.byKey(c, request.idempotencyKey()).map(seen -> repeat(seen, "CAPTURE", request));
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

    @Override
    public ChargeResult refund(long paymentId, ChargeRequest request) {
        gateway.latency();
        return host.inTransaction(tx -> {
            Connection c = tx.connection();
            Entry capture0 = gateway.byId(c, paymentId).filter(e -> e.type().equals("CAPTURE"))
                    .orElseThrow(() -> SubscriptionException.unknown("paymentId", paymentId));
            InvoiceRow invoice = InvoiceBalances.lock(c, capture0.invoiceId()).orElseThrow();
            Optional<Entry> seen = gateway.byKey(c, request.idempotencyKey());
            if (seen.isPresent()) {
                return repeat(seen.get(), "REFUND", request);
            }
            Entry capture = checkRefund(c, paymentId, request);
            Gateway.TokenView method = method(c, capture.methodId()).orElseThrow().token();
            String token = method.token();
            Decision d = Gateway.decideRefund(method);
            Optional<Entry> e = gateway.record(c, new Gateway.Request("REFUND", request.idempotencyKey(), token, capture.methodId(),
                    capture.customerId(), capture.invoiceId(), Optional.of(capture.id()), invoice.currencyId(), capture.currency(),
                    request.amount().amount(), host.clock().instant()), d);
            if (e.isEmpty()) { // the key names a request of another invoice
                return repeat(gateway.byKey(c, request.idempotencyKey()).orElseThrow(), "REFUND", request);
            }
            if (d.recorded() == ChargeResult.Outcome.SUCCEEDED) { // a declined or failed refund moves nothing
                InvoiceBalances.record(c, invoice, BigDecimal.ZERO, request.amount().amount(), BigDecimal.ZERO);
            }
            return e.get().result();
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
