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
     * tenant's AR Invoice ({@code DocBaseType ARI}); the payment term comes from the business
     * partner, as iDempiere's {@code MInvoice.setBPartner} sets it.
     *
     * @param orgId        {@code AD_Org_ID}: the subscription's organization, else the context's
     * @param taxIncluded  {@code IsTaxIncluded}: the price list's ({@code MPriceList.isTaxIncluded});
     *                     {@code MInvoice} defaults it to N and {@code setM_PriceList_ID} copies only
     *                     the currency, so it is set from the price list explicitly
     * @param contactUserId {@code AD_User_ID}: the subscription's contact; 0 keeps the one
     *                     {@code setBPartner} chose (the partner's first contact)
     * @param salesRepId   {@code SalesRep_ID}: the subscription's representative; 0 keeps the
     *                     partner's, else the context's user (iDempiere's default)
     */
    record Header(int orgId, int customerId, int billToLocationId, int priceListId, int currencyId,
            Timestamp dateInvoiced, String description, boolean taxIncluded, int contactUserId, int salesRepId) {
    }

    /**
     * What the invoice takes from its price list ({@code M_PriceList}).
     *
     * @param currencyId  {@code C_Currency_ID}
     * @param taxIncluded {@code IsTaxIncluded}: its prices include tax
     */
    record PriceList(int currencyId, boolean taxIncluded) {
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

        /**
         * @return whether iDempiere's pricing ({@code MInvoiceLine.setPrice(priceList, partner)})
         *         runs before the engine's price is set: for charges, so the line has its list and
         *         limit prices; not for a credit (a negative price), which must not be held to the
         *         price limit: with a limit loaded, {@code MInvoiceLine.beforeSave} refuses any price
         *         under it ("UnderLimitPrice") where the price list enforces limits, and a credit
         *         is always under it (decisions/0021)
         */
        boolean pricedByHost() {
            return priceEntered.signum() >= 0;
        }

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
     * Fields for a draft whose price list is not known (tax excluded, the draft's currency).
     *
     * @see #of(InvoiceDraft, long, PriceList)
     */
    static InvoiceFields of(InvoiceDraft draft, long contextOrgId) {
        return of(draft, contextOrgId, new PriceList(Ids.orNone(draft.currencyId()), false));
    }

    /**
     * @param contextOrgId the organization of the context that runs billing ({@code Env.getAD_Org_ID}):
     *                     the invoice's when the draft names none (or {@code *})
     * @param priceList    the draft's price list as iDempiere has it
     * @throws SubscriptionException HOST_FAILURE for organization {@code *} or a draft without
     *         lines; INVALID_VALUE for an id iDempiere cannot hold, a quantity that is not positive or
     *         a price list in another currency than the draft's
     */
    static InvoiceFields of(InvoiceDraft draft, long contextOrgId, PriceList priceList) {
        long orgId = draft.orgId().filter(id -> id > 0).orElse(contextOrgId);
        if (orgId <= 0) {
            throw SubscriptionException.hostFailure("An invoice needs an organization, not '*' (AD_Org_ID 0): give the"
                    + " subscription its organization, or run billing logged in to, or scheduled for, the organization that"
                    + " issues the invoices", null);
        }
        if (draft.lines().isEmpty()) {
            throw SubscriptionException.hostFailure("An invoice needs at least one line", null);
        }
        int currencyId = Ids.require("currencyId", draft.currencyId());
        if (priceList.currencyId() != currencyId) {
            throw SubscriptionException.invalid("priceListId", draft.priceListId(), "is a price list in currency "
                    + priceList.currencyId() + ", not in the invoice's currency " + currencyId);
        }
        Header header = new Header(Ids.require("AD_Org_ID", orgId), Ids.require("customerId", draft.customerId()),
                Ids.require("billToLocationId", draft.billToLocationId()), Ids.require("priceListId", draft.priceListId()),
                currencyId, Dates.toTimestamp(draft.dateInvoiced()),
                ServicePeriodText.fit(draft.description(), ServicePeriodText.DESCRIPTION_LENGTH), priceList.taxIncluded(),
                draft.contactUserId().map(id -> Ids.require("contactUserId", id)).orElse(0),
                draft.salesRepId().map(id -> Ids.require("salesRepId", id)).orElse(0));
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
