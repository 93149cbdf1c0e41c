package org.idempiere.subscription.web.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.RecurrenceUnit;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.AnalyticsService;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.CloseReason;
import org.idempiere.subscription.api.service.CloseReasonService;
import org.idempiere.subscription.api.service.CustomerTerms;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.SettingsOverride;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.api.service.Term;
import org.idempiere.subscription.web.rest.EngineJson;
import org.idempiere.subscription.web.rest.Json;
import org.idempiere.subscription.web.rest.JsonArray;
import org.idempiere.subscription.web.rest.JsonObject;
import org.idempiere.subscription.web.rest.JsonBody;
import org.idempiere.subscription.web.rest.Reply;
import org.idempiere.subscription.web.rest.RestRoutes;
import org.idempiere.subscription.web.rest.Router;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The engine's routes: templates, subscriptions, billing runs, invoices, payments and MRR. */
@Component(service = RestRoutes.class)
public final class EngineRoutes implements RestRoutes {
    private final HostContext host;
    private final TemplateService templates;
    private final SubscriptionService subscriptions;
    private final BillingService billing;
    private final AnalyticsService analytics;
    private final CloseReasonService closeReasons;
    private final PaymentRoutes payments;
    private final PortalLinkRoutes portalLinks;

    @Activate
    public EngineRoutes(@Reference HostContext host, @Reference TemplateService templates,
            @Reference SubscriptionService subscriptions, @Reference BillingService billing,
            @Reference AnalyticsService analytics, @Reference CloseReasonService closeReasons,
            @Reference PaymentService payments, @Reference PortalAccessService portal) {
        this.host = host;
        this.templates = templates;
        this.subscriptions = subscriptions;
        this.billing = billing;
        this.analytics = analytics;
        this.closeReasons = closeReasons;
        this.payments = new PaymentRoutes(payments);
        this.portalLinks = new PortalLinkRoutes(portal);
    }

    @Override
    public void register(Router r) {
        r.post("/templates", req -> Reply.created(EngineJson.template(templates.create(templateDraft(req.body())))));
        r.get("/templates", req -> {
            var out = Json.array();
            templates.list().forEach(t -> out.add(EngineJson.template(t)));
            return Reply.ok(out);
        });
        r.get("/templates/{id}", req -> Reply.ok(EngineJson.template(templates.find(req.pathId("id"))
                .orElseThrow(() -> SubscriptionException.notFound("Template", req.pathId("id"))))));
        r.post("/subscriptions", req -> Reply.created(EngineJson.subscription(subscriptions.create(subscriptionDraft(req.body())))));
        r.get("/subscriptions", req -> {
            JsonArray out = Json.array();
            subscriptions.list(req.query("customerId").isPresent() ? Optional.of(req.queryId("customerId")) : Optional.empty(),
                    req.query("status").map(s -> enumValue(SubscriptionStatus.class, "status", s)),
                    queryInt(req.query("offset"), "offset", 0), queryInt(req.query("limit"), "limit", 100))
                    .forEach(s -> out.add(EngineJson.subscription(s)));
            return Reply.ok(out);
        });
        r.get("/subscriptions/{id}", req -> Reply.ok(EngineJson.subscription(subscriptions.find(req.pathId("id"))
                .orElseThrow(() -> SubscriptionException.notFound("Subscription", req.pathId("id"))))));
        r.post("/subscriptions/{id}/close", req -> {
            long id = req.pathId("id");
            JsonBody b = req.body();
            return Reply.ok(EngineJson.subscription(b.has("closeReasonId")
                    ? subscriptions.close(id, b.id("closeReasonId"), b.optText("reason"))
                    : subscriptions.close(id, b.text("reason"))));
        });
        r.post("/close-reasons", req -> {
            JsonBody b = req.body();
            return Reply.created(closeReason(closeReasons.create(b.text("name"), b.optText("description"))));
        });
        r.get("/close-reasons", req -> {
            var out = Json.array();
            closeReasons.list().forEach(c -> out.add(closeReason(c)));
            return Reply.ok(out);
        });
        r.post("/subscriptions/{id}/changes", req -> Reply.created(EngineJson.change(
                subscriptions.change(req.pathId("id"), changeDraft(req.body())))));
        r.post("/subscriptions/{id}/changes/preview", req -> Reply.ok(EngineJson.changePreview(
                billing.previewChange(req.pathId("id"), changeDraft(req.body())))));
        r.post("/subscriptions/{id}/changes/{changeId}/cancel", req -> Reply.ok(EngineJson.change(
                subscriptions.cancelChange(req.pathId("id"), req.pathId("changeId")))));
        r.get("/subscriptions/{id}/changes", req -> {
            var out = Json.array();
            subscriptions.changesOf(req.pathId("id")).forEach(c -> out.add(EngineJson.change(c)));
            return Reply.ok(out);
        });
        r.post("/subscriptions/{id}/activate", req -> Reply.ok(EngineJson.subscription(subscriptions.activate(req.pathId("id")))));
        r.post("/subscriptions/{id}/currency", req -> Reply.ok(EngineJson.subscription(
                subscriptions.changeCurrency(req.pathId("id"), req.body().text("currency")))));
        r.post("/subscriptions/{id}/cancel-renewal",
                req -> Reply.ok(EngineJson.subscription(subscriptions.cancelRenewal(req.pathId("id")))));
        r.post("/subscriptions/{id}/pause", req -> Reply.ok(EngineJson.subscription(subscriptions.pause(req.pathId("id")))));
        r.post("/subscriptions/{id}/resume", req -> Reply.ok(EngineJson.subscription(subscriptions.resume(req.pathId("id")))));
        r.post("/subscriptions/{id}/reactivate",
                req -> Reply.ok(EngineJson.subscription(subscriptions.reactivate(req.pathId("id")))));
        r.post("/billing-runs", req -> {
            JsonBody b = req.bodyOrEmpty();
            BillingScope scope = b.optBoolean("consolidate").orElse(false) ? BillingScope.ALL.consolidated() : BillingScope.ALL;
            return Reply.created(EngineJson.billingRun(billing.run(b.optDate("asOf").orElseGet(host::today), scope)));
        });
        r.get("/subscriptions/{id}/next-invoice", req -> Reply.ok(EngineJson.preview(billing.preview(req.pathId("id")))));
        r.post("/billing-runs/dry-run", req -> Reply.ok(EngineJson.forecast(
                billing.dryRun(req.bodyOrEmpty().optDate("asOf").orElseGet(host::today)))));
        r.get("/billing-runs/{id}/failures", req -> {
            var out = Json.array();
            for (var f : billing.failuresOf(req.pathId("id"))) {
                out.addObject().put("subscriptionId", f.subscriptionId()).put("code", f.code()).put("message", f.message());
            }
            return Reply.ok(out);
        });
        r.get("/invoices/{id}/pdf", req -> {
            long id = req.pathId("id");
            return Reply.document(billing.invoicePdf(id), "application/pdf", "invoice-" + id + ".pdf");
        });
        r.get("/invoices", req -> Reply.ok(EngineJson.invoices(billing.invoicesOf(req.queryId("subscriptionId")))));
        r.get("/invoice-mails", req -> Reply.ok(EngineJson.invoiceMails(billing.invoiceMailsOf(req.queryId("subscriptionId")))));
        r.post("/invoice-mails/send", req -> Reply.ok(Json.object().put("sent", billing.sendInvoiceMails())));
        payments.register(r);
        portalLinks.register(r);
        r.get("/analytics/mrr", req -> Reply.ok(EngineJson.mrr(analytics.mrr(req.queryDate("date").orElseGet(host::today),
                req.query("currency").orElse(null)))));
    }

    private static JsonObject closeReason(CloseReason c) {
        return Json.object().put("id", c.id()).put("name", c.name()).put("description", c.description().orElse(null));
    }

    private static Recurrence recurrence(JsonBody b) {
        JsonBody rec = b.object("recurrence");
        return new Recurrence(rec.integer("every"), enumValue(RecurrenceUnit.class, "recurrence.unit", rec.text("unit")));
    }

    private static Optional<BillingTiming> billing(JsonBody b) {
        return b.optText("billing").map(s -> enumValue(BillingTiming.class, "billing", s));
    }

    private static TemplateDraft templateDraft(JsonBody b) {
        Recurrence recurrence = recurrence(b);
        BillingTiming billing = billing(b).orElse(BillingTiming.IN_ADVANCE);
        Optional<Term> term = Optional.empty();
        if (b.has("term")) {
            JsonBody t = b.object("term");
            term = Optional.of(new Term(t.integer("periods"), t.optBoolean("autoRenew").orElse(true)));
        }
        ChangeTiming changeTiming = b.optText("changeTiming").map(s -> enumValue(ChangeTiming.class, "changeTiming", s))
                .orElse(ChangeTiming.IMMEDIATE);
        PriceUpdate priceUpdate = b.optText("priceUpdate").map(s -> enumValue(PriceUpdate.class, "priceUpdate", s))
                .orElse(PriceUpdate.AT_RENEWAL);
        return new TemplateDraft(b.text("name"), b.optText("description"), recurrence, billing, term,
                b.optInteger("billingDay"), changeTiming, priceUpdate, b.optInteger("noticeDays"), customerTerms(b),
                b.optInteger("autoCloseDays"), b.optBoolean("emailInvoices").orElse(false), PaymentRoutes.paymentTerms(b),
                b.has("lines") ? lineDrafts(b) : List.of());
    }

    /** {@code customer}? {permission?, options? [productId], closable?}: absent, customers change nothing. */
    private static CustomerTerms customerTerms(JsonBody b) {
        if (!b.has("customer")) {
            return CustomerTerms.NONE;
        }
        JsonBody c = b.object("customer");
        CustomerPermission permission = c.optText("permission").map(s -> enumValue(CustomerPermission.class, "customer.permission", s))
                .orElse(CustomerPermission.NONE);
        List<Long> options = new ArrayList<>();
        if (c.has("options")) {
            options.addAll(c.ids("options"));
        }
        return new CustomerTerms(permission, options, c.optBoolean("closable").orElse(false));
    }

    private static List<LineDraft> lineDrafts(JsonBody b) {
        List<LineDraft> lines = new ArrayList<>();
        for (JsonBody l : b.objects("lines")) {
            lines.add(lineDraft(l));
        }
        return lines;
    }

    private static LineDraft lineDraft(JsonBody l) {
        return new LineDraft(l.id("productId"), l.decimal("quantity"), l.optDecimal("unitPrice"),
                l.optDecimal("discountPercent").orElse(BigDecimal.ZERO), l.optBoolean("setupFee").orElse(false),
                l.has("uomId") ? Optional.of(l.id("uomId")) : Optional.empty());
    }

    /** A change: {@code effectiveDate}?, {@code templateId}?, {@code lines}? [{action ADD|UPDATE|REMOVE, ...}]. */
    private static ChangeDraft changeDraft(JsonBody b) {
        List<LineChange> lines = new ArrayList<>();
        if (b.has("lines")) {
            for (JsonBody l : b.objects("lines")) {
                String action = l.text("action");
                lines.add(switch (action) {
                    case "ADD" -> new LineChange.Add(lineDraft(l));
                    case "UPDATE" -> new LineChange.Update(l.id("lineId"), l.optDecimal("quantity"), l.optDecimal("unitPrice"),
                            l.optDecimal("discountPercent"));
                    case "REMOVE" -> new LineChange.Remove(l.id("lineId"));
                    default -> throw SubscriptionException.invalid(l.name("action"), action, "is not ADD, UPDATE or REMOVE");
                });
            }
        }
        return new ChangeDraft(b.optDate("effectiveDate"), b.has("templateId") ? Optional.of(b.id("templateId")) : Optional.empty(),
                lines);
    }

    private static SubscriptionDraft subscriptionDraft(JsonBody b) {
        SettingsOverride overrides = new SettingsOverride(b.has("recurrence") ? Optional.of(recurrence(b)) : Optional.empty(),
                billing(b), b.optInteger("termPeriods"), b.optBoolean("autoRenew"), b.optInteger("billingDay"),
                b.optBoolean("emailInvoices"), b.optText("paymentMode").map(m -> enumValue(PaymentMode.class, "paymentMode", m)));
        return new SubscriptionDraft(b.id("templateId"), b.id("customerId"), b.text("currency"), b.date("startDate"),
                b.optText("description"), b.has("lines") ? lineDrafts(b) : List.of(), b.optDecimal("discountPercent").orElse(BigDecimal.ZERO),
                overrides);
    }

    /** A whole-number query parameter, {@code dflt} when absent. */
    static int queryInt(Optional<String> text, String name, int dflt) {
        if (text.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw SubscriptionException.invalid(name, text.get(), "must be a whole number");
        }
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String field, String text) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name());
            }
            throw SubscriptionException.invalid(field, text, "must be one of " + allowed);
        }
    }
}
