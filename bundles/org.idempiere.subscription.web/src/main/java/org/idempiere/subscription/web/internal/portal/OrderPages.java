package org.idempiere.subscription.web.internal.portal;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.OrderSummary;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.idempiere.subscription.web.internal.ServiceLookup;

/**
 * Quotations and orders: the quotations sent to the customer, reviewed line by line and accepted
 * online (the host completes the quotation and its recurring lines become a subscription at once),
 * and the orders as read-only history. Thread-safe.
 */
final class OrderPages {
    private final ServiceLookup services;

    OrderPages(ServiceLookup services) {
        this.services = services;
    }

    private CustomerPortalService portal() {
        return PortalPages.portal(services);
    }

    void list(PortalExchange ex) throws IOException {
        LocalDate today = portal().today();
        List<Map<String, Object>> quotations = new ArrayList<>();
        List<Map<String, Object>> orders = new ArrayList<>();
        for (OrderSummary o : portal().orders(ex.requireSession())) {
            (o.kind() == OrderSummary.Kind.QUOTATION ? quotations : orders).add(view(o, today, ex));
        }
        ex.render(200, "orders", Map.of("section", "orders", "quotations", quotations, "orders", orders));
    }

    /** The customer's quotation or order of the path; else 404, as for one that does not exist. */
    private OrderSummary order(PortalExchange ex) {
        long id = PortalPages.id(ex, "orderId");
        return portal().orders(ex.requireSession()).stream().filter(o -> o.id() == id).findFirst()
                .orElseThrow(() -> PortalProblem.of(404, "error.notFound"));
    }

    void detail(PortalExchange ex) throws IOException {
        ex.render(200, "order", Map.of("section", "orders", "order", view(order(ex), portal().today(), ex)));
    }

    /** {@code POST .../accept}: accepts the quotation, then the subscriptions, where its subscription now is. */
    void accept(PortalExchange ex) throws IOException {
        OrderSummary o = order(ex);
        try {
            portal().acceptQuotation(ex.requireSession(), o.id());
        } catch (SubscriptionException e) {
            PortalPages.refuse(ex, e, "order", Map.of("section", "orders", "order", view(o, portal().today(), ex)));
            return;
        }
        ex.redirect(o.lines().stream().anyMatch(OrderSummary.Line::recurring) ? "/?done=quotation-accepted"
                : "/orders/" + o.id() + "?done=quotation-accepted");
    }

    static Map<String, Object> view(OrderSummary o, LocalDate today, PortalExchange ex) {
        PortalFormat fmt = ex.format();
        Map<String, Object> m = new HashMap<>();
        m.put("id", String.valueOf(o.id()));
        m.put("documentNo", o.documentNo());
        m.put("quotation", o.kind() == OrderSummary.Kind.QUOTATION);
        m.put("kind", ex.text(o.kind() == OrderSummary.Kind.QUOTATION ? (o.binding() ? "order.kind.quotation"
                : "order.kind.proposal") : "order.kind.order"));
        m.put("status", ex.text("order.status." + (o.kind() == OrderSummary.Kind.QUOTATION ? "quotation." : "order.")
                + o.status().name()));
        m.put("statusCode", o.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        m.put("date", fmt.date(o.dateOrdered()));
        o.validUntil().ifPresent(d -> m.put("validUntil", fmt.date(d)));
        m.put("expired", o.validUntil().map(today::isAfter).orElse(false));
        m.put("acceptable", o.acceptable(today));
        m.put("net", fmt.money(o.totalLines(), o.currency()));
        m.put("tax", fmt.money(o.grandTotal().subtract(o.totalLines()), o.currency()));
        m.put("total", fmt.money(o.grandTotal(), o.currency()));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (OrderSummary.Line l : o.lines()) {
            Map<String, Object> line = new HashMap<>();
            line.put("name", l.name().isEmpty() ? "—" : l.name());
            line.put("quantity", fmt.quantity(l.quantity()));
            line.put("price", fmt.money(l.price(), o.currency()));
            line.put("net", fmt.money(l.lineNet(), o.currency()));
            line.put("recurring", l.recurring());
            lines.add(line);
        }
        m.put("lines", lines);
        m.put("recurring", o.lines().stream().anyMatch(OrderSummary.Line::recurring));
        return m;
    }
}
