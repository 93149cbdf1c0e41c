package org.idempiere.subscription.web.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalLink;
import org.idempiere.subscription.web.rest.Json;
import org.idempiere.subscription.web.rest.JsonArray;
import org.idempiere.subscription.web.rest.JsonBody;
import org.idempiere.subscription.web.rest.JsonObject;
import org.idempiere.subscription.web.rest.Reply;
import org.idempiere.subscription.web.rest.Router;

/**
 * The routes of customer-portal links, part of the engine's routes: issue a link (answered with
 * its token once) or e-mail it, list a customer's links (never their tokens), revoke one or all.
 */
final class PortalLinkRoutes {
    private final PortalAccessService portal;

    PortalLinkRoutes(PortalAccessService portal) {
        this.portal = portal;
    }

    void register(Router r) {
        r.post("/customers/{id}/portal-links", req -> {
            long customer = req.pathId("id");
            JsonBody b = req.bodyOrEmpty();
            Optional<Long> contact = b.has("contactId") ? Optional.of(b.id("contactId")) : Optional.empty();
            boolean send = b.optBoolean("send").orElse(false);
            return Reply.created(link(customer(customer, () -> send ? portal.sendLink(customer, contact)
                    : portal.issueLink(customer, contact))));
        });
        r.get("/customers/{id}/portal-links", req -> {
            long customer = req.pathId("id");
            JsonArray out = Json.array();
            List<PortalLink> links = customer(customer, () -> portal.links(customer));
            links.forEach(l -> out.add(link(l)));
            return Reply.ok(out);
        });
        r.post("/customers/{id}/portal-links/revoke", req -> {
            long customer = req.pathId("id");
            req.bodyOrEmpty();
            int revoked = customer(customer, () -> portal.revokeAll(customer));
            return Reply.ok(Json.object().put("customerId", customer).put("revoked", revoked));
        });
        r.post("/portal-links/{id}/revoke", req -> {
            long id = req.pathId("id");
            req.bodyOrEmpty();
            try {
                return Reply.ok(link(portal.revokeLink(id)));
            } catch (SubscriptionException e) {
                throw e.code() == ErrorCode.UNKNOWN_REFERENCE && e.field().filter("linkId"::equals).isPresent()
                        ? SubscriptionException.notFound("Portal link", id) : e;
            }
        });
    }

    /** The JSON of a link: its token and address only right after it was issued. */
    static JsonObject link(PortalLink l) {
        JsonObject o = Json.object().put("id", l.id()).put("customerId", l.customerId());
        o.put("contactId", l.contactId().orElse(null));
        o.put("token", l.token().orElse(null));
        o.put("url", l.url().orElse(null));
        o.put("createdAt", l.createdAt().toString()).put("expiresAt", l.expiresAt().toString());
        o.put("revokedAt", l.revokedAt().map(Object::toString).orElse(null));
        o.put("lastUsedAt", l.lastUsedAt().map(Object::toString).orElse(null));
        return o;
    }

    /** The customer addressed by the path: one the engine does not know is 404 naming {@code id}. */
    private static <T> T customer(long customerId, Supplier<T> call) {
        try {
            return call.get();
        } catch (SubscriptionException e) {
            if (e.code() == ErrorCode.UNKNOWN_REFERENCE && e.field().filter("customerId"::equals).isPresent()) {
                throw SubscriptionException.notFound("Customer", customerId);
            }
            throw e;
        }
    }
}
