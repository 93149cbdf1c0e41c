package org.idempiere.subscription.sandbox.internal.http;

import java.time.LocalDate;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.sandbox.internal.gateway.Gateway;
import org.idempiere.subscription.sandbox.internal.gateway.TestInstruments;
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
 * The reference gateway's own routes: tokenization (the only place the sandbox accepts a card
 * number or an IBAN; nothing of them is kept but what the answer shows), its ledger of captures
 * and refunds, and its settings.
 */
@Component(service = RestRoutes.class)
public final class GatewayRoutes implements RestRoutes {
    private final Gateway gateway;
    private final HostContext host;

    @Activate
    public GatewayRoutes(@Reference Gateway gateway, @Reference HostContext host) {
        this.gateway = gateway;
        this.host = host;
    }

    @Override
    public void register(Router r) {
        r.post("/sandbox/gateway/tokens", req -> {
            JsonBody b = req.body();
            boolean card = b.has("card");
            if (card == b.has("directDebit")) {
                throw SubscriptionException.invalid("body", card ? "card and directDebit" : "neither card nor directDebit",
                        "must give exactly one of card or directDebit");
            }
            LocalDate today = LocalDate.now(host.clock());
            if (card) {
                JsonBody c = b.object("card");
                TestInstruments.Card checked = TestInstruments.card("card.", c.text("number"), c.integer("expMonth"),
                        c.integer("expYear"), cvc(c), c.optText("holder").orElse(null), today);
                return Reply.created(token(gateway.tokenize(checked)));
            }
            JsonBody d = b.object("directDebit");
            TestInstruments.Mandate checked = TestInstruments.mandate("directDebit.", d.text("iban"), d.optText("mandateReference"),
                    d.optDate("mandateDate"), d.optText("holder").orElse(null), today);
            return Reply.created(token(gateway.tokenize(checked)));
        });
        r.get("/sandbox/gateway/ledger", req -> {
            Optional<Long> invoice = req.query("invoiceId").isPresent() ? Optional.of(req.queryId("invoiceId")) : Optional.empty();
            JsonArray out = Json.array();
            for (Gateway.Entry e : gateway.ledger(invoice)) {
                JsonObject o = out.addObject().put("id", e.id()).put("type", e.type()).put("idempotencyKey", e.idempotencyKey())
                        .put("outcome", e.outcome().name()).put("answered", e.answered().name());
                o.put("code", e.code().orElse(null));
                o.put("message", e.message()).put("reference", e.reference()).put("methodId", e.methodId())
                        .put("customerId", e.customerId()).put("invoiceId", e.invoiceId());
                o.put("refundOf", e.refundOf().orElse(null));
                o.put("amount", e.amount()).put("currency", e.currency()).put("created", e.created().toString());
            }
            return Reply.ok(out);
        });
        r.post("/sandbox/gateway/settings", req -> {
            JsonBody b = req.body();
            return Reply.ok(settings(gateway.update(b.optInteger("latencyMs"), b.optInteger("retryDeclines"))));
        });
    }

    /** The CVC as sent: a JSON string, since a number would lose leading zeros. */
    private static String cvc(JsonBody c) {
        if (c.has("cvc") && c.optText("cvc").isEmpty()) {
            throw SubscriptionException.required(c.name("cvc"));
        }
        return c.text("cvc");
    }

    private static JsonObject settings(Gateway.Settings s) {
        return Json.object().put("latencyMs", s.latencyMs()).put("retryDeclines", s.retryDeclines());
    }

    private static JsonObject token(Gateway.TokenView t) {
        JsonObject o = Json.object().put("token", t.token()).put("kind", t.kind().name()).put("holder", t.holder());
        o.put("brand", t.brand().orElse(null));
        o.put("last4", t.last4().orElse(null));
        o.put("expMonth", t.expiry().map(e -> e.getMonthValue()).orElse(null));
        o.put("expYear", t.expiry().map(e -> e.getYear()).orElse(null));
        o.put("maskedIban", t.maskedIban().orElse(null));
        o.put("mandateReference", t.mandateReference().orElse(null));
        o.put("mandateDate", t.mandateDate().map(LocalDate::toString).orElse(null));
        return o;
    }
}
