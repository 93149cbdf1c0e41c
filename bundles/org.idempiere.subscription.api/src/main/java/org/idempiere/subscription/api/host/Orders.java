package org.idempiere.subscription.api.host;

import java.util.List;
import java.util.Optional;

/** Sales orders and quotations of the host ({@code MOrder}, {@code MOrderLine}). */
@org.osgi.annotation.versioning.ProviderType
public interface Orders {
    /** The most documents {@link #ofCustomer} returns at once. */
    int MAX_LIMIT = 1000;

    /**
     * @return the order of the current tenant with that id, with the plan of each recurring
     *         product ({@code M_Product.SUB_Template_ID} where {@code IsSubscriptionProduct='Y'})
     */
    Optional<Order> find(Tx tx, long orderId);

    /**
     * The customer's sales orders and quotations (proposals included) of the current tenant, in
     * every status, newest first (by document date, then by id): what the customer portal lists.
     * Returns and purchase documents are not listed.
     *
     * @param customerId the customer the documents are for ({@code C_Order.C_BPartner_ID})
     * @param limit      at most this many, 1 to {@link #MAX_LIMIT}
     * @return the documents; empty for a customer the tenant does not have
     * @throws org.idempiere.subscription.api.SubscriptionException INVALID_VALUE naming {@code limit}
     *         out of range
     */
    List<OrderSummary> ofCustomer(Tx tx, long customerId, int limit);

    /**
     * The customer accepts a quotation sent to them: the host completes it through its own
     * document processing, in {@code tx}, exactly as a completion in the host would — so
     * quote-to-contract creates its subscriptions in the same transaction (iDempiere: {@code
     * MOrder.processIt("CO")}, whose after-complete event runs the engine). Only what {@link
     * OrderSummary#acceptRefusal} allows on the host's today is accepted; the document is locked
     * first, so of two acceptances at once one completes it and the other is refused.
     *
     * @return the quotation after its completion
     * @throws org.idempiere.subscription.api.SubscriptionException UNKNOWN_REFERENCE naming
     *         {@code orderId} when it is not a document of that customer in the current tenant
     *         (the caller answers "not found" without telling whether it exists); INVALID_STATE
     *         naming {@code orderId} with the reason when it is not a binding quotation, no longer
     *         drafted or in progress, or expired; HOST_FAILURE with the host's reason when its
     *         document processing refuses the completion. Nothing is changed on any of them.
     */
    OrderSummary accept(Tx tx, long customerId, long orderId);
}
