package org.idempiere.subscription.core.internal.lifecycle;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.ChangeStatus;
import org.idempiere.subscription.api.ChangeTiming;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.InputLimits;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceDraft;
import org.idempiere.subscription.api.host.InvoiceLineDraft;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.PostedInvoice;
import org.idempiere.subscription.api.host.Product;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.SubscriptionChange;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.plan.PriceBook;
import org.idempiere.subscription.core.internal.plan.Repair;
import org.idempiere.subscription.core.internal.plan.Schedule;
import org.idempiere.subscription.core.internal.plan.Timeline;
import org.idempiere.subscription.core.internal.pricing.PricedLine;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.AdjustmentItemStore;
import org.idempiere.subscription.core.internal.store.BillingStore;
import org.idempiere.subscription.core.internal.store.ChangeLogStore;
import org.idempiere.subscription.core.internal.store.ChangeStore;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;
import org.idempiere.subscription.core.internal.store.SubscriptionStore.Lock;
import org.idempiere.subscription.core.internal.store.TemplateStore;

/**
 * The adjustment invoice of a move of line versions on a day: ends the old versions, stores the
 * new, and posts what should have been billed minus what was billed for the periods invoiced
 * already ({@link org.idempiere.subscription.core.internal.plan.Repair}), e-mailed when the
 * subscription e-mails its invoices.
 */
final class Settlement {
    private final HostContext host;
    private final Catalog catalog;
    private final Invoicing invoicing;
    private final CurrencyLookup currencies;
    private final SubscriptionStore store = new SubscriptionStore();
    private final BillingStore billing = new BillingStore();
    private final AdjustmentItemStore adjustmentItems = new AdjustmentItemStore();
    private final org.idempiere.subscription.core.internal.store.InvoiceMailStore mails =
            new org.idempiere.subscription.core.internal.store.InvoiceMailStore();
    private final org.idempiere.subscription.core.internal.payments.PaymentOutbox payments;
    private final org.idempiere.subscription.core.internal.payments.CreditOutbox credits;

    Settlement(HostContext host, Catalog catalog, Invoicing invoicing, CurrencyLookup currencies) {
        this.host = host;
        this.catalog = catalog;
        this.invoicing = invoicing;
        this.currencies = currencies;
        this.payments = new org.idempiere.subscription.core.internal.payments.PaymentOutbox(host);
        this.credits = new org.idempiere.subscription.core.internal.payments.CreditOutbox(host);
    }

    /** The adjustment invoice of a change (null: none was needed) and its net amount. */
    record Settled(Long invoiceId, BigDecimal net) {
    }

    /**
     * Ends {@code ended} on the day before {@code day}, stores {@code started} and posts the
     * adjustment invoice for periods billed already, dated {@code day}; {@code what} names the
     * change in the invoice's description.
     */
    Settled settle(Tx tx, SubscriptionRecord s, LocalDate day, List<SubscriptionLine> ended, List<SubscriptionLine> started,
            String what) throws SQLException {
        for (SubscriptionLine l : ended) {
            store.endLine(tx.connection(), host.tenant(), l.id(), day.minusDays(1));
        }
        store.insertLines(tx.connection(), host.tenant(), s.id(), started);
        List<InvoiceLineDraft> adjustments = adjustments(tx, s, day, ended, started);
        if (adjustments.isEmpty()) {
            return new Settled(null, BigDecimal.ZERO);
        }
        PostedInvoice posted = invoicing.post(tx, new InvoiceDraft(s.customerId(), s.billToLocationId(), s.currencyId(),
                s.priceListId(), day, "Subscription " + s.documentNo() + what + day, adjustments,
                Optional.ofNullable(s.salesRepId()), Optional.ofNullable(s.orgId()), Optional.ofNullable(s.contactUserId())));
        BigDecimal net = BigDecimal.ZERO;
        List<Map.Entry<ServicePeriod, BigDecimal>> days = new ArrayList<>(adjustments.size());
        for (InvoiceLineDraft l : adjustments) {
            net = net.add(l.lineNet());
            days.add(Map.entry(l.period(), l.lineNet()));
        }
        // the days each line credits or charges, for revenue recognition (the host's invoice lines carry them too)
        Map<ServicePeriod, BigDecimal> byDays = AdjustmentItemStore.byDays(days);
        adjustmentItems.insert(tx.connection(), host.tenant(), host.nextIds(tx, "SUB_AdjustmentItem", byDays.size()), s.id(),
                posted.id(), day, s.currencyId(), byDays);
        // charged after commit when the subscription is paid automatically (a credit is not)
        payments.record(tx, List.of(new org.idempiere.subscription.core.internal.payments.PaymentOutbox.Posted(s, posted.id(),
                posted.grandTotal(), day)));
        // a credit of a subscription paid automatically: refunded to its payments, or carried (the plan's CreditHandling)
        credits.record(tx, s, posted.id(), posted.grandTotal(), day);
        if (s.emailInvoices()) { // sent after commit, by the next billing run or POST /invoice-mails/send
            mails.enqueue(tx.connection(), host.tenant(), host.nextIds(tx, "SUB_InvoiceMail", 1), java.util.Map.of(posted.id(), s.id()));
        }
        return new Settled(posted.id(), net);
    }


    /**
     * The repair of the periods invoiced already that reach {@code day} or later, when the lines
     * {@code ended} end the day before and {@code started} start on it: what should have been billed
     * minus what was billed ({@link Repair}), as invoice lines.
     */
    List<InvoiceLineDraft> adjustments(Tx tx, SubscriptionRecord s, LocalDate day, List<SubscriptionLine> ended,
            List<SubscriptionLine> started) throws SQLException {
        Timeline before = s.timeline();
        Timeline after = before.withLines(Timeline.versionsAfter(s.lines(), ended, started, day));
        List<ServicePeriod> billed = billing.billedThrough(tx.connection(), host.tenant(), s.id(), day);
        if (billed.isEmpty()) {
            return List.of();
        }
        java.util.Set<org.idempiere.subscription.api.host.Catalog.PriceKey> keys = new java.util.LinkedHashSet<>();
        Repair.addKeys(keys, before, after, s.priceListId(), billed);
        PriceBook prices = new PriceBook(s.priceListId(), s.mrr().currency(), keys.isEmpty() ? Map.of() : catalog.prices(tx, keys));
        List<InvoiceLineDraft> out = new ArrayList<>();
        for (Repair.Item i : Repair.of(before, after, day, billed, prices)) {
            out.add(new InvoiceLineDraft(i.line().productId(), i.line().quantity(), i.line().uomId(), i.price(), i.net().amount(),
                    i.days(), s.documentNo() + (i.credit() ? ": credit for " : ": ") + i.days().start() + " - " + i.days().end(),
                    i.line().uomRate()));
        }
        return out;
    }


    private Optional<SubscriptionRecord> load(Tx tx, long id, Lock lock) throws SQLException {
        return store.find(tx.connection(), host.tenant(), id, lock, currencies.resolver(tx));
    }
}
