package org.idempiere.subscription.core.internal.pricing;

import java.math.BigDecimal;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.service.SubscriptionLine;

/** A subscription line with the price that applies on a date. */
public record PricedLine(SubscriptionLine line, BigDecimal priceActual, Money lineNet) {
}
