package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.ServicePeriod;

/**
 * What a change of a subscription would cost, computed without writing anything: the adjustment
 * invoice it would post on its day for periods billed already (credits for the days the old lines
 * no longer serve, charges for the new lines' days), the MRR before and after, and the first
 * regular invoice after it. Amounts are exact; taxes are estimates from the host's rates (the
 * invoices get theirs from the host when they are posted). Immutable.
 *
 * @param subscriptionId the subscription
 * @param effectiveDate  the day the change would take effect (the plan's change timing applied)
 * @param templateId     the new plan, for a plan change
 * @param adjustment     the adjustment invoice on {@code effectiveDate}; empty when nothing billed
 *                       reaches that day
 * @param mrrBefore      the MRR on the day before the change
 * @param mrrAfter       the MRR from the change's day
 * @param nextInvoice    the first regular invoice from the change on (its period priced with the
 *                       change); empty when none follows (the subscription ends first)
 */
public record ChangePreview(long subscriptionId, LocalDate effectiveDate, Optional<Long> templateId,
        Optional<Adjustment> adjustment, Money mrrBefore, Money mrrAfter, Optional<InvoicePreview> nextInvoice) {

    /**
     * The adjustment invoice a change would post.
     *
     * @param dateInvoiced   its date: the change's day
     * @param totalLines     the net of its lines (negative: a credit)
     * @param estimatedTax   the tax estimated from the host's rates
     * @param estimatedTotal {@code totalLines + estimatedTax}
     */
    public record Adjustment(LocalDate dateInvoiced, String currency, BigDecimal totalLines, BigDecimal estimatedTax,
            BigDecimal estimatedTotal, List<AdjustmentLine> lines) {
        public Adjustment {
            lines = List.copyOf(lines);
        }
    }

    /**
     * One line of an adjustment: a credit (negative net) for days an old line no longer serves, or
     * a charge for days a new line serves, of one billed period.
     *
     * @param days the days it credits or charges
     */
    public record AdjustmentLine(long productId, BigDecimal quantity, BigDecimal priceActual, BigDecimal lineNet,
            BigDecimal taxRatePercent, ServicePeriod days, boolean credit) {
    }
}
