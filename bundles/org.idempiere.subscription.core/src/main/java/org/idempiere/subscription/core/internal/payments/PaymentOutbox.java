package org.idempiere.subscription.core.internal.payments;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.core.internal.store.PaymentAttemptStore;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;

/**
 * Records, in the transaction that posts invoices, the first payment attempt of each invoice of
 * subscriptions paid automatically, due on the invoice's date. A consolidated invoice is charged
 * when every subscription on it is paid automatically, under the first; a credit (nothing to pay)
 * gets no attempt. The collector makes the charges after commit.
 */
public final class PaymentOutbox {
    private final HostContext host;
    private final PaymentAttemptStore attempts = new PaymentAttemptStore();
    private final SubscriptionStore subscriptions = new SubscriptionStore();

    public PaymentOutbox(HostContext host) {
        this.host = host;
    }

    /** A posted invoice and one subscription it bills. */
    public record Posted(SubscriptionRecord subscription, long invoiceId, BigDecimal grandTotal, LocalDate dateInvoiced) {
    }

    /** Records the first attempts of the posted invoices that are paid automatically. */
    public void record(Tx tx, List<Posted> posted) throws SQLException {
        if (posted.isEmpty()) {
            return;
        }
        Set<Long> ids = new HashSet<>();
        posted.forEach(p -> ids.add(p.subscription().id()));
        Set<Long> automatic = subscriptions.paidAutomatically(tx.connection(), host.tenant(), ids);
        if (automatic.isEmpty()) {
            return;
        }
        Map<Long, Posted> first = new LinkedHashMap<>();
        Set<Long> manual = new HashSet<>();
        for (Posted p : posted) {
            first.putIfAbsent(p.invoiceId(), p);
            if (!automatic.contains(p.subscription().id())) {
                manual.add(p.invoiceId());
            }
        }
        List<PaymentAttemptStore.New> out = new ArrayList<>();
        for (Posted p : first.values()) {
            if (!manual.contains(p.invoiceId()) && p.grandTotal().signum() > 0) {
                SubscriptionRecord s = p.subscription();
                out.add(new PaymentAttemptStore.New(s.id(), p.invoiceId(), s.customerId(), Optional.empty(), p.grandTotal(),
                        s.currencyId(), 1, p.dateInvoiced()));
            }
        }
        if (!out.isEmpty()) {
            attempts.insert(tx.connection(), host.tenant(), host.nextIds(tx, "SUB_PaymentAttempt", out.size()), out);
        }
    }
}
