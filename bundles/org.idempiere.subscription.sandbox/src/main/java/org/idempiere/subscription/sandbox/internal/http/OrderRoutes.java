package org.idempiere.subscription.sandbox.internal.http;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Order;
import org.idempiere.subscription.api.host.OrderSummary;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.sandbox.internal.host.ReferenceOrders;
import org.idempiere.subscription.web.rest.EngineJson;
import org.idempiere.subscription.web.rest.Json;
import org.idempiere.subscription.web.rest.JsonArray;
import org.idempiere.subscription.web.rest.JsonBody;
import org.idempiere.subscription.web.rest.JsonObject;
import org.idempiere.subscription.web.rest.Reply;
import org.idempiere.subscription.web.rest.RestRoutes;
import org.idempiere.subscription.web.rest.Router;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Sandbox orders and quotations, and their document actions. Completing an order hands it to
 * quote-to-contract in the order's transaction, exactly as the iDempiere binding does when a
 * {@code C_Order} completes; voiding it tells quote-to-contract the order is gone.
 */
@Component(service = RestRoutes.class)
public final class OrderRoutes implements RestRoutes {
    private final ReferenceOrders orders;

    @Activate
    public OrderRoutes(@Reference ReferenceOrders orders) {
        this.orders = orders;
    }

    @Override
    public void register(Router r) {
        r.post("/sandbox/orders", req -> {
            JsonBody b = req.body();
            List<ReferenceOrders.LineInput> lines = new ArrayList<>();
            for (JsonBody l : b.objects("lines")) {
                lines.add(new ReferenceOrders.LineInput(l.id("productId"), l.decimal("quantity"), l.optDecimal("price"),
                        l.optDecimal("discountPercent").orElse(BigDecimal.ZERO)));
            }
            Optional<Long> rep = b.has("salesRepId") ? Optional.of(b.id("salesRepId")) : Optional.empty();
            return Reply.created(order(orders.create(b.id("customerId"), b.text("currency"), b.optDate("dateOrdered"),
                    b.optDate("datePromised"), rep, lines, kind(b.optText("kind")), b.optDate("validUntil")), null));
        });
        r.get("/sandbox/orders/{id}", req -> Reply.ok(order(orders.row(req.pathId("id"))
                .orElseThrow(() -> SubscriptionException.notFound("Order", req.pathId("id"))),
                null)));
        r.post("/sandbox/orders/{id}/complete", req -> {
            ReferenceOrders.Processed done = orders.complete(req.pathId("id"));
            return Reply.ok(order(done.row(), done.subscriptions()));
        });
        r.post("/sandbox/orders/{id}/reactivate", req -> Reply.ok(order(orders.transition(req.pathId("id"), "reactivate"), null)));
        r.post("/sandbox/orders/{id}/void", req -> {
            ReferenceOrders.Processed done = orders.voidIt(req.pathId("id"));
            return Reply.ok(order(done.row(), done.subscriptions()));
        });
    }

    private static OrderSummary.Kind kind(Optional<String> kind) {
        if (kind.isEmpty()) {
            return OrderSummary.Kind.ORDER;
        }
        return switch (kind.get()) {
            case "ORDER" -> OrderSummary.Kind.ORDER;
            case "QUOTATION" -> OrderSummary.Kind.QUOTATION;
            default -> throw SubscriptionException.invalid("kind", kind.get(), "is not ORDER or QUOTATION");
        };
    }

    private static JsonObject order(ReferenceOrders.OrderRow row, List<Subscription> subscriptions) {
        Order o = row.order();
        JsonObject json = Json.object().put("id", o.id()).put("documentNo", o.documentNo()).put("kind", row.kind().name())
                .put("docStatus", row.docStatus()).put("customerId", o.customerId()).put("billToLocationId", o.billToLocationId());
        json.put("contactUserId", o.contactUserId().orElse(null));
        json.put("salesRepId", o.salesRepId().orElse(null));
        json.put("priceListId", o.priceListId()).put("dateOrdered", row.dateOrdered().toString())
                .put("datePromised", o.datePromised().toString());
        json.put("validUntil", row.validUntil().map(Object::toString).orElse(null));
        JsonArray lines = json.putArray("lines");
        for (Order.Line l : o.lines()) {
            JsonObject lj = lines.addObject().put("id", l.id()).put("line", l.line()).put("productId", l.productId())
                    .put("quantity", l.quantity()).put("price", l.priceEntered()).put("discountPercent", l.discountPercent());
            lj.put("subscriptionTemplateId", l.subscriptionTemplateId().orElse(null));
        }
        if (subscriptions != null) {
            JsonArray subs = json.putArray("subscriptions");
            subscriptions.forEach(s -> subs.add(EngineJson.subscription(s)));
        }
        return json;
    }
}
