package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A stored subscription line: {@code SUB_SubscriptionLine}. A setup-fee line is billed once, on
 * the first invoice, and is not part of MRR.
 */
public record SubscriptionLine(long id, int line, long productId, BigDecimal quantity, long uomId,
        Optional<BigDecimal> fixedUnitPrice, BigDecimal discountPercent, boolean setupFee) {

    /** A recurring line. */
    public SubscriptionLine(long id, int line, long productId, BigDecimal quantity, long uomId,
            Optional<BigDecimal> fixedUnitPrice, BigDecimal discountPercent) {
        this(id, line, productId, quantity, uomId, fixedUnitPrice, discountPercent, false);
    }
}
