package org.idempiere.subscription.core.internal.store;

import java.util.Optional;
import org.idempiere.subscription.api.PaymentMode;

/**
 * How a subscription's invoices are paid, as {@code SUB_Subscription} says: its own
 * {@code PaymentMode} (empty: its template's) resolved against its template's, and its
 * {@code IsPastDue} flag.
 *
 * @param mode       the effective mode: its own, else its template's
 * @param overridden whether {@code mode} is its own setting
 * @param pastDue    whether a charge failed and the invoice is still unpaid
 */
public record PaymentSetting(PaymentMode mode, boolean overridden, boolean pastDue) {

    /** For a record not read from the database: paid manually as a template says, not past due. */
    public static final PaymentSetting AS_TEMPLATE_MANUAL = new PaymentSetting(PaymentMode.MANUAL, false, false);

    public PaymentSetting {
        mode = mode == null ? PaymentMode.MANUAL : mode;
    }

    /** A new subscription's: its own mode if it has one, else its template's; not past due. */
    public static PaymentSetting opened(Optional<PaymentMode> own, PaymentMode template) {
        return new PaymentSetting(own.orElse(template), own.isPresent(), false);
    }
}
