package org.idempiere.subscription.core.internal.payments;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore;

/**
 * Recovery by a payment made elsewhere (a transfer, a payment allocated in the ERP), at every
 * collection, in one transaction and a handful of set-based statements: the invoices with attempts
 * still to come (retries on later days, attempts waiting for a method) or with failed attempts of
 * a past-due subscription are read in one query, their open amounts in one port call; the waiting
 * attempts of those with nothing open are CANCELLED, and a past-due subscription none of whose
 * failed invoices is unpaid any more is past due no longer. The dunning stops on the next
 * collection after the payment, not on the retry's day, and after the last retry too; and at once
 * for the invoices a host reports paid ({@link #recover}: an allocation completed in the ERP).
 */
final class Recovery {
    static final String PAID = "Nothing open: the invoice was paid otherwise";

    private final HostContext host;
    private final Payments payments;
    private final PaymentAttemptStore attempts = new PaymentAttemptStore();

    Recovery(HostContext host, Payments payments) {
        this.host = host;
        this.payments = payments;
    }

    /** What one sweep changed. */
    record Swept(int cancelled, int cleared) {
    }

    Swept sweep() {
        return host.inTransaction(tx -> stop(tx, attempts.toRecover(tx.connection(), host.tenant())));
    }

    /**
     * The same recovery for the given invoices only, at once: a payment allocated to them in the
     * ERP, a request to pay one now. Ids of invoices that have no attempts of the tenant (not a
     * subscription's, another tenant's) are ignored; so are nulls. One transaction (the caller's,
     * where the host joins one, so an allocation's payment and its recovery commit together).
     */
    Swept recover(Collection<Long> invoiceIds) {
        Set<Long> ids = new TreeSet<>();
        invoiceIds.stream().filter(id -> id != null && id > 0).forEach(ids::add);
        if (ids.isEmpty()) {
            return new Swept(0, 0);
        }
        return host.inTransaction(tx -> stop(tx, attempts.toRecover(tx.connection(), host.tenant(), ids)));
    }

    private Swept stop(org.idempiere.subscription.api.host.Tx tx, Map<Long, Long> invoices) throws java.sql.SQLException {
        if (invoices.isEmpty()) {
            return new Swept(0, 0);
        }
        Map<Long, Money> open = payments.openAmounts(tx, invoices.keySet());
        List<Long> paid = new ArrayList<>();
        Set<Long> subscriptions = new TreeSet<>();
        invoices.forEach((invoice, subscription) -> {
            Money left = open.get(invoice);
            if (left == null || left.amount().signum() <= 0) {
                paid.add(invoice);
                subscriptions.add(subscription);
            }
        });
        int cancelled = attempts.cancelOpen(tx.connection(), host.tenant(), paid, PAID);
        return new Swept(cancelled, attempts.clearPastDue(tx.connection(), host.tenant(), subscriptions, paid));
    }
}
