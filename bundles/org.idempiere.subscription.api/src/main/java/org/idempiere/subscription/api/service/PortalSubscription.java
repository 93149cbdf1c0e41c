package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A subscription as its customer sees it in the portal, with what they may do with it. Immutable.
 *
 * @param subscription the subscription
 * @param planName     its plan's name
 * @param terms        what its plan lets the customer change ({@code permission}, options, closable)
 * @param products     the name of every product its lines, its options and the plans offered name
 * @param options      the plan's options, with their list price today (empty when none is priced)
 * @param plans        the plans the customer may move to (empty unless the plan lets them)
 * @param nextInvoice  its next invoice as it would be billed; empty when none (closed, or ends first)
 * @param asOf         the host's today, which the options' lines and prices are as of (the portal
 *                     shows the lines valid on it)
 */
public record PortalSubscription(Subscription subscription, String planName, CustomerTerms terms, Map<Long, String> products,
        List<Option> options, List<PlanChoice> plans, Optional<InvoicePreview> nextInvoice, LocalDate asOf) {

    public PortalSubscription {
        products = Map.copyOf(products);
        options = List.copyOf(options);
        plans = List.copyOf(plans);
    }

    /**
     * An option of the plan.
     *
     * @param productId the product
     * @param listPrice its price on the subscription's price list today, per unit; empty when unpriced
     * @param lineId    the subscription's line of it valid today, when the customer has it
     */
    public record Option(long productId, Optional<BigDecimal> listPrice, Optional<Long> lineId) {
    }

    /**
     * A plan the customer may move to.
     *
     * @param templateId the plan
     * @param name       its name
     * @param every      its recurrence: every {@code every} {@code unit}
     * @param unit       DAY, WEEK, MONTH or YEAR
     */
    public record PlanChoice(long templateId, String name, int every, String unit) {
    }
}
