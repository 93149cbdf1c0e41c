package org.idempiere.subscription.plugin.host;

import org.compiere.model.X_C_DocType;
import org.compiere.process.DocAction;
import org.idempiere.subscription.api.SubscriptionException;

/**
 * Turns iDempiere's answers while posting an invoice into our errors: {@code processIt} returns
 * {@code false} (or leaves the document in another status) and puts the reason into
 * {@code getProcessMsg()}; a missing document type only shows as 0. The constants used here are
 * compile-time constants, so this class needs no iDempiere class at run time.
 */
final class CompletionCheck {
    /** {@code DocStatus} of a completed document. */
    static final String COMPLETED = DocAction.STATUS_Completed;
    /** {@code DocBaseType} of an AR invoice. */
    static final String AR_INVOICE = X_C_DocType.DOCBASETYPE_ARInvoice;

    private CompletionCheck() {
    }

    /**
     * @throws SubscriptionException HOST_FAILURE when the tenant has no active AR Invoice document
     *         type for the organization ({@code MInvoice.setC_DocTypeTarget_ID} found none)
     */
    static void requireDocumentType(int docTypeId, int orgId) {
        if (docTypeId <= 0) {
            throw SubscriptionException.hostFailure("No active document type with DocBaseType " + AR_INVOICE
                    + " (AR Invoice) for organization " + orgId + " or '*'", null);
        }
    }

    /**
     * @param documentNo the invoice's number, for the message
     * @param processed  what {@code processIt(DocAction.ACTION_Complete)} returned
     * @param docStatus  the invoice's {@code DocStatus} afterwards
     * @param processMsg the invoice's {@code getProcessMsg()} afterwards, may be null
     * @throws SubscriptionException HOST_FAILURE with iDempiere's reason unless the invoice is
     *         completed
     */
    static void requireCompleted(String documentNo, boolean processed, String docStatus, String processMsg) {
        if (processed && COMPLETED.equals(docStatus)) {
            return;
        }
        String reason = processMsg == null || processMsg.isBlank() ? "iDempiere gave no reason" : processMsg.strip();
        throw SubscriptionException.hostFailure("Invoice " + documentNo + " could not be completed (DocStatus "
                + docStatus + "): " + reason, null);
    }
}
