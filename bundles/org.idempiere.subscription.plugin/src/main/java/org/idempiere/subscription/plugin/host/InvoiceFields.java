package org.idempiere.subscription.plugin.host;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.InvoiceDraft;
import org.idempiere.subscription.api.host.InvoiceLineDraft;

/**
 * The values {@link IdempiereInvoicing} writes into {@code MInvoice} and {@code MInvoiceLine} for
 * an {@link InvoiceDraft}, computed without iDempiere so the translation can be tested. Checks
 * what iDempiere would refuse with a less helpful message (organization {@code *}, no lines, ids
 * out of range, quantities that are not positive).
 *
 * @param header the invoice header
 * @param lines  the lines, in the draft's order (iDempiere numbers them 10, 20, ...)
 */
record InvoiceFields(Header header, List<Line> lines) {

    InvoiceFields {
        lines = List.copyOf(lines);
    }

    /**
     * {@code C_Invoice} values. {@code DateAcct} is {@code dateInvoiced}; the document type is the
     * tenant's AR Invoice ({@code DocBaseType ARI}); payment term, contact and sales representative
     * come from the business partner, as iDempiere's {@code MInvoice.setBPartner} sets them.
     */
    record Header(int orgId, int customerId, int billToLocationId, int priceListId, int currencyId,
            Timestamp dateInvoiced, String description) {
    }

    /**
     * {@code C_InvoiceLine} values: quantity and unit price in the line's unit of measure
     * ({@code QtyEntered}, {@code PriceEntered}); the description ends with the service period.
     */
    /**
     * @param qtyEntered   quantity in {@code uomId}
     * @param priceEntered price per {@code uomId}
     * @param uomRate      product units in one {@code uomId}: iDempiere's invoiced quantity is
     *                     {@code qtyEntered x uomRate} (rounded by iDempiere to the product unit's
     *                     precision) and its price actual {@code priceEntered / uomRate}; the line net
     *                     ({@code MInvoiceLine.setLineNetAmt}: price entered x quantity entered) stays the
     *                     engine's
     */
    record Line(int productId, int uomId, BigDecimal qtyEntered, BigDecimal priceEntered, String description,
            BigDecimal uomRate) {

        /** A line in the product's own unit. */
        Line(int productId, int uomId, BigDecimal qtyEntered, BigDecimal priceEntered, String description) {
            this(productId, uomId, qtyEntered, priceEntered, description, BigDecimal.ONE);
        }

        /** @return the quantity in the product's unit ({@code QtyInvoiced}) */
        BigDecimal qtyInvoiced() {
            return qtyEntered.multiply(uomRate);
        }

        /**
         * @return the price per product unit ({@code PriceActual}), exact when it can be, else to 12
         *         decimals (far below any currency's cent when multiplied back)
         */
        BigDecimal priceActual() {
            if (uomRate.compareTo(BigDecimal.ONE) == 0) {
                return priceEntered;
            }
            try {
                return priceEntered.divide(uomRate);
            } catch (ArithmeticException nonTerminating) {
                return priceEntered.divide(uomRate, 12, java.math.RoundingMode.HALF_UP);
            }
        }
    }

    /**
     * @param orgId the organization that issues the invoice ({@code AD_Org_ID} of the context)
     * @throws SubscriptionException HOST_FAILURE for organization {@code *} or a draft without
     *         lines; INVALID_VALUE for an id iDempiere cannot hold or a quantity that is not positive
     */
    static InvoiceFields of(InvoiceDraft draft, long orgId) {
        if (orgId <= 0) {
            throw SubscriptionException.hostFailure("An invoice needs an organization, not '*' (AD_Org_ID 0): run billing"
                    + " logged in to, or scheduled for, the organization that issues the invoices", null);
        }
        if (draft.lines().isEmpty()) {
            throw SubscriptionException.hostFailure("An invoice needs at least one line", null);
        }
        Header header = new Header(Ids.require("AD_Org_ID", orgId), Ids.require("customerId", draft.customerId()),
                Ids.require("billToLocationId", draft.billToLocationId()), Ids.require("priceListId", draft.priceListId()),
                Ids.require("currencyId", draft.currencyId()), Dates.toTimestamp(draft.dateInvoiced()),
                ServicePeriodText.fit(draft.description(), ServicePeriodText.DESCRIPTION_LENGTH));
        List<Line> lines = new ArrayList<>(draft.lines().size());
        for (InvoiceLineDraft l : draft.lines()) {
            if (l.quantity() == null || l.quantity().signum() <= 0) {
                throw SubscriptionException.invalid("quantity", l.quantity(), "must be positive on an invoice line");
            }
            lines.add(new Line(Ids.require("productId", l.productId()), Ids.require("uomId", l.uomId()), l.quantity(),
                    l.priceActual(), ServicePeriodText.describe(l.description(), l.period()), l.uomRate()));
        }
        return new InvoiceFields(header, lines);
    }
}
