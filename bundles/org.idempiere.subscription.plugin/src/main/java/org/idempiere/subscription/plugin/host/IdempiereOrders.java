package org.idempiere.subscription.plugin.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.model.MDocType;
import org.compiere.model.MOrder;
import org.compiere.model.MOrderLine;
import org.compiere.model.MProduct;
import org.compiere.process.DocAction;
import org.compiere.util.Env;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Order;
import org.idempiere.subscription.api.host.OrderSummary;
import org.idempiere.subscription.api.host.Orders;
import org.idempiere.subscription.api.host.Tx;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Sales orders and quotations over {@code MOrder} and {@code MOrderLine}, read in the caller's
 * transaction: the header, the document type ({@code MDocType}) and every active line with a
 * product, with the product's {@code IsSubscriptionProduct} and {@code SUB_Template_ID} (columns
 * the plugin's 2Pack adds to {@code M_Product}, read by name). The order whose document event is
 * under way is not re-read: its values come from the event's {@code MOrder}
 * ({@link DocumentScope.Document#order}), which holds the definite document number that
 * {@code completeIt} has not saved yet. Which orders have recurring lines,
 * the bill-to, the start date and the prices: {@link OrderRules}.
 *
 * <p>The customer portal's list is read by {@link OrderHistory}. Accepting a quotation completes
 * it as iDempiere's own document action does ({@code setDocAction("CO")}, {@code processIt("CO")},
 * {@code saveEx()}, as its Copy Order process completes a quotation): {@code MOrder.completeIt}
 * fires the after-complete event, whose delegate runs quote-to-contract in the same transaction
 * (decisions/0014, 0031).
 */
@Component(service = Orders.class)
public final class IdempiereOrders implements Orders {
    /** {@code M_Product} column of the 2Pack: the product is recurring. */
    static final String SUBSCRIPTION_PRODUCT = "IsSubscriptionProduct";
    /** {@code M_Product} column of the 2Pack: the product's plan. */
    static final String SUBSCRIPTION_TEMPLATE = "SUB_Template_ID";

    private final HostContext host;

    @Activate
    public IdempiereOrders(@Reference HostContext host) {
        this.host = host;
    }

    @Override
    public Optional<Order> find(Tx tx, long orderId) {
        OptionalInt id = Ids.lookup(orderId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<OrderFacts> inEvent = DocumentScope.eventOrder(orderId);
        if (inEvent.isPresent()) { // the order being completed: its definite number is not saved yet
            return Optional.of(OrderRules.toOrder(inEvent.get(), true));
        }
        Properties ctx = Env.getCtx();
        MOrder order = new MOrder(ctx, id.getAsInt(), IdempiereTx.of(tx).trxName());
        if (order.get_ID() != id.getAsInt() || order.getAD_Client_ID() != Env.getAD_Client_ID(ctx)) {
            return Optional.empty();
        }
        return Optional.of(OrderRules.toOrder(facts(order), DocumentScope.isEventOf(orderId)));
    }

    @Override
    public List<OrderSummary> ofCustomer(Tx tx, long customerId, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw SubscriptionException.invalid("limit", limit, "must be between 1 and " + MAX_LIMIT);
        }
        return OrderHistory.of(tx, customerId, Optional.empty(), limit);
    }

    /**
     * Locks the order's row first ({@code FOR UPDATE} in the caller's transaction), so that of two
     * acceptances at once the second reads the first's completion and is refused, instead of
     * failing in iDempiere's document engine ("DocStatusChanged").
     */
    @Override
    public OrderSummary accept(Tx tx, long customerId, long orderId) {
        int id = Ids.lookup(orderId).orElseThrow(() -> SubscriptionException.unknown("orderId", orderId));
        boolean locked = !HostSql.list(tx, "Order", "SELECT C_Order_ID FROM C_Order WHERE C_Order_ID = ?"
                + " AND AD_Client_ID = ? AND C_BPartner_ID = ? FOR UPDATE", rs -> rs.getInt(1), id,
                Env.getAD_Client_ID(Env.getCtx()), customerId).isEmpty();
        OrderSummary quotation = (locked ? mine(tx, customerId, orderId) : Optional.<OrderSummary>empty())
                .orElseThrow(() -> SubscriptionException.unknown("orderId", orderId));
        quotation.acceptRefusal(host.today()).ifPresent(why -> {
            throw SubscriptionException.invalidState("orderId", orderId, why);
        });
        MOrder order = new MOrder(Env.getCtx(), id, IdempiereTx.of(tx).trxName());
        try {
            order.setDocAction(DocAction.ACTION_Complete);
            boolean processed = order.processIt(DocAction.ACTION_Complete);
            OrderSummaryRules.requireCompleted(order.getDocumentNo(), processed, order.getDocStatus(), order.getProcessMsg());
            order.saveEx();
        } catch (AdempiereException | IllegalStateException e) {
            throw SubscriptionException.hostFailure("iDempiere could not complete quotation " + order.getDocumentNo() + ": "
                    + e.getLocalizedMessage(), e);
        }
        return mine(tx, customerId, orderId).orElseThrow();
    }

    /** @return the customer's listed document with that id */
    private static Optional<OrderSummary> mine(Tx tx, long customerId, long orderId) {
        return OrderHistory.of(tx, customerId, Optional.of(orderId), 1).stream().findFirst();
    }

    /** @return the order's document type ({@code C_DocType_ID}, else the target one), or null */
    public static MDocType docType(MOrder order) {
        int docTypeId = order.getC_DocType_ID() > 0 ? order.getC_DocType_ID() : order.getC_DocTypeTarget_ID();
        return docTypeId > 0 ? MDocType.get(Env.getCtx(), docTypeId) : null;
    }

    /** Reads what quote-to-contract needs from an order, its lines (re-queried in its transaction) and products. */
    public static OrderFacts facts(MOrder order) {
        Properties ctx = Env.getCtx();
        String trxName = order.get_TrxName();
        List<OrderFacts.Line> lines = new ArrayList<>();
        for (MOrderLine l : order.getLines(true, null)) {
            if (!l.isActive() || l.getM_Product_ID() <= 0) {
                continue;   // inactive lines, charges and comments are not part of a contract
            }
            MProduct product = MProduct.get(ctx, l.getM_Product_ID(), trxName);
            // before the 2Pack added the columns, get_ValueAsBoolean would log a missing column per line
            boolean recurring = product != null && product.get_ColumnIndex(SUBSCRIPTION_PRODUCT) >= 0
                    && product.get_ValueAsBoolean(SUBSCRIPTION_PRODUCT);
            int templateId = product == null ? 0 : product.get_ValueAsInt(SUBSCRIPTION_TEMPLATE);
            lines.add(new OrderFacts.Line(l.getC_OrderLine_ID(), l.getLine(), l.getM_Product_ID(), l.getQtyEntered(),
                    l.getC_UOM_ID(), l.getPriceEntered(), recurring, templateId));
        }
        MDocType docType = docType(order);
        return new OrderFacts(order.getC_Order_ID(), order.getDocumentNo(), order.getAD_Org_ID(), order.isSOTrx(),
                docType == null ? null : docType.getDocBaseType(), docType == null ? null : docType.getDocSubTypeSO(),
                order.getDocStatus(), order.getC_BPartner_ID(), order.getC_BPartner_Location_ID(), order.getAD_User_ID(),
                order.getBill_BPartner_ID(), order.getBill_Location_ID(), order.getBill_User_ID(), order.getM_PriceList_ID(),
                order.getC_Currency_ID(), order.getSalesRep_ID(), Dates.toLocalDate(order.getDatePromised()),
                Dates.toLocalDate(order.getDateOrdered()), order.getQuotationOrder_ID(), lines);
    }
}
