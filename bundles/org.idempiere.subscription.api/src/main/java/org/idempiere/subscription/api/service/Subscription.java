package org.idempiere.subscription.api.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.SubscriptionStatus;

/**
 * A stored subscription: {@code SUB_Subscription} with its lines.
 *
 * @param contactUserId   the customer's contact ({@code AD_User_ID}), if any
 * @param salesRepId      the sales representative ({@code SalesRep_ID}), if any
 * @param orderId         the sales order or quotation it was created from ({@code C_Order_ID}), if any
 * @param description     free text, if any
 * @param nextInvoiceDate the day the next period will be invoiced; empty once closed
 * @param closeReasonId   the reason from the tenant's list it was closed for, if any
 * @param closeReason     the comment it was closed with, if any
 * @param mrr             monthly recurring revenue, after discounts, without tax
 * @param discountPercent the subscription's discount on every line, after the line's own
 * @param termEndDate     the last day of the current term of a fixed-term plan; empty when open-ended
 * @param plan            how it is scheduled: its own copy of its template's settings, with its overrides
 * @param endsOn          after notice not to renew: the last day of service (the end of a term),
 *                        after which it expires instead of renewing
 * @param emailInvoices   whether its invoices are e-mailed to the customer: its own setting, else its template's
 * @param pausedOn        while paused (and when closed while paused): the day it was paused, its
 *                        first day without service
 * @param paymentMode     how its invoices are paid: its own setting, else its template's
 * @param paymentModeOverridden whether {@code paymentMode} is its own setting (not its template's)
 * @param pastDue         whether a charge of one of its invoices failed and the invoice is still unpaid
 */
public record Subscription(long id, String documentNo, long templateId, long customerId, long billToLocationId,
        Optional<Long> contactUserId, Optional<Long> salesRepId, Optional<Long> orderId,
        long priceListId, Optional<String> description, LocalDate startDate, Optional<LocalDate> nextInvoiceDate, SubscriptionStatus status,
        Optional<LocalDate> dateClosed, Optional<Long> closeReasonId, Optional<String> closeReason, Money mrr,
        java.math.BigDecimal discountPercent, Optional<LocalDate> termEndDate, PlanSettings plan, Optional<LocalDate> endsOn,
        Optional<LocalDate> pausedOn, boolean emailInvoices, PaymentMode paymentMode, boolean paymentModeOverridden,
        boolean pastDue, List<SubscriptionLine> lines) {

    public Subscription {
        paymentMode = paymentMode == null ? PaymentMode.MANUAL : paymentMode;
        lines = List.copyOf(lines);
    }

    /** A subscription paid manually as its template says, not past due. */
    public Subscription(long id, String documentNo, long templateId, long customerId, long billToLocationId,
            Optional<Long> contactUserId, Optional<Long> salesRepId, Optional<Long> orderId,
            long priceListId, Optional<String> description, LocalDate startDate, Optional<LocalDate> nextInvoiceDate,
            SubscriptionStatus status, Optional<LocalDate> dateClosed, Optional<Long> closeReasonId, Optional<String> closeReason,
            Money mrr, java.math.BigDecimal discountPercent, Optional<LocalDate> termEndDate, PlanSettings plan,
            Optional<LocalDate> endsOn, Optional<LocalDate> pausedOn, boolean emailInvoices, List<SubscriptionLine> lines) {
        this(id, documentNo, templateId, customerId, billToLocationId, contactUserId, salesRepId, orderId, priceListId, description,
                startDate, nextInvoiceDate, status, dateClosed, closeReasonId, closeReason, mrr, discountPercent, termEndDate, plan,
                endsOn, pausedOn, emailInvoices, PaymentMode.MANUAL, false, false, lines);
    }
}
