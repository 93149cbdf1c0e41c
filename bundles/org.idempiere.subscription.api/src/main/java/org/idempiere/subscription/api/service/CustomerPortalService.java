package org.idempiere.subscription.api.service;

import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.host.Contact;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.host.PaymentMethod;

/**
 * What a customer sees and does in the portal, always as the customer of a portal session and
 * acting for the session's tenant: every subscription, invoice and payment method asked for must
 * be the session's customer's, else it is {@code NOT_FOUND} (as if it did not exist: nothing tells
 * another customer's records from missing ones). Changes and closes go through the engine's
 * customer rules ({@link SubscriptionService#changeByCustomer}, {@link SubscriptionService#closeByCustomer}),
 * so the portal can do nothing the plan does not let customers do.
 */
@org.osgi.annotation.versioning.ProviderType
public interface CustomerPortalService {

    /**
     * @return the host's today (its clock: a test clock in the sandbox), which the portal's pages
     *         measure dates against (a card that has expired, a line valid today)
     */
    java.time.LocalDate today();

    /** @return the session's customer */
    Customer customer(PortalSession session);

    /** @return the session's contact, if its link named one */
    Optional<Contact> contact(PortalSession session);

    /** @return the customer's subscriptions (drafts excluded), newest first */
    List<PortalSubscription> subscriptions(PortalSession session);

    /** @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND unless it is the customer's */
    PortalSubscription subscription(PortalSession session, long subscriptionId);

    /** @return the invoices of the customer's subscriptions, newest first, with what is open of each */
    List<PortalInvoice> invoices(PortalSession session);

    /**
     * One of {@link #invoices}, read without the others (a page of one invoice).
     *
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND unless it is an
     *         invoice of the customer's subscriptions
     */
    PortalInvoice invoice(PortalSession session, long invoiceId);

    /** @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND unless it is the customer's */
    byte[] invoicePdf(PortalSession session, long invoiceId);

    /**
     * The invoice and its printout from one read of the invoice (a page that names the file after
     * the invoice): what {@link #invoice} and {@link #invoicePdf} answer, in one transaction.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND unless it is the customer's
     */
    PortalInvoicePdf invoiceWithPdf(PortalSession session, long invoiceId);

    /**
     * Pays an open invoice of the customer now with a saved method (the default unless named).
     *
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND unless the invoice is
     *         the customer's; as {@link PaymentService#pay} otherwise
     */
    PaymentAttempt pay(PortalSession session, long invoiceId, Optional<Long> methodId);

    /**
     * The attempts to pay one of the customer's invoices, newest first: what the portal shows
     * after the customer paid (succeeded, or declined with the gateway's reason).
     *
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND unless the invoice is the customer's
     */
    List<PaymentAttempt> payments(PortalSession session, long invoiceId);

    /** What a change would cost, as {@link BillingService#previewChangeByCustomer}, for the customer's subscription. */
    ChangePreview previewChange(PortalSession session, long subscriptionId, ChangeDraft change);

    /**
     * The customer's subscription, as {@link #subscription} answers it, and what a change would
     * cost, as {@link #previewChange} answers it, read together: the change's preview page reads
     * the subscription once.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND unless the subscription is the
     *         customer's; the refusals of {@link #previewChange} otherwise
     */
    PortalChangePreview changePreview(PortalSession session, long subscriptionId, ChangeDraft change);

    /** Makes a change, as {@link SubscriptionService#changeByCustomer}, of the customer's subscription. */
    SubscriptionChange change(PortalSession session, long subscriptionId, ChangeDraft change);

    /** Closes the customer's subscription with a reason, as {@link SubscriptionService#closeByCustomer}. */
    Subscription close(PortalSession session, long subscriptionId, long closeReasonId, Optional<String> comment);

    /** @return the reasons a customer may give for closing */
    List<CloseReason> closeReasons(PortalSession session);

    /** @return the customer's saved payment methods, the default first */
    List<PaymentMethod> methods(PortalSession session);

    /**
     * Where the customer enters a new card on the gateway's own page, so that the number never
     * reaches the portal: as {@link org.idempiere.subscription.api.host.Payments#hostedTokenization}
     * of the host, for the session's customer. The page returns to {@code returnTo} with
     * {@code state} and the new card's {@code token} (or {@code cancelled}), which the portal then
     * saves with {@link #addMethod}.
     *
     * @param returnTo the portal's absolute return address
     * @param state    the portal's value binding the return to this session (1 to 200 URL-safe characters)
     * @param language the page's language ({@code en}, {@code sk})
     * @return the page's address; empty when the host's gateway has no such page (the seller adds cards)
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_VALUE naming {@code state}
     *         or {@code returnTo} when they are not acceptable
     */
    Optional<java.net.URI> hostedTokenization(PortalSession session, java.net.URI returnTo, String state, String language);

    /** Saves a payment method from a gateway token, as {@link PaymentService#registerMethod}. */
    PaymentMethod addMethod(PortalSession session, MethodRegistration registration);

    /**
     * Makes a saved method the default, as {@link PaymentService#setDefaultMethod}.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND unless it is one of the customer's active methods
     */
    PaymentMethod setDefaultMethod(PortalSession session, long methodId);

    /**
     * Removes a saved method, as {@link PaymentService#removeMethod} (which refuses the last
     * method of a customer with an automatically paid subscription: INVALID_STATE).
     *
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND unless it is one of the customer's active methods
     */
    void removeMethod(PortalSession session, long methodId);

    /** @return the customer's quotations and orders, newest first (at most 100) */
    List<org.idempiere.subscription.api.host.OrderSummary> orders(PortalSession session);

    /**
     * Accepts a quotation sent to the customer: the host completes it, and quote to contract
     * creates its subscriptions in the same transaction.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND unless it is the
     *         customer's; INVALID_STATE when it cannot be accepted (an order, a proposal, not open,
     *         expired)
     */
    org.idempiere.subscription.api.host.OrderSummary acceptQuotation(PortalSession session, long orderId);

    /**
     * Updates the session's contact (name, e-mail, phone) in the host's records.
     *
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_STATE naming
     *         {@code contactId} when the session's link named no contact
     */
    Contact updateContact(PortalSession session, org.idempiere.subscription.api.host.ContactUpdate update);

    /** @return the customer's billing address, if the host has one */
    Optional<org.idempiere.subscription.api.host.Address> billingAddress(PortalSession session);

    /** Updates the customer's billing address in the host's records (the next invoices are taxed by its country). */
    org.idempiere.subscription.api.host.Address updateBillingAddress(PortalSession session,
            org.idempiere.subscription.api.host.AddressUpdate update);
}
