package org.idempiere.subscription.api.service;

import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.host.PaymentMethod;

/**
 * Automatic payments: customers' saved payment methods, and the charges of invoices of
 * subscriptions paid automatically, exactly once, with retries after failures. Charges follow the
 * outbox pattern: an attempt is recorded with the invoice (or by {@link #pay}) and a collector
 * calls the gateway outside any transaction, under the attempt's idempotency key.
 */
@org.osgi.annotation.versioning.ProviderType
public interface PaymentService {

    /**
     * @return the customer's saved methods, the default first
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN naming {@code customerId}
     */
    List<PaymentMethod> methods(long customerId);

    /**
     * @return the customer's credit balance per currency (credits carried less credit used), in
     *         currency order; empty when the customer never had credit
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN naming {@code customerId}
     */
    List<org.idempiere.subscription.api.Money> creditBalance(long customerId);

    /**
     * Saves a method from a gateway token; attempts of the customer waiting for a method
     * ({@link org.idempiere.subscription.api.PaymentStatus#NO_METHOD}) are tried again at the next
     * collection, and when the new method is the default, so are the customer's pending retries
     * of declined invoices (moved to today rather than waiting for the retry schedule's day).
     */
    PaymentMethod registerMethod(long customerId, MethodRegistration registration);

    /**
     * Makes a saved method the customer's default (automatic charges use it); the customer's
     * attempts waiting for a method and pending retries are tried with it at the next collection.
     */
    PaymentMethod setDefaultMethod(long customerId, long methodId);

    /**
     * Removes a saved method; when it was the default, the customer's next method usable today
     * becomes the default (automatic charges go on with it).
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_STATE naming {@code methodId}
     *         when it is the last method of a customer with an automatically paid subscription
     */
    void removeMethod(long customerId, long methodId);

    /**
     * Charges an open invoice of a subscription now, to {@code methodId} or the customer's default,
     * and answers the attempt as it ended.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND for an invoice that is
     *         not a subscription's; INVALID_STATE when it has nothing open; UNKNOWN naming
     *         {@code methodId} for a method of another customer
     */
    PaymentAttempt pay(long invoiceId, Optional<Long> methodId);

    /**
     * Stops the dunning of invoices the host reports paid otherwise (a payment allocated to them in
     * the ERP), at once rather than at the next collection: their attempts still to come (retries,
     * attempts waiting for a method) are cancelled when nothing is open any more, and a past-due
     * subscription none of whose failed invoices is unpaid any more is past due no longer. Ids of
     * invoices that are not a subscription's or belong to another tenant (the current one is the
     * host's) are ignored; nothing is charged and no customer is told.
     *
     * @param invoiceIds the invoices paid, in any order, duplicates allowed
     * @return how many attempts were cancelled
     */
    int recover(java.util.Collection<Long> invoiceIds);

    /** Collects every payment attempt due by today (and resolves those whose answer is unknown). */
    PaymentRunReport collect();

    /** @return the attempts to pay an invoice, oldest first */
    List<PaymentAttempt> attemptsOfInvoice(long invoiceId);

    /** @return the attempts to pay a subscription's invoices, oldest first */
    List<PaymentAttempt> attemptsOfSubscription(long subscriptionId);
}
