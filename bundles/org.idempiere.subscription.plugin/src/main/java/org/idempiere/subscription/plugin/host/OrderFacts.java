package org.idempiere.subscription.plugin.host;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What quote-to-contract reads from an iDempiere order ({@code C_Order} with its document type and
 * its lines' products), as plain values. {@link IdempiereOrders#facts} reads them from
 * {@code MOrder}; {@link OrderRules} and the order event decide on them without iDempiere.
 * Ids are iDempiere's: 0 means none.
 *
 * @param docBaseType  {@code C_DocType.DocBaseType} of the order's document type, null if it has none
 * @param docSubTypeSO {@code C_DocType.DocSubTypeSO}, null if none
 * @param quotationOrderId {@code QuotationOrder_ID}: the quotation this order was copied from
 *                     (iDempiere's Copy Order process sets it), 0 if none
 * @param lines        the active lines that have a product, in {@code Line} order
 */
public record OrderFacts(int id, String documentNo, int orgId, boolean soTrx, String docBaseType, String docSubTypeSO,
        String docStatus, int bpartnerId, int bpartnerLocationId, int userId, int billBPartnerId, int billLocationId,
        int billUserId, int priceListId, int currencyId, int salesRepId, LocalDate datePromised, LocalDate dateOrdered,
        int quotationOrderId, List<Line> lines) {

    public OrderFacts {
        lines = List.copyOf(lines);
    }

    /**
     * One order line with a product.
     *
     * @param qtyEntered          {@code QtyEntered}, in the line's unit
     * @param uomId               {@code C_UOM_ID}, the line's unit
     * @param priceEntered        {@code PriceEntered}: iDempiere's net unit price in the line's unit
     *                            (the line discount is already applied to it)
     * @param subscriptionProduct the product's {@code IsSubscriptionProduct}
     * @param templateId          the product's {@code SUB_Template_ID}, 0 if none
     */
    public record Line(int id, int line, int productId, BigDecimal qtyEntered, int uomId, BigDecimal priceEntered,
            boolean subscriptionProduct, int templateId) {
    }
}
