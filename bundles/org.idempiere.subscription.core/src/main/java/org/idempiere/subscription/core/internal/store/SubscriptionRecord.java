package org.idempiere.subscription.core.internal.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PriceUpdate;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.core.internal.plan.Timeline;

/**
 * A {@code SUB_Subscription} row with its lines, as the engine works on it (nullable ids are
 * optional). {@code plan} is how it is scheduled: its own settings, any it leaves empty (a draft)
 * resolved against its template's. {@code priceUpdate} and {@code noticeDays} (0: none) are its
 * template's; {@code dateEnds} (nullable) the last day of service after notice not to renew;
 * {@code datePaused} (nullable) the day it was paused, while paused or closed after a pause;
 * {@code emailInvoices} whether its invoices are e-mailed (its own InvoiceEmail, else its template's);
 * {@code scheduleStart} (nullable: the start date) the day its periods are counted from, moved by a
 * plan change to another recurrence; {@code recurrenceChange} (nullable) the day such a change is
 * pending for: billing stops before it until the change is applied. {@code orgId} (nullable: not
 * read from the database) its {@code AD_Org_ID}, the organization its invoices are issued in.
 * {@code payment} how its invoices are paid (its own mode, else its template's) and whether it is past due.
 */
public record SubscriptionRecord(long id, String documentNo, long templateId, long customerId, long billToLocationId,
        Long contactUserId, Long salesRepId, Long orderId,
        long currencyId, long priceListId, String description, LocalDate startDate, LocalDate nextInvoiceDate, SubscriptionStatus status,
        LocalDate dateClosed, Long closeReasonId, String closeReason, Money mrr, java.math.BigDecimal discountPercent,
        LocalDate termEndDate, PlanSettings plan, PriceUpdate priceUpdate, LocalDate dateEnds, int noticeDays,
        LocalDate datePaused, boolean emailInvoices, LocalDate scheduleStart, LocalDate recurrenceChange, List<SubscriptionLine> lines,
        Long orgId, PaymentSetting payment) {

    public SubscriptionRecord {
        lines = List.copyOf(lines);
        payment = payment == null ? PaymentSetting.AS_TEMPLATE_MANUAL : payment;
    }

    /** A record whose payment setting is not known (not read from the database). */
    public SubscriptionRecord(long id, String documentNo, long templateId, long customerId, long billToLocationId,
            Long contactUserId, Long salesRepId, Long orderId, long currencyId, long priceListId, String description,
            LocalDate startDate, LocalDate nextInvoiceDate, SubscriptionStatus status, LocalDate dateClosed, Long closeReasonId,
            String closeReason, Money mrr, java.math.BigDecimal discountPercent, LocalDate termEndDate, PlanSettings plan,
            PriceUpdate priceUpdate, LocalDate dateEnds, int noticeDays, LocalDate datePaused, boolean emailInvoices,
            LocalDate scheduleStart, LocalDate recurrenceChange, List<SubscriptionLine> lines, Long orgId) {
        this(id, documentNo, templateId, customerId, billToLocationId, contactUserId, salesRepId, orderId, currencyId,
                priceListId, description, startDate, nextInvoiceDate, status, dateClosed, closeReasonId, closeReason, mrr,
                discountPercent, termEndDate, plan, priceUpdate, dateEnds, noticeDays, datePaused, emailInvoices, scheduleStart,
                recurrenceChange, lines, orgId, null);
    }

    /** A record whose organization is not known (not read from the database). */
    public SubscriptionRecord(long id, String documentNo, long templateId, long customerId, long billToLocationId,
            Long contactUserId, Long salesRepId, Long orderId, long currencyId, long priceListId, String description,
            LocalDate startDate, LocalDate nextInvoiceDate, SubscriptionStatus status, LocalDate dateClosed, Long closeReasonId,
            String closeReason, Money mrr, java.math.BigDecimal discountPercent, LocalDate termEndDate, PlanSettings plan,
            PriceUpdate priceUpdate, LocalDate dateEnds, int noticeDays, LocalDate datePaused, boolean emailInvoices,
            LocalDate scheduleStart, LocalDate recurrenceChange, List<SubscriptionLine> lines) {
        this(id, documentNo, templateId, customerId, billToLocationId, contactUserId, salesRepId, orderId, currencyId,
                priceListId, description, startDate, nextInvoiceDate, status, dateClosed, closeReasonId, closeReason, mrr,
                discountPercent, termEndDate, plan, priceUpdate, dateEnds, noticeDays, datePaused, emailInvoices, scheduleStart,
                recurrenceChange, lines, null, null);
    }

    /** The billing facts of this subscription, as the plan reads them. */
    public Timeline timeline() {
        return new Timeline(plan, startDate, periodsFrom(), priceUpdate, nextInvoiceDate, termEndDate, dateEnds, recurrenceChange,
                serviceEnd(), datePaused != null, discountPercent, lines);
    }

    /** The lines as they are priced (see {@link Timeline#pricingLines}). */
    public List<SubscriptionLine> linesForPricing() {
        return Timeline.pricingLines(lines, discountPercent);
    }

    /** The lines valid on {@code date}, as they are priced. */
    public List<SubscriptionLine> linesForPricingAt(LocalDate date) {
        return Timeline.pricingLines(lines.stream().filter(l -> l.validOn(date)).toList(), discountPercent);
    }

    /** {@code lines} with {@code discountPercent} combined into each line's discount. */
    public static List<SubscriptionLine> pricingLines(List<SubscriptionLine> lines, java.math.BigDecimal discountPercent) {
        return Timeline.pricingLines(lines, discountPercent);
    }

    /**
     * The last day served of a paused or closed subscription: the day before its pause (also once
     * closed while paused), else the day before its close; null while it is served.
     */
    public LocalDate serviceEnd() {
        if (datePaused != null && (status == SubscriptionStatus.PAUSED || status == SubscriptionStatus.CLOSED)) {
            return datePaused.minusDays(1);
        }
        return status == SubscriptionStatus.CLOSED && dateClosed != null ? dateClosed.minusDays(1) : null;
    }

    /** The first day a line is billed for: its valid-from, else the start date. */
    public LocalDate firstDay(SubscriptionLine l) {
        return l.validFrom().orElse(startDate);
    }

    /** @return only the recurring lines (setup fees are not MRR) */
    public static List<SubscriptionLine> recurring(List<SubscriptionLine> lines) {
        return lines.stream().filter(l -> !l.setupFee()).toList();
    }

    /** @return this record with other lines */
    public SubscriptionRecord withLines(List<SubscriptionLine> newLines) {
        return new SubscriptionRecord(id, documentNo, templateId, customerId, billToLocationId, contactUserId, salesRepId,
                orderId, currencyId, priceListId, description, startDate, nextInvoiceDate, status, dateClosed, closeReasonId, closeReason, mrr, discountPercent, termEndDate,
                plan, priceUpdate, dateEnds, noticeDays, datePaused, emailInvoices, scheduleStart, recurrenceChange, newLines, orgId, payment);
    }

    /** @return this record under another plan's price-list change policy (a plan change) */
    public SubscriptionRecord withPriceUpdate(org.idempiere.subscription.api.service.Template template) {
        return new SubscriptionRecord(id, documentNo, template.id(), customerId, billToLocationId, contactUserId, salesRepId,
                orderId, currencyId, priceListId, description, startDate, nextInvoiceDate, status, dateClosed, closeReasonId,
                closeReason, mrr, discountPercent, termEndDate, plan, template.priceUpdate(), dateEnds, noticeDays, datePaused,
                emailInvoices, scheduleStart, recurrenceChange, lines, orgId, payment);
    }

    /** @return this record moved to another schedule from {@code day} (a change of recurrence applied), invoiced that day */
    public SubscriptionRecord withSchedule(PlanSettings newPlan, LocalDate day) {
        return new SubscriptionRecord(id, documentNo, templateId, customerId, billToLocationId, contactUserId, salesRepId,
                orderId, currencyId, priceListId, description, startDate, day, status, dateClosed, closeReasonId,
                closeReason, mrr, discountPercent, termEndDate, newPlan, priceUpdate, dateEnds, noticeDays, datePaused,
                emailInvoices, day, null, lines, orgId, payment);
    }

    /**
     * @return this record with a change of recurrence pending for {@code day} and invoiced next on
     *         that day: as it stands once the periods before the change are billed (for a preview)
     */
    public SubscriptionRecord withRecurrenceChange(LocalDate day) {
        return new SubscriptionRecord(id, documentNo, templateId, customerId, billToLocationId, contactUserId, salesRepId,
                orderId, currencyId, priceListId, description, startDate, day, status, dateClosed, closeReasonId,
                closeReason, mrr, discountPercent, termEndDate, plan, priceUpdate, dateEnds, noticeDays, datePaused,
                emailInvoices, scheduleStart, day, lines, orgId, payment);
    }

    /** @return the day its periods are counted from: the start date, or the day its recurrence last changed */
    public LocalDate periodsFrom() {
        return scheduleStart != null ? scheduleStart : startDate;
    }

    /** @return the public view of this record */
    public Subscription toView() {
        return new Subscription(id, documentNo, templateId, customerId, billToLocationId,
                Optional.ofNullable(contactUserId), Optional.ofNullable(salesRepId), Optional.ofNullable(orderId), priceListId,
                Optional.ofNullable(description), startDate,
                Optional.ofNullable(nextInvoiceDate), status, Optional.ofNullable(dateClosed), Optional.ofNullable(closeReasonId),
                Optional.ofNullable(closeReason), mrr, discountPercent, Optional.ofNullable(termEndDate), plan,
                Optional.ofNullable(dateEnds), Optional.ofNullable(datePaused), emailInvoices, payment.mode(), payment.overridden(),
                payment.pastDue(), lines);
    }
}
