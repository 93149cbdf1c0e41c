package org.idempiere.subscription.api.service;

import java.util.List;

/**
 * Quote to contract: completing a sales order or binding quotation with recurring products
 * creates its subscriptions. Called by the host binding when an order completes or is voided;
 * every call is idempotent.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ContractService {

    /**
     * Creates one active subscription per plan found on the order's recurring lines, with the
     * order's customer, bill-to, contact, price list, currency, sales representative and start
     * date, and those lines at the order's prices. An order that already has its subscriptions
     * gets no new ones: completing again returns the existing ones.
     *
     * @return the order's subscriptions; empty if it has no recurring line
     * @throws org.idempiere.subscription.api.SubscriptionException NOT_FOUND for an unknown order
     */
    List<Subscription> createFromOrder(long orderId);

    /**
     * The order was voided: its subscriptions that were never invoiced are cancelled (closed,
     * and their entry in the MRR ledger reversed by a correcting entry). Subscriptions already
     * invoiced are left as they are and returned unchanged.
     *
     * @return the order's subscriptions after the call
     */
    List<Subscription> orderVoided(long orderId);
}
