package org.idempiere.subscription.plugin.event;

import java.util.Arrays;
import org.adempiere.base.annotation.EventTopicDelegate;
import org.adempiere.base.annotation.ModelEventTopic;
import org.adempiere.base.event.annotations.ModelEventDelegate;
import org.adempiere.base.event.annotations.doc.AfterComplete;
import org.compiere.model.MAllocationHdr;
import org.compiere.model.MAllocationLine;
import org.osgi.service.event.Event;

/**
 * A payment in the ERP stops the dunning at once: on iDempiere's {@code C_AllocationHdr} "after
 * complete" event (iDempiere creates one instance per event, found by {@link OrderEventManager}'s
 * scan), the invoices of the allocation's lines go to the engine ({@link AllocationRecovery}), in
 * the allocation's transaction. Only completion is handled: an invoice opened again by reversing an
 * allocation after its attempts were cancelled is not charged again by itself; a request to pay it
 * now charges it.
 */
@EventTopicDelegate
@ModelEventTopic(modelClass = MAllocationHdr.class)
public final class AllocationEventDelegate extends ModelEventDelegate<MAllocationHdr> {

    public AllocationEventDelegate(MAllocationHdr allocation, Event event) {
        super(allocation, event);
    }

    @AfterComplete
    public void afterComplete() {
        MAllocationHdr allocation = getModel();
        int[] invoices = Arrays.stream(allocation.getLines(false)).mapToInt(MAllocationLine::getC_Invoice_ID).toArray();
        AllocationRecovery.handle(allocation.get_ID(), allocation.getAD_Org_ID(), AllocationRecovery.invoiceIds(invoices),
                allocation.get_TrxName());
    }
}
