package org.idempiere.subscription.core.internal.lifecycle;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Currency;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ChangeType;
import org.idempiere.subscription.api.Money;
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
        Money mrr = o.template().recurrence().toMonthly(
                Pricer.total(pricer.price(tx, o.priceListId(), currency, o.startDate(), o.lines(), "lines"), currency));
        long id = host.nextId(tx, "SUB_Subscription");
        SubscriptionRecord record = new SubscriptionRecord(id, "SUB-" + id, o.template().id(), o.customerId(),
                o.billToLocationId(), o.contactUserId(), o.salesRepId(), o.orderId(), o.currency().id(), o.priceListId(),
                o.description(), o.startDate(), firstInvoiceDate(o.template(), o.startDate()), SubscriptionStatus.ACTIVE,
                null, null, mrr, o.lines());
        store.insert(tx.connection(), host.tenant(), record);
        changeLog.append(tx.connection(), host.tenant(), host.nextId(tx, "SUB_ChangeLog"), id, o.startDate(),
                ChangeType.NEW, Money.zero(currency), mrr, o.currency().id(), "Subscription started");
        return record;
    }

    /** In advance: the first day of service; in arrears: the day after the first period. */
    static LocalDate firstInvoiceDate(Template template, LocalDate start) {
        return template.billing() == BillingTiming.IN_ADVANCE ? start
                : template.recurrence().periodAt(start, 0).nextStart();
    }
}
