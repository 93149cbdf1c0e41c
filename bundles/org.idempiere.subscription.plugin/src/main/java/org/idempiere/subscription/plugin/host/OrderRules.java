package org.idempiere.subscription.plugin.host;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.compiere.model.X_C_DocType;
import org.compiere.model.X_C_Order;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Order;

/**
 * Which iDempiere orders make contracts and how an order becomes the {@link Order} the engine
 * reads, decided without iDempiere. The constants are release-12's compile-time constants of
 * {@code X_C_DocType} and {@code X_C_Order}, so this class needs no iDempiere class at run time.
 *
 * <p><b>Which orders count.</b> Sales documents ({@code IsSOTrx=Y}) of base type Sales Order
 * ({@code SOO}) whose {@code DocSubTypeSO} is a sale the customer is bound by: Standard Order
 * ({@code SO}), Prepay Order ({@code PR}), On Credit Order ({@code WI}), Warehouse Order
 * ({@code WP}), POS Order ({@code WR}) and the binding Quotation ({@code OB}). Not: the Proposal
 * ({@code ON}, iDempiere's non-binding offer), Return Material ({@code RM}), purchase orders and
 * any other document type. An order that does not count is read with no recurring line.
 */
public final class OrderRules {
    /** {@code DocSubTypeSO} values of sales orders that make contracts. */
    public static final Set<String> CONTRACT_SUBTYPES = Set.of(X_C_DocType.DOCSUBTYPESO_StandardOrder,
            X_C_DocType.DOCSUBTYPESO_PrepayOrder, X_C_DocType.DOCSUBTYPESO_OnCreditOrder,
            X_C_DocType.DOCSUBTYPESO_WarehouseOrder, X_C_DocType.DOCSUBTYPESO_POSOrder, X_C_DocType.DOCSUBTYPESO_Quotation);

    private OrderRules() {
    }

    /** @return whether a document of this kind makes contracts (see the class comment) */
    public static boolean countsForContracts(boolean soTrx, String docBaseType, String docSubTypeSO) {
        return soTrx && X_C_DocType.DOCBASETYPE_SalesOrder.equals(docBaseType) && docSubTypeSO != null
                && CONTRACT_SUBTYPES.contains(docSubTypeSO);
    }

    /** @return whether this order's document type makes contracts */
    public static boolean countsForContracts(OrderFacts order) {
        return countsForContracts(order.soTrx(), order.docBaseType(), order.docSubTypeSO());
    }

    /** @return whether the order is completed or closed ({@code DocStatus} CO or CL) */
    public static boolean settled(String docStatus) {
        return X_C_Order.DOCSTATUS_Completed.equals(docStatus) || X_C_Order.DOCSTATUS_Closed.equals(docStatus);
    }

    /** @return whether a line of the order has a product marked as subscription product */
    public static boolean hasSubscriptionProduct(OrderFacts order) {
        return order.lines().stream().anyMatch(OrderFacts.Line::subscriptionProduct);
    }

    /**
     * The order as the engine reads it. Lines carry a plan only when the order counts and is
     * completed or closed, or is the order whose completion is being handled right now (iDempiere
     * fires "after complete" before it sets {@code DocStatus} to CO); a draft, a voided order, a
     * proposal or a purchase order has no recurring line.
     *
     * <p>Prices: {@code PriceEntered} is iDempiere's net price (its {@code Discount} only records
     * how far it is below the list price), so each line carries {@code PriceEntered} with a
     * discount of 0; passing {@code Discount} as well would discount twice.
     *
     * @param inItsDocumentEvent the order's own completion or void is being handled on this thread
     * @throws SubscriptionException INVALID_VALUE for a recurring line the engine cannot take (a
     *         subscription product without a template, a negative quantity), REQUIRED when the
     *         order has no bill-to location or no date
     */
    public static Order toOrder(OrderFacts order, boolean inItsDocumentEvent) {
        boolean recurring = countsForContracts(order) && (inItsDocumentEvent || settled(order.docStatus()));
        BillTo billTo = billTo(order);
        List<Order.Line> lines = new ArrayList<>();
        for (OrderFacts.Line l : order.lines()) {
            lines.add(new Order.Line(l.id(), l.line(), l.productId(), l.qtyEntered(), l.uomId(), l.priceEntered(),
                    BigDecimal.ZERO, recurring ? plan(order, l) : Optional.empty()));
        }
        return new Order(order.id(), order.documentNo(), billTo.customerId(), billTo.locationId(), billTo.contactUserId(),
                order.priceListId(), order.currencyId(), order.salesRepId() > 0 ? Optional.of((long) order.salesRepId())
                        : Optional.empty(), startDate(order), lines);
    }

    /**
     * The plan of a line: the product's template when the product is a subscription product and
     * the quantity is positive. A zero quantity subscribes to nothing and carries no plan.
     */
    static Optional<Long> plan(OrderFacts order, OrderFacts.Line l) {
        if (!l.subscriptionProduct() || l.qtyEntered() == null || l.qtyEntered().signum() == 0) {
            return Optional.empty();
        }
        if (l.qtyEntered().signum() < 0) {
            throw SubscriptionException.invalid("QtyEntered", l.qtyEntered().toPlainString(), "on line " + l.line()
                    + " of order " + order.documentNo() + " is negative; a subscription product needs a positive quantity");
        }
        if (l.templateId() <= 0) {
            throw SubscriptionException.invalid("M_Product_ID", l.productId(), "on line " + l.line() + " of order "
                    + order.documentNo() + " is a subscription product without a subscription template");
        }
        return Optional.of((long) l.templateId());
    }

    /**
     * Who is invoiced, where, and the contact: iDempiere's bill-to of an order, as
     * {@code new MInvoice(MOrder, …)} takes it: {@code Bill_BPartner_ID}, {@code Bill_Location_ID},
     * {@code Bill_User_ID}. {@code MOrder.beforeSave} defaults the first two to the order's
     * {@code C_BPartner_ID} and {@code C_BPartner_Location_ID}; the same fallbacks apply here, and
     * the order's contact ({@code AD_User_ID}) stands in for a missing bill-to contact, but only
     * when the bill-to partner is the order's partner (a location or contact of another partner
     * is never mixed in).
     */
    static BillTo billTo(OrderFacts order) {
        int customer = order.billBPartnerId() > 0 ? order.billBPartnerId() : order.bpartnerId();
        boolean samePartner = customer == order.bpartnerId();
        int location = order.billLocationId() > 0 ? order.billLocationId() : samePartner ? order.bpartnerLocationId() : 0;
        int contact = order.billUserId() > 0 ? order.billUserId() : samePartner ? order.userId() : 0;
        if (customer <= 0) {
            throw SubscriptionException.required("C_BPartner_ID");
        }
        if (location <= 0) {
            throw SubscriptionException.required("Bill_Location_ID");
        }
        return new BillTo(customer, location, contact > 0 ? Optional.of((long) contact) : Optional.empty());
    }

    /** When the contract starts: {@code DatePromised}, else {@code DateOrdered}. */
    static LocalDate startDate(OrderFacts order) {
        if (order.datePromised() != null) {
            return order.datePromised();
        }
        if (order.dateOrdered() != null) {
            return order.dateOrdered();
        }
        throw SubscriptionException.required("DateOrdered");
    }

    /** The order's bill-to: the customer of the contract, its invoice location and contact. */
    record BillTo(long customerId, long locationId, Optional<Long> contactUserId) {
    }
}
