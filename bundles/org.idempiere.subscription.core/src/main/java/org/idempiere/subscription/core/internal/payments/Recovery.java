package org.idempiere.subscription.core.internal.payments;

import java.util.ArrayList;
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
 * collection after the payment, not on the retry's day, and after the last retry too.
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
        return host.inTransaction(tx -> {
            Map<Long, Long> invoices = attempts.toRecover(tx.connection(), host.tenant());
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
        });
    }
}
