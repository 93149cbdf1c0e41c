package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.util.Optional;

/** A stored subscription line: {@code SUB_SubscriptionLine}. */
public record SubscriptionLine(long id, int line, long productId, BigDecimal quantity, long uomId,
        Optional<BigDecimal> fixedUnitPrice, BigDecimal discountPercent) {
}
