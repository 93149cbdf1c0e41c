package org.idempiere.subscription.api.host;

import java.util.Optional;

/** Sales orders and quotations of the host ({@code MOrder}, {@code MOrderLine}). */
@org.osgi.annotation.versioning.ProviderType
public interface Orders {
    /**
     * @return the order of the current tenant with that id, with the plan of each recurring
     *         product ({@code M_Product.SUB_Template_ID} where {@code IsSubscriptionProduct='Y'})
     */
    Optional<Order> find(Tx tx, long orderId);
}
