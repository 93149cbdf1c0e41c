package org.idempiere.subscription.core.internal.lifecycle;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.core.internal.plan.Schedule;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.ChangeLogStore;
import org.idempiere.subscription.core.internal.store.PaymentSetting;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;

/**
 * Opens a subscription: prices its lines on the start date for its MRR, stores it active with
 * its first invoice date, and books the NEW entry of the MRR ledger — in the caller's transaction.
 */
final class SubscriptionFactory {
    private final HostContext host;
    private final Pricer pricer;
    private final SubscriptionStore store = new SubscriptionStore();
    private final ChangeLogStore changeLog = new ChangeLogStore();

    SubscriptionFactory(HostContext host, Pricer pricer) {
        this.host = host;
        this.pricer = pricer;
    }

    SubscriptionRecord open(Tx tx, Opening o) throws SQLException {
        Currency currency = Currency.getInstance(o.currency().isoCode());
        Money mrr = mrr(tx, o.plan(), o.priceListId(), currency, o.startDate(),
                SubscriptionRecord.recurring(SubscriptionRecord.pricingLines(o.lines(), o.discountPercent())));
        long id = host.nextId(tx, "SUB_Subscription");
        Schedule schedule = Schedule.of(o.plan(), o.startDate());
        SubscriptionRecord record = new SubscriptionRecord(id, documentNo(tx, id), o.template().id(), o.customerId(),
                o.billToLocationId(), o.contactUserId(), o.salesRepId(), o.orderId(), o.currency().id(), o.priceListId(),
                o.description(), o.startDate(), schedule.firstInvoiceDate(), SubscriptionStatus.ACTIVE,
                null, null, null, mrr, o.discountPercent(), o.plan().term().map(schedule::firstTermEnd).orElse(null),
                o.plan(), o.template().priceUpdate(), null, o.template().noticeDays().orElse(0), null,
                o.emailInvoices().orElse(o.template().emailInvoices()), null, null, o.lines(), host.tenant().orgId(),
                PaymentSetting.opened(o.paymentMode(), o.template().payment().mode()));
        store.insert(tx.connection(), host.tenant(), record, o.emailInvoices().map(e -> e ? "Y" : "N").orElse("P"), o.paymentMode());
        logNew(tx, record);
        return record;
    }

    /**
     * Activates a draft the host stored (entered in its window) with {@code lines}, checked by the
     * caller: numbers it unless it has a number, prices it on its start date, stores it active
     * with its first invoice date, its term and its own copy of its settings ({@code plan}: the
     * template's where the draft left them empty), and books the NEW entry. {@code insertLines}:
     * the lines are new (the plan's default lines) and are stored with it.
     */
    SubscriptionRecord activate(Tx tx, SubscriptionRecord draft, List<SubscriptionLine> lines, boolean insertLines)
            throws SQLException {
        SubscriptionRecord s = draft.withLines(lines);
        PlanSettings plan = s.plan();
        Money mrr = mrr(tx, plan, s.priceListId(), s.mrr().currency(), s.startDate(),
                SubscriptionRecord.recurring(s.linesForPricingAt(s.startDate())));
        String documentNo = s.documentNo() == null || s.documentNo().isBlank() ? documentNo(tx, s.id()) : s.documentNo();
        Schedule schedule = Schedule.of(plan, s.startDate());
        LocalDate next = schedule.firstInvoiceDate();
        LocalDate termEnd = plan.term().map(schedule::firstTermEnd).orElse(null);
        if (insertLines) {
            store.insertLines(tx.connection(), host.tenant(), s.id(), lines);
        }
        if (!store.activate(tx.connection(), host.tenant(), s.id(), documentNo, next, mrr.amount(), termEnd, plan)) {
            throw SubscriptionException.invalidState("status", s.status(), "changed while it was being activated");
        }
        SubscriptionRecord active = new SubscriptionRecord(s.id(), documentNo, s.templateId(), s.customerId(),
                s.billToLocationId(), s.contactUserId(), s.salesRepId(), s.orderId(), s.currencyId(), s.priceListId(),
                s.description(), s.startDate(), next, SubscriptionStatus.ACTIVE, null, null, null, mrr, s.discountPercent(),
                termEnd, plan, s.priceUpdate(), null, s.noticeDays(), null, s.emailInvoices(), null, null, lines, s.orgId(),
                s.payment());
        logNew(tx, active);
        return active;
    }

    /** The NEW entry of the MRR ledger, dated on the start date: from nothing to the subscription's MRR. */
    private void logNew(Tx tx, SubscriptionRecord s) throws SQLException {
        changeLog.append(tx.connection(), host.tenant(), host.nextId(tx, "SUB_ChangeLog"), s.id(), s.startDate(),
                org.idempiere.subscription.core.internal.plan.Ledger.started(s.mrr(), s.currencyId()));
    }

    /** The host's next number for a subscription, else {@code SUB-<id>}. */
    String documentNo(Tx tx, long id) {
        return host.documentNo(tx, "SUB_Subscription").orElse("SUB-" + id);
    }

    /**
     * The monthly equivalent of the lines priced on {@code date} for a whole period of
     * {@code plan}, after discounts, without tax (a shorter first period does not lower it).
     */
    Money mrr(Tx tx, PlanSettings plan, long priceListId, Currency currency, LocalDate date, List<SubscriptionLine> lines) {
        return plan.recurrence().toMonthly(Pricer.total(pricer.price(tx, priceListId, currency, date, lines, "lines"), currency));
    }

    /** {@link #mrr} from list prices read already ({@link Pricer#addKeys} names those the lines need). */
    static Money mrr(java.util.Map<org.idempiere.subscription.api.host.Catalog.PriceKey, java.math.BigDecimal> listPrices,
            PlanSettings plan, long priceListId, Currency currency, LocalDate date, List<SubscriptionLine> lines) {
        return plan.recurrence().toMonthly(Pricer.total(Pricer.price(listPrices, priceListId, currency, date, lines, "lines"),
                currency));
    }
}
