package org.idempiere.subscription.sandbox.internal.host;

import java.math.BigDecimal;
import java.sql.Connection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.CreditShare;
import org.idempiere.subscription.sandbox.internal.host.InvoiceBalances.InvoiceRow;

/**
 * How the reference host settles an invoice with credit invoices of its customer
 * ({@code Payments.settleWithCredit}), its stand-in for iDempiere's allocation of a credit memo to
 * an invoice: the rows of the invoice and the credit invoices are locked and read (in id order,
 * {@link InvoiceBalances#lock}), everything is checked before anything is written, then the
 * invoice's {@code credited} grows by the shares' total and each credit invoice's falls by its
 * share, so that the open amount of each is nearer zero by it; a document with nothing left open is
 * marked paid ({@link InvoiceBalances#record}).
 */
final class ReferenceCreditSettlement {

    private ReferenceCreditSettlement() {
    }

    /**
     * @throws SubscriptionException UNKNOWN naming {@code invoiceId} or {@code creditInvoiceId} (not
     *         a completed invoice of the tenant, or a credit invoice of another customer);
     *         INVALID_VALUE naming {@code creditInvoiceId} (the invoice itself, another currency)
     *         or {@code amount} (another currency, more than is open of a document)
     */
    static void settle(Connection c, long invoiceId, List<CreditShare> credits) {
        if (credits.isEmpty()) {
            throw SubscriptionException.required("credits");
        }
        TreeSet<Long> ids = new TreeSet<>();
        ids.add(invoiceId);
        credits.forEach(share -> ids.add(share.creditInvoiceId()));
        Map<Long, InvoiceRow> locked = new HashMap<>();
        for (long id : ids) { // one order for every caller: no deadlock
            InvoiceBalances.lock(c, id).ifPresent(row -> locked.put(id, row));
        }
        InvoiceRow invoice = Optional.ofNullable(locked.get(invoiceId))
                .orElseThrow(() -> SubscriptionException.unknown("invoiceId", invoiceId));
        Money open = invoice.open();
        Map<Long, Money> byCredit = new LinkedHashMap<>();
        for (CreditShare share : credits) {
            if (!share.amount().currency().equals(open.currency())) {
                throw SubscriptionException.invalid("amount", share.amount(), "is not in the invoice's currency "
                        + open.currency().getCurrencyCode());
            }
            byCredit.merge(share.creditInvoiceId(), share.amount(), Money::plus);
        }
        Money total = Money.zero(open.currency());
        for (Map.Entry<Long, Money> e : byCredit.entrySet()) {
            check(invoice, e.getKey(), Optional.ofNullable(locked.get(e.getKey())), e.getValue());
            total = total.plus(e.getValue());
        }
        if (total.compareTo(open) > 0) {
            throw SubscriptionException.invalid("amount", total, "is more than the invoice's open amount " + open);
        }
        InvoiceBalances.record(c, invoice, BigDecimal.ZERO, BigDecimal.ZERO, total.amount());
        for (Map.Entry<Long, Money> e : byCredit.entrySet()) {
            InvoiceBalances.record(c, locked.get(e.getKey()), BigDecimal.ZERO, BigDecimal.ZERO, e.getValue().amount().negate());
        }
    }

    /** A credit invoice of the invoice's customer and currency, with at least {@code amount} of credit open. */
    private static void check(InvoiceRow invoice, long creditInvoiceId, Optional<InvoiceRow> locked, Money amount) {
        if (creditInvoiceId == invoice.id()) {
            throw SubscriptionException.invalid("creditInvoiceId", creditInvoiceId, "is the invoice settled");
        }
        InvoiceRow credit = locked.filter(i -> i.customerId() == invoice.customerId())
                .orElseThrow(() -> SubscriptionException.unknown("creditInvoiceId", creditInvoiceId));
        Money creditOpen = credit.open();
        if (!creditOpen.currency().equals(amount.currency())) {
            throw SubscriptionException.invalid("creditInvoiceId", creditInvoiceId, "is in "
                    + creditOpen.currency().getCurrencyCode() + ", not in the invoice's currency " + amount.currency().getCurrencyCode());
        }
        Money left = Money.zero(amount.currency()).minus(creditOpen);
        if (amount.compareTo(left) > 0) {
            throw SubscriptionException.invalid("amount", amount, "is more than credit invoice " + creditInvoiceId
                    + " has open (" + left + ")");
        }
    }
}
