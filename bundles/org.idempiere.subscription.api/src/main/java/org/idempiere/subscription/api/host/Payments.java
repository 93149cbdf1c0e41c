package org.idempiere.subscription.api.host;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Payments of the host: saved payment methods of customers and charges and refunds through the
 * tenant's payment processor. iDempiere keeps methods as the business partner's bank accounts
 * ({@code C_BP_BankAccount}, token in {@code CustomerPaymentProfileID}) and makes every charge and
 * refund an {@code MPayment} processed online and allocated to the invoice; the sandbox has a
 * reference gateway.
 *
 * <p>Charges and refunds are called <b>outside any database transaction</b> of the engine, after
 * the engine has recorded its attempt with its idempotency key (an outbox): the host makes its
 * own documents in its own transaction. Asking again with the same key never moves money twice;
 * it answers what happened the first time.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Payments {

    /**
     * Saves a payment method of a customer from a gateway token.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_VALUE naming {@code token}
     *         when the gateway does not know it; UNKNOWN naming {@code customerId} for a customer
     *         the tenant does not have
     */
    PaymentMethod register(Tx tx, long customerId, MethodRegistration registration);

    /** @return the customer's saved methods, the default first; empty for a customer the tenant does not have */
    List<PaymentMethod> methods(Tx tx, long customerId);

    /**
     * The saved methods of several customers at once, each as {@link #methods} answers it: the
     * engine prepares a whole batch of payment attempts in one transaction. The default asks
     * {@link #methods} once per customer; a host that reads them in one query overrides it.
     *
     * @return every customer asked for, mapped to its saved methods, the default first (empty for
     *         a customer without methods, or one the tenant does not have)
     */
    default Map<Long, List<PaymentMethod>> methodsOf(Tx tx, Collection<Long> customerIds) {
        Map<Long, List<PaymentMethod>> out = new LinkedHashMap<>();
        for (long customerId : customerIds) {
            out.computeIfAbsent(customerId, id -> methods(tx, id));
        }
        return out;
    }

    /**
     * Makes a saved method the customer's default.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN naming {@code methodId}
     *         unless it is a method of that customer
     */
    PaymentMethod setDefault(Tx tx, long customerId, long methodId);

    /**
     * Removes a saved method (the host deactivates it; its payments stay).
     *
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN naming {@code methodId}
     *         unless it is a method of that customer
     */
    void remove(Tx tx, long customerId, long methodId);

    /**
     * @return what is still to be paid of an invoice of the current tenant (its grand total less
     *         what is allocated to it), in its currency; negative for a credit invoice: the credit
     *         it still has open; empty for an invoice the tenant does not have
     */
    Optional<org.idempiere.subscription.api.Money> openAmount(Tx tx, long invoiceId);

    /**
     * {@link #openAmount} of many invoices at once: a portal page listing them, the engine preparing
     * a batch of payment attempts in one transaction. An invoice the tenant does not have is absent
     * from the answer. The default asks {@link #openAmount} per invoice; a host that can answer in
     * one query overrides it.
     */
    default Map<Long, org.idempiere.subscription.api.Money> openAmounts(Tx tx, Collection<Long> invoiceIds) {
        return ManyAtOnce.each(invoiceIds, id -> openAmount(tx, id));
    }

    /**
     * Settles part (or all) of an invoice with credit invoices of the same customer, in the
     * engine's transaction, the way the host settles an invoice with a credit memo: the invoice is
     * allocated against each credit invoice for its share (iDempiere: one {@code MAllocationHdr}
     * with a line of the invoice and one of each credit invoice). Afterwards {@link #openAmount} of
     * the invoice is less by the shares' total and that of each credit invoice nearer zero by its
     * share; a document with nothing left open is paid. The engine calls it with the customer's
     * credit kept from its credit invoices (oldest first), and after a credit was refunded to a
     * payment, with that credit invoice against the invoice the refund opened again.
     *
     * <p>A host refuses (the invoice or a credit invoice unknown or not the same customer's, a
     * share in another currency than the invoice, more than is open of a document) by throwing.
     * The engine calls it behind a savepoint of {@code tx}: when it answers {@code false} or
     * throws, whatever it wrote in {@code tx} is rolled back and the credit stays as it was.
     *
     * @param credits the credit invoices and how much of each, at least one, all in the invoice's
     *                currency
     * @return whether the host settled it; {@code false}: it cannot, and the engine keeps the credit
     *         (and charges the whole open amount). The default asks
     *         {@link #settleWithCredit(Tx, long, org.idempiere.subscription.api.Money)} for the total.
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN naming {@code invoiceId} or
     *         {@code creditInvoiceId}, INVALID_VALUE naming {@code amount} or {@code currency}
     */
    default boolean settleWithCredit(Tx tx, long invoiceId, List<CreditShare> credits) {
        return settleWithCredit(tx, invoiceId, CreditShare.total(credits));
    }

    /**
     * Settles part (or all) of an invoice with the customer's credit without naming the credit
     * invoices: afterwards {@link #openAmount} is less by {@code amount}. The engine calls {@link
     * #settleWithCredit(Tx, long, List)}, whose default asks this one; a host that cannot say
     * which credit documents settled the invoice may implement only this.
     *
     * @return whether the host settled it; {@code false} (the default): it cannot
     */
    default boolean settleWithCredit(Tx tx, long invoiceId, org.idempiere.subscription.api.Money amount) {
        return false;
    }

    /**
     * Where a customer enters a new card themselves: the address of the gateway's own <em>hosted
     * tokenization page</em>, so that the card number goes from the customer's browser to the
     * gateway and never passes through the seller's servers (the portal's included). The portal
     * sends the customer's browser there; the page checks and tokenizes the card, then sends the
     * browser back to {@code returnTo} with these query parameters:
     * <ul>
     * <li>{@code state}: {@code state} as given, unchanged (the portal checks it is its own);</li>
     * <li>{@code token}: the gateway's token of the new card, for {@link #register}; or instead
     * {@code cancelled=true} when the customer gave up;</li>
     * <li>for display only, when the gateway shows them: {@code brand}, {@code last4},
     * {@code expMonth}, {@code expYear} ({@link #register} takes what it keeps from the gateway, or
     * from the registration's details where the host cannot ask its gateway).</li>
     * </ul>
     * The page must return only to {@code returnTo}, and a host must refuse a {@code returnTo} that
     * is not the portal's own return address, so that the page can never be used to send a browser
     * elsewhere. What the host records to serve the page (a session of its gateway, say) is written
     * in {@code tx}.
     *
     * @param customerId the customer the card is for (one of the current tenant's)
     * @param returnTo   the portal's absolute return address
     * @param state      the portal's opaque value binding the return to the customer's session
     *                   (at most 200 URL-safe characters)
     * @param language   the page's language, an ISO 639 code ({@code en}, {@code sk}); the page
     *                   falls back to English for one it does not speak
     * @return the page's address (absolute, or a path on the portal's own server); empty (the
     *         default) when the host's gateway has no such page: cards are then added by the seller
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_VALUE naming
     *         {@code returnTo} or {@code state} that the host refuses
     */
    default Optional<java.net.URI> hostedTokenization(Tx tx, long customerId, java.net.URI returnTo, String state,
            String language) {
        return Optional.empty();
    }

    /** Charges a saved method and allocates the payment to the invoice; outside any engine transaction. */
    ChargeResult charge(ChargeRequest request);

    /**
     * Refunds (part of) a payment to the method it came from; outside any engine transaction.
     *
     * @param paymentId the payment refunded ({@link ChargeResult#paymentId()})
     */
    ChargeResult refund(long paymentId, ChargeRequest request);

    /**
     * What happened to a charge or refund whose answer was {@link ChargeResult.Outcome#UNKNOWN}.
     *
     * @return its result, still UNKNOWN while the processor cannot say; empty when the processor
     *         never received that key (nothing moved: the same request may be sent again)
     */
    Optional<ChargeResult> status(String idempotencyKey);
}
