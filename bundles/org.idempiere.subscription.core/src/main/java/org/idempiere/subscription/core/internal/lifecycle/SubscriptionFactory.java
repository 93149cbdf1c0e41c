package org.idempiere.subscription.core.internal.lifecycle;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Currency;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.ChangeLogStore;
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
        Money mrr = mrr(tx, o.template(), o.priceListId(), currency, o.startDate(),
                SubscriptionRecord.recurring(SubscriptionRecord.pricingLines(o.lines(), o.discountPercent())));
        long id = host.nextId(tx, "SUB_Subscription");
        SubscriptionRecord record = new SubscriptionRecord(id, "SUB-" + id, o.template().id(), o.customerId(),
                o.billToLocationId(), o.contactUserId(), o.salesRepId(), o.orderId(), o.currency().id(), o.priceListId(),
                o.description(), o.startDate(), firstInvoiceDate(o.template(), o.startDate()), SubscriptionStatus.ACTIVE,
                null, null, null, mrr, o.discountPercent(), o.template().term().map(t ->
                        o.template().recurrence().periodStart(o.startDate(), t.periods()).minusDays(1)).orElse(null), o.lines());
        store.insert(tx.connection(), host.tenant(), record);
        changeLog.append(tx.connection(), host.tenant(), host.nextId(tx, "SUB_ChangeLog"), id, o.startDate(),
                ChangeType.NEW, Money.zero(currency), mrr, o.currency().id(), "Subscription started");
        return record;
    }

    /** The monthly equivalent of the lines priced on {@code date}, after discounts, without tax. */
    Money mrr(Tx tx, Template template, long priceListId, Currency currency, LocalDate date,
            java.util.List<org.idempiere.subscription.api.service.SubscriptionLine> lines) {
        return template.recurrence().toMonthly(Pricer.total(pricer.price(tx, priceListId, currency, date, lines, "lines"), currency));
    }

    /**
     * When billing continues after a pause or a close: with the first whole period that starts on
     * or after {@code date} (periods stay anchored on {@code start}) — on its first day in advance,
     * the day after it in arrears.
     */
    static LocalDate nextInvoiceFrom(Template template, LocalDate start, LocalDate date) {
        Recurrence r = template.recurrence();
        LocalDate from = date.isBefore(start) ? start : date;
        long k = r.indexOfPeriodContaining(start, from);
        if (!r.periodStart(start, k).equals(from)) {
            k++;
        }
        ServicePeriod p = r.periodAt(start, k);
        return template.billing() == BillingTiming.IN_ADVANCE ? p.start() : p.nextStart();
    }

    /** In advance: the first day of service; in arrears: the day after the first period. */
    static LocalDate firstInvoiceDate(Template template, LocalDate start) {
        return template.billing() == BillingTiming.IN_ADVANCE ? start
                : template.recurrence().periodAt(start, 0).nextStart();
    }
}
