package org.idempiere.subscription.plugin.event;

import java.sql.Timestamp;
import java.time.LocalDate;
import org.adempiere.base.annotation.EventTopicDelegate;
import org.adempiere.base.annotation.ModelEventTopic;
import org.adempiere.base.event.annotations.ModelEventDelegate;
import org.adempiere.base.event.annotations.doc.AfterReverseAccrual;
import org.adempiere.base.event.annotations.doc.AfterReverseCorrect;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.model.MInvoice;
import org.compiere.util.Env;
import org.osgi.service.event.Event;

/**
 * A subscription invoice voided or reversed in iDempiere takes its revenue with it (decision
 * 0057): on the {@code C_Invoice} "after reverse - correct" and "after reverse - accrual" events
 * (iDempiere creates one instance per event, found by {@link OrderEventManager}'s scan) the invoice
 * and its reversal's date go to the engine ({@link RevenueReversal}), in the invoice's transaction.
 *
 * <p>Void of a completed invoice is one of these two in iDempiere ({@code MInvoice.voidIt} reverses
 * with correction while the period is open, else with accrual), so it is covered; "after void"
 * itself fires only for an invoice never completed, and the engine's invoices are completed in the
 * transaction that records them, so it never concerns the engine. When the engine refuses or fails,
 * the reversal fails with its message: a reversed invoice whose revenue stayed would never be
 * corrected.
 */
@EventTopicDelegate
@ModelEventTopic(modelClass = MInvoice.class)
public final class InvoiceEventDelegate extends ModelEventDelegate<MInvoice> {

    public InvoiceEventDelegate(MInvoice invoice, Event event) {
        super(invoice, event);
    }

    @AfterReverseCorrect
    public void afterReverseCorrect() {
        handle(RevenueReversal.Action.REVERSE_CORRECT);
    }

    @AfterReverseAccrual
    public void afterReverseAccrual() {
        handle(RevenueReversal.Action.REVERSE_ACCRUAL);
    }

    private void handle(RevenueReversal.Action action) {
        MInvoice invoice = getModel();
        if (!invoice.isSOTrx()) {
            return;   // a vendor invoice: never the engine's, not even the reversal is read
        }
        LocalDate invoiced = day(invoice.getDateInvoiced());
        LocalDate reversed = invoiced;
        String reversalNo = "";
        if (invoice.getReversal_ID() > 0) {   // set by MInvoice.reverse before the event
            MInvoice reversal = new MInvoice(Env.getCtx(), invoice.getReversal_ID(), invoice.get_TrxName());
            reversed = day(reversal.getDateInvoiced());
            reversalNo = reversal.getDocumentNo();
        }
        try {
            RevenueReversal.handle(new RevenueReversal.Reversed(action, invoice.getC_Invoice_ID(), invoice.getDocumentNo(),
                    invoice.getAD_Org_ID(), invoiced, reversed, reversalNo), invoice.get_TrxName());
        } catch (RuntimeException e) {
            throw new AdempiereException(RevenueReversal.failureMessage(invoice.getDocumentNo(), e), e);
        }
    }

    private static LocalDate day(Timestamp t) {
        return t.toLocalDateTime().toLocalDate();
    }
}
