package org.idempiere.subscription.core.internal.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionLine;

/**
 * A {@code SUB_Subscription} row with its lines, as the engine works on it (nullable ids are
 * optional). {@code plan} is how it is scheduled: its own settings, any it leaves empty (a draft)
 * resolved against its template's.
 */
public record SubscriptionRecord(long id, String documentNo, long templateId, long customerId, long billToLocationId,
        Long contactUserId, Long salesRepId, Long orderId,
        long currencyId, long priceListId, String description, LocalDate startDate, LocalDate nextInvoiceDate, SubscriptionStatus status,
        LocalDate dateClosed, Long closeReasonId, String closeReason, Money mrr, java.math.BigDecimal discountPercent,
        LocalDate termEndDate, PlanSettings plan, List<SubscriptionLine> lines) {

    public SubscriptionRecord {
        lines = List.copyOf(lines);
    }

    /**
     * The lines as they are priced: each line's discount combined with the subscription's
     * (100 − (100 − line)(100 − subscription)/100, exact), so price actual is rounded once.
     */
    public List<SubscriptionLine> linesForPricing() {
        return pricingLines(lines, discountPercent);
    }

    /** {@code lines} with {@code discountPercent} combined into each line's discount (see {@link #linesForPricing}). */
    public static List<SubscriptionLine> pricingLines(List<SubscriptionLine> lines, java.math.BigDecimal discountPercent) {
        if (discountPercent.signum() == 0) {
            return lines;
        }
        java.math.BigDecimal hundred = java.math.BigDecimal.valueOf(100);
        return lines.stream().map(l -> new SubscriptionLine(l.id(), l.line(), l.productId(), l.quantity(), l.uomId(),
                l.fixedUnitPrice(), hundred.subtract(hundred.subtract(l.discountPercent())
                        .multiply(hundred.subtract(discountPercent)).divide(hundred)), l.setupFee())).toList();
    }

    /** The lines billed for a period: setup fees only with the first period (the one starting on the start date). */
    public List<SubscriptionLine> linesFor(org.idempiere.subscription.api.ServicePeriod period) {
        boolean first = period.start().equals(startDate);
        return linesForPricing().stream().filter(l -> first || !l.setupFee()).toList();
    }

    /** @return only the recurring lines (setup fees are not MRR) */
    public static List<SubscriptionLine> recurring(List<SubscriptionLine> lines) {
        return lines.stream().filter(l -> !l.setupFee()).toList();
    }

    /** @return this record with other lines */
    public SubscriptionRecord withLines(List<SubscriptionLine> newLines) {
        return new SubscriptionRecord(id, documentNo, templateId, customerId, billToLocationId, contactUserId, salesRepId,
                orderId, currencyId, priceListId, description, startDate, nextInvoiceDate, status, dateClosed, closeReasonId, closeReason, mrr, discountPercent, termEndDate,
                plan, newLines);
    }

    /** @return the public view of this record */
    public Subscription toView() {
        return new Subscription(id, documentNo, templateId, customerId, billToLocationId,
                Optional.ofNullable(contactUserId), Optional.ofNullable(salesRepId), Optional.ofNullable(orderId), priceListId,
                Optional.ofNullable(description), startDate,
                Optional.ofNullable(nextInvoiceDate), status, Optional.ofNullable(dateClosed), Optional.ofNullable(closeReasonId),
                Optional.ofNullable(closeReason), mrr, discountPercent, Optional.ofNullable(termEndDate), plan, lines);
    }
}
