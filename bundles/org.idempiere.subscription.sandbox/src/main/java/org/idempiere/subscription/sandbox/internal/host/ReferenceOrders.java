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
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Order;
import org.idempiere.subscription.api.host.Orders;
import org.idempiere.subscription.api.host.Product;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Sales orders and binding quotations of the reference host: entered as drafts, completed,
 * reactivated or voided. The {@link Orders} port reads them for quote-to-contract; the document
 * actions are the sandbox's stand-in for iDempiere's {@code DocAction} on {@code C_Order}.
 */
@Component(service = {Orders.class, ReferenceOrders.class})
public final class ReferenceOrders implements Orders {
    private final HostContext host;
    private final Customers customers;
    private final Catalog catalog;
    private final Currencies currencies;

    @Activate
    public ReferenceOrders(@Reference HostContext host, @Reference Customers customers, @Reference Catalog catalog,
            @Reference Currencies currencies) {
        this.host = host;
        this.customers = customers;
        this.catalog = catalog;
        this.currencies = currencies;
    }

    /** A line to enter; an absent price is the price list's price on the order date. */
    public record LineInput(long productId, BigDecimal quantity, Optional<BigDecimal> price, BigDecimal discountPercent) {
    }

    /** An order as the sandbox API shows it. */
    public record OrderRow(Order order, String docStatus, LocalDate dateOrdered) {
    }

    /** Enters a draft order, validating every field. */
    public OrderRow create(long customerId, String currency, Optional<LocalDate> dateOrdered, Optional<LocalDate> datePromised,
            Optional<Long> salesRepId, List<LineInput> lines) {
        if (lines.isEmpty()) {
            throw SubscriptionException.required("lines");
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
            if (salesRepId.isPresent() && Rows.first(c, "SELECT 1 FROM sbx_user WHERE ad_client_id = ? AND ad_user_id = ?"
                    + " AND is_salesrep = 'Y'", rs -> true, client(), salesRepId.get()).isEmpty()) {
                throw SubscriptionException.unknown("salesRepId", salesRepId.get());
            }
            Long contact = Rows.first(c, "SELECT MIN(ad_user_id) FROM sbx_user WHERE c_bpartner_id = ?",
                    rs -> Optional.ofNullable(rs.getBigDecimal(1)), customerId).flatMap(o -> o).map(BigDecimal::longValue)
                    .orElse(null);
            long id = Rows.nextId(c);
            String documentNo = "SO-" + Rows.first(c, "SELECT nextval('sbx_order_no_sq')", rs -> rs.getLong(1)).orElseThrow();
            Rows.update(c, "INSERT INTO sbx_order (c_order_id, ad_client_id, document_no, c_bpartner_id, c_bpartner_location_id,"
                    + " ad_user_id, salesrep_id, m_pricelist_id, c_currency_id, date_ordered, date_promised)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, client(), documentNo, customerId,
                    customer.billToLocationId(), contact, salesRepId.orElse(null), priceList, cur.id(), ordered, promised);
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
                Rows.update(c, "INSERT INTO sbx_orderline (c_orderline_id, c_order_id, line, m_product_id, qty, c_uom_id,"
                        + " price_entered, discount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Rows.nextId(c), id, (i + 1) * 10, p.id(),
                        l.quantity(), p.uomId(), price, l.discountPercent());
            }
            return row(tx, id).orElseThrow();
        });
    }

    /**
     * Moves the order to a new document status, as the host's document actions do: complete
     * (from draft), reactivate (completed back to draft), void (draft or completed).
     */
    public OrderRow transition(long orderId, String action) {
        return host.inTransaction(tx -> {
            OrderRow o = row(tx, orderId).orElseThrow(() -> SubscriptionException.notFound("Order", orderId));
            String from = o.docStatus();
            String to = switch (action) {
                case "complete" -> from.equals("VO") ? null : "CO";   // completing again changes nothing
                case "reactivate" -> from.equals("CO") ? "DR" : null;
                case "void" -> "VO";                                 // voiding again changes nothing
                default -> throw new IllegalArgumentException(action);
            };
            if (to == null) {
                throw SubscriptionException.invalidState("docStatus", o.docStatus(), "does not allow " + action);
            }
            Rows.update(tx.connection(), "UPDATE sbx_order SET doc_status = ? WHERE c_order_id = ?", to, orderId);
            return row(tx, orderId).orElseThrow();
        });
    }

    /** @return the order with its document status */
    public Optional<OrderRow> row(long orderId) {
        return host.inTransaction(tx -> row(tx, orderId));
    }

    private Optional<OrderRow> row(Tx tx, long orderId) {
        return find(tx, orderId).map(order -> new OrderRow(order, Rows.first(tx.connection(),
                "SELECT doc_status FROM sbx_order WHERE c_order_id = ?", rs -> rs.getString(1), orderId).orElseThrow(),
                Rows.first(tx.connection(), "SELECT date_ordered FROM sbx_order WHERE c_order_id = ?",
                        rs -> Rows.date(rs, "date_ordered"), orderId).orElseThrow()));
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

    private static long client() {
        return ReferenceHostContext.current().clientId();
    }
}
