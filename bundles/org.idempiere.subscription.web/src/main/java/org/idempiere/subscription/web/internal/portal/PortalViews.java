package org.idempiere.subscription.web.internal.portal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.PaymentMethodKind;
import org.idempiere.subscription.api.service.ChangePreview;
import org.idempiere.subscription.api.service.PaymentAttempt;
import org.idempiere.subscription.api.service.PortalInvoice;
import org.idempiere.subscription.api.service.PortalSubscription;

/**
 * Invoices, payment methods, payment attempts and change previews as the portal's templates show
 * them: maps of formatted text (decision 0028). Never a card number or a full IBAN: the engine
 * has neither. Stateless.
 */
final class PortalViews {
    /** The gateway's result codes the portal explains in words of its own; others show the gateway's message. */
    private static final java.util.Set<String> KNOWN_CODES = java.util.Set.of("insufficient_funds", "expired_card",
            "do_not_honor", "try_again_later", "processing_error", "timeout");

    private PortalViews() {
    }

    static Map<String, Object> invoice(PortalInvoice p, PortalExchange ex) {
        InvoiceView i = p.invoice();
        PortalFormat fmt = ex.format();
        Map<String, Object> m = new HashMap<>();
        m.put("id", String.valueOf(i.id()));
        m.put("documentNo", i.documentNo());
        m.put("date", fmt.date(i.dateInvoiced()));
        m.put("total", fmt.money(i.grandTotal(), i.currency()));
        m.put("net", fmt.money(i.totalLines(), i.currency()));
        m.put("tax", fmt.money(i.totalTax(), i.currency()));
        m.put("open", fmt.money(p.open()));
        m.put("paid", p.isPaid());
        m.put("credit", i.grandTotal().signum() < 0);
        m.put("subscriptionId", String.valueOf(p.subscriptionId()));
        m.put("subscriptionNo", p.subscriptionNo());
        m.put("state", ex.text(i.grandTotal().signum() < 0 ? "invoice.state.credit"
                : p.isPaid() ? "invoice.state.paid" : "invoice.state.open"));
        return m;
    }

    static Map<String, Object> method(PaymentMethod pm, LocalDate today, PortalExchange ex) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", String.valueOf(pm.id()));
        m.put("isDefault", pm.isDefault());
        m.put("card", pm.kind() == PaymentMethodKind.CARD);
        m.put("badge", badge(pm.kind(), pm.brand().orElse("")));
        if (pm.kind() == PaymentMethodKind.CARD) {
            m.put("title", ex.text("method.card", brand(pm.brand().orElse("CARD"), ex), pm.last4().orElse("????")));
            pm.expiry().ifPresent(e -> m.put("detail", ex.text(pm.usableOn(today) ? "method.expires" : "method.expired",
                    ex.format().expiry(e))));
        } else {
            m.put("title", ex.text("method.debit", pm.maskedIban().orElse("")));
            m.put("detail", ex.text("method.mandate", pm.mandateReference().orElse(""),
                    pm.mandateDate().map(d -> ex.format().date(d)).orElse("")));
        }
        m.put("expired", !pm.usableOn(today));
        return m;
    }

    /** @return the short mark a card's picture shows: {@code VISA}, {@code MC}, ... ({@code SEPA} for direct debit) */
    static String badge(PaymentMethodKind kind, String brand) {
        if (kind == PaymentMethodKind.DIRECT_DEBIT) {
            return "SEPA";
        }
        return switch (brand) {
            case "VISA", "AMEX" -> brand;
            case "MASTERCARD" -> "MC";
            case "DISCOVER" -> "DISC";
            case "DINERS" -> "DC";
            default -> "CARD";
        };
    }

    /** @return a card brand as people read it: {@code Visa}, {@code Mastercard}, ... */
    static String brand(String brand, PortalExchange ex) {
        String key = "brand." + brand;
        return ex.hasText(key) ? ex.text(key) : brand;
    }

    static Map<String, Object> attempt(PaymentAttempt a, PortalExchange ex) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", String.valueOf(a.id()));
        m.put("amount", ex.format().money(a.amount()));
        m.put("status", a.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("succeeded", a.status() == PaymentStatus.SUCCEEDED);
        m.put("declined", a.status() == PaymentStatus.DECLINED || a.status() == PaymentStatus.ERRORED);
        m.put("waiting", !a.status().isFinal() && a.status() != PaymentStatus.NO_METHOD);
        a.reference().ifPresent(r -> m.put("reference", r));
        String code = a.resultCode().orElse("");
        m.put("reason", KNOWN_CODES.contains(code) ? ex.text("payment.code." + code)
                : a.resultMessage().orElse(ex.text("payment.code.other")));
        a.triedAt().ifPresent(t -> m.put("date", ex.format().date(t.atZone(java.time.ZoneOffset.UTC).toLocalDate())));
        return m;
    }

    /** What a change costs now (the adjustment invoice) and from the next period on. */
    static Map<String, Object> preview(ChangePreview p, PortalSubscription s, PortalExchange ex) {
        PortalFormat fmt = ex.format();
        Map<String, Object> m = new HashMap<>();
        m.put("effectiveDate", fmt.date(p.effectiveDate()));
        m.put("mrrBefore", fmt.money(p.mrrBefore()));
        m.put("mrrAfter", fmt.money(p.mrrAfter()));
        BigDecimal delta = p.mrrAfter().amount().subtract(p.mrrBefore().amount());
        m.put("mrrDelta", (delta.signum() > 0 ? "+" : "") + fmt.money(delta, p.mrrAfter().currency().getCurrencyCode()));
        m.put("mrrUp", delta.signum() > 0);
        p.adjustment().ifPresent(a -> {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (ChangePreview.AdjustmentLine l : a.lines()) {
                Map<String, Object> line = new HashMap<>();
                line.put("product", s.products().getOrDefault(l.productId(), "#" + l.productId()));
                line.put("credit", l.credit());
                line.put("kind", ex.text(l.credit() ? "preview.credit" : "preview.charge"));
                line.put("quantity", fmt.quantity(l.quantity()));
                line.put("days", ex.text("preview.days", fmt.date(l.days().start()), fmt.date(l.days().end()), l.days().days()));
                line.put("net", fmt.money(l.lineNet(), a.currency()));
                lines.add(line);
            }
            m.put("adjustmentLines", lines);
            m.put("adjustmentDate", fmt.date(a.dateInvoiced()));
            m.put("adjustmentNet", fmt.money(a.totalLines(), a.currency()));
            m.put("adjustmentTax", fmt.money(a.estimatedTax(), a.currency()));
            m.put("adjustmentTotal", fmt.money(a.estimatedTotal(), a.currency()));
            m.put("adjustmentCredit", a.estimatedTotal().signum() < 0);
        });
        p.nextInvoice().ifPresent(n -> {
            m.put("nextInvoiceDate", fmt.date(n.dateInvoiced()));
            m.put("nextPeriod", ex.text("period.range", fmt.date(n.period().start()), fmt.date(n.period().end())));
            m.put("nextInvoiceNet", fmt.money(n.totalLines(), n.currency()));
            m.put("nextInvoiceTax", fmt.money(n.estimatedTax(), n.currency()));
            m.put("nextInvoiceTotal", fmt.money(n.estimatedTotal(), n.currency()));
        });
        return m;
    }
}
