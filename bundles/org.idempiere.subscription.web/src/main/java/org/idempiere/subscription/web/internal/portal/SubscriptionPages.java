package org.idempiere.subscription.web.internal.portal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.CloseReason;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.idempiere.subscription.api.service.PortalChangePreview;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.api.service.PortalSubscription;
import org.idempiere.subscription.web.internal.ServiceLookup;

/**
 * The subscription pages: the list (the portal's home), a subscription with what its plan lets the
 * customer do, the preview and confirmation of a change, and closing with a reason. Every change
 * is previewed by a {@code GET} that writes nothing and made by a {@code POST} (CSRF-checked by
 * the servlet) that redirects to the subscription with a confirmation; what the engine refuses is
 * shown on the page, nothing changed. Thread-safe.
 */
final class SubscriptionPages {
    /** The longest comment a customer may give when closing ({@code SUB_Subscription.CloseReason}). */
    static final int MAX_COMMENT = 255;

    private final ServiceLookup services;

    SubscriptionPages(ServiceLookup services) {
        this.services = services;
    }

    private CustomerPortalService portal() {
        return PortalPages.portal(services);
    }

    void list(PortalExchange ex) throws IOException {
        PortalSession s = ex.requireSession();
        List<Map<String, Object>> subscriptions = new ArrayList<>();
        for (PortalSubscription p : portal().subscriptions(s)) {
            subscriptions.add(SubscriptionView.summary(p, ex));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("section", "subscriptions");
        model.put("customerName", s.customerName()); // read with the session, not again
        model.put("subscriptions", subscriptions);
        ex.render(200, "subscriptions", model);
    }

    void detail(PortalExchange ex) throws IOException {
        ex.render(200, "subscription", detailModel(ex, subscription(ex)));
    }

    private PortalSubscription subscription(PortalExchange ex) {
        return portal().subscription(ex.requireSession(), PortalPages.id(ex, "subscriptionId"));
    }

    private static Map<String, Object> detailModel(PortalExchange ex, PortalSubscription p) {
        Map<String, Object> model = new HashMap<>();
        model.put("section", "subscriptions");
        model.put("subscription", SubscriptionView.detail(p, ex));
        return model;
    }

    /** {@code GET .../change?kind=...}: what the change would cost, and the button that makes it. */
    void preview(PortalExchange ex) throws IOException {
        PortalSession s = ex.requireSession();
        long id = PortalPages.id(ex, "subscriptionId");
        ChangeForm change;
        try {
            change = ChangeForm.read(ex.query());
        } catch (RuntimeException e) {
            portal().subscription(s, id); // another's subscription is not found, whatever was asked of it
            throw e;
        }
        PortalChangePreview read;
        try {
            read = portal().changePreview(s, id, change.draft()); // the subscription and the preview in one read
        } catch (SubscriptionException e) {
            // refused (or not the customer's: NOT_FOUND again here): the subscription's page with the reason
            PortalPages.refuse(ex, e, "subscription", detailModel(ex, portal().subscription(s, id)));
            return;
        }
        PortalSubscription p = read.subscription();
        Map<String, Object> model = detailModel(ex, p);
        model.put("change", change.describe(p, ex));
        model.put("fields", change.fields());
        model.put("preview", PortalViews.preview(read.preview(), p, ex));
        ex.render(200, "change-preview", model);
    }

    /** {@code POST .../change}: makes the change previewed, then back to the subscription. */
    void change(PortalExchange ex) throws IOException {
        PortalSubscription p = subscription(ex);
        ChangeForm change = ChangeForm.read(ex.form());
        try {
            portal().change(ex.requireSession(), p.subscription().id(), change.draft());
        } catch (SubscriptionException e) {
            PortalPages.refuse(ex, e, "subscription", detailModel(ex, p));
            return;
        }
        ex.redirect("/subscriptions/" + p.subscription().id() + "?done=changed");
    }

    /**
     * {@code GET .../close}: the form (a reason from the seller's list and a comment); with a
     * {@code reason}, the review of what closing means with the button that closes.
     */
    void closeForm(PortalExchange ex) throws IOException {
        PortalSubscription p = subscription(ex);
        if (!p.terms().closable()) {
            Map<String, Object> refused = detailModel(ex, p);
            refused.put("refusal", ex.text("refusal.closable"));
            ex.render(409, "subscription", refused); // as the engine would refuse the close itself
            return;
        }
        Map<String, Object> model = closeModel(ex, p);
        FormInput q = ex.query();
        if (q.raw("reason").isPresent()) {
            CloseReason reason = reason(ex, q);
            Optional<String> comment = q.text("comment", MAX_COMMENT);
            model.put("review", true);
            model.put("reasonId", String.valueOf(reason.id()));
            model.put("reasonName", reason.name());
            model.put("comment", comment.orElse(""));
        }
        ex.render(200, "close", model);
    }

    /** {@code POST .../close}: closes with the reason and comment reviewed, then back to the subscription. */
    void close(PortalExchange ex) throws IOException {
        PortalSubscription p = subscription(ex);
        FormInput f = ex.form();
        long reason = f.id("reason");
        Optional<String> comment = f.text("comment", MAX_COMMENT);
        try {
            portal().close(ex.requireSession(), p.subscription().id(), reason, comment);
        } catch (SubscriptionException e) {
            PortalPages.refuse(ex, e, "close", closeModel(ex, p));
            return;
        }
        ex.redirect("/subscriptions/" + p.subscription().id() + "?done=closed");
    }

    private Map<String, Object> closeModel(PortalExchange ex, PortalSubscription p) {
        Map<String, Object> model = detailModel(ex, p);
        List<Map<String, Object>> reasons = new ArrayList<>();
        for (CloseReason r : portal().closeReasons(ex.requireSession())) {
            Map<String, Object> m = new HashMap<>();
            m.put("id", String.valueOf(r.id()));
            m.put("name", r.name());
            r.description().ifPresent(d -> m.put("description", d));
            reasons.add(m);
        }
        model.put("reasons", reasons);
        model.put("maxComment", MAX_COMMENT);
        model.put("review", false);
        return model;
    }

    /** The reason chosen, which must be one of the seller's list: else 400 naming {@code reason}. */
    private CloseReason reason(PortalExchange ex, FormInput q) {
        long id = q.id("reason");
        return portal().closeReasons(ex.requireSession()).stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> PortalProblem.invalid("reason", String.valueOf(id), "not one of the reasons offered"));
    }
}
