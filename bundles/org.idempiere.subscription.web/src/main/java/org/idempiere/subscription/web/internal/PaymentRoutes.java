package org.idempiere.subscription.web.internal;

import java.util.Optional;
import java.util.function.Supplier;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.service.PaymentService;
import org.idempiere.subscription.api.service.PaymentTerms;
import org.idempiere.subscription.web.rest.EngineJson;
import org.idempiere.subscription.web.rest.JsonBody;
import org.idempiere.subscription.web.rest.Reply;
import org.idempiere.subscription.web.rest.Router;

/**
 * The routes of automatic payments, part of the engine's routes: a customer's saved payment
 * methods, paying an invoice now, the attempts of an invoice or a subscription, and a collection of
 * due attempts. A token is never answered, logged or shown in a problem (only masked).
 */
final class PaymentRoutes {
    /** The longest gateway token accepted. */
    static final int MAX_TOKEN = 200;

    private final PaymentService payments;

    PaymentRoutes(PaymentService payments) {
        this.payments = payments;
    }

    void register(Router r) {
        r.get("/customers/{id}/payment-methods", req -> Reply.ok(EngineJson.paymentMethods(
                PathRecord.customer(req, payments::methods))));
        r.get("/customers/{id}/credit", req -> Reply.ok(PathRecord.customer(req,
                customer -> EngineJson.customerCredit(customer, payments.creditBalance(customer)))));
        r.post("/customers/{id}/payment-methods", req -> Reply.created(EngineJson.paymentMethod(PathRecord.customer(req,
                customer -> {
                    JsonBody b = req.body();
                    String token = token(b);
                    boolean makeDefault = b.optBoolean("makeDefault").orElseGet(() -> payments.methods(customer).stream()
                            .noneMatch(m -> m.isDefault()));
                    return payments.registerMethod(customer, new MethodRegistration(token, makeDefault));
                }))));
        r.post("/customers/{id}/payment-methods/{methodId}/default", req -> {
            long method = req.pathId("methodId");
            return Reply.ok(EngineJson.paymentMethod(method(method, () -> PathRecord.customer(req,
                    customer -> payments.setDefaultMethod(customer, method)))));
        });
        r.delete("/customers/{id}/payment-methods/{methodId}", req -> {
            long method = req.pathId("methodId");
            method(method, () -> PathRecord.customer(req, customer -> {
                payments.removeMethod(customer, method);
                return null;
            }));
            return Reply.noContent();
        });
        r.post("/invoices/{id}/pay", req -> {
            long invoice = req.pathId("id");
            JsonBody b = req.bodyOrEmpty();
            Optional<Long> method = b.has("methodId") ? Optional.of(b.id("methodId")) : Optional.empty();
            return Reply.created(EngineJson.paymentAttempt(PathRecord.of(ErrorCode.NOT_FOUND, "invoiceId",
                    () -> SubscriptionException.notFound("Invoice", invoice), () -> payments.pay(invoice, method))));
        });
        r.get("/payments", req -> {
            Optional<String> invoice = req.query("invoiceId");
            Optional<String> subscription = req.query("subscriptionId");
            if (invoice.isEmpty() && subscription.isEmpty()) {
                throw SubscriptionException.required("invoiceId or subscriptionId");
            }
            if (invoice.isPresent() && subscription.isPresent()) {
                throw SubscriptionException.invalid("subscriptionId", subscription.get(),
                        "cannot be given with invoiceId: give exactly one of invoiceId and subscriptionId");
            }
            return Reply.ok(EngineJson.paymentAttempts(invoice.isPresent()
                    ? payments.attemptsOfInvoice(req.queryId("invoiceId"))
                    : payments.attemptsOfSubscription(req.queryId("subscriptionId"))));
        });
        r.post("/payment-runs", req -> {
            req.bodyOrEmpty(); // no options yet; a body that is not a JSON object is still refused
            return Reply.ok(EngineJson.paymentRun(payments.collect()));
        });
    }

    /** The payment terms of a new plan: absent, manual with the default retry days; credits carried unless REFUND. */
    static PaymentTerms paymentTerms(JsonBody plan) {
        if (!plan.has("payment")) {
            return PaymentTerms.MANUAL;
        }
        JsonBody p = plan.object("payment");
        PaymentMode mode = p.optText("mode").map(s -> EngineRoutes.enumValue(PaymentMode.class, p.name("mode"), s))
                .orElse(PaymentMode.MANUAL);
        org.idempiere.subscription.api.CreditHandling credits = p.optText("credits")
                .map(s -> EngineRoutes.enumValue(org.idempiere.subscription.api.CreditHandling.class, p.name("credits"), s))
                .orElse(org.idempiere.subscription.api.CreditHandling.CARRY);
        return new PaymentTerms(mode, p.has("retryDays") ? p.integers("retryDays") : PaymentTerms.DEFAULT_RETRY_DAYS, credits);
    }

    /** {@code token}: required, the gateway's, at most {@value #MAX_TOKEN} visible characters, not a card number. */
    static String token(JsonBody b) {
        String token = b.text("token");
        if (token.length() > MAX_TOKEN) {
            throw SubscriptionException.invalid("token", masked(token), "is longer than " + MAX_TOKEN + " characters");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw SubscriptionException.invalid("token", masked(token), "must be the gateway's token: visible ASCII characters,"
                    + " no spaces");
        }
        if (token.chars().allMatch(Character::isDigit) && token.length() >= 12 && token.length() <= 19) {
            throw SubscriptionException.invalid("token", masked(token), "looks like a card number: send the token the gateway"
                    + " gave for the card, never the number");
        }
        return token;
    }

    /** A token as a problem may show it: its last four characters at most. */
    static String masked(String token) {
        int shown = token.length() > 8 ? 4 : 0;
        return "*".repeat(Math.min(token.length() - shown, 40)) + token.substring(token.length() - shown);
    }

    /** The saved method addressed by the path: one the customer does not have is 404 naming {@code methodId}. */
    private static <T> T method(long methodId, Supplier<T> call) {
        return PathRecord.of(ErrorCode.UNKNOWN_REFERENCE, "methodId",
                () -> SubscriptionException.notFound("Payment method", "methodId", methodId), call);
    }
}
