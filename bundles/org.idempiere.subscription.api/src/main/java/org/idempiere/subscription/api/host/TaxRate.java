package org.idempiere.subscription.api.host;

import java.math.BigDecimal;

/**
 * A tax rate as the host would apply it to a line.
 *
 * @param id          {@code C_Tax_ID}
 * @param ratePercent for example {@code 23} for 23 %
 */
public record TaxRate(long id, String name, BigDecimal ratePercent) {
}
