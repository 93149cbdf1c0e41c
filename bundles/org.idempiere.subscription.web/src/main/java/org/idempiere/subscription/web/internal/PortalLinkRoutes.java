package org.idempiere.subscription.web.internal;

import java.util.Optional;
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
        r.post("/customers/{id}/portal-links", req -> Reply.created(link(PathRecord.customer(req, customer -> {
            JsonBody b = req.bodyOrEmpty();
            Optional<Long> contact = b.has("contactId") ? Optional.of(b.id("contactId")) : Optional.empty();
            return b.optBoolean("send").orElse(false) ? portal.sendLink(customer, contact) : portal.issueLink(customer, contact);
        }))));
        r.get("/customers/{id}/portal-links", req -> {
            JsonArray out = Json.array();
            PathRecord.customer(req, portal::links).forEach(l -> out.add(link(l)));
            return Reply.ok(out);
        });
        r.post("/customers/{id}/portal-links/revoke", req -> Reply.ok(PathRecord.customer(req, customer -> {
            req.bodyOrEmpty();
            return Json.object().put("customerId", customer).put("revoked", portal.revokeAll(customer));
        })));
        r.post("/portal-links/{id}/revoke", req -> {
            long id = req.pathId("id");
            req.bodyOrEmpty();
            return Reply.ok(link(PathRecord.of(ErrorCode.UNKNOWN_REFERENCE, "linkId",
                    () -> SubscriptionException.notFound("Portal link", id), () -> portal.revokeLink(id))));
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
}
