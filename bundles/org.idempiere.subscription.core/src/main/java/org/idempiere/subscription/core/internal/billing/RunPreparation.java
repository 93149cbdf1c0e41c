package org.idempiere.subscription.core.internal.billing;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Catalog.PriceKey;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.Mailer;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceDraft;
import org.idempiere.subscription.api.host.InvoiceLineDraft;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.PostedInvoice;
import org.idempiere.subscription.api.host.Taxes;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.BillingForecast;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.InvoiceMail;
import org.idempiere.subscription.api.service.InvoicePreview;
import org.idempiere.subscription.core.internal.CurrencyLookup;
import org.idempiere.subscription.core.internal.plan.Schedule;
import org.idempiere.subscription.core.internal.lifecycle.Changes;
import org.idempiere.subscription.core.internal.pricing.PricedLine;
import org.idempiere.subscription.core.internal.pricing.Pricer;
import org.idempiere.subscription.core.internal.store.BillingStore;
import org.idempiere.subscription.core.internal.store.ChangeStore;
import org.idempiere.subscription.core.internal.store.InvoiceMailStore;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;
import org.idempiere.subscription.core.internal.store.SubscriptionStore;
import org.idempiere.subscription.core.internal.store.SubscriptionStore.DueKey;
import org.idempiere.subscription.core.internal.store.SubscriptionStore.Lock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What a billing run does before it bills: applies the pending changes whose day has come, in
 * order, and closes the subscriptions left unpaid too long. Each subscription in a transaction of
 * its own; a failure is recorded and the run goes on.
 */
final class RunPreparation {
    private final HostContext host;
    private final Invoicing invoicing;
    private final CurrencyLookup currencies;
    private final FailureLog failures;
    private final SubscriptionStore subscriptions = new SubscriptionStore();
    private final BillingStore billing = new BillingStore();
    private final org.idempiere.subscription.core.internal.store.ChangeLogStore changeLog =
            new org.idempiere.subscription.core.internal.store.ChangeLogStore();
    private final Changes changes;

    RunPreparation(HostContext host, Invoicing invoicing, CurrencyLookup currencies, Changes changes, FailureLog failures) {
        this.host = host;
        this.invoicing = invoicing;
        this.currencies = currencies;
        this.changes = changes;
        this.failures = failures;
    }

    /**
     * Applies the pending changes due by {@code asOf} (but not after today) first, each in a
     * transaction of its own, so the periods billed next see their lines. A change that fails is
     * recorded as a failure of its subscription and stays pending, and the subscription is not
     * billed by this run (it would be billed without its change); another runner's change is
     * skipped (it applies it).
     *
     * @return the subscriptions held back
     */
    Set<Long> applyChanges(long runId, LocalDate asOf, BillingScope scope, RunTally tally) {
        // A change takes effect on its day: a run billing ahead (as of a later date) does not apply it early.
        LocalDate upTo = asOf.isAfter(host.today()) ? host.today() : asOf;
        Set<Long> held = ConcurrentHashMap.newKeySet();
        for (ChangeStore.Due due : host.inTransaction(tx -> changes.due(tx, upTo, scope))) {
            if (held.contains(due.subscriptionId())) {
                continue; // an earlier change of it failed: the later ones wait, in order
            }
            try {
                Changes.Applying done = host.inTransaction(tx -> changes.applyPending(tx, due.changeId()));
                if (done == Changes.Applying.WAITS || done == Changes.Applying.ELSEWHERE) {
                    held.add(due.subscriptionId()); // billed once its changes are applied, in order, by this run or another
                }
            } catch (SubscriptionException e) {
                held.add(due.subscriptionId());
                failures.record(runId, due.subscriptionId(), e.code().name(), "Change " + due.changeId() + ": " + e.getMessage(),
                        tally);
            } catch (RuntimeException e) {
                held.add(due.subscriptionId());
                failures.record(runId, due.subscriptionId(), ErrorCode.HOST_FAILURE.name(), "Change " + due.changeId() + ": " + e,
                        tally);
            }
        }
        return held;
    }


    /**
     * Closes, before billing, the subscriptions whose plan sets AutoCloseDays and one of whose
     * invoices is still unpaid that many days after its date (as of the run's date, but not after
     * today), with a CHURN entry naming the invoice. Each in a transaction of its own; a failure
     * is recorded and the run goes on.
     */
    void closeUnpaid(long runId, LocalDate asOf, BillingScope scope, RunTally tally) {
        LocalDate upTo = asOf.isAfter(host.today()) ? host.today() : asOf;
        List<BillingStore.UnpaidWatch> watches;
        try {
            watches = host.inTransaction(tx -> billing.unpaidWatches(tx.connection(), host.tenant(), scope));
        } catch (RuntimeException e) { // never stops the billing itself
            tally.fail(0, e instanceof SubscriptionException se ? se.code().name() : ErrorCode.HOST_FAILURE.name(),
                    "Finding subscriptions to close for unpaid invoices: " + e.getMessage());
            return;
        }
        for (BillingStore.UnpaidWatch w : watches) {
            try {
                host.inTransaction(tx -> {
                    Map<Long, LocalDate> unpaid = invoicing.unpaid(tx, w.invoiceIds());
                    Optional<Map.Entry<Long, LocalDate>> overdue = unpaid.entrySet().stream()
                            .filter(e -> !e.getValue().plusDays(w.days()).isAfter(upTo))
                            .min(Map.Entry.comparingByValue());
                    if (overdue.isEmpty()) {
                        return null;
                    }
                    SubscriptionRecord s = subscriptions.find(tx.connection(), host.tenant(), w.subscriptionId(), Lock.WAIT,
                            currencies.resolver(tx)).orElseThrow();
                    if (s.status() != SubscriptionStatus.ACTIVE && s.status() != SubscriptionStatus.PAUSED) {
                        return null;
                    }
                    String why = "Unpaid: invoice " + overdue.get().getKey() + " of " + overdue.get().getValue()
                            + " still open after " + w.days() + " days";
                    // what was served up to the day before stays billable, as on any close
                    LocalDate next = s.status() == SubscriptionStatus.ACTIVE
                            ? Schedule.of(s.plan(), s.periodsFrom()).servedNext(s.nextInvoiceDate(), upTo.minusDays(1))
                            : s.nextInvoiceDate();
                    subscriptions.closeServed(tx.connection(), host.tenant(), s.id(), upTo, null, why, next);
                    changeLog.append(tx.connection(), host.tenant(), host.nextId(tx, "SUB_ChangeLog"), s.id(), upTo,
                            org.idempiere.subscription.core.internal.plan.Ledger.closedUnpaid(s.mrr(), s.currencyId(), why,
                                    subscriptions.isPastDue(tx.connection(), host.tenant(), s.id())));
                    return null;
                });
            } catch (RuntimeException e) {
                failures.record(runId, w.subscriptionId(), e instanceof SubscriptionException se ? se.code().name()
                        : ErrorCode.HOST_FAILURE.name(), "Closing for unpaid invoices: " + e.getMessage(), tally);
            }
        }
    }

}
