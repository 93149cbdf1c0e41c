package org.idempiere.subscription.sandbox.internal.host;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.InputLimits;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.Order;
import org.idempiere.subscription.api.host.OrderSummary;
import org.idempiere.subscription.api.host.Orders;
import org.idempiere.subscription.api.host.Product;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.ContractService;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Sales orders and binding quotations of the reference host: entered as drafts, completed,
 * reactivated or voided. The {@link Orders} port reads them for quote-to-contract and the
 * customer portal; the document actions are the sandbox's stand-in for iDempiere's {@code
 * DocAction} on {@code C_Order}.
 *
 * <p>Completing and voiding hand the order to quote-to-contract in the same transaction, as the
 * iDempiere binding's order event does ({@link ReferenceHostContext#joining}): the subscriptions
 * exist exactly when the order is completed. The engine needs this port itself, so it is not a
 * reference of this component (Felix SCR would find the cycle while activating either): it is
 * tracked from the first document action on, when both are active; while it is not running an
 * order cannot be completed or voided.
 */
@Component(service = {Orders.class, ReferenceOrders.class})
public final class ReferenceOrders implements Orders {
    private final ReferenceHostContext host;
    private final Customers customers;
    private final Catalog catalog;
    private final Currencies currencies;
    private final OrderSummaries summaries;
    private final ServiceTracker<ContractService, ContractService> contracts;
    private boolean tracking;

    @Activate
    public ReferenceOrders(@Reference ReferenceHostContext host, @Reference Customers customers, @Reference Catalog catalog,
            @Reference Currencies currencies, @Reference ReferenceTaxes taxes, BundleContext context) {
        this.host = host;
        this.customers = customers;
        this.catalog = catalog;
        this.currencies = currencies;
        this.summaries = new OrderSummaries(taxes);
        this.contracts = new ServiceTracker<>(context, ContractService.class, null);
    }

    @Deactivate
    synchronized void deactivate() {
        contracts.close();
    }

    /** The engine's quote-to-contract, tracked from the first call on; null while it is not running. */
    private synchronized ContractService engine() {
        if (!tracking) {
            contracts.open();
            tracking = true;
        }
        return contracts.getService();
    }

    /** A line to enter; an absent price is the price list's price on the order date. */
    public record LineInput(long productId, BigDecimal quantity, Optional<BigDecimal> price, BigDecimal discountPercent) {
    }

    /**
     * An order as the sandbox API shows it.
     *
     * @param kind       ORDER (iDempiere's DocSubTypeSO SO) or QUOTATION (OB)
     * @param validUntil a quotation's last day of acceptance, if it has one
     */
    public record OrderRow(Order order, String docStatus, LocalDate dateOrdered, OrderSummary.Kind kind,
            Optional<LocalDate> validUntil) {
    }

    /** An order after a document action, with its subscriptions as quote-to-contract left them. */
    public record Processed(OrderRow row, List<Subscription> subscriptions) {
    }

    /** Enters a draft sales order, validating every field. */
    public OrderRow create(long customerId, String currency, Optional<LocalDate> dateOrdered, Optional<LocalDate> datePromised,
            Optional<Long> salesRepId, List<LineInput> lines) {
        return create(customerId, currency, dateOrdered, datePromised, salesRepId, lines, OrderSummary.Kind.ORDER,
                Optional.empty());
    }

    /**
     * Enters a draft order or binding quotation, validating every field.
     *
     * @param validUntil a quotation's last day of acceptance (not before its date); an order has none
     */
    public OrderRow create(long customerId, String currency, Optional<LocalDate> dateOrdered, Optional<LocalDate> datePromised,
            Optional<Long> salesRepId, List<LineInput> lines, OrderSummary.Kind kind, Optional<LocalDate> validUntil) {
        if (lines.isEmpty()) {
            throw SubscriptionException.required("lines");
        }
        if (kind == OrderSummary.Kind.ORDER && validUntil.isPresent()) {
            throw SubscriptionException.invalid("validUntil", validUntil.get(), "is for quotations only");
        }
        return host.inTransaction(tx -> {
            Connection c = tx.connection();
            Customer customer = customers.find(tx, customerId)
                    .orElseThrow(() -> SubscriptionException.unknown("customerId", customerId));
            if (currency == null) {
                throw SubscriptionException.required("currency");
            }
            Money.currency("currency", currency);
            CurrencyRef cur = currencies.byIsoCode(tx, currency).orElseThrow(() -> SubscriptionException.unknown("currency", currency));
            long priceList = catalog.defaultPriceList(tx, cur.id())
                    .orElseThrow(() -> SubscriptionException.invalid("currency", currency, "has no price list"));
            LocalDate ordered = dateOrdered.orElseGet(host::today);
            LocalDate promised = datePromised.orElse(ordered);
            if (promised.isBefore(ordered)) {
                throw SubscriptionException.invalid("datePromised", promised, "is before dateOrdered " + ordered);
            }
            if (validUntil.isPresent() && validUntil.get().isBefore(ordered)) {
                throw SubscriptionException.invalid("validUntil", validUntil.get(), "is before dateOrdered " + ordered);
            }
            if (salesRepId.isPresent() && Rows.first(c, "SELECT 1 FROM sbx_user WHERE ad_client_id = ? AND ad_user_id = ?"
                    + " AND is_salesrep = 'Y'", rs -> true, client(), salesRepId.get()).isEmpty()) {
                throw SubscriptionException.unknown("salesRepId", salesRepId.get());
            }
            Long contact = Rows.first(c, "SELECT MIN(ad_user_id) FROM sbx_user WHERE c_bpartner_id = ?",
                    rs -> Optional.ofNullable(rs.getBigDecimal(1)), customerId).flatMap(o -> o).map(BigDecimal::longValue)
                    .orElse(null);
            long id = Rows.nextId(c);
            String prefix = kind == OrderSummary.Kind.QUOTATION ? "QT-" : "SO-";
            String documentNo = prefix + Rows.first(c, "SELECT nextval('sbx_order_no_sq')", rs -> rs.getLong(1)).orElseThrow();
            Rows.update(c, "INSERT INTO sbx_order (c_order_id, ad_client_id, document_no, c_bpartner_id, c_bpartner_location_id,"
                    + " ad_user_id, salesrep_id, m_pricelist_id, c_currency_id, date_ordered, date_promised, doc_subtype_so,"
                    + " valid_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, client(), documentNo, customerId,
                    customer.billToLocationId(), contact, salesRepId.orElse(null), priceList, cur.id(), ordered, promised,
                    OrderSummaries.subtype(kind), validUntil.orElse(null));
            insertLines(tx, id, priceList, currency, ordered, lines);
            return row(tx, id).orElseThrow();
        });
    }

    private void insertLines(Tx tx, long orderId, long priceList, String currency, LocalDate ordered, List<LineInput> lines) {
        for (int i = 0; i < lines.size(); i++) {
            LineInput l = lines.get(i);
            String f = "lines[" + i + "].";
            Product p = catalog.product(tx, l.productId())
                    .orElseThrow(() -> SubscriptionException.unknown(f + "productId", l.productId()));
            InputLimits.quantity(f + "quantity", l.quantity());
            InputLimits.percent(f + "discountPercent", l.discountPercent());
            BigDecimal price = l.price().orElseGet(() -> catalog.price(tx, priceList, p.id(), ordered).orElseThrow(
                    () -> SubscriptionException.invalid(f + "productId", p.id(), "has no price in " + currency + " on " + ordered)));
            InputLimits.price(f + "price", price);
            Rows.update(tx.connection(), "INSERT INTO sbx_orderline (c_orderline_id, c_order_id, line, m_product_id, qty,"
                    + " c_uom_id, price_entered, discount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Rows.nextId(tx.connection()),
                    orderId, (i + 1) * 10, p.id(), l.quantity(), p.uomId(), price, l.discountPercent());
        }
    }

    /**
     * Moves the order to a new document status, as the host's document actions do — complete
     * (from draft), reactivate (completed back to draft), void (draft or completed) — without
     * telling quote-to-contract (see {@link #complete(long)} and {@link #voidIt(long)}).
     */
    public OrderRow transition(long orderId, String action) {
        return host.inTransaction(tx -> transition(tx, orderId, action));
    }

    /** Completes the order and hands it to quote-to-contract in the same transaction. */
    public Processed complete(long orderId) {
        return host.inTransaction(tx -> {
            OrderRow row = transition(tx, orderId, "complete");
            return new Processed(row, afterEvent(tx, engine -> engine.createFromOrder(orderId)));
        });
    }

    /** Voids the order and tells quote-to-contract in the same transaction. */
    public Processed voidIt(long orderId) {
        return host.inTransaction(tx -> {
            OrderRow row = transition(tx, orderId, "void");
            return new Processed(row, afterEvent(tx, engine -> engine.orderVoided(orderId)));
        });
    }

    private OrderRow transition(Tx tx, long orderId, String action) {
        String from = Rows.first(tx.connection(), "SELECT doc_status FROM sbx_order WHERE ad_client_id = ? AND c_order_id = ?"
                + " FOR UPDATE", rs -> rs.getString(1), client(), orderId)
                .orElseThrow(() -> SubscriptionException.notFound("Order", orderId));
        String to = switch (action) {
            case "complete" -> from.equals("VO") ? null : "CO";   // completing again changes nothing
            case "reactivate" -> from.equals("CO") ? "DR" : null;
            case "void" -> "VO";                                 // voiding again changes nothing
            default -> throw new IllegalArgumentException(action);
        };
        if (to == null) {
            throw SubscriptionException.invalidState("docStatus", from, "does not allow " + action);
        }
        Rows.update(tx.connection(), "UPDATE sbx_order SET doc_status = ? WHERE c_order_id = ?", to, orderId);
        return row(tx, orderId).orElseThrow();
    }

    /** The order event: quote-to-contract runs in the order's transaction, as in iDempiere. */
    private List<Subscription> afterEvent(Tx tx, java.util.function.Function<ContractService, List<Subscription>> call) {
        ContractService engine = Optional.ofNullable(engine()).orElseThrow(() -> SubscriptionException.hostFailure(
                "Quote to contract is not running: the order cannot be processed now", null));
        return host.joining(tx, () -> call.apply(engine));
    }

    /** @return the order with its document status */
    public Optional<OrderRow> row(long orderId) {
        return host.inTransaction(tx -> row(tx, orderId));
    }

    private Optional<OrderRow> row(Tx tx, long orderId) {
        return find(tx, orderId).map(order -> Rows.first(tx.connection(), "SELECT doc_status, date_ordered, doc_subtype_so,"
                + " valid_until FROM sbx_order WHERE c_order_id = ?", rs -> new OrderRow(order, rs.getString(1),
                        Rows.date(rs, "date_ordered"), OrderSummaries.kind(rs.getString(3)),
                        Optional.ofNullable(Rows.date(rs, "valid_until"))), orderId).orElseThrow());
    }

    @Override
    public Optional<Order> find(Tx tx, long orderId) {
        Connection c = tx.connection();
        List<Order.Line> lines = new ArrayList<>(Rows.list(c, "SELECT l.c_orderline_id, l.line, l.m_product_id, l.qty, l.c_uom_id,"
                + " l.price_entered, l.discount, p.sub_template_id FROM sbx_orderline l JOIN sbx_product p"
                + " ON p.m_product_id = l.m_product_id WHERE l.c_order_id = ? ORDER BY l.line",
                rs -> new Order.Line(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getBigDecimal(4), rs.getLong(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7),
                        Optional.ofNullable(rs.getBigDecimal(8)).map(BigDecimal::longValue)), orderId));
        return Rows.first(c, "SELECT c_order_id, document_no, c_bpartner_id, c_bpartner_location_id, ad_user_id, m_pricelist_id,"
                + " c_currency_id, salesrep_id, date_promised FROM sbx_order WHERE ad_client_id = ? AND c_order_id = ?",
                rs -> new Order(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        Optional.ofNullable(rs.getBigDecimal(5)).map(BigDecimal::longValue), rs.getLong(6), rs.getLong(7),
                        Optional.ofNullable(rs.getBigDecimal(8)).map(BigDecimal::longValue), Rows.date(rs, "date_promised"),
                        lines), client(), orderId);
    }

    @Override
    public List<OrderSummary> ofCustomer(Tx tx, long customerId, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw SubscriptionException.invalid("limit", limit, "must be between 1 and " + MAX_LIMIT);
        }
        return summaries.of(tx, customerId, Optional.empty(), limit);
    }

    /**
     * Completes the quotation as {@link #complete(long)} does, in the caller's transaction, after
     * locking it and checking {@link OrderSummary#acceptRefusal} on the test clock's today.
     */
    @Override
    public OrderSummary accept(Tx tx, long customerId, long orderId) {
        Rows.first(tx.connection(), "SELECT 1 FROM sbx_order WHERE ad_client_id = ? AND c_bpartner_id = ? AND c_order_id = ?"
                + " FOR UPDATE", rs -> true, client(), customerId, orderId)
                .orElseThrow(() -> SubscriptionException.unknown("orderId", orderId));
        OrderSummary quotation = summaries.of(tx, customerId, Optional.of(orderId), 1).get(0);
        quotation.acceptRefusal(host.today()).ifPresent(why -> {
            throw SubscriptionException.invalidState("orderId", orderId, why);
        });
        transition(tx, orderId, "complete");
        afterEvent(tx, engine -> engine.createFromOrder(orderId));
        return summaries.of(tx, customerId, Optional.of(orderId), 1).get(0);
    }

    private static long client() {
        return ReferenceHostContext.current().clientId();
    }
}
