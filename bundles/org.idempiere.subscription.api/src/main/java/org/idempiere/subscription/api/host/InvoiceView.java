package org.idempiere.subscription.api.host;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A host invoice as the engine shows it: totals as the host computed them. */
public record InvoiceView(long id, String documentNo, LocalDate dateInvoiced, String currency,
        BigDecimal totalLines, BigDecimal totalTax, BigDecimal grandTotal, List<Line> lines) {

    public InvoiceView {
        lines = List.copyOf(lines);
    }

    /** One invoice line with the service period it pays for. */
    public record Line(int line, long productId, BigDecimal quantity, BigDecimal priceActual, BigDecimal lineNet,
            BigDecimal taxRatePercent, LocalDate periodStart, LocalDate periodEnd) {
    }
}
