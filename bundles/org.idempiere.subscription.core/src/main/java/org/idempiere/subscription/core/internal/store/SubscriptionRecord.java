package org.idempiere.subscription.core.internal.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionLine;

/** A {@code SUB_Subscription} row with its lines, as the engine works on it (nullable ids are optional). */
public record SubscriptionRecord(long id, String documentNo, long templateId, long customerId, long billToLocationId,
        Long contactUserId, Long salesRepId, Long orderId,
        long currencyId, long priceListId, String description, LocalDate startDate, LocalDate nextInvoiceDate, SubscriptionStatus status,
        LocalDate dateClosed, Long closeReasonId, String closeReason, Money mrr, List<SubscriptionLine> lines) {

    public SubscriptionRecord {
        lines = List.copyOf(lines);
    }

    /** @return this record with other lines */
    public SubscriptionRecord withLines(List<SubscriptionLine> newLines) {
        return new SubscriptionRecord(id, documentNo, templateId, customerId, billToLocationId, contactUserId, salesRepId,
                orderId, currencyId, priceListId, description, startDate, nextInvoiceDate, status, dateClosed, closeReasonId, closeReason, mrr,
                newLines);
    }

    /** @return the public view of this record */
    public Subscription toView() {
        return new Subscription(id, documentNo, templateId, customerId, billToLocationId,
                Optional.ofNullable(contactUserId), Optional.ofNullable(salesRepId), Optional.ofNullable(orderId), priceListId,
                Optional.ofNullable(description), startDate,
                Optional.ofNullable(nextInvoiceDate), status, Optional.ofNullable(dateClosed), Optional.ofNullable(closeReasonId),
                Optional.ofNullable(closeReason), mrr, lines);
    }
}
