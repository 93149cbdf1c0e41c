package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.idempiere.subscription.api.ServicePeriod;

/**
 * The next invoice of a subscription as it would be billed, computed without writing anything.
 * Line amounts are exact (the engine's own rounding); the tax is an estimate from the host's
 * rates on that date, per rate on the sum of its lines — the invoice itself gets its tax from the
 * host when it is posted.
 *
 * @param dateInvoiced when it will be invoiced
 * @param period       the service period it pays for
 */
public record InvoicePreview(long subscriptionId, LocalDate dateInvoiced, ServicePeriod period, String currency,
        BigDecimal totalLines, BigDecimal estimatedTax, BigDecimal estimatedTotal, List<Line> lines) {

    public InvoicePreview {
        lines = List.copyOf(lines);
    }

    /** One line of the preview. */
    public record Line(long productId, BigDecimal quantity, BigDecimal priceActual, BigDecimal lineNet,
            BigDecimal taxRatePercent) {
    }
}
