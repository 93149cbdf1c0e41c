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
     *         what is allocated to it), in its currency; empty for an invoice the tenant does not have
     */
    Optional<org.idempiere.subscription.api.Money> openAmount(Tx tx, long invoiceId);

    /**
     * What is still to be paid of several invoices at once, each as {@link #openAmount} answers
     * it: the engine prepares a whole batch of payment attempts in one transaction. The default
     * asks {@link #openAmount} once per invoice; a host that reads them in one query overrides it.
     *
     * @return the open amount by invoice id; an invoice the tenant does not have is left out
     */
    default Map<Long, org.idempiere.subscription.api.Money> openAmounts(Tx tx, Collection<Long> invoiceIds) {
        Map<Long, org.idempiere.subscription.api.Money> out = new LinkedHashMap<>();
        for (long invoiceId : invoiceIds) {
            if (!out.containsKey(invoiceId)) {
                openAmount(tx, invoiceId).ifPresent(open -> out.put(invoiceId, open));
            }
        }
        return out;
    }

    /**
     * Settles part (or all) of an invoice with the customer's credit kept by the engine, in the
     * engine's transaction: afterwards {@link #openAmount} is less by {@code amount}, and an
     * invoice with nothing left open is paid. The reference host records it on the invoice;
     * iDempiere would allocate the customer's open credit memos to the invoice ({@code
     * MAllocationHdr}), which its binding does not do yet.
     *
     * @return whether the host settled it; {@code false} (the default): it cannot, and the engine
     *         keeps the credit and charges the whole open amount
     */
    default boolean settleWithCredit(Tx tx, long invoiceId, org.idempiere.subscription.api.Money amount) {
        return false;
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
