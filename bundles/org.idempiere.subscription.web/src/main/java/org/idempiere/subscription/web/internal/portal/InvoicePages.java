package org.idempiere.subscription.web.internal.portal;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.api.service.PortalInvoice;
import org.idempiere.subscription.api.service.PortalInvoicePdf;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.web.internal.ServiceLookup;

/**
 * The invoice pages: the list with what is open, the host's PDF as a download, and paying an open
 * invoice with a saved method ({@code POST}, then the attempt's result page: succeeded, or declined
 * with the reason). Thread-safe.
 */
final class InvoicePages {
    private final ServiceLookup services;

    InvoicePages(ServiceLookup services) {
        this.services = services;
    }

    private CustomerPortalService portal() {
        return PortalPages.portal(services);
    }

    void list(PortalExchange ex) throws IOException {
        List<Map<String, Object>> invoices = new ArrayList<>();
        for (PortalInvoice i : portal().invoices(ex.requireSession())) {
            invoices.add(PortalViews.invoice(i, ex));
        }
        ex.render(200, "invoices", Map.of("section", "invoices", "invoices", invoices));
    }

    /** The customer's invoice of the path; else 404, as for one that does not exist. */
    private PortalInvoice invoice(PortalExchange ex) {
        long id = PortalPages.id(ex, "invoiceId");
        return portal().invoice(ex.requireSession(), id); // NOT_FOUND (404) for another customer's, as for none
    }

    /** {@code GET .../pdf}: the host's printout, as a download that no cache keeps. */
    void pdf(PortalExchange ex) throws IOException {
        PortalInvoicePdf read = portal().invoiceWithPdf(ex.requireSession(), PortalPages.id(ex, "invoiceId")); // NOT_FOUND: 404
        PortalInvoice i = read.invoice();
        byte[] pdf = read.pdf();
        String name = "invoice-" + i.invoice().documentNo().replaceAll("[^A-Za-z0-9_-]", "_") + ".pdf";
        ex.response().setStatus(200);
        ex.response().setContentType("application/pdf");
        ex.response().setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ex.response().setHeader("Cache-Control", "no-store");
        ex.response().setContentLength(pdf.length);
        ex.response().getOutputStream().write(pdf);
    }

    /** {@code GET .../pay}: the open amount and the saved methods to choose from. */
    void payForm(PortalExchange ex) throws IOException {
        PortalInvoice i = invoice(ex);
        if (i.isPaid()) {
            ex.redirect("/invoices?done=already-paid");
            return;
        }
        ex.render(200, "pay", payModel(ex, i));
    }

    private Map<String, Object> payModel(PortalExchange ex, PortalInvoice i) {
        PortalSession s = ex.requireSession();
        LocalDate today = portal().today();
        List<Map<String, Object>> methods = new ArrayList<>();
        List<PaymentMethod> usable = portal().methods(s).stream().filter(m -> m.usableOn(today)).toList();
        long chosen = usable.stream().filter(PaymentMethod::isDefault).findFirst().or(() -> usable.stream().findFirst())
                .map(PaymentMethod::id).orElse(0L);
        for (PaymentMethod m : usable) {
            Map<String, Object> view = new HashMap<>(PortalViews.method(m, today, ex));
            view.put("checked", m.id() == chosen);
            methods.add(view);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("section", "invoices");
        model.put("invoice", PortalViews.invoice(i, ex));
        model.put("methods", methods);
        return model;
    }

    /** {@code POST .../pay}: charges the chosen method now, then the result page. */
    void pay(PortalExchange ex) throws IOException {
        PortalInvoice i = invoice(ex);
        long method = ex.form().id("method");
        PaymentAttempt attempt;
        try {
            attempt = portal().pay(ex.requireSession(), i.invoice().id(), Optional.of(method));
        } catch (SubscriptionException e) {
            PortalPages.refuse(ex, e, "pay", payModel(ex, i));
            return;
        }
        ex.redirect("/invoices/" + i.invoice().id() + "/payments/" + attempt.id());
    }

    /** {@code GET .../payments/{attemptId}}: how a payment went. */
    void payment(PortalExchange ex) throws IOException {
        PortalInvoice i = invoice(ex);
        long attemptId = PortalPages.id(ex, "attemptId");
        PaymentAttempt a = portal().payments(ex.requireSession(), i.invoice().id()).stream().filter(x -> x.id() == attemptId)
                .findFirst().orElseThrow(() -> PortalProblem.of(404, "error.notFound"));
        Map<String, Object> model = new HashMap<>();
        model.put("section", "invoices");
        model.put("invoice", PortalViews.invoice(i, ex));
        model.put("attempt", PortalViews.attempt(a, ex));
        ex.render(200, "payment-result", model);
    }
}
