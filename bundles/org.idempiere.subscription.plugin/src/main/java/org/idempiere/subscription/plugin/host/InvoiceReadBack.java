package org.idempiere.subscription.plugin.host;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.ServicePeriod;
import org.idempiere.subscription.api.host.InvoiceView;

/**
 * An iDempiere invoice as the engine shows it, built from values read off {@code MInvoice} and its
 * lines. Tax is what iDempiere computed: grand total minus total lines, whatever the tax
 * configuration (document-level or per line, several rates).
 */
final class InvoiceReadBack {

    private InvoiceReadBack() {
    }

    /**
     * What is read off one {@code MInvoiceLine}.
     *
     * @param qtyEntered   {@code QtyEntered}: the quantity in the line's unit, as the engine sent it
     * @param priceEntered {@code PriceEntered}: the unit price in the line's unit
     * @param taxRate      the rate of the line's {@code C_Tax_ID}, null if the line has no tax
     * @param description  the line's description, which carries the service period
     */
    record LineValues(int line, int productId, BigDecimal qtyEntered, BigDecimal priceEntered, BigDecimal lineNetAmt,
            BigDecimal taxRate, String description) {
    }

    static InvoiceView view(int id, String documentNo, Timestamp dateInvoiced, String currencyIso, BigDecimal totalLines,
            BigDecimal grandTotal, List<LineValues> lines) {
        List<InvoiceView.Line> out = lines.stream().map(InvoiceReadBack::line).toList();
        return new InvoiceView(id, documentNo, Dates.toLocalDate(dateInvoiced), currencyIso == null ? null : currencyIso.strip(),
                totalLines, grandTotal.subtract(totalLines), grandTotal, out);
    }

    private static InvoiceView.Line line(LineValues l) {
        Optional<ServicePeriod> period = ServicePeriodText.parse(l.description());
        return new InvoiceView.Line(l.line(), l.productId(), l.qtyEntered(), l.priceEntered(), l.lineNetAmt(), l.taxRate(),
                period.map(ServicePeriod::start).orElse(null), period.map(ServicePeriod::end).orElse(null));
    }
}
