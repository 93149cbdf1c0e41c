package org.idempiere.subscription.web.rest;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.service.BillingForecast;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.InvoicePreview;
import org.idempiere.subscription.api.service.MrrSnapshot;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.api.service.PaymentRunReport;
import org.idempiere.subscription.api.service.PaymentTerms;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionChange;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Template;

/**
 * The JSON shape of each engine type, as the OpenAPI document describes it; for every route
 * that answers with one of them.
 */
public final class EngineJson {
    private EngineJson() {
    }

    /** The JSON of one engine value. */
    public static JsonObject template(Template t) {
        JsonObject o = Json.object().put("id", t.id()).put("name", t.name());
        o.put("description", t.description().orElse(null));
        plan(o, t.settings());
        o.put("changeTiming", t.changeTiming().name());
        o.put("priceUpdate", t.priceUpdate().name());
        o.put("noticeDays", t.noticeDays().orElse(null));
        o.put("autoCloseDays", t.autoCloseDays().orElse(null));
        o.put("emailInvoices", t.emailInvoices());
        payment(o.putObject("payment"), t.payment());
        JsonObject customer = o.putObject("customer").put("permission", t.customer().permission().name())
                .put("closable", t.customer().closable());
        JsonArray options = customer.putArray("options");
        t.customer().options().forEach(options::add);
        JsonArray lines = o.putArray("lines");
        for (LineDraft l : t.lines()) {
            JsonObject lo = lines.addObject().put("productId", l.productId()).put("quantity", l.quantity());
            lo.put("unitPrice", l.unitPrice().orElse(null));
            lo.put("discountPercent", l.discountPercent());
            lo.put("setupFee", l.setupFee());
        }
        return o;
    }

    /** How a template or a subscription is scheduled: recurrence, billing, term and billing day (null: anniversary). */
    private static void plan(JsonObject o, PlanSettings p) {
        o.putObject("recurrence").put("every", p.recurrence().every()).put("unit", p.recurrence().unit().name());
        o.put("billing", p.billing().name());
        p.term().ifPresentOrElse(term -> o.putObject("term").put("periods", term.periods()).put("autoRenew", term.autoRenew()),
                () -> o.putNull("term"));
        o.put("billingDay", p.billingDay().orElse(null));
    }

    /** The JSON of one engine value. */
    public static JsonObject subscription(Subscription s) {
        JsonObject o = Json.object().put("id", s.id()).put("documentNo", s.documentNo()).put("templateId", s.templateId())
                .put("customerId", s.customerId()).put("billToLocationId", s.billToLocationId())
                .put("priceListId", s.priceListId()).put("currency", s.mrr().currency().getCurrencyCode())
                .put("startDate", s.startDate().toString());
        o.put("description", s.description().orElse(null));
        o.put("nextInvoiceDate", date(s.nextInvoiceDate()));
        o.put("status", s.status().name());
        o.put("dateClosed", date(s.dateClosed()));
        o.put("closeReasonId", s.closeReasonId().orElse(null));
        o.put("closeReason", s.closeReason().orElse(null));
        o.put("contactUserId", s.contactUserId().orElse(null));
        o.put("salesRepId", s.salesRepId().orElse(null));
        o.put("orderId", s.orderId().orElse(null));
        o.put("mrr", s.mrr().amount());
        o.put("discountPercent", s.discountPercent());
        o.put("termEndDate", date(s.termEndDate()));
        plan(o, s.plan());
        o.put("endsOn", date(s.endsOn()));
        o.put("pausedOn", date(s.pausedOn()));
        o.put("emailInvoices", s.emailInvoices());
        o.put("paymentMode", s.paymentMode().name()).put("paymentModeOverridden", s.paymentModeOverridden());
        o.put("pastDue", s.pastDue());
        JsonArray lines = o.putArray("lines");
        for (SubscriptionLine l : s.lines()) {
            JsonObject lo = lines.addObject().put("id", l.id()).put("line", l.line()).put("productId", l.productId())
                    .put("quantity", l.quantity()).put("uomId", l.uomId()).put("uomRate", l.uomRate());
            lo.put("unitPrice", l.fixedUnitPrice().orElse(null));
            lo.put("discountPercent", l.discountPercent());
            lo.put("setupFee", l.setupFee());
            lo.put("validFrom", date(l.validFrom()));
            lo.put("validTo", date(l.validTo()));
        }
        return o;
    }

    /** The JSON of one engine value. */
    public static JsonObject change(SubscriptionChange c) {
        JsonObject o = Json.object().put("id", c.id()).put("subscriptionId", c.subscriptionId())
                .put("effectiveDate", c.effectiveDate().toString()).put("status", c.status().name());
        o.put("templateId", c.templateId().orElse(null));
        o.put("adjustmentInvoiceId", c.adjustmentInvoiceId().orElse(null));
        o.put("adjustmentNet", c.adjustmentNet());
        o.put("description", c.description().orElse(null));
        return o;
    }

    /** The JSON of one engine value. */
    public static JsonObject billingRun(BillingRunReport r) {
        JsonObject o = Json.object().put("runId", r.runId()).put("asOf", r.asOf().toString())
                .put("subscriptionsProcessed", r.subscriptionsProcessed()).put("invoicesCreated", r.invoicesCreated())
                .put("failuresCount", r.failuresCount());
        JsonObject net = o.putObject("netByCurrency");
        r.netByCurrency().forEach(net::put);
        JsonArray ids = o.putArray("invoiceIds");
        r.invoiceIds().forEach(ids::add);
        JsonArray failures = o.putArray("failures");
        for (BillingRunReport.Failure f : r.failures()) {
            failures.addObject().put("subscriptionId", f.subscriptionId()).put("code", f.code()).put("message", f.message());
        }
        return o;
    }

    /** The JSON of one engine value. */
    public static JsonArray invoiceMails(List<org.idempiere.subscription.api.service.InvoiceMail> mails) {
        JsonArray out = Json.array();
        for (org.idempiere.subscription.api.service.InvoiceMail m : mails) {
            out.addObject().put("id", m.id()).put("subscriptionId", m.subscriptionId()).put("invoiceId", m.invoiceId())
                    .put("to", m.to().orElse(null)).put("status", m.status().name()).put("attempts", m.attempts())
                    .put("error", m.error().orElse(null)).put("sent", m.sent().map(Object::toString).orElse(null));
        }
        return out;
    }

    public static JsonArray invoices(List<InvoiceView> invoices) {
        JsonArray out = Json.array();
        for (InvoiceView i : invoices) {
            JsonObject o = out.addObject().put("id", i.id()).put("documentNo", i.documentNo())
                    .put("dateInvoiced", i.dateInvoiced().toString()).put("currency", i.currency())
                    .put("totalLines", i.totalLines()).put("totalTax", i.totalTax()).put("grandTotal", i.grandTotal());
            JsonArray lines = o.putArray("lines");
            for (InvoiceView.Line l : i.lines()) {
                lines.addObject().put("line", l.line()).put("productId", l.productId()).put("quantity", l.quantity())
                        .put("priceActual", l.priceActual()).put("lineNet", l.lineNet())
                        .put("taxRatePercent", l.taxRatePercent()).put("periodStart", date(Optional.ofNullable(l.periodStart())))
                        .put("periodEnd", date(Optional.ofNullable(l.periodEnd())));
            }
        }
        return out;
    }

    /** The JSON of one engine value. */
    public static JsonObject preview(InvoicePreview p) {
        JsonObject o = Json.object().put("subscriptionId", p.subscriptionId()).put("dateInvoiced", p.dateInvoiced().toString())
                .put("periodStart", p.period().start().toString()).put("periodEnd", p.period().end().toString())
                .put("currency", p.currency()).put("totalLines", p.totalLines()).put("estimatedTax", p.estimatedTax())
                .put("estimatedTotal", p.estimatedTotal());
        JsonArray lines = o.putArray("lines");
        for (InvoicePreview.Line l : p.lines()) {
            lines.addObject().put("productId", l.productId()).put("quantity", l.quantity()).put("priceActual", l.priceActual())
                    .put("lineNet", l.lineNet()).put("taxRatePercent", l.taxRatePercent());
        }
        return o;
    }

    /**
     * The JSON of a change preview: its day, the adjustment invoice it would post (null when none),
     * the MRR before and after, and the next regular invoice (null when none follows).
     */
    public static JsonObject changePreview(org.idempiere.subscription.api.service.ChangePreview p) {
        JsonObject o = Json.object().put("subscriptionId", p.subscriptionId()).put("effectiveDate", p.effectiveDate().toString());
        o.put("templateId", p.templateId().orElse(null));
        if (p.adjustment().isPresent()) {
            org.idempiere.subscription.api.service.ChangePreview.Adjustment a = p.adjustment().get();
            JsonObject adj = o.putObject("adjustment").put("dateInvoiced", a.dateInvoiced().toString()).put("currency", a.currency())
                    .put("totalLines", a.totalLines()).put("estimatedTax", a.estimatedTax()).put("estimatedTotal", a.estimatedTotal());
            JsonArray lines = adj.putArray("lines");
            for (org.idempiere.subscription.api.service.ChangePreview.AdjustmentLine l : a.lines()) {
                lines.addObject().put("productId", l.productId()).put("quantity", l.quantity()).put("priceActual", l.priceActual())
                        .put("lineNet", l.lineNet()).put("taxRatePercent", l.taxRatePercent())
                        .put("periodStart", l.days().start().toString()).put("periodEnd", l.days().end().toString())
                        .put("credit", l.credit());
            }
        } else {
            o.putNull("adjustment");
        }
        o.put("mrrBefore", p.mrrBefore().amount()).put("mrrAfter", p.mrrAfter().amount())
                .put("currency", p.mrrAfter().currency().getCurrencyCode());
        o.put("nextInvoice", p.nextInvoice().map(EngineJson::preview).orElse(null));
        return o;
    }

    /** The JSON of one engine value. */
    public static JsonObject forecast(BillingForecast f) {
        JsonObject o = Json.object().put("asOf", f.asOf().toString()).put("subscriptionsDue", f.subscriptionsDue())
                .put("invoicesPlanned", f.invoicesPlanned()).put("problemsCount", f.problemsCount());
        JsonObject net = o.putObject("netByCurrency");
        f.netByCurrency().forEach(net::put);
        JsonArray problems = o.putArray("problems");
        for (BillingRunReport.Failure p : f.problems()) {
            problems.addObject().put("subscriptionId", p.subscriptionId()).put("code", p.code()).put("message", p.message());
        }
        return o;
    }

    /** How a plan's subscriptions pay: {@code mode}, {@code retryDays} and {@code credits}. */
    private static void payment(JsonObject o, PaymentTerms p) {
        o.put("mode", p.mode().name());
        JsonArray days = o.putArray("retryDays");
        p.retryDays().forEach(d -> days.add(d.longValue()));
        o.put("credits", p.credits().name());
    }

    /**
     * The JSON of a saved payment method: what a gateway shows of it (kind, brand, last four digits,
     * expiry month, masked IBAN, mandate) and whether it is the default. Never the token.
     */
    public static JsonObject paymentMethod(PaymentMethod m) {
        JsonObject o = Json.object().put("id", m.id()).put("kind", m.kind().name());
        o.put("brand", m.brand().orElse(null));
        o.put("last4", m.last4().orElse(null));
        o.put("expiry", m.expiry().map(Object::toString).orElse(null));
        o.put("maskedIban", m.maskedIban().orElse(null));
        o.put("mandateReference", m.mandateReference().orElse(null));
        o.put("mandateDate", date(m.mandateDate()));
        o.put("isDefault", m.isDefault());
        return o;
    }

    /** The JSON of a customer's saved payment methods, the default first. */
    public static JsonArray paymentMethods(List<PaymentMethod> methods) {
        JsonArray out = Json.array();
        methods.forEach(m -> out.add(paymentMethod(m)));
        return out;
    }

    /** A customer's credit balance: {@code customerId} and {@code balances} [{currency, amount}], amounts at the currency's scale. */
    public static JsonObject customerCredit(long customerId, List<org.idempiere.subscription.api.Money> balances) {
        JsonObject o = Json.object().put("customerId", customerId);
        JsonArray out = o.putArray("balances");
        for (org.idempiere.subscription.api.Money m : balances) {
            out.add(Json.object().put("currency", m.currency().getCurrencyCode()).put("amount", m.amount()));
        }
        return o;
    }

    /** The JSON of one payment attempt; the amount at its currency's scale. */
    public static JsonObject paymentAttempt(PaymentAttempt a) {
        JsonObject o = Json.object().put("id", a.id()).put("subscriptionId", a.subscriptionId()).put("invoiceId", a.invoiceId())
                .put("customerId", a.customerId());
        o.put("methodId", a.methodId().orElse(null));
        o.put("amount", a.amount().amount()).put("currency", a.amount().currency().getCurrencyCode());
        o.put("attemptNo", a.attemptNo()).put("status", a.status().name()).put("dueOn", a.dueOn().toString());
        o.put("triedAt", a.triedAt().map(Object::toString).orElse(null));
        o.put("paymentId", a.paymentId().orElse(null));
        o.put("reference", a.reference().orElse(null));
        o.put("resultCode", a.resultCode().orElse(null));
        o.put("resultMessage", a.resultMessage().orElse(null));
        return o;
    }

    /** The JSON of payment attempts, in the order given. */
    public static JsonArray paymentAttempts(List<PaymentAttempt> attempts) {
        JsonArray out = Json.array();
        attempts.forEach(a -> out.add(paymentAttempt(a)));
        return out;
    }

    /** The states a collection can leave an attempt in: each is always in a run's {@code attempts}, 0 when none. */
    private static final Set<PaymentStatus> ENDED = EnumSet.of(PaymentStatus.SUCCEEDED, PaymentStatus.DECLINED,
            PaymentStatus.ERRORED, PaymentStatus.UNKNOWN, PaymentStatus.NO_METHOD, PaymentStatus.CANCELLED);
    /** The states a refund ends in, always answered (0 when none). */
    private static final java.util.Set<PaymentStatus> REFUND_ENDED = java.util.EnumSet.of(PaymentStatus.SUCCEEDED,
            PaymentStatus.DECLINED, PaymentStatus.ERRORED, PaymentStatus.UNKNOWN);

    /** The JSON of what a collection did: attempts by the state they ended in, collected per currency, retries added. */
    public static JsonObject paymentRun(PaymentRunReport r) {
        JsonObject o = Json.object();
        JsonObject byStatus = o.putObject("attempts");
        for (PaymentStatus s : PaymentStatus.values()) {
            Integer n = r.attempts().get(s);
            if (n != null || ENDED.contains(s)) {
                byStatus.put(s.name(), n == null ? 0 : n);
            }
        }
        JsonObject collected = o.putObject("collected");
        new java.util.TreeMap<>(r.collected()).forEach(collected::put);
        o.put("retriesAdded", r.retriesAdded());
        JsonObject refunds = o.putObject("refunds");
        for (PaymentStatus s : PaymentStatus.values()) {
            Integer n = r.refunds().get(s);
            if (n != null || REFUND_ENDED.contains(s)) {
                refunds.put(s.name(), n == null ? 0 : n);
            }
        }
        JsonObject refunded = o.putObject("refunded");
        new java.util.TreeMap<>(r.refunded()).forEach(refunded::put);
        return o;
    }

    /** The JSON of one engine value. */
    public static JsonObject mrr(MrrSnapshot m) {
        return Json.object().put("date", m.date().toString()).put("currency", m.currency()).put("mrr", m.mrr())
                .put("activeSubscriptions", m.activeSubscriptions());
    }

    private static String date(Optional<LocalDate> d) {
        return d.map(LocalDate::toString).orElse(null);
    }
}
