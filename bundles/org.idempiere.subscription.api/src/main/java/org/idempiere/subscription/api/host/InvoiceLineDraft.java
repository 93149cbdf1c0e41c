package org.idempiere.subscription.api.host;

import java.math.BigDecimal;
import org.idempiere.subscription.api.ServicePeriod;

/**
 * One line the engine asks the host to invoice.
 *
 * @param priceActual unit price after discount
 * @param lineNet     net amount of the line, exact at the currency's scale, without tax
 * @param period      the service period the line pays for
 */
public record InvoiceLineDraft(long productId, BigDecimal quantity, long uomId, BigDecimal priceActual,
        BigDecimal lineNet, ServicePeriod period, String description) {
}
