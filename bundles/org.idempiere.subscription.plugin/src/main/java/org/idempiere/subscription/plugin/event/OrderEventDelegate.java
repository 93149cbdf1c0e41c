package org.idempiere.subscription.plugin.event;

import java.util.Optional;
import org.adempiere.base.annotation.EventTopicDelegate;
import org.adempiere.base.annotation.ModelEventTopic;
import org.adempiere.base.event.annotations.ModelEventDelegate;
import org.adempiere.base.event.annotations.doc.AfterComplete;
import org.adempiere.base.event.annotations.doc.AfterVoid;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.model.MDocType;
import org.compiere.model.MOrder;
import org.compiere.util.Env;
import org.idempiere.subscription.plugin.host.IdempiereOrders;
import org.idempiere.subscription.plugin.host.OrderFacts;
import org.idempiere.subscription.plugin.host.OrderRules;
import org.osgi.service.event.Event;

/**
 * Quote to contract on iDempiere's {@code C_Order} document events. iDempiere creates one instance
 * per event (found by {@link OrderEventManager}'s scan, constructed with the {@code MOrder} and the
 * event) and calls the annotated method inside the document action, in the order's transaction.
 * The decisions are {@link QuoteToContract}'s; this class reads the order and reports a failure as
 * an {@link AdempiereException}, which iDempiere shows as the reason the action failed.
 */
@EventTopicDelegate
@ModelEventTopic(modelClass = MOrder.class)
public final class OrderEventDelegate extends ModelEventDelegate<MOrder> {

    public OrderEventDelegate(MOrder order, Event event) {
        super(order, event);
    }

    @AfterComplete
    public void afterComplete() {
        handle(QuoteToContract.DocEvent.COMPLETED);
    }

    /** Also reached by Reverse-Correct: {@code MOrder.reverseCorrectIt()} ends in {@code voidIt()}. */
    @AfterVoid
    public void afterVoid() {
        handle(QuoteToContract.DocEvent.VOIDED);
    }

    private void handle(QuoteToContract.DocEvent event) {
        MOrder order = getModel();
        MDocType docType = IdempiereOrders.docType(order);
        if (docType == null || !OrderRules.countsForContracts(order.isSOTrx(), docType.getDocBaseType(),
                docType.getDocSubTypeSO())) {
            return;   // purchase orders, proposals, returns ...: not even the lines are read
        }
        try {
            OrderFacts facts = IdempiereOrders.facts(order);
            Optional<OrderFacts> quotation = order.getQuotationOrder_ID() > 0
                    ? Optional.of(IdempiereOrders.facts(new MOrder(Env.getCtx(), order.getQuotationOrder_ID(),
                            order.get_TrxName())))
                    : Optional.empty();
            QuoteToContract.handle(event, facts, quotation, order.get_TrxName());
        } catch (RuntimeException e) {
            throw new AdempiereException(QuoteToContract.failureMessage(event, order.getDocumentNo(), e), e);
        }
    }
}
