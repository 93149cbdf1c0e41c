package org.idempiere.subscription.web.internal.portal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.service.InvoicePreview;
import org.idempiere.subscription.api.service.PortalSubscription;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionLine;

/**
 * A subscription as the portal's templates show it: only strings, numbers, booleans, lists and
 * maps (the templates reach nothing else, decision 0028), every amount and date formatted in the
 * visitor's language, and what the plan lets the customer do with it. Stateless.
 */
final class SubscriptionView {
    private SubscriptionView() {
    }

    /** The subscription's summary, as the list shows it. */
    static Map<String, Object> summary(PortalSubscription p, PortalExchange ex) {
        Subscription s = p.subscription();
        PortalFormat fmt = ex.format();
        Map<String, Object> m = new HashMap<>();
        m.put("id", String.valueOf(s.id()));
        m.put("documentNo", s.documentNo());
        m.put("planName", p.planName());
        m.put("status", ex.text("status." + s.status().name()));
        m.put("statusCode", s.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("pastDue", s.pastDue());
        m.put("mrr", fmt.money(s.mrr()));
        m.put("period", period(s.plan().recurrence(), ex));
        m.put("startDate", fmt.date(s.startDate()));
        s.dateClosed().ifPresent(d -> m.put("dateClosed", fmt.date(d)));
        s.endsOn().ifPresent(d -> m.put("endsOn", fmt.date(d)));
        s.termEndDate().ifPresent(d -> m.put("termEndDate", fmt.date(d)));
        m.put("automatic", s.paymentMode() == org.idempiere.subscription.api.PaymentMode.AUTOMATIC);
        p.nextInvoice().ifPresent(n -> {
            m.put("nextInvoiceDate", fmt.date(n.dateInvoiced()));
            m.put("nextInvoiceTotal", fmt.money(n.estimatedTotal(), n.currency()));
            m.put("nextInvoiceNet", fmt.money(n.totalLines(), n.currency()));
            m.put("nextPeriod", ex.text("period.range", fmt.date(n.period().start()), fmt.date(n.period().end())));
        });
        m.put("lines", lines(p, ex));
        return m;
    }

    /** The subscription with everything its page offers: the lines' actions, the options, the plans, closing. */
    static Map<String, Object> detail(PortalSubscription p, PortalExchange ex) {
        Map<String, Object> m = summary(p, ex);
        Subscription s = p.subscription();
        CustomerPermission permission = p.terms().permission();
        boolean active = s.status() == SubscriptionStatus.ACTIVE;
        boolean options = active && permission != CustomerPermission.NONE;
        m.put("canAddOptions", options);
        m.put("canChangeQuantity", active && (permission == CustomerPermission.UPGRADE_ONLY
                || permission == CustomerPermission.UPGRADE_DOWNGRADE));
        m.put("upgradesOnly", permission == CustomerPermission.UPGRADE_ONLY);
        m.put("canChangePlan", active && permission == CustomerPermission.UPGRADE_DOWNGRADE && !p.plans().isEmpty());
        m.put("closable", p.terms().closable() && s.status() != SubscriptionStatus.CLOSED);
        m.put("sellerOnly", permission == CustomerPermission.NONE && !p.terms().closable());
        List<Map<String, Object>> offered = new ArrayList<>();
        String per = period(s.plan().recurrence(), ex);
        for (PortalSubscription.Option o : p.options()) {
            if (o.lineId().isEmpty()) {
                Map<String, Object> option = new HashMap<>();
                option.put("productId", String.valueOf(o.productId()));
                option.put("name", p.products().getOrDefault(o.productId(), "#" + o.productId()));
                o.listPrice().ifPresent(price -> option.put("price", ex.text("option.price",
                        ex.format().money(price, s.mrr().currency().getCurrencyCode()), per)));
                offered.add(option);
            }
        }
        m.put("options", options ? offered : List.of());
        List<Map<String, Object>> plans = new ArrayList<>();
        for (PortalSubscription.PlanChoice c : p.plans()) {
            plans.add(Map.of("id", String.valueOf(c.templateId()), "name", c.name(),
                    "period", period(new Recurrence(c.every(), org.idempiere.subscription.api.RecurrenceUnit.valueOf(c.unit())), ex)));
        }
        m.put("plans", plans);
        return m;
    }

    /**
     * The lines shown: the recurring lines valid on the day the subscription is seen as of (its
     * closing day once closed), and those a pending change starts later, each with its price as the
     * next invoice charges it (else its fixed price), and what the customer may do with it.
     */
    static List<Map<String, Object>> lines(PortalSubscription p, PortalExchange ex) {
        Subscription s = p.subscription();
        LocalDate day = s.status() == SubscriptionStatus.CLOSED ? s.dateClosed().orElse(p.asOf()) : p.asOf();
        List<InvoicePreview.Line> unused = new ArrayList<>(p.nextInvoice().map(InvoicePreview::lines).orElse(List.of()));
        String currency = s.mrr().currency().getCurrencyCode();
        CustomerPermission permission = p.terms().permission();
        boolean active = s.status() == SubscriptionStatus.ACTIVE;
        PortalFormat fmt = ex.format();
        List<Map<String, Object>> out = new ArrayList<>();
        for (SubscriptionLine l : s.lines()) {
            boolean later = l.validFrom().map(f -> f.isAfter(day)).orElse(false);
            if (l.setupFee() || !(l.validOn(day) || later)) {
                continue;
            }
            Map<String, Object> m = new HashMap<>();
            m.put("id", String.valueOf(l.id()));
            m.put("product", p.products().getOrDefault(l.productId(), "#" + l.productId()));
            m.put("quantity", fmt.quantity(l.quantity()));
            m.put("quantityValue", l.quantity().stripTrailingZeros().toPlainString());
            Optional<BigDecimal> unit = take(unused, l).map(InvoicePreview.Line::priceActual).or(l::fixedUnitPrice);
            unit.ifPresent(u -> {
                m.put("unitPrice", fmt.money(u, currency));
                m.put("amount", fmt.money(u.multiply(l.quantity()), currency));
            });
            later(m, l, day, later, ex);
            boolean option = p.terms().options().contains(l.productId());
            m.put("option", option);
            m.put("canRemove", active && !later && option && (permission == CustomerPermission.ADD_REMOVE_OPTIONS
                    || permission == CustomerPermission.UPGRADE_DOWNGRADE));
            m.put("canChangeQuantity", active && !later && (permission == CustomerPermission.UPGRADE_ONLY
                    || permission == CustomerPermission.UPGRADE_DOWNGRADE));
            m.put("minQuantity", permission == CustomerPermission.UPGRADE_ONLY
                    ? l.quantity().stripTrailingZeros().toPlainString() : "1");
            out.add(m);
        }
        return out;
    }

    private static void later(Map<String, Object> m, SubscriptionLine l, LocalDate day, boolean later, PortalExchange ex) {
        if (later) {
            m.put("note", ex.text("line.from", ex.format().date(l.validFrom().orElseThrow())));
        } else if (l.validTo().isPresent()) {
            m.put("note", ex.text("line.until", ex.format().date(l.validTo().get())));
        }
    }

    /** The next invoice's line for a subscription line: the same product and quantity first, else the same product. */
    private static Optional<InvoicePreview.Line> take(List<InvoicePreview.Line> unused, SubscriptionLine l) {
        Optional<InvoicePreview.Line> found = unused.stream()
                .filter(x -> x.productId() == l.productId() && x.quantity().compareTo(l.quantity()) == 0).findFirst()
                .or(() -> unused.stream().filter(x -> x.productId() == l.productId()).findFirst());
        found.ifPresent(unused::remove);
        return found;
    }

    /** @return the rhythm in words: {@code Monthly}, {@code Every 3 months} */
    static String period(Recurrence r, PortalExchange ex) {
        return r.every() == 1 ? ex.text("period." + r.unit().name() + ".one") : ex.text("period." + r.unit().name(), r.every());
    }
}
