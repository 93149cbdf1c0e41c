package org.idempiere.subscription.sandbox.internal.http;

import java.net.URL;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.InvoiceReversal;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.idempiere.subscription.sandbox.internal.host.ReferenceMailer;
import org.idempiere.subscription.sandbox.internal.host.TestClock;
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

/** Sandbox-only routes: the reference host's master data, its mail drop and the test clock. */
@Component(service = {RestRoutes.class, SandboxRoutes.class})
public final class SandboxRoutes implements RestRoutes {
    private final MasterData data;
    private final TestClock clock;
    private final ReferenceMailer mailer;
    private final PaymentService payments;
    private final BillingService billing;
    private final HostContext host;

    @Activate
    public SandboxRoutes(@Reference MasterData data, @Reference TestClock clock, @Reference ReferenceMailer mailer,
            @Reference PaymentService payments, @Reference BillingService billing, @Reference HostContext host) {
        this.data = data;
        this.clock = clock;
        this.mailer = mailer;
        this.payments = payments;
        this.billing = billing;
        this.host = host;
    }

    @Override
    public void register(Router r) {
        r.post("/sandbox/customers", req -> {
            JsonBody b = req.body();
            return Reply.created(customer(data.createCustomer(b.text("name"), b.optText("email"), b.text("countryCode"),
                    b.optText("region"), b.optText("language"))));
        });
        r.get("/sandbox/customers", req -> {
            JsonArray out = Json.array();
            data.customers().forEach(c -> out.add(customer(c)));
            return Reply.ok(out);
        });
        r.post("/sandbox/products", req -> {
            JsonBody b = req.body();
            Optional<Long> plan = b.has("subscriptionTemplateId") ? Optional.of(b.id("subscriptionTemplateId")) : Optional.empty();
            return Reply.created(product(data.createProduct(b.text("name"), b.text("taxCategory"), b.decimal("price"),
                    b.text("currency"), b.optDate("validFrom"), plan)));
        });
        r.post("/sandbox/products/{id}/prices", req -> {
            long id = req.pathId("id");
            JsonBody b = req.body();
            if (b.has("priceListId")) { // a named price list: the price is in its currency (gross if it includes tax)
                if (b.has("currency")) {
                    throw org.idempiere.subscription.api.SubscriptionException.invalid("currency", b.text("currency"),
                            "is the price list's: give priceListId or currency, not both");
                }
                return Reply.created(product(data.addPrice(id, b.decimal("price"), b.id("priceListId"), b.date("validFrom"))));
            }
            return Reply.created(product(data.addPrice(id, b.decimal("price"), b.text("currency"), b.date("validFrom"))));
        });
        r.post("/sandbox/price-lists", req -> {
            JsonBody b = req.body();
            return Reply.created(priceList(data.createPriceList(b.text("name"), b.text("currency"),
                    b.optBoolean("taxIncluded").orElse(false), b.optBoolean("isDefault").orElse(false))));
        });
        r.get("/sandbox/price-lists", req -> {
            JsonArray out = Json.array();
            data.priceLists().forEach(p -> out.add(priceList(p)));
            return Reply.ok(out);
        });
        r.get("/sandbox/products", req -> {
            JsonArray out = Json.array();
            data.products().forEach(p -> out.add(product(p)));
            return Reply.ok(out);
        });
        r.post("/sandbox/tax-rates", req -> {
            JsonBody b = req.body();
            return Reply.created(taxRate(data.createTaxRate(b.optText("name"), b.text("countryCode"), b.optText("region"),
                    b.text("taxCategory"), b.decimal("ratePercent"), b.date("validFrom"))));
        });
        r.get("/sandbox/tax-rates", req -> {
            JsonArray out = Json.array();
            data.taxRates().forEach(t -> out.add(taxRate(t)));
            return Reply.ok(out);
        });
        r.post("/sandbox/sales-reps", req -> {
            JsonBody b = req.body();
            MasterData.SalesRepRow rep = data.createSalesRep(b.text("name"), b.optText("email"));
            JsonObject o = Json.object().put("id", rep.id()).put("name", rep.name());
            return Reply.created(o.put("email", rep.email().orElse(null)));
        });
        r.get("/sandbox/sales-reps", req -> {
            JsonArray out = Json.array();
            data.salesReps().forEach(rep -> out.addObject().put("id", rep.id()).put("name", rep.name())
                    .put("email", rep.email().orElse(null)));
            return Reply.ok(out);
        });
        r.post("/sandbox/conversion-rates", req -> {
            JsonBody b = req.body();
            return Reply.created(conversionRate(data.createConversionRate(b.text("from"), b.text("to"), b.date("validFrom"),
                    b.decimal("rate"))));
        });
        r.get("/sandbox/conversion-rates", req -> {
            JsonArray out = Json.array();
            data.conversionRates().forEach(c -> out.add(conversionRate(c)));
            return Reply.ok(out);
        });
        r.post("/sandbox/invoices/{id}/pay", req -> {
            long id = req.pathId("id");
            data.payInvoice(id);
            // as iDempiere's completed allocation does: the dunning of the invoice stops at once
            int cancelled = payments.recover(java.util.List.of(id));
            return Reply.ok(Json.object().put("invoiceId", id).put("paid", true).put("attemptsCancelled", cancelled));
        });
        r.post("/sandbox/invoices/{id}/reverse", req -> {
            long id = req.pathId("id");
            LocalDate date = req.bodyOrEmpty().optDate("date").orElseGet(() -> LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
            // as iDempiere's Void / Reverse of a completed invoice: the host's reversal and the engine's
            // record in one transaction (the invoice event's), the dunning stopped as the reversal's allocation does
            return host.inTransaction(tx -> {
                MasterData.ReversalRow reversal = data.reverseInvoice(id, date);
                Optional<InvoiceReversal> recorded = billing.invoiceReversed(id, reversal.date(), "Reversed by " + reversal.documentNo());
                int cancelled = payments.recover(java.util.List.of(id));
                JsonObject o = Json.object().put("invoiceId", id).put("reversalId", reversal.reversalId())
                        .put("reversalDocumentNo", reversal.documentNo()).put("date", reversal.date().toString())
                        .put("alreadyReversed", reversal.already()).put("attemptsCancelled", cancelled);
                recorded.ifPresentOrElse(v -> o.putObject("revenue").put("currency", v.currency()).put("netReversed", v.netReversed())
                        .put("oneTimeReversed", v.oneTimeReversed()).put("alreadyRecorded", v.alreadyRecorded()),
                        () -> o.put("revenue", (String) null));
                return Reply.ok(o);
            });
        });
        r.get("/sandbox/mails", req -> {
            JsonArray out = Json.array();
            for (ReferenceMailer.Sent m : mailer.mails()) {
                JsonObject o = out.addObject().put("id", m.id()).put("to", m.to()).put("subject", m.subject()).put("body", m.body())
                        .put("sentAt", m.sentAt().toString());
                if (m.attachmentName() != null) {
                    o.putObject("attachment").put("name", m.attachmentName()).put("type", m.attachmentType())
                            .put("size", m.attachment() == null ? 0 : m.attachment().length);
                }
            }
            return Reply.ok(out);
        });
        r.post("/sandbox/mail-server", req -> {
            JsonBody b = req.body();
            mailer.setOffline(b.optBoolean("offline").orElseThrow(() -> SubscriptionException.required(b.name("offline"))));
            return Reply.ok(Json.object().put("offline", mailer.isOffline()));
        });
        r.get("/sandbox/clock", req -> Reply.ok(clockView()));
        r.post("/sandbox/clock", req -> {
            JsonBody b = req.body();
            boolean hasDate = b.has("date");
            boolean hasDays = b.has("advanceDays");
            if (hasDate == hasDays) {
                throw SubscriptionException.invalid("body", hasDate ? "date and advanceDays" : "neither date nor advanceDays",
                        "must give exactly one of date or advanceDays");
            }
            try {
                if (hasDate) {
                    clock.setDate(b.date("date"));
                } else {
                    clock.advanceDays(b.integer("advanceDays"));
                }
            } catch (SQLException e) {
                throw SubscriptionException.hostFailure("Cannot store the test clock: " + e.getMessage(), e);
            }
            return Reply.ok(clockView());
        });
    }

    private JsonObject clockView() {
        Instant now = clock.instant();
        return Json.object().put("now", now.toString()).put("today", LocalDate.ofInstant(now, ZoneOffset.UTC).toString())
                .put("frozen", clock.isFrozen());
    }

    private static JsonObject customer(MasterData.CustomerRow c) {
        JsonObject o = Json.object().put("id", c.id()).put("name", c.name());
        o.put("email", c.email().orElse(null));
        o.put("countryCode", c.countryCode());
        o.put("region", c.region().orElse(null));
        return o.put("language", c.language()).put("billToLocationId", c.billToLocationId())
                .put("contactUserId", c.contactUserId());
    }

    private static JsonObject product(MasterData.ProductRow p) {
        JsonObject o = Json.object().put("id", p.id()).put("name", p.name()).put("taxCategory", p.taxCategory())
                .put("uomId", p.uomId());
        o.put("subscriptionTemplateId", p.subscriptionTemplateId().orElse(null));
        JsonArray prices = o.putArray("prices");
        for (MasterData.PriceRow pr : p.prices()) {
            prices.addObject().put("priceListId", pr.priceListId()).put("currency", pr.currency())
                    .put("validFrom", pr.validFrom().toString()).put("price", pr.price());
        }
        return o;
    }

    private static JsonObject priceList(MasterData.PriceListRow p) {
        return Json.object().put("id", p.id()).put("name", p.name()).put("currency", p.currency())
                .put("taxIncluded", p.taxIncluded()).put("isDefault", p.isDefault());
    }

    private static JsonObject conversionRate(MasterData.ConversionRateRow c) {
        return Json.object().put("id", c.id()).put("from", c.from()).put("to", c.to()).put("validFrom", c.validFrom().toString())
                .put("rate", c.rate());
    }

    private static JsonObject taxRate(MasterData.TaxRateRow t) {
        JsonObject o = Json.object().put("id", t.id()).put("name", t.name()).put("countryCode", t.countryCode());
        o.put("region", t.region().orElse(null));
        return o.put("taxCategory", t.taxCategory()).put("ratePercent", t.ratePercent())
                .put("validFrom", t.validFrom().toString());
    }

    @Override
    public Optional<URL> openApiFragment() {
        return Optional.ofNullable(SandboxRoutes.class.getResource("/openapi/sandbox.json"));
    }
}
