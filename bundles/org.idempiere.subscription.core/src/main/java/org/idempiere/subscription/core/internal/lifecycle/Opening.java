package org.idempiere.subscription.core.internal.lifecycle;

import java.time.LocalDate;
import java.util.List;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.service.PlanSettings;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.idempiere.subscription.api.service.Template;

/**
 * Everything a new subscription is opened with, already validated: from the API
 * ({@link SubscriptionServiceImpl}) or from a completed order ({@link ContractServiceImpl}).
 * Nullable ids are absent values; {@code plan} is the template's settings with the overrides;
 * {@code emailInvoices} the subscription's own invoice e-mail setting, empty: as the template says;
 * {@code paymentMode} its own payment mode, empty: as the template says.
 */
record Opening(Template template, PlanSettings plan, long customerId, long billToLocationId, Long contactUserId, Long salesRepId,
        Long orderId, CurrencyRef currency, long priceListId, String description, LocalDate startDate,
        List<SubscriptionLine> lines, java.math.BigDecimal discountPercent, java.util.Optional<Boolean> emailInvoices,
        java.util.Optional<org.idempiere.subscription.api.PaymentMode> paymentMode) {

    /** An opening paid as the template says. */
    Opening(Template template, PlanSettings plan, long customerId, long billToLocationId, Long contactUserId, Long salesRepId,
            Long orderId, CurrencyRef currency, long priceListId, String description, LocalDate startDate,
            List<SubscriptionLine> lines, java.math.BigDecimal discountPercent, java.util.Optional<Boolean> emailInvoices) {
        this(template, plan, customerId, billToLocationId, contactUserId, salesRepId, orderId, currency, priceListId, description,
                startDate, lines, discountPercent, emailInvoices, java.util.Optional.empty());
    }
}
