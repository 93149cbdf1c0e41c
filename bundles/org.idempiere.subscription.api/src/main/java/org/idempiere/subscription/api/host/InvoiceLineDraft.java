package org.idempiere.subscription.api.host;

import java.math.BigDecimal;
import org.idempiere.subscription.api.ServicePeriod;

/**
 * One line the engine asks the host to invoice.
 *
 * @param quantity    in {@code uomId}
 * @param priceActual unit price after discount, per {@code uomId}
 * @param lineNet     net amount of the line, exact at the currency's scale, without tax
 * @param period      the service period the line pays for
 * @param uomRate     units of the product's own unit of measure in one {@code uomId} (1 in the
 *                    product's unit): a host that invoices in the product's unit converts with it
 *                    (quantity x rate, price / rate), so its line net stays {@code lineNet}
 */
public record InvoiceLineDraft(long productId, BigDecimal quantity, long uomId, BigDecimal priceActual,
        BigDecimal lineNet, ServicePeriod period, String description, BigDecimal uomRate) {

    public InvoiceLineDraft {
        uomRate = uomRate == null ? BigDecimal.ONE : uomRate;
    }

    /** A line in the product's own unit of measure. */
    public InvoiceLineDraft(long productId, BigDecimal quantity, long uomId, BigDecimal priceActual, BigDecimal lineNet,
            ServicePeriod period, String description) {
        this(productId, quantity, uomId, priceActual, lineNet, period, description, BigDecimal.ONE);
    }
}
